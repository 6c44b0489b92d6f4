import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addPrerequisite, emptyPrerequisites, hasClusterFeature, skipReason, versionInRanges, type ClusterFacts, type Prerequisites } from './prerequisites.ts';

const facts = (version: [number, number, number], caps: string[] = []): ClusterFacts => ({
  version,
  features: new Set(['some_feature']),
  hasCapability: async (c) => caps.includes(c.path),
});

function prereq(kind: 'skip' | 'requires', body: unknown): Prerequisites {
  const p = emptyPrerequisites();
  addPrerequisite(p, kind, body);
  return p;
}

test('runner features: supported ones run, others skip naming them', async () => {
  assert.equal(await skipReason(prereq('skip', { features: ['headers', 'transform_and_set', 'contains', 'catch_unauthorized', 'warnings'] }), facts([9, 0, 0])), null);
  assert.match((await skipReason(prereq('skip', { features: 'node_selector' }), facts([9, 0, 0])))!, /node_selector/);
  assert.match((await skipReason(prereq('requires', { test_runner_features: ['yaml'] }), facts([9, 0, 0])))!, /yaml/);
  assert.equal(await skipReason(prereq('skip', { features: 'xpack' }), facts([9, 0, 0])), null);
  assert.match((await skipReason(prereq('skip', { features: 'no_xpack' }), facts([9, 0, 0])))!, /without x-pack/);
});

test('version ranges: open bounds, several ranges, all', () => {
  assert.equal(versionInRanges([8, 5, 0], ' - 8.9.99'), true);
  assert.equal(versionInRanges([9, 0, 0], ' - 8.9.99'), false);
  assert.equal(versionInRanges([9, 0, 0], '8.0.0 - '), true);
  assert.equal(versionInRanges([7, 1, 0], ' - 7.0.99, 8.8.0 - '), false);
  assert.equal(versionInRanges([8, 9, 0], ' - 7.0.99, 8.8.0 - '), true);
  assert.equal(versionInRanges([1, 0, 0], 'all'), true);
});

test('skip.version skips inside the range, with the reason', async () => {
  const r = await skipReason(prereq('skip', { version: ' - 8.99.99', reason: 'fixed in 9' }), facts([8, 1, 0]));
  assert.match(r!, /fixed in 9/);
  assert.equal(await skipReason(prereq('skip', { version: ' - 8.99.99', reason: 'x' }), facts([9, 0, 0])), null);
});

test('cluster features: synthetic gte_vX.Y.Z up to 8.14.0, named ones from the facts', async () => {
  assert.equal(hasClusterFeature(facts([9, 0, 0]), 'gte_v7.9.0'), true);
  assert.equal(hasClusterFeature(facts([7, 8, 0]), 'gte_v7.9.0'), false);
  assert.equal(hasClusterFeature(facts([9, 1, 0]), 'gte_v9.0.0'), false);
  assert.equal(await skipReason(prereq('requires', { cluster_features: ['gte_v7.9.0'], reason: 'r' }), facts([9, 0, 0])), null);
  assert.match((await skipReason(prereq('requires', { cluster_features: 'unknown_feature', reason: 'r' }), facts([9, 0, 0])))!, /unknown_feature/);
  assert.match((await skipReason(prereq('skip', { cluster_features: 'some_feature', reason: 'r' }), facts([9, 0, 0])))!, /some_feature/);
});

test('capabilities are asked of the cluster', async () => {
  const need = prereq('requires', { capabilities: [{ method: 'GET', path: '/_security/x', capabilities: ['c'] }], reason: 'r' });
  assert.equal(await skipReason(need, facts([9, 0, 0], ['/_security/x'])), null);
  assert.match((await skipReason(need, facts([9, 0, 0])))!, /capability/);
});

test('awaits_fix always skips; unknown fields are errors', async () => {
  assert.match((await skipReason(prereq('skip', { awaits_fix: 'https://x/1', reason: 'muted' }), facts([9, 0, 0])))!, /awaits fix/);
  assert.throws(() => prereq('skip', { colour: 'red' }), /not supported/);
});
