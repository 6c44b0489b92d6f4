/**
 * The authentication caches that hold stored state, told what another process changed (the store's change
 * feed): native and reserved users by name, API keys by id, service tokens by account and name. OAuth2
 * tokens are read from the store on every request, so they need nothing. `all` drops every cache.
 */
import type { StoreChange, StoreChanges } from '../store/security-store.ts';

export interface AuthcCaches {
  /** The realms that keep users in the store (native, reserved), by name: drop these users. */
  clearUsers(usernames: readonly string[] | undefined): void;
  clearApiKeys(ids: readonly string[] | undefined): void;
  clearServiceTokens(account: string, names: readonly string[] | undefined): void;
  /** Every realm's cache (an unknown change may be anything). */
  clearRealms(): void;
}

export function followStoreChanges(caches: AuthcCaches): (changes: StoreChanges) => void {
  return (changes) => {
    if (changes === 'all') {
      caches.clearRealms();
      caches.clearApiKeys(undefined);
      caches.clearServiceTokens('*', undefined);
      return;
    }
    const users = idsOf(changes, 'user', 'reserved_user');
    if (users.length > 0) caches.clearUsers(users);
    const keys = idsOf(changes, 'api_key');
    if (keys.length > 0) caches.clearApiKeys(keys);
    for (const id of idsOf(changes, 'service_token')) {
      const at = id.lastIndexOf('/');
      caches.clearServiceTokens(id.slice(0, at), [id.slice(at + 1)]);
    }
  };
}

function idsOf(changes: readonly StoreChange[], ...kinds: StoreChange['kind'][]): string[] {
  return [...new Set(changes.filter((c) => kinds.includes(c.kind)).map((c) => c.id))];
}
