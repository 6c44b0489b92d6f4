import { test } from 'node:test';
import assert from 'node:assert/strict';
import { suggest } from './suggest.ts';
import type { ProfileRecord } from '../../store/security-store.ts';

const p = (uid: string, username: string, fullName: string | null, lastSynchronized: number, labels = {}): ProfileRecord => ({
  uid,
  enabled: true,
  lastSynchronized,
  user: { username, roles: [], realm: { name: 'native', type: 'native' }, email: null, fullName },
  labels,
  data: {},
  seqNo: 0,
  primaryTerm: 1,
});
const all = [p('a', 'ann', 'Ann Apis', 1), p('b', 'bob', 'Robert Tables', 3), p('c', 'annabel', null, 2, { team: ['blue'] })];
const run = (name: string, extra = {}) => suggest(all, { name, size: 10, dataKeys: [], ...extra }).hits.map((h) => h.uid);

test('the last word is a prefix, others exact or within AUTO fuzziness; no match is left out', () => {
  assert.deepEqual(run('ann'), ['a', 'c'], 'exact before prefix');
  assert.deepEqual(run('rob'), ['b']);
  assert.deepEqual(run('robert tabels'), ['b'], 'one edit on a 6-letter word');
  assert.deepEqual(run('zzz'), []);
});

test('without a name every profile, most recently synchronized first; hints rank without filtering; size cuts', () => {
  assert.deepEqual(run(''), ['b', 'c', 'a']);
  assert.deepEqual(run('', { hint: { uids: ['a'] } }), ['a', 'b', 'c']);
  assert.deepEqual(run('', { hint: { label: { key: 'team', values: ['blue'] } } }), ['c', 'b', 'a']);
  const page = suggest(all, { name: '', size: 1, dataKeys: [] });
  assert.deepEqual([page.total, page.hits.length], [3, 1]);
});
