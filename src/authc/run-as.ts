/**
 * Run-as (`es-security-runas-user`), with ES's rules: the header is ignored for subjects that cannot run as
 * anyone (API keys, service accounts, anonymous); otherwise the named user is looked up in the realm chain
 * and becomes the effective user. A user that is not found still becomes the effective user (so that
 * existence does not leak), and authorization then refuses it like a user the run-as privilege does not
 * name: `action [X] is unauthorized for user [a] with effective roles [r], because user [a] is unauthorized
 * to run as [b]`. A disabled run-as user fails authentication (401).
 */
import type { Authentication } from '../core/authentication.ts';
import { makeUser } from '../core/user.ts';
import { EsError } from '../core/errors.ts';
import type { PermissionSource } from '../authz/permission.ts';
import { runAsDeniedMessage } from '../authz/messages.ts';

export const RUN_AS_HEADER = 'es-security-runas-user';

export interface UserLookup {
  lookupUser(username: string): Promise<{ user: import('../core/user.ts').User; realm: { name: string; type: string } } | null>;
}

/** Authentications whose run-as user was not found (no lookup realm). */
const notFound = new WeakSet<Authentication>();

export function supportsRunAs(auth: Authentication): boolean {
  if (auth.apiKey || auth.type === 'api_key' || auth.type === 'anonymous' || auth.type === 'internal') return false;
  return auth.authenticatedBy.type !== '_service_account';
}

export class RunAs {
  readonly #lookup: UserLookup;
  readonly #permissions: PermissionSource;

  constructor(lookup: UserLookup, permissions: PermissionSource) {
    this.#lookup = lookup;
    this.#permissions = permissions;
  }

  /**
   * The authentication with the run-as user swapped in (unchanged without the header or when the subject
   * cannot run as). `failed` builds the 401 for a disabled run-as user.
   */
  async apply(auth: Authentication, username: string | undefined, failed: () => EsError): Promise<Authentication> {
    if (username === undefined || !supportsRunAs(auth) || auth.authenticatingUser) return auth;
    const found = username === '' ? null : await this.#lookup.lookupUser(username);
    if (!found) {
      const swapped: Authentication = { ...auth, user: makeUser(username), authenticatingUser: auth.user };
      notFound.add(swapped);
      return swapped;
    }
    if (!found.user.enabled) throw failed();
    return { ...auth, user: found.user, lookedUpBy: { name: found.realm.name, type: found.realm.type }, authenticatingUser: auth.user };
  }

  /** ES authorizes run-as before the action itself: the authenticating user's roles must name the target. */
  async authorize(auth: Authentication, action: string): Promise<void> {
    const authenticating = auth.authenticatingUser;
    if (!authenticating) return;
    const self: Authentication = { ...auth, user: authenticating, authenticatingUser: undefined, lookedUpBy: auth.authenticatedBy };
    const permission = await this.#permissions.permissionFor(self);
    if (!notFound.has(auth) && permission.runAs(auth.user.username)) return;
    throw new EsError('forbidden', runAsDeniedMessage(auth, action, permission.roleNames), { action });
  }
}
