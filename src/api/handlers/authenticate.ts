import type { Authentication } from '../../core/authentication.ts';
import type { RealmRef } from '../../core/user.ts';
import { ok, type Handler } from '../types.ts';

/**
 * A realm reference as ES 9 writes it (`authentication_realm`, `lookup_realm`): `name` and `type` only. The
 * realm objects the authenticators carry have more (`order`…), which ES never writes.
 */
export function realmRefJson(ref: RealmRef): { name: string; type: string } {
  return { name: ref.name, type: ref.type };
}

/** ES 9 writes `managed_by: "elasticsearch"` for every key it manages itself (`cloud` is Elastic Cloud's). */
const API_KEY_MANAGED_BY = 'elasticsearch';

/**
 * An authentication as ES 9.1.5 writes it, field for field and in its order: in `_authenticate` and in the
 * token API's `authentication`. `roles` is what the caller lists (the effective roles for `_authenticate`,
 * the user's own roles in a token response, as ES). Compared with the reference ES: a file, native and
 * reserved user, an API key, a token, a service account token and run-as.
 */
export function authenticationJson(a: Authentication, roles: readonly string[]): Record<string, unknown> {
  const u = a.user;
  const out: Record<string, unknown> = { username: u.username, roles: [...roles], full_name: u.fullName, email: u.email };
  if (a.serviceAccount) out.token = { type: `_service_account_${a.serviceAccount.tokenSource}`, name: a.serviceAccount.tokenName };
  out.metadata = u.metadata;
  out.enabled = u.enabled;
  out.authentication_realm = realmRefJson(a.authenticatedBy);
  out.lookup_realm = realmRefJson(a.lookedUpBy);
  out.authentication_type = a.type;
  if (a.apiKey) out.api_key = { managed_by: API_KEY_MANAGED_BY, name: a.apiKey.name, id: a.apiKey.id };
  return out;
}

/** GET /_security/_authenticate */
export const authenticate: Handler = async ({ authentication: a, services }) =>
  // With the anonymous roles while anonymous access is on, as ES lists them.
  ok(authenticationJson(a, services.authz.engine.rolesOf(a)));
