import type { Handler, HandlerContext } from './types.ts';
import type { ActionContext } from '../authz/authorizer.ts';
import { createApiKey } from './handlers/api-keys/create-api-key.ts';
import { getApiKeys } from './handlers/api-keys/get-api-keys.ts';
import { invalidateApiKeys } from './handlers/api-keys/invalidate-api-keys.ts';
import { updateApiKey, bulkUpdateApiKeys } from './handlers/api-keys/update-api-key.ts';
import { grantApiKey } from './handlers/api-keys/grant-api-key.ts';
import { clearApiKeyCache } from './handlers/api-keys/clear-api-key-cache.ts';
import { getSelection, invalidateSelection } from './handlers/api-keys/selection.ts';
import { queryApiKeys, QUERY_API_KEY_ACTION } from './handlers/api-keys/query-api-keys.ts';
import { createToken } from './handlers/tokens/create-token.ts';
import * as sa from './handlers/service-accounts/service-accounts.ts';
import { invalidateToken } from './handlers/tokens/invalidate-token.ts';
import { authenticate } from './handlers/authenticate.ts';
import { putUser } from './handlers/users/put-user.ts';
import { getUsers } from './handlers/users/get-users.ts';
import { deleteUser } from './handlers/users/delete-user.ts';
import { changePassword } from './handlers/users/change-password.ts';
import { setEnabled } from './handlers/users/set-enabled.ts';
import { clearRealmCache } from './handlers/clear-realm-cache.ts';
import { AUTHZ_ROUTES } from './routes-authz.ts';
import { FACE_ROUTES } from './routes-face.ts';
import { PROFILE_ROUTES } from './routes-profiles.ts';
import { UNAVAILABLE_ROUTES } from './routes-unavailable.ts';
import { enrollKibana, enrollNode, enrollPreconditions } from './handlers/enrollment/enroll.ts';

export interface Route {
  readonly methods: readonly string[];
  /** `{name}` segments are path parameters. */
  readonly path: string;
  /** ES's action name, used for authorization and audit. */
  readonly action: string;
  readonly handler: Handler;
  /** The path parameter naming the user the call acts on (for own-account rules). */
  readonly targetUserParam?: string;
  /** For own-account actions without the parameter: the target is the caller. */
  readonly selfWhenMissing?: boolean;
  /** What the request acts on, for authorization rules that depend on it (read before the handler runs). */
  readonly context?: (ctx: HandlerContext) => Promise<ActionContext>;
}

const API_KEY = 'cluster:admin/xpack/security/api_key';
const SERVICE = 'cluster:admin/xpack/security/service_account';
const ownKeys = async (): Promise<ActionContext> => ({ apiKeys: { owner: true, creating: true } });

const USER = 'cluster:admin/xpack/security/user';

/** Every endpoint the gateway serves itself. Everything else is forwarded to the cluster. */
export const ROUTES: readonly Route[] = [
  { methods: ['GET'], path: '/_security/_authenticate', action: `${USER}/authenticate`, handler: authenticate },
  { methods: ['GET'], path: '/_security/user', action: `${USER}/get`, handler: getUsers },
  { methods: ['GET'], path: '/_security/user/{username}', action: `${USER}/get`, handler: getUsers },
  { methods: ['PUT', 'POST'], path: '/_security/user/{username}', action: `${USER}/put`, handler: putUser },
  { methods: ['DELETE'], path: '/_security/user/{username}', action: `${USER}/delete`, handler: deleteUser },
  { methods: ['PUT', 'POST'], path: '/_security/user/_password', action: `${USER}/change_password`, handler: changePassword, selfWhenMissing: true },
  {
    methods: ['PUT', 'POST'],
    path: '/_security/user/{username}/_password',
    action: `${USER}/change_password`,
    handler: changePassword,
    targetUserParam: 'username',
  },
  { methods: ['PUT', 'POST'], path: '/_security/user/{username}/_enable', action: `${USER}/set_enabled`, handler: setEnabled(true) },
  { methods: ['PUT', 'POST'], path: '/_security/user/{username}/_disable', action: `${USER}/set_enabled`, handler: setEnabled(false) },
  { methods: ['POST'], path: '/_security/realm/{realms}/_clear_cache', action: 'cluster:admin/xpack/security/realm/cache/clear', handler: clearRealmCache },
  { methods: ['POST', 'PUT'], path: '/_security/api_key', action: `${API_KEY}/create`, handler: createApiKey, context: ownKeys },
  {
    methods: ['GET'],
    path: '/_security/api_key',
    action: `${API_KEY}/get`,
    handler: getApiKeys,
    context: async (ctx) => {
      const s = getSelection(ctx.query);
      // An API key may read itself, but not its limited_by: that needs manage_api_key (ES's rule).
      if (s.withLimitedBy && ctx.authentication.apiKey) return { apiKeys: { owner: false } };
      return { apiKeys: { owner: s.owner, username: s.username, realmName: s.realmName, ids: s.ids } };
    },
  },
  {
    methods: ['DELETE'],
    path: '/_security/api_key',
    action: `${API_KEY}/invalidate`,
    handler: invalidateApiKeys,
    context: async (ctx) => {
      const s = invalidateSelection(await ctx.body());
      return { apiKeys: { owner: s.owner, username: s.username, realmName: s.realmName, ids: s.ids } };
    },
  },
  { methods: ['PUT'], path: '/_security/api_key/{id}', action: `${API_KEY}/update`, handler: updateApiKey, context: ownKeys },
  { methods: ['POST'], path: '/_security/api_key/_bulk_update', action: `${API_KEY}/update`, handler: bulkUpdateApiKeys, context: ownKeys },
  { methods: ['POST'], path: '/_security/api_key/grant', action: `${API_KEY}/grant`, handler: grantApiKey },
  { methods: ['POST'], path: '/_security/api_key/{ids}/_clear_cache', action: `${API_KEY}/clear_cache`, handler: clearApiKeyCache },
  { methods: ['GET'], path: '/_security/service', action: `${SERVICE}/get`, handler: sa.getServiceAccounts },
  { methods: ['GET'], path: '/_security/service/{namespace}', action: `${SERVICE}/get`, handler: sa.getServiceAccounts },
  { methods: ['GET'], path: '/_security/service/{namespace}/{service}', action: `${SERVICE}/get`, handler: sa.getServiceAccounts },
  { methods: ['GET'], path: '/_security/service/{namespace}/{service}/credential', action: `${SERVICE}/credential/get`, handler: sa.getServiceCredentials },
  { methods: ['POST', 'PUT'], path: '/_security/service/{namespace}/{service}/credential/token', action: `${SERVICE}/token/create`, handler: sa.createServiceToken },
  { methods: ['POST', 'PUT'], path: '/_security/service/{namespace}/{service}/credential/token/{name}', action: `${SERVICE}/token/create`, handler: sa.createServiceToken },
  { methods: ['DELETE'], path: '/_security/service/{namespace}/{service}/credential/token/{name}', action: `${SERVICE}/token/delete`, handler: sa.deleteServiceToken },
  {
    methods: ['POST'],
    path: '/_security/service/{namespace}/{service}/credential/token/{names}/_clear_cache',
    action: 'cluster:admin/xpack/security/service_account/token/cache/clear',
    handler: sa.clearServiceTokenCache,
  },
  { methods: ['POST'], path: '/_security/oauth2/token', action: 'cluster:admin/xpack/security/token/create', handler: createToken },
  { methods: ['DELETE'], path: '/_security/oauth2/token', action: 'cluster:admin/xpack/security/token/invalidate', handler: invalidateToken },
  { methods: ['GET', 'POST'], path: '/_security/_query/api_key', action: QUERY_API_KEY_ACTION, handler: queryApiKeys, context: ownKeys },
  { methods: ['GET'], path: '/_security/enroll/kibana', action: 'cluster:admin/xpack/security/enroll/kibana', handler: enrollKibana, context: enrollPreconditions },
  { methods: ['GET'], path: '/_security/enroll/node', action: 'cluster:admin/xpack/security/enroll/node', handler: enrollNode, context: enrollPreconditions },
  ...AUTHZ_ROUTES,
  ...FACE_ROUTES,
  ...PROFILE_ROUTES,
  ...UNAVAILABLE_ROUTES,
];

/**
 * Path prefixes the gateway owns: requests under them are never forwarded. `GET /` (the root, no prefix) is
 * served too, by its route in FACE_ROUTES.
 */
export const SERVED_PREFIXES: readonly string[] = ['_security', '_xpack', '_license'];
