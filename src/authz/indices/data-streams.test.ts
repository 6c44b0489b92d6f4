// Privileges on a data stream cover its backing indices, as ES 9.1.5's IndicesPermission grants them (checked on
// the reference: a role on `h8-logs-*` searches `.ds-h8-logs-app-*`; a role on `.ds-h8-logs-*` gets a 403 on the
// data stream and sees no data stream in `_resolve/index/*`).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { IndexMetadata } from './metadata.ts';
import { expandExpression, isAuthorized } from './authorized-names.ts';
import { STRICT_EXPAND_OPEN, indicesOptions } from './options.ts';
import { perm } from './indices.test.ts';

const BACKING = '.ds-logs-app-2026.12.07-000001';
const FAILURE = '.fs-logs-app-2026.12.07-000002';
const md = IndexMetadata.fromResolveIndex(1, {
  indices: [
    { name: BACKING, attributes: ['hidden', 'open'], data_stream: 'logs-app' },
    { name: FAILURE, attributes: ['hidden', 'open'], data_stream: 'logs-app' },
    { name: '.ds-other-2026.12.07-000001', attributes: ['hidden', 'open'], data_stream: 'other' },
    { name: 'logs-plain', attributes: ['open'] },
  ],
  data_streams: [
    { name: 'logs-app', backing_indices: [BACKING] },
    { name: 'other', backing_indices: ['.ds-other-2026.12.07-000001'] },
  ],
});
const S = ['indices:data/read/search'];
const NOW = Date.UTC(2026, 11, 7);
const all = indicesOptions(new Map([['expand_wildcards', 'all']]), STRICT_EXPAND_OPEN);

describe('hidden aliases', () => {
  it('are marked from the is_hidden listing and skipped by wildcards that do not expand hidden', () => {
    const m = IndexMetadata.fromResolveIndex(1, {
      indices: [{ name: 'h-1', attributes: ['hidden', 'open'] }, { name: 'v-1', attributes: ['open'] }],
      aliases: [{ name: 'h-alias', indices: ['h-1'] }, { name: 'v-alias', indices: ['v-1'] }],
      hidden_aliases: { 'h-1': { aliases: { 'h-alias': { is_hidden: true } } } },
    });
    assert.equal(m.get('h-alias')?.hidden, true);
    assert.equal(m.get('v-alias')?.hidden, false);
    const p = perm(['*']);
    assert.deepEqual(expandExpression(p, S, '*', STRICT_EXPAND_OPEN, m, NOW).names, ['v-1', 'v-alias']);
    assert.deepEqual(expandExpression(p, S, '*', all, m, NOW).names, ['h-1', 'h-alias', 'v-1', 'v-alias']);
  });
});

describe('data streams and their backing indices', () => {
  it('the metadata knows which data stream a backing index belongs to (not a failure store index)', () => {
    assert.equal(md.get(BACKING)?.dataStream, 'logs-app');
    assert.equal(md.get(FAILURE)?.dataStream, undefined);
    assert.equal(md.get('logs-plain')?.dataStream, undefined);
  });
  it('privileges on the data stream name cover its backing indices, by name and by wildcard', () => {
    const p = perm(['logs-*']);
    assert.ok(isAuthorized(p, S, BACKING, md));
    assert.deepEqual(expandExpression(p, S, BACKING, STRICT_EXPAND_OPEN, md, NOW).denied, []);
    assert.deepEqual(expandExpression(p, S, '.ds-*', all, md, NOW).names, [BACKING]);
    assert.deepEqual([...expandExpression(p, S, '*', all, md, NOW).names].sort(), [BACKING, 'logs-app', 'logs-plain'].sort());
  });
  it('nor a failure store index, nor another data stream\'s backing index', () => {
    const p = perm(['logs-*']);
    assert.equal(isAuthorized(p, S, FAILURE, md), false);
    assert.equal(isAuthorized(p, S, '.ds-other-2026.12.07-000001', md), false);
  });
  it('privileges on backing indices alone do not give the data stream', () => {
    const p = perm(['.ds-logs-*']);
    assert.ok(isAuthorized(p, S, BACKING, md));
    assert.equal(isAuthorized(p, S, 'logs-app', md), false);
    assert.deepEqual(expandExpression(p, S, 'logs-app', STRICT_EXPAND_OPEN, md, NOW).denied, ['logs-app']);
    assert.deepEqual(expandExpression(p, S, '*', STRICT_EXPAND_OPEN, md, NOW).names, []);
  });
  it('the data stream APIs expand wildcards to data streams only', () => {
    const p = perm(['logs-*', 'other']);
    const ds = { ...STRICT_EXPAND_OPEN, dataStreamsOnly: true };
    assert.deepEqual(expandExpression(p, S, '*', ds, md, NOW).names, ['logs-app', 'other']);
    assert.deepEqual(expandExpression(p, S, '*', STRICT_EXPAND_OPEN, md, NOW).names, ['logs-app', 'logs-plain', 'other']);
  });
  it('each action on its own: one granted on the data stream, another on the backing index name', () => {
    const both = ['indices:data/read/search', 'indices:monitor/stats'];
    const p = { ...perm([]), index: (a: string, name: string) => (a === S[0] ? name === 'logs-app' : name === BACKING) };
    assert.ok(isAuthorized(p, both, BACKING, md));
    assert.equal(isAuthorized(p, both, 'logs-app', md), false);
  });
});
