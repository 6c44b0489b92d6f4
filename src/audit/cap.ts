/**
 * Size limits of audit events, so that no request (a 1 MiB role metadata, a huge body, ten thousand index
 * names) can write an audit line of its size. Sizes are bytes of the JSON-encoded value (UTF-8, escapes
 * included). A cut string ends with TRUNCATED; a cut list or object ends with a TRUNCATED entry saying how
 * many entries were left out.
 */
import { OBJECT_FIELDS, type AuditEvent, type AuditValue } from './fields.ts';

export const AUDIT_LIMITS = {
  /** One whole event (its log line is this plus the line's own punctuation). */
  event: 64 * 1024,
  /** `request.body` (with `emit_request_body`). */
  body: 16 * 1024,
  /** A security change record (`put`, `create`, `change`, `delete`, `invalidate`, …). */
  object: 16 * 1024,
  /** Every other field: names, reasons, paths, queries, each list of names. */
  field: 4 * 1024,
  /** Every field, when an event is still larger than `event` after the limits above. */
  fallback: 1024,
} as const;

export const TRUNCATED = '...[truncated]';

/** The event as it is written: within AUDIT_LIMITS, with markers where something was cut. */
export function capEvent(event: AuditEvent): AuditEvent {
  if (jsonBytes(event) <= AUDIT_LIMITS.field) return event; // the common case: one pass, nothing to cut
  const capped = capFields(event, (key) => (key === 'request.body' ? AUDIT_LIMITS.body : OBJECT_FIELDS.has(key) ? AUDIT_LIMITS.object : AUDIT_LIMITS.field));
  if (jsonBytes(capped) <= AUDIT_LIMITS.event) return capped;
  return capFields(capped, () => AUDIT_LIMITS.fallback);
}

function capFields(event: AuditEvent, budgetOf: (key: string) => number): AuditEvent {
  const out: Record<string, AuditValue> = {};
  for (const [k, v] of Object.entries(event)) out[k] = capValue(v, budgetOf(k)) as AuditValue;
  return Object.freeze(out);
}

/** A value whose JSON is at most `budget` bytes (budget ≥ 64). */
export function capValue(v: unknown, budget: number): unknown {
  if (jsonBytes(v) <= budget) return v;
  if (typeof v === 'string') return capString(v, budget);
  if (Array.isArray(v)) return capEntries(v.map((x, i) => [i, x] as const), budget, true);
  if (v !== null && typeof v === 'object') return capEntries(Object.entries(v), budget, false);
  return TRUNCATED; // a number or boolean never gets here with a sane budget
}

/** The longest prefix (with the marker) whose JSON fits. */
function capString(s: string, budget: number): string {
  let lo = 0;
  let hi = Math.min(s.length, budget);
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (jsonBytes(cut(s, mid)) <= budget) lo = mid;
    else hi = mid - 1;
  }
  return cut(s, lo);
}

/** A prefix that does not end inside a surrogate pair, with the marker. */
function cut(s: string, n: number): string {
  const code = s.charCodeAt(n - 1);
  const end = code >= 0xd800 && code <= 0xdbff ? n - 1 : n;
  return s.slice(0, end) + TRUNCATED;
}

/** Entries in order while they fit, each capped to what is left; then a marker entry counting the rest. */
function capEntries(entries: readonly (readonly [string | number, unknown])[], budget: number, list: boolean): unknown {
  const kept: [string | number, unknown][] = [];
  const reserve = 48; // the marker entry and the brackets
  let used = 2;
  for (const [k, v] of entries) {
    const room = budget - reserve - used - (list ? 1 : jsonBytes(String(k)) + 2);
    if (room < 16) break;
    const value = capValue(v, room);
    const size = jsonBytes(value) + (list ? 1 : jsonBytes(String(k)) + 2);
    if (used + size > budget - reserve) break;
    kept.push([k, value]);
    used += size;
  }
  const left = entries.length - kept.length;
  const marker = `${TRUNCATED} ${left} more`;
  if (list) return left > 0 ? [...kept.map(([, v]) => v), marker] : kept.map(([, v]) => v);
  const obj = Object.fromEntries(kept);
  if (left > 0) obj[TRUNCATED] = marker;
  return obj;
}

function jsonBytes(v: unknown): number {
  return Buffer.byteLength(JSON.stringify(v) ?? '');
}
