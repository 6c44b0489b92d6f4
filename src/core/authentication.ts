import type { RealmRef, User } from './user.ts';
import type { RoleDescriptors } from './role-descriptor.ts';

/** What an API key brings to an authentication: its identity and the two sets of role descriptors. */
export interface ApiKeyInfo {
  readonly id: string;
  readonly name: string | null;
  /** The key's own role descriptors; empty means "the owner's privileges at creation" (limited_by alone). */
  readonly roleDescriptors: RoleDescriptors;
  /** The snapshot of the owner's role descriptors taken at creation (or last update). */
  readonly limitedBy: RoleDescriptors;
}

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
  /** Present when the request authenticated with an API key (type `api_key`). */
  readonly apiKey?: ApiKeyInfo;
  /** For service accounts: the token used and the account's role descriptor (its only privileges). */
  readonly serviceAccount?: { readonly tokenName: string; readonly tokenSource: 'file' | 'index'; readonly roleDescriptor: import('./role-descriptor.ts').RoleDescriptor };
  /** For API keys: the realm the owner authenticated with when creating it (ES's `_security_api_key_creator_realm_*`). */
  readonly apiKeyOwner?: { readonly username: string; readonly realm: string; readonly realmType: string };
}

export function realmAuthentication(user: User, realm: RealmRef): Authentication {
  return { user, authenticatedBy: realm, lookedUpBy: realm, type: AuthenticationType.realm };
}
