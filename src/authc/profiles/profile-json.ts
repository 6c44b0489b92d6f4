import type { ProfileRecord } from '../../store/security-store.ts';
import { compileWildcard, STAR_ONLY } from '../../lib/patterns/wildcard.ts';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The profile's user as ES's API shows it: `realm_domain`, `email` and `full_name` only when set. */
export function profileUserJson(p: ProfileRecord): Json {
  const u = p.user;
  const out: Json = { username: u.username, roles: [...u.roles], realm_name: u.realm.name };
  if (u.realm.domain !== undefined) out.realm_domain = u.realm.domain;
  if (u.email !== null) out.email = u.email;
  if (u.fullName !== null) out.full_name = u.fullName;
  return out;
}

/** A profile as the activate and get APIs answer it; `data` holds only the application data keys asked for. */
export function profileToJson(p: ProfileRecord, dataKeys: readonly string[]): Json {
  return {
    uid: p.uid,
    enabled: p.enabled,
    last_synchronized: p.lastSynchronized,
    user: profileUserJson(p),
    labels: p.labels,
    data: filterData(p.data, dataKeys),
    _doc: { _primary_term: p.primaryTerm, _seq_no: p.seqNo },
  };
}

/**
 * The application data under the requested keys (`*` for all; dotted paths and `*` wildcards select inside),
 * as ES's source filtering includes them. No keys: no data.
 */
export function filterData(data: Readonly<Json>, keys: readonly string[]): Json {
  if (keys.length === 0) return {};
  return include(data, keys.map((k) => k.split('.')));
}

function include(obj: Readonly<Json>, paths: readonly string[][]): Json {
  const out: Json = {};
  for (const [k, v] of Object.entries(obj)) {
    const matching = paths.filter((p) => p.length > 0 && segment(p[0])(k));
    if (matching.length === 0) continue;
    if (matching.some((p) => p.length === 1)) out[k] = v;
    else if (isObject(v)) {
      const sub = include(v, matching.map((p) => p.slice(1)));
      if (Object.keys(sub).length > 0) out[k] = sub;
    }
  }
  return out;
}

const segment = (pattern: string): ((s: string) => boolean) => (pattern.includes('*') ? compileWildcard(pattern, STAR_ONLY) : (s) => s === pattern);

/** ES's partial document update: objects merge key by key (recursively), anything else replaces. */
export function mergeData(base: Readonly<Json>, update: Readonly<Json>): Json {
  const out: Json = { ...base };
  for (const [k, v] of Object.entries(update)) out[k] = isObject(v) && isObject(out[k]) ? mergeData(out[k] as Json, v) : v;
  return out;
}
