/**
 * Makes two answers comparable: what differs between two clusters by nature (ids, secrets, tokens,
 * timestamps, node ids and names) is replaced by a marker. A value saved by an earlier step becomes
 * `<its name>` wherever it appears (whole or inside a message), so a wrong id still shows.
 */
type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Keys whose string values are generated (random) when no saved value explains them. */
const GENERATED = new Set(['id', 'api_key', 'encoded', 'access_token', 'refresh_token', 'value', 'uuid', 'cluster_name', 'profile_uid', '_id']);
const TIME_MIN = 1.5e12;
const TIME_MAX = 3e12;

export type Vars = ReadonlyMap<string, string>;

function replaceVars(s: string, vars: Vars): string {
  for (const [name, value] of vars) if (s === value) return `<${name}>`;
  let out = s;
  for (const [name, value] of [...vars].sort((a, b) => b[1].length - a[1].length)) {
    if (value.length >= 8 && out.includes(value)) out = out.split(value).join(`<${name}>`);
  }
  return out;
}

function leaf(value: Json, key: string | undefined, vars: Vars): Json {
  if (key === 'cluster_name' && typeof value === 'string') return '<cluster-name>';
  if (typeof value === 'number') return value > TIME_MIN && value < TIME_MAX ? '<time>' : value;
  if (typeof value !== 'string') return value;
  const replaced = replaceVars(value, vars);
  if (replaced !== value) return replaced;
  if (key !== undefined && GENERATED.has(key)) return '<generated>';
  if (/^\d{4}-\d\d-\d\dT\d\d:\d\d/.test(value)) return '<time>';
  return value;
}

export function normalise(value: unknown, vars: Vars, key?: string, parentKey?: string): Json {
  const v = value as Json;
  if (Array.isArray(v)) return v.map((item) => normalise(item, vars, key, parentKey));
  if (v !== null && typeof v === 'object') {
    const out: { [k: string]: Json } = {};
    for (const [k, child] of Object.entries(v)) {
      // The node map of the clear-cache answers is keyed by node id; its names are the nodes'.
      const name = key === 'nodes' ? '<node>' : replaceVars(k, vars);
      out[name] = key === 'nodes' ? normalise(child, vars, 'node') : normalise(child, vars, k, key);
    }
    return out;
  }
  if (key === 'name' && parentKey === 'node') return '<node-name>';
  return leaf(v, key, vars);
}

/** Sorts the arrays at the given dotted paths by their JSON (after normalising). */
export function sortAt(value: Json, paths: readonly string[]): Json {
  for (const path of paths) {
    const parts = path.split('.');
    const last = parts.pop()!;
    let node: Json = value;
    for (const p of parts) node = node !== null && typeof node === 'object' && !Array.isArray(node) ? (node[p] ?? null) : null;
    if (node !== null && typeof node === 'object' && !Array.isArray(node) && Array.isArray(node[last])) {
      node[last] = [...node[last]].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
    }
  }
  return value;
}
