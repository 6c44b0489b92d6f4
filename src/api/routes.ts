import type { Handler } from './types.ts';
import { authenticate } from './handlers/authenticate.ts';
import { putUser } from './handlers/users/put-user.ts';
import { getUsers } from './handlers/users/get-users.ts';
import { deleteUser } from './handlers/users/delete-user.ts';
import { changePassword } from './handlers/users/change-password.ts';
import { setEnabled } from './handlers/users/set-enabled.ts';
import { clearRealmCache } from './handlers/clear-realm-cache.ts';

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
}

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
];

/** Path prefixes the gateway owns: requests under them are never forwarded. */
export const SERVED_PREFIXES: readonly string[] = ['_security'];
