import type { Clock } from '../../core/clock.ts';

interface Entry<V> {
  readonly value: V;
  readonly expiresAt: number;
}

/**
 * A bounded cache with expire-after-write and least-recently-used eviction (Map keeps insertion order:
 * a hit re-inserts the key at the end, eviction takes from the front). O(1) per operation.
 */
export class CredentialCache<V> {
  readonly #entries = new Map<string, Entry<V>>();
  readonly #ttlMs: number;
  readonly #maxSize: number;
  readonly #clock: Clock;

  constructor(opts: { ttlMs: number; maxSize: number; clock: Clock }) {
    this.#ttlMs = opts.ttlMs;
    this.#maxSize = opts.maxSize;
    this.#clock = opts.clock;
  }

  get enabled(): boolean {
    return this.#ttlMs > 0 && this.#maxSize > 0;
  }

  get size(): number {
    return this.#entries.size;
  }

  get(key: string): V | undefined {
    const e = this.#entries.get(key);
    if (!e) return undefined;
    if (e.expiresAt <= this.#clock.now()) {
      this.#entries.delete(key);
      return undefined;
    }
    this.#entries.delete(key);
    this.#entries.set(key, e);
    return e.value;
  }

  set(key: string, value: V): void {
    if (!this.enabled) return;
    this.#entries.delete(key);
    this.#entries.set(key, { value, expiresAt: this.#clock.now() + this.#ttlMs });
    while (this.#entries.size > this.#maxSize) {
      const oldest = this.#entries.keys().next().value as string;
      this.#entries.delete(oldest);
    }
  }

  delete(key: string): void {
    this.#entries.delete(key);
  }

  clear(): void {
    this.#entries.clear();
  }
}
