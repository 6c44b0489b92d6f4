/**
 * The stash: values saved by `set` / `transform_and_set` (and the last response body as `body`),
 * read back as `$name` (the whole string names a stashed value, which keeps its type) or `${name}`
 * inside a longer string (replaced by its text). `\${name}` stays literal. Stashed names are paths
 * into the stash, so `$body.hits.total` works.
 */
import { evaluatePath } from './object-path.ts';
import { isMap, javaToString } from './values.ts';

const EMBEDDED = /(\\)?\$\{([^}]+)\}/g;

export class StashError extends Error {
  override name = 'StashError';
}

export class Stash {
  #values: Record<string, unknown> = {};

  set(key: string, value: unknown): void {
    this.#values[key] = value;
  }

  clear(): void {
    this.#values = {};
  }

  /** A string that starts with `$` or holds a `${...}`. */
  containsStashedValue(v: unknown): v is string {
    if (typeof v !== 'string' || v.length === 0) return false;
    if (v.startsWith('$')) return true;
    EMBEDDED.lastIndex = 0;
    return EMBEDDED.test(v);
  }

  /** `$name` → the stashed value itself; a string with `${name}` parts → the string with them replaced. */
  getValue(key: string): unknown {
    if (key.startsWith('$') && key[1] !== '{') return this.#unstash(key.slice(1));
    let found = false;
    const out = key.replace(EMBEDDED, (whole: string, escaped: string | undefined, name: string) => {
      found = true;
      return escaped ? whole.slice(1) : javaToString(this.#unstash(name));
    });
    if (!found) throw new StashError(`doesn't contain any stash keys [${key}]`);
    return out;
  }

  /** Replaces stashed values in every key and value of a map or list, recursively. */
  replaceStashedValues(obj: unknown): unknown {
    if (Array.isArray(obj)) return obj.map((v) => (this.containsStashedValue(v) ? this.getValue(v) : this.replaceStashedValues(v)));
    if (isMap(obj)) {
      const out: Record<string, unknown> = {};
      for (const [rawKey, v] of Object.entries(obj)) {
        const key = this.containsStashedValue(rawKey) ? javaToString(this.getValue(rawKey)) : rawKey;
        if (Object.hasOwn(out, key)) {
          throw new StashError(`unstashing has caused a key conflict: key [${rawKey}] unstashes to [${key}] which is already present`);
        }
        out[key] = this.containsStashedValue(v) ? this.getValue(v) : this.replaceStashedValues(v);
      }
      return out;
    }
    if (this.containsStashedValue(obj)) return this.getValue(obj);
    return obj;
  }

  /** Resolves one path part: `$x` or `a${x}b` are replaced by the stashed text. */
  resolvePathPart = (part: string): string => (this.containsStashedValue(part) ? javaToString(this.getValue(part)) : part);

  snapshot(): Record<string, unknown> {
    return { ...this.#values };
  }

  #unstash(name: string): unknown {
    const v = evaluatePath(this.#values, name);
    if (v === undefined || v === null) throw new StashError(`stashed value not found for key [${name}]`);
    return v;
  }
}
