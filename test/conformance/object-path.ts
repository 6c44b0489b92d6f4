/**
 * Path lookup in a response, as the YAML runner does it: `a.b.0.c`, `\.` for a dot inside a key,
 * `''` for the whole value, `_arbitrary_key_` for "any key of this map", and a hook that lets the
 * caller replace stashed values (`$var`, `${var}`) in each part.
 */
import { isMap, typeName } from './values.ts';

export class PathError extends Error {
  override name = 'PathError';
}

/** Splits on unescaped dots; `\.` keeps the dot in the key. Empty parts are dropped. */
export function parsePath(path: string): string[] {
  const parts: string[] = [];
  let current = '';
  let escape = false;
  for (const c of path) {
    if (c === '\\' && !escape) {
      escape = true;
      continue;
    }
    if (c === '.' && !escape) {
      if (current.length > 0) parts.push(current);
      current = '';
      continue;
    }
    escape = false;
    current += c;
  }
  if (current.length > 0) parts.push(current);
  return parts;
}

/**
 * Returns the value at `path`, or undefined when a map along the way lacks the key.
 * Throws PathError when the path runs into a list with a bad index or into a scalar.
 */
export function evaluatePath(root: unknown, path: string, resolvePart: (part: string) => string = (p) => p): unknown {
  let value = root;
  for (const raw of parsePath(path)) {
    const key = resolvePart(raw);
    value = step(value, key);
    if (value === undefined || value === null) return undefined;
  }
  return value;
}

function step(value: unknown, key: string): unknown {
  if (isMap(value)) {
    if (key === '_arbitrary_key_') {
      const first = Object.keys(value)[0];
      if (first === undefined) throw new PathError('requested [_arbitrary_key_] but the map was empty');
      return first;
    }
    return Object.hasOwn(value, key) ? value[key] : undefined;
  }
  if (Array.isArray(value)) {
    if (!/^-?\d+$/.test(key)) throw new PathError(`element was a list, but [${key}] was not numeric`);
    const i = Number(key);
    if (i < 0 || i >= value.length) {
      throw new PathError(`element was a list with ${value.length} elements, but [${key}] was out of bounds`);
    }
    return value[i];
  }
  throw new PathError(`no object found for [${key}] within object of class [${typeName(value)}]`);
}
