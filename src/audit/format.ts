import { ES_LOGFILE_FIELDS, EXTENSION_FIELDS, TIMESTAMP, type AuditEvent } from './fields.ts';

/** The node fields ES adds to every event, each behind an `emit_*` setting. */
export interface NodeFields {
  readonly 'node.name'?: string;
  readonly 'node.id'?: string;
  readonly 'host.name'?: string;
  readonly 'host.ip'?: string;
  readonly 'cluster.name'?: string;
  readonly 'cluster.uuid'?: string;
}

/** A built event made whole: its instant (ISO 8601, UTC) and the node fields. */
export function completeEvent(fields: AuditEvent, nowMs: number, node: NodeFields): AuditEvent {
  const out: Record<string, AuditEvent[string]> = { [TIMESTAMP]: new Date(nowMs).toISOString() };
  for (const [k, v] of Object.entries(node)) if (typeof v === 'string' && v !== '') out[k] = v;
  return Object.freeze({ ...out, ...fields });
}

/** ES's log timestamp pattern `yyyy-MM-dd'T'HH:mm:ss,SSSZ`, in UTC (`2024-05-01T12:00:00,123+0000`). */
export function esLogTimestamp(iso: string): string {
  return `${iso.slice(0, 19)},${iso.slice(20, 23)}+0000`;
}

const LINE_ORDER: readonly string[] = [...ES_LOGFILE_FIELDS.slice(2), ...EXTENSION_FIELDS];

/**
 * One line of `<name>_audit.json`, as ES's log layout writes it: `type` and `timestamp` first, then each
 * present field in ES's order (lists and change objects as JSON values, everything else as strings).
 */
export function logfileLine(event: AuditEvent): string {
  const parts = ['"type":"audit"', `"timestamp":${JSON.stringify(esLogTimestamp(String(event[TIMESTAMP])))}`];
  for (const key of LINE_ORDER) {
    const v = event[key];
    if (v === undefined || v === '') continue;
    parts.push(`${JSON.stringify(key)}:${JSON.stringify(v)}`);
  }
  return `{${parts.join(', ')}}\n`;
}

/**
 * The document the index output stores: the same flat dotted keys, `@timestamp` as an ISO date (what the
 * index template maps as `date`), and `type: audit`. Only known fields are kept.
 */
export function indexDocument(event: AuditEvent): Record<string, unknown> {
  const doc: Record<string, unknown> = { [TIMESTAMP]: event[TIMESTAMP], type: 'audit' };
  for (const key of LINE_ORDER) {
    const v = event[key];
    if (v !== undefined && v !== '') doc[key] = v;
  }
  return doc;
}

/** The daily index an event goes to: `.security-audit-yyyy.MM.dd` (UTC). */
export function auditIndexName(prefix: string, isoTimestamp: string): string {
  return `${prefix}${isoTimestamp.slice(0, 4)}.${isoTimestamp.slice(5, 7)}.${isoTimestamp.slice(8, 10)}`;
}
