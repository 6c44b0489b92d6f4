import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Permission } from '../permission.ts';
import { IndexMetadata } from './metadata.ts';
import { expandExpression, isAuthorized, NO_INDICES } from './authorized-names.ts';
import { resolveDateMath } from './date-math.ts';
import { isRestrictedIndex } from './restricted.ts';
import { STRICT_EXPAND_OPEN, STRICT_EXPAND_OPEN_CLOSED, indicesOptions } from './options.ts';
import { CachedIndexMetadata } from './metadata-source.ts';

/** A permission granting `actions` on names matching `patterns` (restricted names only with `restricted`). */
export function perm(patterns: string[], opts: { restricted?: boolean; dls?: string[]; counter?: { n: number } } = {}): Permission {
  const res = patterns.map((p) => new RegExp('^' + p.split('*').map((x) => x.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*') + '$'));
  return {
    cluster: () => false,
    index: (_a, name, restricted) => {
      if (opts.counter) opts.counter.n++;
      return (!restricted || opts.restricted === true) && res.some((r) => r.test(name));
    },
    runAs: () => false,
    restrictsDocumentsOrFields: (_a, name) => (opts.dls ?? []).includes(name),
    roleNames: ['r'],
  };
}

const md = IndexMetadata.fromResolveIndex(1, {
  indices: [
    { name: 'allowed-1', attributes: ['open'] },
    { name: 'allowed-2', attributes: ['open'] },
    { name: 'allowed-closed', attributes: ['closed'] },
    { name: 'allowed-hidden', attributes: ['open', 'hidden'] },
    { name: 'secret-index', attributes: ['open'], aliases: ['secret-alias'] },
    { name: '.security-7', attributes: ['open', 'hidden'] },
    { name: '.allowed-dot', attributes: ['open', 'hidden'] },
  ],
  aliases: [{ name: 'secret-alias', indices: ['secret-index'] }, { name: 'allowed-alias', indices: ['allowed-1'] }],
  data_streams: [{ name: 'allowed-ds', backing_indices: ['.ds-allowed-ds-000001'] }],
});
const NOW = Date.UTC(2024, 2, 5, 23, 30);
const S = ['indices:data/read/search'];
const ex = (p: Permission, e: string, o = STRICT_EXPAND_OPEN, wildcards = true) => expandExpression(p, S, e, o, md, NOW, wildcards);

describe('expandExpression: ES index resolution with authorization', () => {
  const user = perm(['allowed-*', '.allowed-*']);
  it('wildcards keep only authorized, visible names (open, not hidden); aliases and data streams included', () => {
    const e = ex(user, '*');
    assert.deepEqual(e.names, ['allowed-1', 'allowed-2', 'allowed-alias', 'allowed-ds']);
    assert.equal(e.rewrite, true);
    assert.equal(e.expression, 'allowed-1,allowed-2,allowed-alias,allowed-ds');
    assert.deepEqual(ex(user, '_all').names, e.names);
    assert.deepEqual(ex(user, '').names, e.names);
  });
  it('expand_wildcards: closed, hidden, all; dot patterns match dot hidden names', () => {
    assert.ok(ex(user, 'allowed-*', STRICT_EXPAND_OPEN_CLOSED).names.includes('allowed-closed'));
    const all = ex(user, '*', indicesOptions({ get: (n) => (n === 'expand_wildcards' ? 'all' : undefined) }, STRICT_EXPAND_OPEN));
    assert.ok(all.names.includes('allowed-hidden') && all.names.includes('.allowed-dot'));
    assert.deepEqual(ex(user, '.a*').names, ['.allowed-dot']);
  });
  it('a wildcard with no authorized match resolves to nothing (ES: *,-*)', () => {
    const e = ex(user, 'secret*');
    assert.deepEqual(e.names, []);
    assert.equal(e.expression, NO_INDICES);
    assert.deepEqual(e.denied, []);
  });
  it('explicit names must be authorized; ignore_unavailable drops them instead', () => {
    assert.deepEqual(ex(user, 'allowed-1,secret-index,secret-alias').denied, ['secret-index', 'secret-alias']);
    const lenient = ex(user, 'allowed-1,secret-index', { ...STRICT_EXPAND_OPEN, ignoreUnavailable: true });
    assert.deepEqual(lenient.names, ['allowed-1']);
    assert.equal(lenient.expression, 'allowed-1');
    const plain = ex(user, 'allowed-1,allowed-2');
    assert.equal(plain.rewrite, false);
    assert.equal(plain.expression, 'allowed-1,allowed-2');
  });
  it('exclusions apply after a wildcard; a leading -name is a name', () => {
    assert.deepEqual(ex(user, 'allowed-*,-allowed-2,-allowed-a*').names, ['allowed-1', 'allowed-ds']);
    assert.deepEqual(ex(user, '-allowed-1').denied, ['-allowed-1']);
  });
  it('restricted indices: never by wildcard nor by name without allow_restricted_indices', () => {
    const star = perm(['*']);
    assert.ok(!ex(star, '*', STRICT_EXPAND_OPEN_CLOSED).names.includes('.security-7'));
    assert.ok(!ex(star, '.sec*').names.includes('.security-7'));
    assert.deepEqual(ex(star, '.security-7').denied, ['.security-7']);
    assert.deepEqual(ex(perm(['*'], { restricted: true }), '.sec*').names, ['.security-7']);
    assert.ok(isRestrictedIndex('.security') && isRestrictedIndex('.security-tokens-7') && isRestrictedIndex('.opendistro_security'));
    assert.ok(!isRestrictedIndex('.securityx') && !isRestrictedIndex('security'));
  });
  it('date math resolves (and rewrites) before authorization', () => {
    const e = ex(perm(['logs-*']), '<logs-{now/d}>');
    assert.deepEqual(e.names, ['logs-2024.03.05']);
    assert.equal(e.rewrite, true);
    assert.deepEqual(ex(user, '<secret-{now/d}>').denied, ['secret-2024.03.05']);
  });
  it('single-name APIs: * is not a wildcard', () => {
    assert.deepEqual(ex(user, 'secret*', STRICT_EXPAND_OPEN, false).denied, ['secret*']);
  });
  it('compact form: the request wildcard itself when nothing was dropped, else exclusions', () => {
    assert.equal(ex(user, 'allowed-*').compact, 'allowed-*');
    assert.equal(ex(perm(['allowed-1']), 'allowed-*,-allowed-a*').compact, 'allowed-*,-allowed-a*,-allowed-2,-allowed-alias,-allowed-ds');
  });
  it('answers are cached per permission and metadata version: a repeat costs no permission checks', () => {
    const counter = { n: 0 };
    const p = perm(['allowed-*'], { counter });
    ex(p, '*');
    const after = counter.n;
    ex(p, '*');
    ex(p, 'allowed-*');
    assert.equal(counter.n, after);
    assert.ok(isAuthorized(p, S, 'allowed-1', md));
    assert.equal(counter.n, after);
    // New metadata version: earlier answers carry over by name.
    const md2 = IndexMetadata.fromResolveIndex(2, { indices: [{ name: 'allowed-1', attributes: ['open'] }, { name: 'allowed-3', attributes: ['open'] }] });
    expandExpression(p, S, '*', STRICT_EXPAND_OPEN, md2, NOW);
    assert.equal(counter.n, after + 1);
  });
});

describe('cached upstream metadata', () => {
  it('refreshes after the TTL, invalidates on demand, keeps the version when nothing changed', async () => {
    let now = 0;
    let calls = 0;
    let body: unknown = { indices: [{ name: 'a', attributes: ['open'] }] };
    const src = new CachedIndexMetadata(async () => (calls++, body), { ttlMs: 1000, maxStaleMs: 5000, clock: { now: () => now } });
    const m1 = await src.current();
    assert.equal(calls, 1);
    assert.equal(await src.current(), m1);
    now = 1500; // stale: served, refreshed behind
    assert.equal(await src.current(), m1);
    await new Promise((r) => setImmediate(r));
    assert.equal(calls, 2);
    assert.equal(await src.current(), m1, 'same content keeps the same snapshot');
    body = { indices: [{ name: 'a', attributes: ['open'] }, { name: 'b', attributes: ['open'] }] };
    src.invalidate();
    const m2 = await src.current();
    assert.notEqual(m2.version, m1.version);
    assert.deepEqual(m2.names, ['a', 'b']);
  });
});
