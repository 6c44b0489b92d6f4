/**
 * The index names a read API's answer carries, two ways:
 *
 * - `scanIndexNames`, the fast one: every string value of an `_index` key anywhere in the JSON text, found by
 *   a byte scan without parsing. It sees every name `answerIndices` reads, and possibly more (an `_index` key
 *   inside a document's `_source`); null when an occurrence is not a plain string (escapes, other types).
 * - `answerIndices`, the exact one, by the answer's shape (authz/response-check.ts) on the parsed answer: the
 *   `_index` of every hit (inner hits, top hits in aggregations, suggest options included), of every `docs[]`
 *   item, and the top-level one. A `_index` that is not a string is reported as its JSON text (refused).
 *
 * The checker scans first and parses only when the scan finds a name it would refuse. Shard failures name
 * the failed shard's index but carry no documents: neither reads them.
 */
import { AnswerShape } from '../authz/response-check.ts';

type Json = Record<string, unknown>;

export function answerIndices(answer: unknown, shape: AnswerShape): Set<string> {
  const out = new Set<string>();
  if (!isObject(answer)) return out;
  switch (shape) {
    case AnswerShape.search:
      searchAnswer(answer, out);
      break;
    case AnswerShape.msearch:
      if (Array.isArray(answer.responses)) for (const r of answer.responses) if (isObject(r)) searchAnswer(r, out);
      break;
    case AnswerShape.docs:
      if (Array.isArray(answer.docs)) for (const d of answer.docs) if (isObject(d)) name(d, '_index', out);
      break;
    case AnswerShape.doc:
      name(answer, '_index', out);
      break;
    case AnswerShape.async:
      if (isObject(answer.response)) searchAnswer(answer.response, out);
      break;
  }
  return out;
}

function searchAnswer(a: Json, out: Set<string>): void {
  if (isObject(a.hits)) hits(a.hits, out);
  if (isObject(a.aggregations)) aggregations(a.aggregations, out, 0);
  if (isObject(a.suggest)) suggest(a.suggest, out);
}

/** `{ hits: [ { _index, inner_hits: { name: { hits: {…} } } } ] }`, inner hits to any depth. */
function hits(h: Json, out: Set<string>): void {
  const list = h.hits;
  if (!Array.isArray(list)) return;
  for (const hit of list) {
    if (!isObject(hit)) continue;
    name(hit, '_index', out);
    const inner = hit.inner_hits;
    if (isObject(inner)) for (const key in inner) {
      const v = inner[key];
      if (isObject(v) && isObject(v.hits)) hits(v.hits, out);
    }
  }
}

/** Aggregations nest (buckets, sub-aggregations): any `hits` object in them is a top_hits (or similar) result. */
function aggregations(node: unknown, out: Set<string>, depth: number): void {
  if (depth > 200) return; // the upstream nests far less; JSON.parse itself bounds what could reach here
  if (Array.isArray(node)) {
    for (const x of node) aggregations(x, out, depth + 1);
    return;
  }
  if (!isObject(node)) return;
  for (const key in node) {
    const v = node[key];
    if (typeof v !== 'object' || v === null) continue;
    if (key === 'hits' && !Array.isArray(v) && Array.isArray((v as Json).hits)) hits(v as Json, out);
    else aggregations(v, out, depth + 1);
  }
}

/** `{ name: [ { options: [ { _index } ] } ] }` (completion suggesters return documents). */
function suggest(s: Json, out: Set<string>): void {
  for (const key in s) {
    const entries = s[key];
    if (!Array.isArray(entries)) continue;
    for (const e of entries) {
      if (!isObject(e) || !Array.isArray(e.options)) continue;
      for (const o of e.options) if (isObject(o)) name(o, '_index', out);
    }
  }
}

/** `_index"` and then the quote before it: a needle that starts with a quote is many times slower to find in JSON. */
const KEY = Buffer.from('_index"');

export function scanIndexNames(text: Buffer): Set<string> | null {
  const out = new Set<string>();
  let prevStart = 0;
  let prevEnd = -1; // no previous value
  let at = text.indexOf(KEY);
  while (at !== -1) {
    let i = skipSpace(text, at + KEY.length);
    if (at === 0 || text[at - 1] !== 0x22 /* " */ || text[i] !== 0x3a /* : */) {
      at = text.indexOf(KEY, at + 1); // not the key "_index" (a longer name, or a string value "_index")
      continue;
    }
    i = skipSpace(text, i + 1);
    if (text[i] !== 0x22 /* " */) return null;
    const start = i + 1;
    const end = text.indexOf(0x22, start);
    if (end === -1) return null;
    const same = end - start === prevEnd - prevStart && sameBytes(text, prevStart, start, end - start);
    if (!same) {
      for (let j = start; j < end; j++) if (text[j] === 0x5c /* backslash */) return null;
      out.add(text.toString('utf8', start, end));
      prevStart = start;
      prevEnd = end;
    }
    at = text.indexOf(KEY, end + 1);
  }
  return out;
}

function sameBytes(b: Buffer, a: number, c: number, length: number): boolean {
  for (let k = 0; k < length; k++) if (b[a + k] !== b[c + k]) return false;
  return true;
}

function skipSpace(b: Buffer, i: number): number {
  while (i < b.length && (b[i] === 0x20 || b[i] === 0x0a || b[i] === 0x0d || b[i] === 0x09)) i++;
  return i;
}

function name(o: Json, key: string, out: Set<string>): void {
  const v = o[key];
  if (v === undefined) return;
  out.add(typeof v === 'string' ? v : JSON.stringify(v));
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
