/**
 * No index-naming position is silently ignored: for every `index` node of every body grammar (and of the
 * `_bulk` / `_msearch` line grammars), a request with a canary name at that position resolves to a target,
 * item or lookup naming the canary — or is refused.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { EsError } from '../../core/errors.ts';
import { APIS } from './registry.ts';
import { isNdjson } from './api.ts';
import type { Node } from './nodes.ts';
import { BULK_ACTION_LINE } from './tables/documents.ts';
import { MSEARCH_HEADER } from './tables/search.ts';
import { resolveRequest } from '../resolve/resolve.ts';
import { parseTarget } from '../resolve/canonical.ts';
import type { Resolution } from '../resolve/types.ts';

const CANARY = 'canary-7f3';
type Pointer = (string | number | { key: true })[];

/** Every pointer at which the node has an index position (a `{key}` step: the name is a map key). */
function indexPositions(node: Node, at: Pointer = [], depth = 0): Pointer[] {
  if (depth > 12) return [];
  switch (node.t) {
    case 'index':
      return [at];
    case 'object':
      return Object.entries(node.fields).flatMap(([k, n]) => indexPositions(n, [...at, k], depth + 1));
    case 'array':
    case 'many':
      return indexPositions(node.of, [...at, 0], depth + 1);
    case 'map':
      return [...(node.keys ? [[...at, { key: true as const }]] : []), ...indexPositions(node.of, [...at, 'k'], depth + 1)];
    default:
      return [];
  }
}

/** A body with the canary at `pointer`, over the API's base body. */
function place(base: unknown, pointer: Pointer): unknown {
  const root = structuredClone(base ?? {}) as Record<string | number, unknown>;
  let node: Record<string | number, unknown> = root;
  pointer.forEach((step, i) => {
    const last = i === pointer.length - 1;
    if (typeof step === 'object') {
      node[CANARY] = {};
      return;
    }
    if (last) {
      node[step] = CANARY;
      if (step === 'indices') delete node.index;
      if (step === 'aliases') delete node.alias;
      return;
    }
    const next = pointer[i + 1];
    if (node[step] === undefined || typeof node[step] !== 'object') node[step] = typeof next === 'number' ? [] : {};
    if (typeof next === 'number' && Array.isArray(node[step]) && (node[step] as unknown[]).length === 0) (node[step] as unknown[]).push({});
    node = node[step] as Record<string | number, unknown>;
  });
  return root;
}

/** Bodies an API needs besides the canary to be a valid request. */
const BASES: Record<string, (pointer: Pointer) => unknown> = {
  reindex: () => ({ source: { index: 'logs-src' }, dest: { index: 'logs-dst' } }),
  'indices.update_aliases': (p) => ({ actions: [{ [String(p[2])]: p[2] === 'remove_index' ? { index: 'logs-1' } : { index: 'logs-1', alias: 'logs-alias' } }] }),
  mget: () => ({ docs: [{ _index: 'logs-1', _id: '1' }] }),
  mtermvectors: () => ({ docs: [{ _index: 'logs-1', _id: '1' }] }),
};

function named(r: Resolution): string[] {
  const names = [...r.targets.map((t) => t.expression), ...(r.lookups ?? []).map((l) => l.index)];
  const items = r.items;
  if (items?.kind === 'bulk' || items?.kind === 'mget') names.push(...items.items.map((i) => i.index));
  if (items?.kind === 'msearch') names.push(...items.items.map((i) => i.target.expression));
  return names;
}

function resolveWith(endpoint: string, body: string): Resolution | EsError {
  const [methods, path] = endpoint.split(' ');
  const url = path.replace(/\{index\}/g, 'logs-1').replace(/\{(target|new_index)\}/g, 'logs-2').replace(/\{\w+\}/g, 'x');
  const t = parseTarget(url);
  try {
    return resolveRequest({ method: methods.split(',')[0], segments: t.segments, query: t.query, body: Buffer.from(body) });
  } catch (e) {
    if (e instanceof EsError) return e;
    throw e;
  }
}

function assertCovers(label: string, r: Resolution | EsError): void {
  if (r instanceof EsError) {
    assert.match(r.message, /not forwarded by the gateway/, `${label}: refused for another reason: ${r.message}`);
    return;
  }
  assert.ok(named(r).some((n) => n.split(',').includes(CANARY)), `${label}: the canary is not authorized (names: ${named(r).join(' ')})`);
}

describe('every index position of the grammar is authorized', () => {
  const cases: { api: string; endpoint: string; pointer: Pointer }[] = [];
  for (const api of APIS) {
    if (api.body === undefined || isNdjson(api.body)) continue;
    for (const pointer of indexPositions(api.body)) cases.push({ api: api.name, endpoint: api.endpoints[0], pointer });
  }

  it('the tables have index positions to test (sanity)', () => {
    assert.ok(cases.length >= 15, `only ${cases.length} positions found`);
  });

  for (const c of cases) {
    it(`${c.api} ${JSON.stringify(c.pointer)}`, () => {
      const body = place(BASES[c.api]?.(c.pointer), c.pointer);
      assertCovers(c.api, resolveWith(c.endpoint, JSON.stringify(body)));
    });
  }

  for (const pointer of indexPositions(BULK_ACTION_LINE)) {
    it(`bulk action line ${JSON.stringify(pointer)}`, () => {
      const line = place({}, pointer) as Record<string, unknown>;
      const op = Object.keys(line)[0];
      assertCovers('bulk', resolveWith('POST /_bulk', JSON.stringify(line) + '\n' + (op === 'delete' ? '' : op === 'update' ? '{"doc":{}}\n' : '{}\n')));
    });
  }

  for (const pointer of indexPositions(MSEARCH_HEADER)) {
    it(`msearch header ${JSON.stringify(pointer)}`, () => {
      assertCovers('msearch', resolveWith('POST /_msearch', JSON.stringify(place({}, pointer)) + '\n{}\n'));
    });
  }
});
