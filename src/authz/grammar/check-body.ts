/**
 * Checks a parsed body against its grammar node: every field must be declared, every value of the declared
 * shape. Index positions are collected (with their JSON pointer, for rewriting), DSL parts walked by the DSL
 * walker. Anything else is an ES-shaped 400.
 */
import { EsError } from '../../core/errors.ts';
import { walkDsl, type DslFindings } from '../dsl/index.ts';
import type { Node, IndexRole } from './nodes.ts';

/** An index expression found in a body. */
export interface IndexRef {
  readonly pointer: readonly (string | number)[];
  readonly expression: string;
  readonly role: IndexRole;
  /** True when the name is an object key (an alias map), which cannot be rewritten in place. */
  readonly key: boolean;
}

export interface BodyFindings {
  readonly refs: IndexRef[];
  readonly dsl: DslFindings;
}

type Pointer = readonly (string | number)[];

export function checkBody(node: Node, value: unknown, out: BodyFindings, at: Pointer = []): void {
  switch (node.t) {
    case 'any':
      return;
    case 'scalar':
      if (value !== null && typeof value === 'object' && !isRawJson(value)) throw expected(at, 'a value');
      return;
    case 'object':
      return checkObject(node, value, out, at);
    case 'array':
      if (!Array.isArray(value)) throw expected(at, 'an array');
      value.forEach((v, i) => checkBody(node.of, v, out, [...at, i]));
      return;
    case 'many':
      if (Array.isArray(value)) value.forEach((v, i) => checkBody(node.of, v, out, [...at, i]));
      else checkBody(node.of, value, out, at);
      return;
    case 'map':
      if (!isPlainObject(value)) throw expected(at, 'an object');
      for (const k of Object.keys(value)) {
        if (node.keys) out.refs.push({ pointer: [...at, k], expression: k, role: node.keys, key: true });
        checkBody(node.of, value[k], out, [...at, k]);
      }
      return;
    case 'index':
      return out.refs.push({ pointer: at, expression: indexExpression(value, at), role: node.role, key: false }), undefined;
    case 'refused':
      throw new EsError('illegal_argument', `[${dotted(at)}] is not forwarded by the gateway: ${node.reason}`);
    case 'dsl':
      return walkDsl(node.dsl, value, out.dsl, dotted(at));
  }
}

function checkObject(node: Extract<Node, { t: 'object' }>, value: unknown, out: BodyFindings, at: Pointer): void {
  if (!isPlainObject(value)) {
    if (node.orScalar && (value === null || typeof value !== 'object')) return;
    throw expected(at, 'an object');
  }
  let rest: Record<string, unknown> | undefined;
  for (const k of Object.keys(value)) {
    const field = Object.hasOwn(node.fields, k) ? node.fields[k] : undefined;
    if (field) checkBody(field, value[k], out, [...at, k]);
    else if (node.rest) Object.defineProperty((rest ??= {}), k, { value: value[k], enumerable: true, writable: true, configurable: true });
    else throw unknownField(node.name, k, Object.keys(node.fields));
  }
  if (node.rest && rest) checkBody(node.rest, rest, out, at);
}

function indexExpression(v: unknown, at: Pointer): string {
  if (typeof v === 'string') return v;
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v.join(',');
  throw expected(at, 'an index name or an array of index names');
}

export function unknownField(object: string, field: string, known: readonly string[]): EsError {
  const hint = suggestion(field, known);
  return new EsError('x_content_parse', `[${object}] unknown field [${field}]${hint ? ` did you mean [${hint}]?` : ''}`);
}

function expected(at: Pointer, what: string): EsError {
  return new EsError('x_content_parse', `[${dotted(at) || '_body'}] failed to parse field: expected ${what}`);
}

export function dotted(at: Pointer): string {
  return at.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !isRawJson(v);
}

function isRawJson(v: object): boolean {
  return (JSON as unknown as { isRawJSON?(x: unknown): boolean }).isRawJSON?.(v) === true;
}

/**
 * ES's "did you mean" candidates: known names whose Levenshtein similarity (1 - distance / longer length)
 * is above 0.5, best first (ties by name).
 */
export function suggestions(name: string, known: readonly string[]): string[] {
  const scored: [number, string][] = [];
  for (const k of new Set(known)) {
    const similarity = 1 - distance(name, k) / Math.max(name.length, k.length);
    if (similarity > 0.5) scored.push([similarity, k]);
  }
  return scored.sort((a, b) => b[0] - a[0] || a[1].localeCompare(b[1])).map((x) => x[1]);
}

export function suggestion(name: string, known: readonly string[]): string | undefined {
  return suggestions(name, known)[0];
}

function distance(a: string, b: string): number {
  if (a.length > 64 || b.length > 64) return Math.max(a.length, b.length);
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}
