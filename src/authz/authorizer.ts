import type { Authentication } from '../core/authentication.ts';
import { EsError } from '../core/errors.ts';

/** What a served action acts on, for the rules that depend on it (own account, own API keys). */
export interface ActionContext {
  /** The user a user-API call acts on. */
  readonly targetUser?: string;
  /** For API key actions: which keys the request names. `owner: true` means "the caller's own keys". */
  readonly apiKeys?: { readonly owner: boolean; readonly username?: string; readonly realmName?: string; readonly ids?: readonly string[] };
  /** For application privilege actions: the applications the request names (empty: all), for `global.application.manage`. */
  readonly applications?: readonly string[];
}

export interface Authorizer {
  /** Allows a served action (`_security/*`) or throws ES's 403. */
  authorizeAction(auth: Authentication, action: string, context?: ActionContext): Promise<void>;
  /** Allows forwarding a request to the cluster or throws ES's 403. */
  authorizeForward(auth: Authentication, method: string, path: string): Promise<void>;
}

/** The cluster privileges that grant each served action (for the 403 message), as ES names them. */
const GRANTED_BY: Readonly<Record<string, string>> = {
  'cluster:admin/xpack/security/user/put': 'manage_security,all',
  'cluster:admin/xpack/security/user/get': 'read_security,manage_security,all',
  'cluster:admin/xpack/security/user/delete': 'manage_security,all',
  'cluster:admin/xpack/security/user/change_password': 'manage_security,all',
  'cluster:admin/xpack/security/user/set_enabled': 'manage_security,all',
  'cluster:admin/xpack/security/realm/cache/clear': 'manage_security,all',
};

const SAME_USER_ACTIONS = new Set(['cluster:admin/xpack/security/user/change_password']);
const ANY_USER_ACTIONS = new Set(['cluster:admin/xpack/security/user/authenticate']);

/**
 * Deny by default until roles and privileges are enforced (the authorization issue): the `superuser`
 * role may do everything; other users may only call `_authenticate` and change their own password.
 */
export class SuperuserOnlyAuthorizer implements Authorizer {
  async authorizeAction(auth: Authentication, action: string, context: ActionContext = {}): Promise<void> {
    if (isSuperuser(auth) || ANY_USER_ACTIONS.has(action)) return;
    if (SAME_USER_ACTIONS.has(action) && context.targetUser === auth.user.username && ownAccountRealm(auth)) return;
    throw forbidden(action, auth, GRANTED_BY[action] ?? 'all');
  }

  async authorizeForward(auth: Authentication, method: string, path: string): Promise<void> {
    if (isSuperuser(auth)) return;
    throw forbidden(`${method} ${path}`, auth, 'all');
  }
}

/** A user with the superuser role; an API key only when it has no descriptors of its own and its owner was a superuser. */
function isSuperuser(auth: Authentication): boolean {
  if (auth.apiKey) return Object.keys(auth.apiKey.roleDescriptors).length === 0 && Object.hasOwn(auth.apiKey.limitedBy, 'superuser');
  return auth.user.roles.includes('superuser');
}

function ownAccountRealm(auth: Authentication): boolean {
  return auth.type === 'realm' && (auth.authenticatedBy.type === 'native' || auth.authenticatedBy.type === 'reserved');
}

/** ES's 403 for a user or an API key. */
export function forbidden(action: string, auth: Authentication, grantedBy: string): EsError {
  const roles = [...auth.user.roles].sort().join(',');
  const subject = auth.apiKey
    ? `API key id [${auth.apiKey.id}] of user [${auth.user.username}]`
    : `user [${auth.user.username}]`;
  const effective = auth.apiKey ? '' : ` with effective roles [${roles}]`;
  return new EsError('forbidden', `action [${action}] is unauthorized for ${subject}${effective}, this action is granted by the cluster privileges [${grantedBy}]`);
}
