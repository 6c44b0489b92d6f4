import { EVENT_FIELDS, OBJECT_FIELDS } from '../fields.ts';

export const AUDIT_INDEX_PREFIX = '.security-audit-';
export const AUDIT_TEMPLATE_NAME = 'portcullis-security-audit';

type Mapping = Record<string, unknown>;

/**
 * The mapping of the audit indices: `@timestamp` a date, every field a keyword (so `term` queries on
 * `event.action` match exactly), `request.body` text, and the change objects (`put`, `create`, …) kept in
 * `_source` but not indexed, since role descriptors and metadata differ in shape from one event to the next.
 * Unknown fields are kept in `_source` only (`dynamic: false`).
 */
export function auditMappings(): Mapping {
  const properties: Mapping = { '@timestamp': { type: 'date' }, type: { type: 'keyword' } };
  for (const key of EVENT_FIELDS) {
    const leaf = key === 'request.body' ? { type: 'text' } : OBJECT_FIELDS.has(key) ? { type: 'object', enabled: false } : { type: 'keyword', ignore_above: 4096 };
    place(properties, key.split('.'), leaf);
  }
  return { dynamic: false, properties };
}

function place(properties: Mapping, path: string[], leaf: Mapping): void {
  if (path.length === 1) {
    properties[path[0]] = leaf;
    return;
  }
  const node = (properties[path[0]] ??= { properties: {} }) as { properties: Mapping };
  place(node.properties, path.slice(1), leaf);
}

/** The composable index template (`PUT _index_template/<name>`), understood by Elasticsearch 7.8+ and OpenSearch. */
export function auditIndexTemplate(prefix = AUDIT_INDEX_PREFIX): Mapping {
  return {
    index_patterns: [`${prefix}*`],
    priority: 100,
    template: {
      settings: { index: { number_of_shards: 1, auto_expand_replicas: '0-1' } },
      mappings: auditMappings(),
    },
    _meta: { description: 'Portcullis security audit trail (Elasticsearch audit field names)', managed_by: 'portcullis' },
  };
}
