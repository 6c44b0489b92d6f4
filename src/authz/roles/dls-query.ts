import { EsError } from '../../core/errors.ts';
import type { IndicesPrivileges } from '../../core/role-descriptor.ts';

/**
 * ES's `DLSRoleQueryValidator`: a role query must be JSON and may not use queries that read other documents
 * (terms lookup, indexed shapes, percolate, has_child, has_parent). Templates are checked when used, not here.
 */
export function validateDlsQuery(group: IndicesPrivileges, index: number): void {
  if (group.query === undefined) return;
  const text = typeof group.query === 'string' ? group.query : JSON.stringify(group.query);
  const fail = (type: string, reason: string) =>
    new EsError('parse', `failed to parse field 'query' for indices [${group.names.join(',')}] at index privilege [${index}] of role descriptor`, {
      fields: { caused_by: { type, reason } },
    });
  let query: unknown;
  try {
    query = JSON.parse(text);
  } catch (e) {
    throw fail('x_content_parse_exception', (e as Error).message);
  }
  if (!isObject(query)) throw fail('parsing_exception', '[_na] query malformed, must start with start_object');
  if ('template' in query) return;
  const problem = prohibited(query);
  if (problem) throw fail('illegal_argument_exception', problem);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

const NOT_SUPPORTED: Record<string, string> = {
  percolate: 'percolate query isn\'t supported as part of a role query',
  has_child: 'has_child query isn\'t supported as part of a role query',
  has_parent: 'has_parent query isn\'t supported as part of a role query',
};

/** Walks the query positions of compound queries; returns ES's message for the first prohibited one. */
function prohibited(q: unknown): string | null {
  if (!isObject(q)) return null;
  for (const [type, body] of Object.entries(q)) {
    if (NOT_SUPPORTED[type]) return NOT_SUPPORTED[type];
    if (!isObject(body)) continue;
    if (type === 'terms' && Object.entries(body).some(([k, v]) => k !== 'boost' && k !== '_name' && isObject(v))) {
      return 'terms query with terms lookup isn\'t supported as part of a role query';
    }
    if (type === 'geo_shape' && Object.values(body).some((v) => isObject(v) && 'indexed_shape' in v)) {
      return 'geoshape query referring to indexed shapes isn\'t supported as part of a role query';
    }
    for (const inner of children(type, body)) {
      const p = prohibited(inner);
      if (p) return p;
    }
  }
  return null;
}

function children(type: string, body: Record<string, unknown>): unknown[] {
  const list = (v: unknown) => (Array.isArray(v) ? v : v === undefined ? [] : [v]);
  switch (type) {
    case 'bool':
      return [...list(body.must), ...list(body.should), ...list(body.filter), ...list(body.must_not)];
    case 'constant_score':
      return list(body.filter);
    case 'function_score':
    case 'nested':
    case 'script_score':
      return list(body.query);
    case 'boosting':
      return [...list(body.positive), ...list(body.negative)];
    case 'dis_max':
      return list(body.queries);
    default:
      return [];
  }
}
