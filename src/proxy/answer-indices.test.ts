import { test } from 'node:test';
import assert from 'node:assert/strict';
import { answerIndices, scanIndexNames } from './answer-indices.ts';
import { AnswerShape } from '../authz/response-check.ts';

const names = (answer: unknown, shape: AnswerShape) => [...answerIndices(answer, shape)].sort();
const hit = (index: string, extra: Record<string, unknown> = {}) => ({ _index: index, _id: '1', _score: 1, _source: { _index: 'in-source-is-data' }, ...extra });

test('search: every hit, inner hits (collapse, nested, has_child) to any depth', () => {
  const answer = {
    took: 1,
    hits: {
      total: { value: 3 },
      hits: [
        hit('a', {
          inner_hits: {
            latest: { hits: { hits: [hit('b', { inner_hits: { deeper: { hits: { hits: [hit('c')] } } } })] } },
            nested: { hits: { hits: [{ _index: 'a', _id: '1', _nested: { field: 'n', offset: 0 } }] } },
          },
        }),
        hit('d'),
      ],
    },
  };
  assert.deepEqual(names(answer, AnswerShape.search), ['a', 'b', 'c', 'd']);
});

test('search: top hits in aggregations (any bucket depth, an aggregation named "hits"), suggest options; shard failures carry no documents', () => {
  const answer = {
    hits: { hits: [] },
    aggregations: {
      by_tag: {
        buckets: [
          { key: 'x', doc_count: 1, top: { hits: { total: { value: 1 }, hits: [hit('t1')] } } },
          { key: 'y', doc_count: 1, inner: { buckets: { k: { top: { hits: { hits: [hit('t2')] } } } } } },
        ],
      },
      hits: { hits: { hits: [hit('t3')] } },
      avg: { value: 3 },
    },
    suggest: { s: [{ text: 'x', options: [{ text: 'xy', _index: 's1', _id: '1', _source: {} }, { text: 'term option, no index' }] }] },
    _shards: { total: 2, failed: 1, failures: [{ shard: 0, index: 'f1', reason: { type: 'x' } }] },
  };
  assert.deepEqual(names(answer, AnswerShape.search), ['s1', 't1', 't2', 't3']);
});

test('scroll answers are search answers; an empty page names nothing', () => {
  assert.deepEqual(names({ _scroll_id: 'abc', hits: { hits: [hit('logs-1')] } }, AnswerShape.search), ['logs-1']);
  assert.deepEqual(names({ _scroll_id: 'abc', hits: { total: { value: 0 }, hits: [] } }, AnswerShape.search), []);
});

test('msearch: every response, error items included (they name no documents)', () => {
  const answer = {
    took: 2,
    responses: [
      { hits: { hits: [hit('m1')] }, status: 200 },
      { error: { type: 'index_not_found_exception', index: 'gone' }, status: 404 },
      { hits: { hits: [hit('m2', { inner_hits: { i: { hits: { hits: [hit('m3')] } } } })] }, status: 200 },
    ],
  };
  assert.deepEqual(names(answer, AnswerShape.msearch), ['m1', 'm2', 'm3']);
});

test('mget and mtermvectors: docs[], found or not or failed', () => {
  const mget = { docs: [{ _index: 'g1', _id: '1', found: true, _source: {} }, { _index: 'g2', _id: '2', found: false }, { _index: 'g3', _id: '3', error: { type: 'x' } }] };
  assert.deepEqual(names(mget, AnswerShape.docs), ['g1', 'g2', 'g3']);
  const mtv = { docs: [{ _index: 'v1', _id: '1', found: true, term_vectors: { f: { terms: { _index: {} } } } }] };
  assert.deepEqual(names(mtv, AnswerShape.docs), ['v1']);
});

test('get, explain, termvectors: the top-level _index; an error answer names none', () => {
  assert.deepEqual(names({ _index: 'x', _id: '1', found: true, _source: { _index: 'y' } }, AnswerShape.doc), ['x']);
  assert.deepEqual(names({ _index: 'x', _id: '1', matched: true, explanation: { value: 1, details: [] } }, AnswerShape.doc), ['x']);
  assert.deepEqual(names({ _index: 'x', _id: '1', found: true, term_vectors: {} }, AnswerShape.doc), ['x']);
  assert.deepEqual(names({ error: { type: 'index_not_found_exception', index: 'x' }, status: 404 }, AnswerShape.doc), []);
});

test('async search: the search answer inside `response`', () => {
  assert.deepEqual(names({ id: 'q', is_running: false, response: { hits: { hits: [hit('a1')] } } }, AnswerShape.async), ['a1']);
});

test('a non-string _index is reported as its JSON (it never passes as a name); odd shapes do not throw', () => {
  assert.deepEqual(names({ hits: { hits: [{ _index: ['a', 'b'] }, { _index: 7 }, null, 'x'] } }, AnswerShape.search), ['7', '["a","b"]']);
  for (const odd of [null, 'text', [1, 2], { hits: 'x' }, { hits: { hits: {} } }, { responses: {} }, { docs: 'x' }, { aggregations: [1, { hits: null }] }]) {
    for (const shape of Object.values(AnswerShape)) assert.doesNotThrow(() => answerIndices(odd, shape));
  }
  assert.deepEqual(names({ hits: { hits: [hit('a')] } }, AnswerShape.docs), [], 'the shape decides where names are read');
});

const scan = (text: string) => {
  const r = scanIndexNames(Buffer.from(text));
  return r === null ? null : [...r].sort();
};

test('scan: every _index value of the text, compact or pretty, repeated names once', () => {
  const answer = { hits: { hits: [hit('a'), hit('a'), hit('b', { inner_hits: { i: { hits: { hits: [hit('c')] } } } })] }, aggregations: { t: { hits: { hits: [hit('d')] } } } };
  assert.deepEqual(scan(JSON.stringify(answer)), ['a', 'b', 'c', 'd', 'in-source-is-data']);
  assert.deepEqual(scan(JSON.stringify(answer, null, 2)), ['a', 'b', 'c', 'd', 'in-source-is-data']);
  assert.deepEqual(scan('{"_index" :\n "x", "k": "_index", "_index":""}'), ['', 'x'], 'a value "_index" is not a key; an empty name is a name');
  assert.deepEqual(scan('{"msg":"say \\"_index\\": \\"secret\\"","_index":"ok"}'), ['ok'], 'escaped quotes inside a string are no key');
  assert.deepEqual(scan('{"hits":[]}'), []);
});

test('scan: whatever answerIndices reads, the scan reads too (every shape)', () => {
  const answers: [unknown, AnswerShape][] = [
    [{ hits: { hits: [hit('a', { inner_hits: { x: { hits: { hits: [hit('b')] } } } })] }, suggest: { s: [{ options: [{ _index: 'c' }] }] } }, AnswerShape.search],
    [{ responses: [{ hits: { hits: [hit('d')] } }, { error: {}, status: 404 }] }, AnswerShape.msearch],
    [{ docs: [{ _index: 'e', _id: '1', found: false }, { _index: 'f', error: {} }] }, AnswerShape.docs],
    [{ _index: 'g', _id: '1', term_vectors: {} }, AnswerShape.doc],
    [{ response: { hits: { hits: [hit('h')] } } }, AnswerShape.async],
  ];
  for (const [answer, shape] of answers) {
    const scanned = new Set(scan(JSON.stringify(answer)));
    for (const n of answerIndices(answer, shape)) assert.ok(scanned.has(n), `${shape}: ${n}`);
  }
});

test('scan: a value it cannot read plainly (escapes, not a string) sends the checker to the parse', () => {
  assert.equal(scan('{"_index":"a\\u0062"}'), null);
  assert.equal(scan('{"_index":["a"]}'), null);
  assert.equal(scan('{"_index":7}'), null);
  assert.equal(scan('{"_index":"unterminated'), null);
});
