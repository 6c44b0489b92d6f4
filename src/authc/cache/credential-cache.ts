import type { Clock } from '../../core/clock.ts';
import { BoundedMap } from '../../lib/bounded-map.ts';

interface Entry<V> {
  readonly value: V;
  readonly expiresAt: number;
}

/** A bounded cache with expire-after-write and least-recently-used eviction. O(1) per operation. */
export class CredentialCache<V> {
  readonly #entries: BoundedMap<string, Entry<V>>;
  readonly #ttlMs: number;
  readonly #maxSize: number;
  readonly #clock: Clock;

  constructor(opts: { ttlMs: number; maxSize: number; clock: Clock }) {
    this.#ttlMs = opts.ttlMs;
    this.#maxSize = opts.maxSize;
    this.#clock = opts.clock;
    this.#entries = new BoundedMap(this.enabled ? opts.maxSize : 0);
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
    return e.value;
  }

  set(key: string, value: V): void {
    if (this.enabled) this.#entries.set(key, { value, expiresAt: this.#clock.now() + this.#ttlMs });
  }

  delete(key: string): void {
    this.#entries.delete(key);
  }

  clear(): void {
    this.#entries.clear();
  }
}
