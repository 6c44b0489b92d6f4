/**
 * Elasticsearch's `filter_path` on a JSON value, for the answers the gateway writes itself: comma-separated
 * dotted paths, `*` within a name, `**` for any depth, a leading `-` for an exclusion. Inclusions keep what
 * they match (and everything under it) and drop objects and arrays left empty; exclusions then remove what
 * they match. Arrays are transparent: their elements are filtered with the array's own paths.
 */
export function filterPath(value: unknown, spec: string): unknown {
  const all = spec.split(',').map((s) => s.trim()).filter(Boolean);
  const includes = all.filter((s) => !s.startsWith('-')).map(segments);
  const excludes = all.filter((s) => s.startsWith('-')).map((s) => segments(s.slice(1)));
  let out = value;
  if (includes.length > 0) out = include(out, includes) ?? (Array.isArray(value) ? [] : {});
  if (excludes.length > 0) out = exclude(out, excludes);
  return out;
}

type Filter = readonly string[];

function segments(path: string): Filter {
  return path.split('.').filter(Boolean);
}

/** The filters left for the children of a field named `name`; an empty filter means "the whole field". */
function next(filters: readonly Filter[], name: string): Filter[] {
  const out: Filter[] = [];
  for (const f of filters) {
    if (f.length === 0) continue;
    if (f[0] === '**') {
      out.push(f); // `**` keeps matching deeper
      out.push(...next([f.slice(1)], name));
    } else if (glob(f[0], name)) out.push(f.slice(1));
  }
  return out;
}

function include(value: unknown, filters: readonly Filter[]): unknown {
  if (Array.isArray(value)) {
    const kept = value.map((v) => (isObject(v) || Array.isArray(v) ? include(v, filters) : undefined)).filter((v) => v !== undefined);
    return kept.length > 0 ? kept : undefined;
  }
  if (!isObject(value)) return undefined;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const rest = next(filters, k);
    if (rest.length === 0) continue;
    if (rest.some((f) => f.length === 0 || (f.length === 1 && f[0] === '**'))) out[k] = v;
    else {
      const kept = include(v, rest);
      if (kept !== undefined) out[k] = kept;
    }
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

function exclude(value: unknown, filters: readonly Filter[]): unknown {
  if (Array.isArray(value)) return value.map((v) => exclude(v, filters));
  if (!isObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const rest = next(filters, k);
    if (rest.some((f) => f.length === 0 || (f.length === 1 && f[0] === '**'))) continue;
    out[k] = rest.length === 0 ? v : exclude(v, rest);
  }
  return out;
}

function glob(pattern: string, name: string): boolean {
  if (!pattern.includes('*')) return pattern === name;
  const re = new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return re.test(name);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
