import { ok, warn, fail, type Check } from '../report.ts';
import type { HttpResult } from '../probe.ts';

/** The challenges a 401 offers (`WWW-Authenticate`), by scheme name. */
export function offeredSchemes(r: HttpResult): string[] {
  if (!r.ok) return [];
  const raw = r.headers['www-authenticate'];
  const values = Array.isArray(raw) ? raw : raw ? [raw] : [];
  return values.flatMap((v) => v.split(/,\s*(?=[A-Za-z]+(?:\s|$))/)).map((v) => v.trim().split(/\s/)[0]).filter(Boolean);
}

/**
 * Anonymous access, from two requests without credentials: `GET /_security/_authenticate` (always allowed
 * to an authenticated or anonymous user) and `GET /` (needs `monitor`). 401 on the first: disabled. 200:
 * enabled; then the second tells whether its roles suffice, and `authz_exception` (403) or not (401).
 */
export function classifyAnonymous(authn: HttpResult, root: HttpResult | null): Check {
  if (!authn.ok) return fail('anonymous', `the request without credentials failed (${authn.code})`, null);
  if (authn.status === 401) {
    const schemes = offeredSchemes(authn);
    return ok('anonymous', `anonymous access is disabled: a request without credentials gets 401${schemes.length ? ` (the server offers ${schemes.join(', ')})` : ''}`);
  }
  if (authn.status === 200) {
    const user = authn.json?.username ?? '?';
    const roles = Array.isArray(authn.json?.roles) ? authn.json.roles.join(', ') : '';
    const base = `anonymous access is enabled: requests without credentials run as [${user}]${roles ? ` with roles [${roles}]` : ''}`;
    if (!root?.ok || root.status === 200) {
      return warn('anonymous', `${base}; a missing or dropped Authorization header is not an error here, it silently runs as the anonymous user`, 'if your client should be authenticated, check that it sends its credentials');
    }
    if (root.status === 403) {
      return warn('anonymous', `${base}; its roles lack privileges (GET / gave 403: xpack.security.authc.anonymous.authz_exception is true), so a request without credentials gets 403, not 401`, 'a 403 on a request you meant to authenticate means your credentials were not sent');
    }
    if (root.status === 401) {
      return warn('anonymous', `${base}; its roles lack privileges and authz_exception is false, so it answers 401 for a missing privilege: a 401 here can be an authorization failure of the anonymous user`, 'send credentials; or grant the anonymous roles what they need');
    }
    return warn('anonymous', `${base}; GET / without credentials answered ${root.status}`, null);
  }
  if (authn.status === 403) {
    return warn('anonymous', 'a request without credentials got 403: anonymous access is enabled but its roles do not allow even _authenticate', 'send credentials; a 403 on a request you meant to authenticate means your credentials were not sent');
  }
  const e = authn.json?.error;
  const reason = typeof e === 'string' ? e : typeof e?.reason === 'string' ? e.reason : '';
  if (/no handler found for uri \[[^\]]*_security|security must be (explicitly )?enabled/i.test(reason)) {
    return warn('anonymous', 'the server has no security layer: every request is served without credentials', null);
  }
  return warn('anonymous', `a request without credentials got HTTP ${authn.status}`, null);
}
