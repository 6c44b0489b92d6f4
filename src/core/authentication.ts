import type { RealmRef, User } from './user.ts';

export const AuthenticationType = {
  realm: 'realm',
  api_key: 'api_key',
  token: 'token',
  anonymous: 'anonymous',
  internal: 'internal',
} as const;
export type AuthenticationType = (typeof AuthenticationType)[keyof typeof AuthenticationType];

/** Who a request acts as, and how that was established. Immutable once built. */
export interface Authentication {
  /** The effective user (the run-as target when run-as is used). */
  readonly user: User;
  /** The realm that verified the credentials. */
  readonly authenticatedBy: RealmRef;
  /** The realm the effective user was looked up in (the same as authenticatedBy without run-as). */
  readonly lookedUpBy: RealmRef;
  readonly type: AuthenticationType;
  /** The authenticating user when run-as is in effect. */
  readonly authenticatingUser?: User;
}

export function realmAuthentication(user: User, realm: RealmRef): Authentication {
  return { user, authenticatedBy: realm, lookedUpBy: realm, type: AuthenticationType.realm };
}
