import assert from 'node:assert/strict';
import { test } from 'node:test';
import { check, contains, isFalse, isTrue, length, match } from './assertions.ts';
import { catchFailure } from './catch.ts';
import { javaRegex, stripComments } from './regex.ts';
import { javaToString } from './values.ts';

const ok = (v: string | null) => assert.equal(v, null);
const bad = (v: string | null) => assert.equal(typeof v, 'string', 'expected a failure');

test('match: exact values, numbers by value, maps by key set, lists in order', () => {
  ok(match('a', 'x', 'x'));
  ok(match('a', 1, 1.0));
  ok(match('a', { b: [1, { c: true }] }, { b: [1, { c: true }] }));
  bad(match('a', { b: 1, extra: 2 }, { b: 1 }));
  bad(match('a', [1, 2], [2, 1]));
  bad(match('a', '1', 1));
  bad(match('a', undefined, 'x'));
  ok(match('a', undefined, null));
  ok(match('a', null, null));
  bad(match('a', 'x', null));
});

test('match: /regex/ uses Java COMMENTS mode and searches', () => {
  ok(match('a', 'abc-123', '/^abc - \\d+$/'));
  ok(match('a', 'xx abc yy', '/abc/'));
  ok(match('a', 'id1', '  /^(id0|id1|id2)$/  '));
  ok(match('a', 'a b', '/^a\\ b$/'));
  ok(match('a', 'a b', '/^a[ ]b$/'));
  bad(match('a', 'a b', '/^a b$/'));
  bad(match('a', 42, '/42/'));
  assert.equal(stripComments('a b # comment\n c'), 'abc');
  assert.equal(javaRegex('(?i)ABC', false).test('xabcx'), true);
});

test('is_true / is_false follow the Java runner: null, "", "false" (any case), 0 are false', () => {
  for (const v of [undefined, null, '', 'false', 'FALSE', false, 0, '0']) {
    ok(isFalse('f', v));
    bad(isTrue('f', v));
  }
  for (const v of ['x', true, 1, {}, [], 'true', 0.5]) {
    ok(isTrue('f', v));
    bad(isFalse('f', v));
  }
});

test('length of strings, lists and maps', () => {
  ok(length('f', 'abc', 3));
  ok(length('f', [1, 2], 2));
  ok(length('f', { a: 1 }, 1));
  ok(length('f', {}, 0));
  bad(length('f', [1], 2));
  bad(length('f', 5, 1));
  bad(length('f', undefined, 0));
});

test('contains: a list of maps holds one with the expected entries; lists hold values; strings substrings', () => {
  const list = [{ names: ['a'], privileges: ['read'], extra: 1 }, { names: ['b'], privileges: ['all'] }];
  ok(contains('indices', list, { names: ['b'], privileges: ['all'] }));
  bad(contains('indices', list, { names: ['b'], privileges: ['read'] }));
  bad(contains('indices', list, { nope: 1 }));
  ok(contains('l', [1, 'x'], 'x'));
  ok(contains('s', 'must be mapped here', 'be mapped'));
  bad(contains('m', { a: 1 }, { a: 1 }));
});

test('gt, gte, lt, lte compare numbers or strings of the same kind', () => {
  ok(check('gt', 'f', 2, 1));
  bad(check('gt', 'f', 1, 1));
  ok(check('gte', 'f', 1, 1));
  ok(check('lt', 'f', 0, 1));
  ok(check('lte', 'f', 'a', 'b'));
  bad(check('lt', 'f', '1', 2));
});

test('exists, not_exists, close_to', () => {
  ok(check('exists', 'f', '', undefined));
  bad(check('exists', 'f', undefined, undefined));
  ok(check('not_exists', 'f', undefined, undefined));
  ok(check('close_to', 'f', 0.1234, { value: 0.123, error: 0.001 }));
  bad(check('close_to', 'f', 0.2, { value: 0.123, error: 0.001 }));
});

test('javaToString prints maps and lists as Java does', () => {
  assert.equal(javaToString({ type: 'x', root_cause: [{ a: 1 }] }), '{type=x, root_cause=[{a=1}]}');
  assert.equal(javaToString(null), 'null');
});

const response = (status: number, body: unknown = {}) => ({ status, body, headers: {} });

test('catch: named statuses', () => {
  ok(catchFailure('x', 'unauthorized', response(401), true));
  ok(catchFailure('x', 'forbidden', response(403), true));
  ok(catchFailure('x', 'missing', response(404), true));
  ok(catchFailure('x', 'bad_request', response(400), true));
  ok(catchFailure('x', 'conflict', response(409), true));
  bad(catchFailure('x', 'forbidden', response(401), true));
  bad(catchFailure('x', 'missing', response(200), false));
  bad(catchFailure('x', 'nonsense', response(400), true));
});

test('catch: request is any error status without a name of its own', () => {
  ok(catchFailure('x', 'request', response(500), true));
  ok(catchFailure('x', 'request', response(422), true));
  bad(catchFailure('x', 'request', response(400), true));
  bad(catchFailure('x', 'request', response(404), true));
});

test('catch: /regex/ matches the error as Java prints it, needs an error status', () => {
  const body = { error: { root_cause: [{ type: 'illegal_argument_exception', reason: "terms query with terms lookup isn't supported as part of a role query" }], type: 'x' }, status: 400 };
  ok(catchFailure('x', "/terms query with terms lookup isn't supported as part of a role query/", response(400, body), true));
  ok(catchFailure('x', '/type=illegal_argument_exception/', response(400, body), true));
  bad(catchFailure('x', '/something else/', response(400, body), true));
  bad(catchFailure('x', '/x/', response(200, body), false));
  bad(catchFailure('x', '/x/', response(400, {}), true));
  ok(catchFailure('x', '/own account/', response(400, { error: 'users may not update the enabled status of their own account' }), true));
});
