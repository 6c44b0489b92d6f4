/**
 * The YAML runner's assertions as pure functions: each takes the actual value (already looked up
 * in the response or the stash) and the expected value (already unstashed) and returns null when
 * it holds, or a one-line reason when it does not.
 */
import { javaRegex, regexBody } from './regex.ts';
import { compact, deepEqual, isMap, javaToString, typeName } from './values.ts';

export const ASSERTIONS = ['match', 'is_true', 'is_false', 'length', 'contains', 'gt', 'gte', 'lt', 'lte', 'close_to', 'exists', 'not_exists', 'is_after'] as const;
export type AssertionName = (typeof ASSERTIONS)[number];

export function isAssertion(name: string): name is AssertionName {
  return (ASSERTIONS as readonly string[]).includes(name);
}

export function check(name: AssertionName, field: string, actual: unknown, expected: unknown): string | null {
  switch (name) {
    case 'match': return match(field, actual, expected);
    case 'is_true': return isTrue(field, actual);
    case 'is_false': return isFalse(field, actual);
    case 'length': return length(field, actual, expected);
    case 'contains': return contains(field, actual, expected);
    case 'gt': return compare(field, actual, expected, 'gt');
    case 'gte': return compare(field, actual, expected, 'gte');
    case 'lt': return compare(field, actual, expected, 'lt');
    case 'lte': return compare(field, actual, expected, 'lte');
    case 'close_to': return closeTo(field, actual, expected);
    case 'exists': return actual === undefined ? `field [${field}] does not exist` : null;
    case 'not_exists': return actual === undefined ? null : `field [${field}] exists but should not: ${compact(actual, 200)}`;
    case 'is_after': return isAfter(field, actual, expected);
  }
}

export function match(field: string, actual: unknown, expected: unknown): string | null {
  const re = regexBody(expected);
  if (re !== null) {
    if (typeof actual !== 'string') return `field [${field}] was expected to be of type String but is [${typeName(actual)}]: ${compact(actual, 200)}`;
    let pattern: RegExp;
    try {
      pattern = javaRegex(re, true);
    } catch (e) {
      return `field [${field}]: cannot compile regex [${re}]: ${(e as Error).message}`;
    }
    return pattern.test(actual) ? null : `field [${field}] was expected to match the provided regex but didn't: [${compact(actual, 300)}] !~ /${re}/`;
  }
  if (expected === null || expected === undefined) {
    return actual === null || actual === undefined ? null : `field [${field}] should be null but was [${compact(actual, 300)}]`;
  }
  if (actual === null || actual === undefined) return `field [${field}] is null, expected [${compact(expected, 300)}]`;
  if (deepEqual(actual, expected)) return null;
  return `field [${field}] doesn't match: expected ${compact(expected, 400)} but was ${compact(actual, 400)}${diffHint(actual, expected)}`;
}

/** Names the first differing key or index, to make big map mismatches readable. */
function diffHint(actual: unknown, expected: unknown, at = ''): string {
  if (isMap(actual) && isMap(expected)) {
    for (const k of Object.keys(expected)) {
      if (!Object.hasOwn(actual, k)) return ` (missing key [${at}${k}])`;
      if (!deepEqual(actual[k], expected[k])) return diffHint(actual[k], expected[k], `${at}${k}.`) || ` (differs at [${at}${k}])`;
    }
    const extra = Object.keys(actual).find((k) => !Object.hasOwn(expected, k));
    return extra === undefined ? '' : ` (unexpected key [${at}${extra}])`;
  }
  if (Array.isArray(actual) && Array.isArray(expected)) {
    if (actual.length !== expected.length) return ` (list [${at.replace(/\.$/, '')}] has ${actual.length} elements, expected ${expected.length})`;
    const i = expected.findIndex((x, n) => !deepEqual(actual[n], x));
    return i < 0 ? '' : diffHint(actual[i], expected[i], `${at}${i}.`) || ` (differs at [${at}${i}])`;
  }
  return '';
}

function falsy(actual: unknown): boolean {
  if (actual === null || actual === undefined) return true;
  const s = javaToString(actual);
  return s === '' || s.toLowerCase() === 'false' || s === '0';
}

export function isTrue(field: string, actual: unknown): string | null {
  return falsy(actual) ? `field [${field}] doesn't have a true value (was ${actual === undefined ? 'missing' : compact(actual, 200)})` : null;
}

export function isFalse(field: string, actual: unknown): string | null {
  return falsy(actual) ? null : `field [${field}] has a true value but it shouldn't: ${compact(actual, 200)}`;
}

export function length(field: string, actual: unknown, expected: unknown): string | null {
  if (typeof expected !== 'number') return `expected length of [${field}] is not numeric: ${compact(expected)}`;
  let n: number;
  if (typeof actual === 'string' || Array.isArray(actual)) n = actual.length;
  else if (isMap(actual)) n = Object.keys(actual).length;
  else return `field [${field}] is of unsupported type [${typeName(actual)}] for length: ${compact(actual, 200)}`;
  return n === expected ? null : `field [${field}] doesn't have length [${expected}]: it has ${n} (${compact(actual, 300)})`;
}

/** A list of maps holds one with all expected entries; or a list holds the value; or a string holds the substring. */
export function contains(field: string, actual: unknown, expected: unknown): string | null {
  if (isMap(expected) && Array.isArray(actual)) {
    const keys = Object.keys(expected);
    const candidates = actual.filter((e): e is Record<string, unknown> => isMap(e) && keys.every((k) => Object.hasOwn(e, k)));
    if (candidates.length === 0) return `${field} expected to be a list with at least one object that has keys [${keys.join(', ')}] but it was ${compact(actual, 400)}`;
    if (candidates.some((e) => keys.every((k) => deepEqual(e[k], expected[k])))) return null;
    return `${field} expected to be a list with at least one object that matches ${compact(expected, 300)} but was ${compact(candidates, 400)}`;
  }
  if (Array.isArray(actual)) return actual.some((e) => deepEqual(e, expected)) ? null : `${field} expected to contain ${compact(expected, 200)} but was ${compact(actual, 400)}`;
  if (typeof actual === 'string' && typeof expected === 'string') {
    return actual.includes(expected) ? null : `${field} expected to contain substring [${expected}] but was [${compact(actual, 300)}]`;
  }
  return `'contains' only supports checking an object against a list of objects (field [${field}] is ${typeName(actual)})`;
}

export function compare(field: string, actual: unknown, expected: unknown, op: 'gt' | 'gte' | 'lt' | 'lte'): string | null {
  const bothNumbers = typeof actual === 'number' && typeof expected === 'number';
  const bothStrings = typeof actual === 'string' && typeof expected === 'string';
  if (!bothNumbers && !bothStrings) {
    return `field [${field}] is not comparable with the expected value: ${typeName(actual)} ${compact(actual, 100)} vs ${typeName(expected)} ${compact(expected, 100)}`;
  }
  const a = actual as number | string;
  const e = expected as number | string;
  const ok = op === 'gt' ? a > e : op === 'gte' ? a >= e : op === 'lt' ? a < e : a <= e;
  const sym = { gt: '>', gte: '>=', lt: '<', lte: '<=' }[op];
  return ok ? null : `field [${field}] is not ${sym} [${expected}]: was [${actual}]`;
}

export function closeTo(field: string, actual: unknown, expected: unknown): string | null {
  if (!isMap(expected) || typeof expected.value !== 'number' || typeof expected.error !== 'number') {
    return `close_to for [${field}] needs {value: <number>, error: <number>}, got ${compact(expected)}`;
  }
  if (typeof actual !== 'number') return `field [${field}] is not a number: ${compact(actual, 100)}`;
  return Math.abs(actual - expected.value) <= expected.error ? null : `field [${field}] [${actual}] is not within ${expected.error} of ${expected.value}`;
}

export function isAfter(field: string, actual: unknown, expected: unknown): string | null {
  const a = typeof actual === 'string' ? Date.parse(actual) : NaN;
  const e = typeof expected === 'string' ? Date.parse(expected) : NaN;
  if (Number.isNaN(a) || Number.isNaN(e)) return `is_after for [${field}] needs two instants, got ${compact(actual)} and ${compact(expected)}`;
  return a > e ? null : `field [${field}] [${actual}] is not after [${expected}]`;
}
