/**
 * Scroll ids, point-in-time ids and SQL cursors belong to whoever opened them (ES checks the search
 * context's authentication on every use). The upstream has no notion of users, so the gateway remembers
 * which subject each id was handed to, and lets only that subject use or clear it. Bounded, with expiry.
 */
import type { Authentication } from '../core/authentication.ts';
import type { Clock } from '../core/clock.ts';
import { systemClock } from '../core/clock.ts';

const DEFAULT_TTL_MS = 24 * 60 * 60 * 1000;
const MAX_ENTRIES = 100_000;

/** ES compares the effective user, its realm, and the API key that authenticated. */
export function ownerKey(auth: Authentication): string {
  const realm = auth.authenticatingUser ? auth.lookedUpBy : auth.authenticatedBy;
  return `${auth.user.username}\u0000${realm.type}\u0000${realm.name}\u0000${auth.apiKey?.id ?? ''}`;
}

export class SearchContextRegistry {
  readonly #owners = new Map<string, { owner: string; expires: number }>();
  readonly #clock: Clock;

  constructor(clock: Clock = systemClock) {
    this.#clock = clock;
  }

  register(owner: string, id: string, ttlMs = DEFAULT_TTL_MS): void {
    if (id === '') return;
    this.#owners.delete(id);
    if (this.#owners.size >= MAX_ENTRIES) this.#evict();
    this.#owners.set(id, { owner, expires: this.#clock.now() + Math.min(ttlMs, DEFAULT_TTL_MS) });
  }

  owns(owner: string, id: string): boolean {
    const e = this.#owners.get(id);
    if (!e) return false;
    if (e.expires <= this.#clock.now()) {
      this.#owners.delete(id);
      return false;
    }
    return e.owner === owner;
  }

  release(id: string): void {
    this.#owners.delete(id);
  }

  #evict(): void {
    const now = this.#clock.now();
    for (const [id, e] of this.#owners) if (e.expires <= now) this.#owners.delete(id);
    // Still full: drop the oldest tenth (Map keeps insertion order).
    let n = this.#owners.size - Math.floor(MAX_ENTRIES * 0.9);
    for (const id of this.#owners.keys()) {
      if (n-- <= 0) break;
      this.#owners.delete(id);
    }
  }
}

/** ES time values (`1m`, `30s`, `1h`, `2d`, `500ms`) in ms; the default when absent or unreadable. */
export function keepAliveMs(value: string | undefined): number {
  if (!value) return DEFAULT_TTL_MS;
  const m = /^(\d+)(nanos|micros|ms|s|m|h|d)$/.exec(value.trim());
  if (!m) return DEFAULT_TTL_MS;
  const unit = { nanos: 1e-6, micros: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as 'ms'];
  return Math.max(1000, Number(m[1]) * unit);
}
