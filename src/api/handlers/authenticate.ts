import { userToJson } from '../../core/user.ts';
import { ok, type Handler } from '../types.ts';

/** GET /_security/_authenticate */
export const authenticate: Handler = async ({ authentication: a, services }) =>
  ok({
    ...userToJson(a.user),
    roles: [...services.authz.engine.rolesOf(a)], // with the anonymous roles while anonymous access is on, as ES lists them
    authentication_realm: { name: a.authenticatedBy.name, type: a.authenticatedBy.type },
    lookup_realm: { name: a.lookedUpBy.name, type: a.lookedUpBy.type },
    authentication_type: a.type,
    ...(a.apiKey ? { api_key: { id: a.apiKey.id, name: a.apiKey.name } } : {}),
    ...(a.serviceAccount ? { token: { name: a.serviceAccount.tokenName, type: `_service_account_${a.serviceAccount.tokenSource}` } } : {}),
  });
