import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyPipeline, pipelinesInSettings } from './pipeline-classifier.ts';
import { PipelineSource } from './pipelines.ts';

const verdict = (...processors: unknown[]) => classifyPipeline({ description: 'd', processors });
const retargets = (...processors: unknown[]) => verdict(...processors).retargets;

test('pipelines that only touch named source fields cannot retarget', () => {
  const v = verdict(
    { set: { field: 'env', value: 'prod', if: 'ctx.level != null' } },
    { rename: { field: 'a', target_field: 'b', ignore_missing: true } },
    { lowercase: { field: 'msg' } },
    { grok: { field: 'message', patterns: ['%{IP:client} %{WORD:method}'] } },
    { kv: { field: 'q', field_split: '&', value_split: '=', target_field: 'query' } },
    { foreach: { field: 'tags', processor: { uppercase: { field: '_ingest._value' } } } },
    { remove: { field: ['tmp'], on_failure: [{ set: { field: 'error', value: '{{ _ingest.on_failure_message }}' } }] } },
  );
  assert.deepEqual(v, { retargets: false, calls: [] });
  assert.equal(classifyPipeline({ processors: [] }).retargets, false);
});

test('anything that can write _index, or names its fields from data or templates, retargets', () => {
  assert.equal(retargets({ set: { field: '_index', value: 'secret' } }), true);
  assert.equal(retargets({ rename: { field: 'target', target_field: '_index' } }), true);
  assert.equal(retargets({ set: { field: '{{dest}}', value: 'x' } }), true, 'a templated field name');
  assert.equal(retargets({ script: { source: 'ctx._index = "secret"' } }), true);
  assert.equal(retargets({ reroute: { destination: 'secret' } }), true);
  assert.equal(retargets({ date_index_name: { field: 'ts', index_name_prefix: 'x-', date_rounding: 'd' } }), true);
  assert.equal(retargets({ grok: { field: 'm', patterns: ['%{WORD:_index}'] } }), true);
  assert.equal(retargets({ dissect: { field: 'm', pattern: '%{*k} %{&k}' } }), true, 'dissect reference keys come from the data');
  assert.equal(retargets({ kv: { field: 'q', field_split: '&', value_split: '=' } }), true, 'kv at the root writes keys from the data');
  assert.equal(retargets({ json: { field: 'j', add_to_root: true } }), true);
  assert.equal(retargets({ dot_expander: { field: '*' } }), true);
  assert.equal(retargets({ foreach: { field: 'a', processor: { script: { source: '' } } } }), true);
  assert.equal(retargets({ lowercase: { field: 'a', on_failure: [{ set: { field: '_index', value: 'x' } }] } }), true, 'on_failure handlers are processors too');
  assert.equal(retargets({ some_plugin_processor: { field: 'a' } }), true, 'unknown processors');
  assert.equal(retargets({ set: { field: 'a', value: 1 }, lowercase: { field: 'b' } }), true, 'two types in one processor');
  assert.equal(classifyPipeline({ processors: [], on_failure: [{ set: { field: '_index', value: 'x' } }] }).retargets, true);
  assert.equal(classifyPipeline({ processors: {} }).retargets, true);
  assert.equal(classifyPipeline({ processors: [], unknown_option: 1 }).retargets, true);
  assert.equal(classifyPipeline('nope').retargets, true);
});

test('pipeline processors name pipelines to follow; templated names retarget', () => {
  assert.deepEqual(verdict({ pipeline: { name: 'inner' } }), { retargets: false, calls: ['inner'] });
  assert.equal(retargets({ pipeline: { name: '{{which}}' } }), true);
});

test('PipelineSource follows called pipelines, treats missing and unreadable ones as retargeting, and caches briefly', async () => {
  const defs: Record<string, unknown> = {
    safe: { processors: [{ pipeline: { name: 'inner' } }] },
    inner: { processors: [{ lowercase: { field: 'a' } }] },
    outer: { processors: [{ pipeline: { name: 'evil' } }] },
    evil: { processors: [{ set: { field: '_index', value: 'secret' } }] },
    loop: { processors: [{ pipeline: { name: 'loop' } }] },
  };
  let fetches = 0;
  let now = 0;
  const src = new PipelineSource(async (id) => {
    fetches++;
    if (id === 'broken') throw new Error('down');
    return defs[id] ?? null;
  }, { ttlMs: 1000, clock: { now: () => now } });
  assert.equal(await src.mayRetarget('safe'), null);
  assert.equal(await src.mayRetarget('loop'), null);
  assert.match((await src.mayRetarget('outer'))!, /pipeline \[evil\] may change the target index/);
  assert.match((await src.mayRetarget('missing'))!, /does not exist/);
  assert.match((await src.mayRetarget('broken'))!, /could not be read/);
  assert.match((await src.mayRetarget('a*'))!, /not a single pipeline id/);
  const before = fetches;
  await src.mayRetarget('safe');
  assert.equal(fetches, before, 'cached');
  now = 5000;
  defs.inner = { processors: [{ script: { source: 'ctx._index = "x"' } }] };
  assert.match((await src.mayRetarget('safe'))!, /inner/, 'a changed definition is seen after the TTL');
});

test('pipelinesInSettings finds default and final pipelines in nested and flat settings', () => {
  assert.deepEqual(pipelinesInSettings({ index: { default_pipeline: 'a', number_of_shards: 1 } }), ['a']);
  assert.deepEqual(pipelinesInSettings({ 'index.final_pipeline': 'b', default_pipeline: 'c' }), ['b', 'c']);
  assert.deepEqual(pipelinesInSettings({ settings: { index: { default_pipeline: '_none' } } }), []);
  assert.deepEqual(pipelinesInSettings(undefined), []);
});
