/**
 * The upstream's index metadata, cached with a short TTL. A change made through the gateway (index created
 * or deleted, aliases changed) calls `invalidate()`, after which no request sees metadata fetched before it.
 * Past the TTL the cached snapshot is still served while one refresh runs (stale-while-revalidate), up to
 * `maxStaleMs`; after that, requests wait for the refresh.
 */
import type { Clock } from '../../core/clock.ts';
import { systemClock } from '../../core/clock.ts';
import { IndexMetadata } from './metadata.ts';

export interface MetadataSourceOptions {
  readonly ttlMs?: number;
  readonly maxStaleMs?: number;
  readonly clock?: Clock;
}

/** What the forward authorizer needs from metadata: the current snapshot, and a way to say it changed. */
export interface IndexMetadataProvider {
  current(): Promise<IndexMetadata>;
  invalidate(): void;
}

interface Snapshot {
  readonly metadata: IndexMetadata;
  readonly generation: number;
  readonly fetchedAt: number;
}

export class CachedIndexMetadata implements IndexMetadataProvider {
  readonly #fetch: () => Promise<unknown>;
  readonly #ttl: number;
  readonly #maxStale: number;
  readonly #clock: Clock;
  #generation = 1;
  #version = 0;
  #snapshot: Snapshot | null = null;
  #fingerprint = '';
  #inflight: { generation: number; promise: Promise<Snapshot> } | null = null;

  constructor(fetch: () => Promise<unknown>, opts: MetadataSourceOptions = {}) {
    this.#fetch = fetch;
    this.#ttl = opts.ttlMs ?? 1_000;
    this.#maxStale = opts.maxStaleMs ?? 10_000;
    this.#clock = opts.clock ?? systemClock;
  }

  async current(): Promise<IndexMetadata> {
    const s = this.#snapshot;
    const now = this.#clock.now();
    if (s && s.generation === this.#generation) {
      const age = now - s.fetchedAt;
      if (age < this.#ttl) return s.metadata;
      if (age < this.#maxStale) {
        this.#refresh().catch(() => undefined); // served stale; the failure shows on the next blocking call
        return s.metadata;
      }
    }
    return (await this.#refresh()).metadata;
  }

  invalidate(): void {
    this.#generation++;
  }

  #refresh(): Promise<Snapshot> {
    const generation = this.#generation;
    if (this.#inflight && this.#inflight.generation === generation) return this.#inflight.promise;
    const promise = (async () => {
      const body = await this.#fetch();
      const fingerprint = JSON.stringify(body);
      // Unchanged content keeps the same snapshot (and version), so nothing keyed by it is recomputed.
      const same = this.#snapshot !== null && this.#fingerprint === fingerprint;
      const metadata = same ? this.#snapshot!.metadata : IndexMetadata.fromResolveIndex(++this.#version, body);
      this.#fingerprint = fingerprint;
      const snap = { metadata, generation, fetchedAt: this.#clock.now() };
      if (generation === this.#generation) this.#snapshot = snap;
      return snap;
    })();
    const entry = { generation, promise };
    this.#inflight = entry;
    promise.finally(() => {
      if (this.#inflight === entry) this.#inflight = null;
    }).catch(() => undefined);
    return promise;
  }
}

/** Fixed metadata (tests, benchmarks). */
export class StaticIndexMetadata implements IndexMetadataProvider {
  #metadata: IndexMetadata;
  constructor(metadata: IndexMetadata) {
    this.#metadata = metadata;
  }
  async current(): Promise<IndexMetadata> {
    return this.#metadata;
  }
  invalidate(): void {}
  set(metadata: IndexMetadata): void {
    this.#metadata = metadata;
  }
}
