import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EsError } from '../../core/errors.ts';
import { RequestShapes } from './shapes.ts';

test('a repeated request target is worked out once: the same shape comes back', () => {
  const shapes = new RequestShapes();
  const first = shapes.of('GET', '/logs-%2A,b/_doc/1?routing=a%20b');
  assert.equal(shapes.of('GET', '/logs-%2A,b/_doc/1?routing=a%20b'), first);
  assert.deepEqual(first.target.segments, ['logs-*,b', '_doc', '1']);
  assert.equal(first.target.query.get('routing'), 'a b');
  assert.equal(first.canonical, '/logs-*,b/_doc/1?routing=a%20b');
  assert.equal(first.kind, 'none');
  assert.deepEqual(first.resolved?.indices, ['logs-*', 'b']);
  assert.notEqual(shapes.of('HEAD', '/logs-%2A,b/_doc/1?routing=a%20b'), first, 'the method is part of the key');
});

test('routes whose body names the targets (bulk) are parsed and routed but not resolved', () => {
  const shape = new RequestShapes().of('POST', '/idx/_bulk');
  assert.notEqual(shape.kind, 'none');
  assert.equal(shape.resolved, undefined);
  assert.equal(shape.canonical, '/idx/_bulk');
});

test('a target that cannot be parsed throws the 400 every time; errors are not kept', () => {
  const shapes = new RequestShapes();
  for (let i = 0; i < 2; i++) {
    assert.throws(() => shapes.of('GET', '/idx/%E0%A4%A/_search'), (e: unknown) => e instanceof EsError && e.status === 400);
  }
});

test('long targets are worked out each time, not kept', () => {
  const shapes = new RequestShapes();
  const long = '/' + 'a'.repeat(600) + '/_doc/1';
  const shape = shapes.of('GET', long);
  assert.deepEqual(shape.resolved?.indices, ['a'.repeat(600)]);
  assert.notEqual(shapes.of('GET', long), shape);
  assert.deepEqual(shapes.of('GET', long), shape);
});
