import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseUserQueryRequest } from './query-users.ts';

test('defaults, sort forms and _doc', () => {
  assert.deepEqual(parseUserQueryRequest(undefined, 0), { query: { kind: 'all' }, from: 0, size: 10, sort: [], searchAfter: undefined });
  const r = parseUserQueryRequest({ sort: ['roles', { username: { order: 'desc' } }, '_doc'], from: '2', size: 3 }, 0);
  assert.deepEqual(r.sort, [{ field: 'roles', order: 'asc' }, { field: 'username', order: 'desc' }, { field: 'username', order: 'asc' }]);
  assert.deepEqual([r.from, r.size], [2, 3]);
});

test('ES errors for bad requests', () => {
  const cases: [unknown, RegExp][] = [
    [{ sort: 'username' }, /sort doesn't support values of type: VALUE_STRING/],
    [{ sort: [{ username: 'desc' }] }, /\[query_user_request_payload\] failed to parse field \[sort\]/],
    [{ sort: ['email'] }, /sorting is not supported for field \[email\]/],
    [{ from: -1, size: -2 }, /Validation Failed: 1: \[from\] parameter cannot be negative but was \[-1\];2: \[size\] parameter cannot be negative but was \[-2\];/],
    [{ size: 10_001 }, /Result window is too large, from \+ size must be less than or equal to: \[10000\] but was \[10001\]/],
    [{ sort: ['username'], search_after: ['a', 'b'] }, /search_after has 2 value\(s\) but sort has 1\./],
    [{ search_after: ['a'] }, /Sort must contain at least one field\./],
    [{ from: 'x' }, /failed to parse field \[from\]/],
  ];
  for (const [body, re] of cases) assert.throws(() => parseUserQueryRequest(body, 0), re, JSON.stringify(body));
});
