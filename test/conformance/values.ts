/**
 * Value helpers that mirror how the Elasticsearch YAML runner (Java) sees parsed JSON:
 * maps, lists, strings, numbers, booleans and null.
 */

export type JsonMap = Record<string, unknown>;

export function isMap(v: unknown): v is JsonMap {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** `String.valueOf(x)` of the Java runner: maps as `{k=v, ...}`, lists as `[a, b]`, null as `null`. */
export function javaToString(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return `[${v.map(javaToString).join(', ')}]`;
  if (isMap(v)) return `{${Object.entries(v).map(([k, x]) => `${k}=${javaToString(x)}`).join(', ')}}`;
  return String(v);
}

/** Structural equality: numbers by value, maps by key set, lists in order. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === 'number' && typeof b === 'number') return a === b || (Number.isNaN(a) && Number.isNaN(b));
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isMap(a) && isMap(b)) {
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    return ka.every((k) => Object.hasOwn(b, k) && deepEqual(a[k], b[k]));
  }
  return false;
}

/** A short type name for messages ("String", "List", "Map", ...), as the Java runner would name it. */
export function typeName(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return 'List';
  if (isMap(v)) return 'Map';
  if (typeof v === 'string') return 'String';
  if (typeof v === 'number') return Number.isInteger(v) ? 'Integer' : 'Double';
  if (typeof v === 'boolean') return 'Boolean';
  return typeof v;
}

/** JSON for messages, cut to `max` characters. */
export function compact(v: unknown, max = 600): string {
  let s: string;
  try {
    s = typeof v === 'string' ? v : JSON.stringify(v);
  } catch {
    s = String(v);
  }
  if (s === undefined) s = String(v);
  return s.length > max ? `${s.slice(0, max)}…(${s.length} chars)` : s;
}
