import { EsError, illegalArgument } from '../../core/errors.ts';
import { kindOf, type QueryFields, type Value } from '../../store/query.ts';

/** A query field name, checked against the query API's allowlist as ES does. */
export function checkField(field: unknown, schema: QueryFields): string {
  if (typeof field !== 'string') throw illegalArgument(`Field [${String(field)}] is not allowed for querying or aggregation`);
  if (field.includes('*') || field.includes('?')) throw illegalArgument(`Field name pattern [${field}] is not allowed for querying or aggregation`);
  if (kindOf(schema, field) === null) throw illegalArgument(`Field [${field}] is not allowed for querying or aggregation`);
  return field;
}

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, H: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** Date math relative to now (`now-1d`, `now+2h/d`), as far as API key queries need it. */
function dateMath(expr: string, now: number): number | null {
  const m = /^now((?:[+-]\d+[smhHdwMy])*)(?:\/([smhHdwMy]))?$/.exec(expr);
  if (!m) return null;
  const d = new Date(now);
  for (const [, sign, n, unit] of m[1].matchAll(/([+-])(\d+)([smhHdwMy])/g)) {
    const k = (sign === '-' ? -1 : 1) * Number(n);
    if (unit === 'M') d.setUTCMonth(d.getUTCMonth() + k);
    else if (unit === 'y') d.setUTCFullYear(d.getUTCFullYear() + k);
    else d.setTime(d.getTime() + k * UNIT_MS[unit]);
  }
  const round = m[2];
  if (round === 'y') d.setUTCMonth(0, 1);
  if (round === 'y' || round === 'M') d.setUTCDate(round === 'M' ? 1 : d.getUTCDate());
  if (round && 'yMwd'.includes(round)) d.setUTCHours(0, 0, 0, 0);
  else if (round === 'h' || round === 'H') d.setUTCMinutes(0, 0, 0);
  else if (round === 'm') d.setUTCSeconds(0, 0);
  else if (round === 's') d.setUTCMilliseconds(0);
  return d.getTime();
}

/** A value for `field`: dates become epoch milliseconds, booleans true/false, keywords strings. */
export function fieldValue(field: string, v: unknown, now: number, schema: QueryFields): Value {
  const kind = kindOf(schema, field);
  if (kind === 'date') {
    if (typeof v === 'number' && Number.isFinite(v)) return Math.trunc(v);
    if (typeof v === 'string') {
      if (/^-?\d+$/.test(v)) return Number(v);
      const rel = dateMath(v, now);
      if (rel !== null) return rel;
      const t = Date.parse(v);
      if (!Number.isNaN(t)) return t;
    }
    throw new EsError('parse', `failed to parse date field [${String(v)}] with format [strict_date_optional_time||epoch_millis]`);
  }
  if (kind === 'boolean') {
    if (v === true || v === 'true') return true;
    if (v === false || v === 'false') return false;
    throw new EsError('illegal_argument', `Can't parse boolean value [${String(v)}], expected [true] or [false]`);
  }
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  throw new EsError('parse', `[${field}] query does not support a value of this type`);
}
