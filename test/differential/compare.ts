/** Field-by-field comparison of two normalised JSON values: every difference as `path: reference ≠ gateway`. */
const show = (v: unknown): string => {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 160 ? `${s.slice(0, 157)}...` : s;
};

const kind = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

export function compare(reference: unknown, gateway: unknown, path: string, out: string[] = []): string[] {
  const rk = kind(reference);
  const gk = kind(gateway);
  if (rk !== gk) {
    out.push(`${path}: ${show(reference)} ≠ ${show(gateway)}`);
  } else if (rk === 'array') {
    const r = reference as unknown[];
    const g = gateway as unknown[];
    if (r.length !== g.length) out.push(`${path}: ${r.length} items ≠ ${g.length} items (${show(r)} ≠ ${show(g)})`);
    else r.forEach((item, i) => compare(item, g[i], `${path}[${i}]`, out));
  } else if (rk === 'object') {
    const r = reference as Record<string, unknown>;
    const g = gateway as Record<string, unknown>;
    for (const k of Object.keys(r)) {
      if (!(k in g)) out.push(`${path}.${k}: only in the reference (${show(r[k])})`);
      else compare(r[k], g[k], `${path}.${k}`, out);
    }
    for (const k of Object.keys(g)) if (!(k in r)) out.push(`${path}.${k}: only in the gateway (${show(g[k])})`);
  } else if (reference !== gateway) {
    out.push(`${path}: ${show(reference)} ≠ ${show(gateway)}`);
  }
  return out;
}
