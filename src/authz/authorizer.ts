import type { Authentication } from '../core/authentication.ts';
import { EsError } from '../core/errors.ts';

/** The cluster privileges that grant each served action (for the 403 message), as ES names them. */
const GRANTED_BY: Readonly<Record<string, string>> = {
  'cluster:admin/xpack/security/user/put': 'manage_security,all',
  'cluster:admin/xpack/security/user/get': 'read_security,manage_security,all',
  'cluster:admin/xpack/security/user/delete': 'manage_security,all',
  'cluster:admin/xpack/security/user/change_password': 'manage_security,all',
  'cluster:admin/xpack/security/user/set_enabled': 'manage_security,all',
  'cluster:admin/xpack/security/realm/cache/clear': 'manage_security,all',
};

/** Actions every authenticated user may perform on their own account, as ES's RBAC engine allows. */
const SAME_USER_ACTIONS = new Set(['cluster:admin/xpack/security/user/change_password']);
const ANY_USER_ACTIONS = new Set(['cluster:admin/xpack/security/user/authenticate']);

export interface Authorizer {
  /** Allows a served action or throws ES's 403. `targetUser` is the user a user-API call acts on. */
  authorizeAction(auth: Authentication, action: string, targetUser?: string): void;
  /** Allows forwarding a request to the cluster or throws ES's 403. */
  authorizeForward(auth: Authentication, method: string, path: string): void;
}

/**
 * Deny by default until roles and privileges are enforced (the authorization issue): the `superuser`
 * role may do everything; other users may only call `_authenticate` and change their own password.
 */
export class SuperuserOnlyAuthorizer implements Authorizer {
  authorizeAction(auth: Authentication, action: string, targetUser?: string): void {
    if (isSuperuser(auth) || ANY_USER_ACTIONS.has(action)) return;
    if (SAME_USER_ACTIONS.has(action) && targetUser === auth.user.username && ownAccountRealm(auth)) return;
    throw forbidden(action, auth, GRANTED_BY[action] ?? 'all');
  }

  authorizeForward(auth: Authentication, method: string, path: string): void {
    if (isSuperuser(auth)) return;
    throw forbidden(`${method} ${path}`, auth, 'all');
  }
}

function isSuperuser(auth: Authentication): boolean {
  return auth.user.roles.includes('superuser');
}

function ownAccountRealm(auth: Authentication): boolean {
  return auth.type === 'realm' && (auth.authenticatedBy.type === 'native' || auth.authenticatedBy.type === 'reserved');
}

/** ES's 403 for a user (the API key and run-as forms come with those features). */
export function forbidden(action: string, auth: Authentication, grantedBy: string): EsError {
  const roles = [...auth.user.roles].sort().join(',');
  return new EsError(
    'forbidden',
    `action [${action}] is unauthorized for user [${auth.user.username}] with effective roles [${roles}], this action is granted by the cluster privileges [${grantedBy}]`,
  );
}
