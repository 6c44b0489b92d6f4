import { ok, warn, type Check } from '../report.ts';
import type { HttpResult } from '../probe.ts';

export type UserFact = 'exists' | 'disabled' | 'missing';

/** A lookup of the user with the helper key (`GET /_security/user/<name>`): does the native realm know it? */
export function classifyUserLookup(username: string, r: HttpResult): { check: Check; fact?: UserFact } {
  if (!r.ok) return { check: warn('user', `could not look up user [${username}] (${r.code})`, null) };
  if (r.status === 404) return { check: warn('user', `the native realm has no user [${username}]`, 'check the username, or the realm that should hold it'), fact: 'missing' };
  if (r.status === 401 || r.status === 403) {
    return { check: warn('user', `PORTCULLIS_DOCTOR_API_KEY may not look up users (HTTP ${r.status})`, 'give the helper key the read_security privilege') };
  }
  const u = r.status === 200 ? r.json?.[username] : undefined;
  if (!u) return { check: warn('user', `looking up user [${username}] answered HTTP ${r.status}`, null) };
  if (u.enabled === false) return { check: warn('user', `user [${username}] exists but is disabled`, `enable it: POST /_security/user/${username}/_enable`), fact: 'disabled' };
  return { check: ok('user', `user [${username}] exists and is enabled (roles [${(u.roles ?? []).join(', ')}])`), fact: 'exists' };
}
