import type { Credentials, RequestInfo } from '../core/request.ts';
import type { User, RealmRef } from '../core/user.ts';

/** A realm's answer, as values (ES's AuthenticationResult). */
export type AuthenticationResult =
  | { readonly status: 'success'; readonly user: User }
  /** Not this realm's user or wrong credentials: the chain goes on to the next realm. */
  | { readonly status: 'continue'; readonly message?: string }
  /** This realm owns the principal and refused it: the chain stops with a 401. */
  | { readonly status: 'terminate'; readonly message: string };

export const success = (user: User): AuthenticationResult => ({ status: 'success', user });
export const unsuccessful = (message?: string): AuthenticationResult => ({ status: 'continue', message });
export const terminate = (message: string): AuthenticationResult => ({ status: 'terminate', message });

export interface Realm extends RealmRef {
  readonly order: number;
  /** Whether these credentials are of a kind this realm reads (ES's `supports(token)`). */
  supports(credentials: Credentials): boolean;
  authenticate(credentials: Credentials, request: RequestInfo): Promise<AuthenticationResult>;
  /** Finds a user without credentials (run-as); null when the realm does not have them or cannot look up. */
  lookupUser(username: string): Promise<User | null>;
  /** Drops cached credentials: of the named users, or all. */
  clearCache(usernames?: readonly string[]): void;
  /** ES's realm usage stats besides name and order (`_xpack/usage`): e.g. `cache: {size}` and `size` (users). */
  usageStats?(): Promise<Record<string, unknown>>;
  /** Releases what the realm holds (file watchers, connections). */
  close?(): void;
}
