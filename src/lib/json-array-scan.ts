/**
 * Finds the elements of one array field of a JSON object (`{"took":1,"items":[…]}`) as byte ranges, without
 * parsing them: a byte scanner that tracks strings and nesting. Lets a large answer be re-emitted element by
 * element (merged with other elements) without building it as one value or one string. Yields every 256 KiB.
 */
import type { Steps } from './slices.ts';

export interface ArrayField {
  /** The object without the array's elements: `{…,"key":[` is `head`, `]…}` is `tail` (byte ranges). */
  readonly headEnd: number;
  readonly tailStart: number;
  /** Element i is `starts[i]` … `ends[i]` (exclusive), trimmed of white space. */
  readonly starts: number[];
  readonly ends: number[];
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const CHUNK = 256 * 1024;

/** The field `key` of the top-level object in `buf` when it is an array, else null (not an object, no such array). */
export function* scanArrayField(buf: Uint8Array, key: string): Steps<ArrayField | null> {
  const wanted = Buffer.from(JSON.stringify(key));
  let depth = 0;
  let i = skipWs(buf, 0);
  if (buf[i] !== 0x7b) return null;
  let lastString = -1;
  let lastStringEnd = -1;
  let keyMatched = false;
  let inArray = false;
  let headEnd = -1;
  const starts: number[] = [];
  const ends: number[] = [];
  let elementStart = -1;
  let nextYield = CHUNK;
  for (; i < buf.length; i++) {
    if (i >= nextYield) {
      nextYield += CHUNK;
      yield;
    }
    const c = buf[i];
    if (c === QUOTE) {
      const end = stringEnd(buf, i);
      if (depth === 1) {
        lastString = i;
        lastStringEnd = end;
      }
      if (inArray && depth === 2 && elementStart < 0) elementStart = i;
      i = end - 1;
      continue;
    }
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) continue;
    if (inArray && depth === 2 && elementStart < 0 && c !== 0x5d && c !== 0x2c) elementStart = i;
    if (c === 0x3a && depth === 1) keyMatched = lastString >= 0 && sameBytes(buf, lastString, lastStringEnd, wanted);
    else if (c === 0x7b || c === 0x5b) {
      depth++;
      if (depth === 2 && c === 0x5b && keyMatched && headEnd < 0) {
        inArray = true;
        headEnd = i + 1;
      }
    } else if (c === 0x7d || c === 0x5d) {
      if (inArray && depth === 2 && c === 0x5d) {
        if (elementStart >= 0) pushElement(buf, elementStart, i, starts, ends);
        return { headEnd, tailStart: i, starts, ends };
      }
      depth--;
    } else if (c === 0x2c && inArray && depth === 2) {
      if (elementStart >= 0) pushElement(buf, elementStart, i, starts, ends);
      elementStart = -1;
    }
    if (depth === 1 && c !== 0x3a) keyMatched = keyMatched && c === 0x5b;
  }
  return null;
}

function pushElement(buf: Uint8Array, start: number, end: number, starts: number[], ends: number[]): void {
  let e = end;
  while (e > start && (buf[e - 1] === 0x20 || buf[e - 1] === 0x0a || buf[e - 1] === 0x0d || buf[e - 1] === 0x09)) e--;
  starts.push(start);
  ends.push(e);
}

function stringEnd(buf: Uint8Array, i: number): number {
  for (let j = i + 1; j < buf.length; j++) {
    if (buf[j] === BACKSLASH) j++;
    else if (buf[j] === QUOTE) return j + 1;
  }
  return buf.length;
}

function skipWs(buf: Uint8Array, i: number): number {
  while (i < buf.length && (buf[i] === 0x20 || buf[i] === 0x0a || buf[i] === 0x0d || buf[i] === 0x09)) i++;
  return i;
}

function sameBytes(buf: Uint8Array, start: number, end: number, wanted: Uint8Array): boolean {
  if (end - start !== wanted.length) return false;
  for (let k = 0; k < wanted.length; k++) if (buf[start + k] !== wanted[k]) return false;
  return true;
}
