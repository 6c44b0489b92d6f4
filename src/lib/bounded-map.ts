/**
 * A map of at most `maxSize` entries that evicts the least recently used one, up to a tolerance that
 * keeps hits cheap. Map keeps insertion order: eviction takes from the front, and a hit moves its entry
 * to the back, but only when the entry has drifted into the older half (more than maxSize/2 placements
 * since its own). Entries in the newer half are treated as equally recent, so an entry is evicted only if
 * it went unused while at least maxSize/2 others were placed after it. O(1) per operation.
 */
export class BoundedMap<K, V> {
  readonly #entries = new Map<K, Entry<V>>();
  readonly #maxSize: number;
  readonly #tolerance: number;
  #placed = 0;

  constructor(maxSize: number) {
    this.#maxSize = maxSize;
    this.#tolerance = Math.floor(maxSize / 2);
  }

  get size(): number {
    return this.#entries.size;
  }

  get(key: K): V | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    if (this.#placed - entry.placed >= this.#tolerance) this.#toBack(key, entry);
    return entry.value;
  }

  set(key: K, value: V): void {
    if (this.#maxSize <= 0) return;
    const known = this.#entries.get(key);
    if (known !== undefined) {
      known.value = value;
      this.#toBack(key, known);
      return;
    }
    this.#entries.set(key, { value, placed: ++this.#placed });
    while (this.#entries.size > this.#maxSize) this.#entries.delete(this.#entries.keys().next().value as K);
  }

  delete(key: K): void {
    this.#entries.delete(key);
  }

  clear(): void {
    this.#entries.clear();
  }

  #toBack(key: K, entry: Entry<V>): void {
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    entry.placed = ++this.#placed;
  }
}

interface Entry<V> {
  value: V;
  placed: number;
}
