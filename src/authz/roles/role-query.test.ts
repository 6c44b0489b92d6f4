import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRoleQuery, runRoleQuery } from './role-query.ts';
import type { NamedRole } from './role-management.ts';

const roles: NamedRole[] = [
  { name: 'b', descriptor: { description: 'beta role', metadata: { team: 'x' }, applications: [{ application: 'app', privileges: ['read'], resources: ['*'] }] } },
  { name: 'a', descriptor: { metadata: { team: 'y' } } },
  { name: 'c', descriptor: { metadata: { team: 'x', level: 3 } } },
];
const run = (body: unknown) => runRoleQuery(roles, parseRoleQuery(body, new URLSearchParams()), () => ({}));

test('match_all, term on metadata, bool, prefix, wildcard, exists, applications', () => {
  assert.equal(run({}).total, 3);
  assert.deepEqual(run({ query: { term: { 'metadata.team': 'x' } }, sort: ['name'] }).roles.map((r) => r.name), ['b', 'c']);
  assert.deepEqual(run({ query: { bool: { must_not: { term: { 'metadata.team': 'x' } } } } }).roles.map((r) => r.name), ['a']);
  assert.deepEqual(run({ query: { exists: { field: 'description' } } }).roles.map((r) => r.name), ['b']);
  assert.deepEqual(run({ query: { wildcard: { name: { value: '[ac]*' } } } }).total, 0);
  assert.deepEqual(run({ query: { term: { 'applications.application': 'app' } } }).roles.map((r) => r.name), ['b']);
  assert.deepEqual(run({ query: { range: { 'metadata.level': { gte: 2 } } } }).roles.map((r) => r.name), ['c']);
});

test('sort, from, size, _sort and search_after', () => {
  const page = run({ sort: [{ name: { order: 'desc' } }], from: 1, size: 1 });
  assert.deepEqual(page, { total: 3, count: 1, roles: [{ name: 'b', _sort: ['b'] }] });
  assert.deepEqual(run({ sort: ['name'], search_after: ['a'] }).roles.map((r) => r.name), ['b', 'c']);
});

test('bad requests are 400s', () => {
  assert.throws(() => run({ from: -1 }), /\[from\] parameter cannot be negative but was \[-1\]/);
  assert.throws(() => run({ nope: 1 }), /unknown field \[nope\]/);
  assert.throws(() => run({ query: { script: {} } }), /Query type \[script\] is not currently supported/);
  assert.throws(() => run({ query: { term: { cluster: 'all' } } }), /Field \[cluster\] is not allowed/);
});
