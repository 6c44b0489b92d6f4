import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mergedAnswer, localAnswer } from './item-answers.ts';
import type { ItemAnswers } from '../authz/forward-authorizer.ts';

async function text(chunks: AsyncIterable<Buffer>): Promise<string> {
  let s = '';
  for await (const c of chunks) s += c.toString();
  return s;
}

const denials: ItemAnswers = {
  key: 'items',
  count: 4,
  set: { errors: true },
  head: { took: 0 },
  local: (n) => (n === 1 || n === 3 ? { delete: { status: 403, n } } : null),
};

test('merged answer: local items in their positions, upstream elements copied in order, top-level fields kept and set', async () => {
  const upstream = Buffer.from('{"took":7,"errors":false,"items":[{"index":{"status":201,"s":"a]b"}},{"index":{"status":200}}]}');
  const out = JSON.parse(await text((await mergedAnswer(upstream, denials, false))!));
  assert.deepEqual(out, {
    took: 7,
    errors: true,
    items: [{ index: { status: 201, s: 'a]b' } }, { delete: { status: 403, n: 1 } }, { index: { status: 200 } }, { delete: { status: 403, n: 3 } }],
  });
  const pretty = await text((await mergedAnswer(upstream, denials, true))!);
  assert.deepEqual(JSON.parse(pretty), out);
  assert.equal(pretty, JSON.stringify(out, null, 2), 'pretty output is what JSON.stringify would indent');
});

test('an upstream answer without the array is not merged; a local answer stands alone', async () => {
  assert.equal(await mergedAnswer(Buffer.from('{"error":{"type":"x"}}'), denials, false), null);
  const all: ItemAnswers = { ...denials, count: 2, local: (n) => ({ n }) };
  assert.deepEqual(JSON.parse(await text(localAnswer(all, false))), { took: 0, errors: true, items: [{ n: 0 }, { n: 1 }] });
  assert.deepEqual(JSON.parse(await text(localAnswer({ ...all, count: 0 }, true))), { took: 0, errors: true, items: [] });
});

test('a large local answer comes in bounded chunks', async () => {
  const many: ItemAnswers = { key: 'responses', count: 100_000, local: () => ({ error: { type: 'security_exception', reason: 'x'.repeat(100) }, status: 403 }) };
  let biggest = 0;
  let count = 0;
  for await (const c of localAnswer(many, false)) {
    biggest = Math.max(biggest, c.length);
    count++;
  }
  assert.ok(count > 100, `${count} chunks`);
  assert.ok(biggest < 70 * 1024, `largest chunk ${biggest} bytes`);
});
