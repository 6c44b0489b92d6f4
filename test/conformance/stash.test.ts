import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evaluatePath, parsePath, PathError } from './object-path.ts';
import { Stash, StashError } from './stash.ts';

test('paths split on unescaped dots; \\. keeps a dot in the key', () => {
  assert.deepEqual(parsePath('a.b.0.c'), ['a', 'b', '0', 'c']);
  assert.deepEqual(parsePath('nodes.a\\.b.c'), ['nodes', 'a.b', 'c']);
  assert.deepEqual(parsePath(''), []);
  assert.deepEqual(parsePath('"api_keys.0.id"'.slice(1, -1)), ['api_keys', '0', 'id']);
});

test('evaluatePath walks maps and lists; missing keys give undefined; bad steps throw', () => {
  const body = { a: { b: [{ c: 1 }, { c: null }] }, 'x.y': 2, m: { only: 1 } };
  assert.equal(evaluatePath(body, 'a.b.0.c'), 1);
  assert.equal(evaluatePath(body, 'a.b.1.c'), undefined);
  assert.equal(evaluatePath(body, 'a.nope.c'), undefined);
  assert.equal(evaluatePath(body, 'x\\.y'), 2);
  assert.equal(evaluatePath(body, ''), body);
  assert.equal(evaluatePath(body, 'm._arbitrary_key_'), 'only');
  assert.throws(() => evaluatePath(body, 'a.b.5'), PathError);
  assert.throws(() => evaluatePath(body, 'a.b.x'), PathError);
  assert.throws(() => evaluatePath(body, 'a.b.0.c.d'), PathError);
});

test('$var is the stashed value with its type; ${var} is replaced inside strings; \\${var} stays', () => {
  const s = new Stash();
  s.set('id', 'abc');
  s.set('n', 42);
  s.set('body', { hits: { total: 3 } });
  assert.equal(s.getValue('$id'), 'abc');
  assert.equal(s.getValue('$n'), 42);
  assert.equal(s.getValue('$body.hits.total'), 3);
  assert.equal(s.getValue('ApiKey ${id}'), 'ApiKey abc');
  assert.equal(s.getValue('/^(${id}|${n})$/'), '/^(abc|42)$/');
  assert.equal(s.getValue('keep \\${id}'), 'keep ${id}');
  assert.throws(() => s.getValue('$missing'), StashError);
});

test('containsStashedValue: strings starting with $ or holding ${...}', () => {
  const s = new Stash();
  assert.equal(s.containsStashedValue('$x'), true);
  assert.equal(s.containsStashedValue('a ${x} b'), true);
  assert.equal(s.containsStashedValue('a $x'), false);
  assert.equal(s.containsStashedValue(''), false);
  assert.equal(s.containsStashedValue(1), false);
});

test('replaceStashedValues reaches keys and values at any depth', () => {
  const s = new Stash();
  s.set('k', 'key1');
  s.set('v', [1, 2]);
  s.set('id', 'i1');
  assert.deepEqual(s.replaceStashedValues({ $k: { list: ['$id', 'x-${id}'], v: '$v' }, plain: 1 }), { key1: { list: ['i1', 'x-i1'], v: [1, 2] }, plain: 1 });
  assert.equal(s.replaceStashedValues('$id'), 'i1');
  assert.throws(() => s.replaceStashedValues({ $k: 1, key1: 2 }), StashError);
});

test('stash values in path parts: nodes.$master.name and e${x}s', () => {
  const s = new Stash();
  s.set('master', 'n1');
  s.set('x', 'lement');
  const body = { nodes: { n1: { name: 'node-1' } }, elements: 3 };
  assert.equal(evaluatePath(body, 'nodes.$master.name', s.resolvePathPart), 'node-1');
  assert.equal(evaluatePath(body, 'e${x}s', s.resolvePathPart), 3);
});

test('clear empties the stash', () => {
  const s = new Stash();
  s.set('a', 1);
  s.clear();
  assert.throws(() => s.getValue('$a'), StashError);
});
