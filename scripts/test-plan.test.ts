import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseUpstreams, planPhases, tapTotals } from './test-plan.ts';

test('PORTCULLIS_TEST_UPSTREAMS: default both, OpenSearch first; a list in its order; unknown names refused', () => {
  assert.deepEqual(parseUpstreams(undefined), ['opensearch', 'elasticsearch']);
  assert.deepEqual(parseUpstreams(''), ['opensearch', 'elasticsearch']);
  assert.deepEqual(parseUpstreams('elasticsearch'), ['elasticsearch']);
  assert.deepEqual(parseUpstreams(' elasticsearch , opensearch,elasticsearch'), ['elasticsearch', 'opensearch']);
  assert.throws(() => parseUpstreams('opensearch,solr'), /unknown upstream "solr"/);
  assert.throws(() => parseUpstreams(','), /names no upstream/);
});

test('phases: unit files once, then per upstream the canary alone and the other upstream files', () => {
  const files = ['src/a.test.ts', 'test/e2e/b.test.ts', 'test/e2e/canary.test.ts', 'test/support/c.test.ts'];
  const needs = (f: string) => f.startsWith('test/e2e/');
  const phases = planPhases(files, needs, ['opensearch', 'elasticsearch']);
  assert.deepEqual(phases.map((p) => [p.name, p.upstream, p.files]), [
    ['unit', undefined, ['src/a.test.ts', 'test/support/c.test.ts']],
    ['canary (alone)', 'opensearch', ['test/e2e/canary.test.ts']],
    ['e2e', 'opensearch', ['test/e2e/b.test.ts']],
    ['canary (alone)', 'elasticsearch', ['test/e2e/canary.test.ts']],
    ['e2e', 'elasticsearch', ['test/e2e/b.test.ts']],
  ]);
  assert.deepEqual(planPhases(['src/a.test.ts'], needs, ['opensearch']).map((p) => p.name), ['unit'], 'no upstream phase without upstream files');
  assert.deepEqual(planPhases(['test/e2e/b.test.ts'], needs, ['elasticsearch']).map((p) => [p.name, p.upstream]), [['e2e', 'elasticsearch']]);
});

test('tapTotals reads the closing counts of a TAP report', () => {
  const tap = 'TAP version 13\nok 1 - x\n# Subtest: y\n    # tests 9\n1..1\n# tests 12\n# suites 2\n# pass 10\n# fail 1\n# cancelled 0\n# skipped 1\n# todo 0\n# duration_ms 5\n';
  assert.deepEqual(tapTotals(tap), { tests: 12, pass: 10, fail: 1, cancelled: 0, skipped: 1, todo: 0 });
  assert.equal(tapTotals('TAP version 13\n'), undefined);
});
