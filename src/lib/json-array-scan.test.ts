import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanArrayField } from './json-array-scan.ts';
import { runSync, runSliced } from './slices.ts';

const elements = (text: string, key: string) => {
  const buf = Buffer.from(text);
  const f = runSync(scanArrayField(buf, key));
  return f && { elements: f.starts.map((s, i) => buf.toString('utf8', s, f.ends[i])), head: buf.toString('utf8', 0, f.headEnd), tail: buf.toString('utf8', f.tailStart) };
};

test('finds the elements of one top-level array field as byte ranges', () => {
  const text = '{"took":3,"note":"items: [1,2]","x":{"items":[9]},"items":[ {"a":"]}\\"[,"} , [1,[2]],"s",null ,4 ],"z":1}';
  assert.deepEqual(elements(text, 'items'), {
    elements: ['{"a":"]}\\"[,"}', '[1,[2]]', '"s"', 'null', '4'],
    head: '{"took":3,"note":"items: [1,2]","x":{"items":[9]},"items":[',
    tail: '],"z":1}',
  });
  assert.deepEqual(elements('{"items":[]}', 'items')?.elements, []);
  assert.deepEqual(elements('{\n  "responses" : [\n    {"a" : 1}\n  ]\n}', 'responses')?.elements, ['{"a" : 1}']);
});

test('no such array field, or not an object: null', () => {
  assert.equal(elements('{"items":{"a":[1]}}', 'items'), null);
  assert.equal(elements('{"other":[1]}', 'items'), null);
  assert.equal(elements('[{"items":[1]}]', 'items'), null);
  assert.equal(elements('{"items":"[1]"}', 'items'), null);
  assert.equal(elements('{"items":[1,2', 'items'), null);
});

test('a large answer is scanned in slices', async () => {
  const n = 200_000;
  const buf = Buffer.from('{"items":[' + Array(n).fill('{"index":{"status":201}}').join(',') + ']}');
  const f = await runSliced(scanArrayField(buf, 'items'));
  assert.equal(f?.starts.length, n);
});
