import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseQuery } from './parse-query.ts';
import { USER_FIELDS } from '../../store/user-query.ts';
import { API_KEY_FIELDS } from '../../store/api-key-query.ts';

const now = 0;

test('one parser, each API its fields: metadata is an API key field, not a user field', () => {
  assert.deepEqual(parseQuery({ term: { 'metadata.team': 'a' } }, now, API_KEY_FIELDS), { kind: 'term', field: 'metadata.team', value: 'a', caseInsensitive: false });
  assert.throws(() => parseQuery({ term: { 'metadata.team': 'a' } }, now, USER_FIELDS), /Field \[metadata.team\] is not allowed for querying or aggregation/);
  assert.throws(() => parseQuery({ term: { name: 'a' } }, now, USER_FIELDS), /Field \[name\] is not allowed/);
});

test('match on a text field is any of its words (all with operator and); on a keyword it is a term', () => {
  assert.deepEqual(parseQuery({ match: { full_name: 'Ann Apis' } }, now, USER_FIELDS), {
    kind: 'bool',
    must: [],
    should: [{ kind: 'term', field: 'full_name', value: 'ann' }, { kind: 'term', field: 'full_name', value: 'apis' }],
    mustNot: [],
    minimumShouldMatch: 1,
  });
  const and = parseQuery({ match: { email: { query: 'ann@x.io', operator: 'and' } } }, now, USER_FIELDS);
  assert.deepEqual(and, { kind: 'bool', must: [{ kind: 'term', field: 'email', value: 'ann' }, { kind: 'term', field: 'email', value: 'x.io' }], should: [], mustNot: [], minimumShouldMatch: 0 });
  assert.deepEqual(parseQuery({ match: { username: 'Ann' } }, now, USER_FIELDS), { kind: 'term', field: 'username', value: 'Ann', caseInsensitive: false });
});

test('ids name the API documents: user-<name> for users, the id for API keys', () => {
  assert.deepEqual(parseQuery({ ids: { values: ['user-ann', 'other'] } }, now, USER_FIELDS), { kind: 'terms', field: 'username', values: ['ann'] });
  assert.deepEqual(parseQuery({ ids: { values: ['k1'] } }, now, API_KEY_FIELDS), { kind: 'terms', field: 'id', values: ['k1'] });
});

test('booleans parse as ES parses them; unsupported query types are refused', () => {
  assert.deepEqual(parseQuery({ term: { enabled: 'false' } }, now, USER_FIELDS), { kind: 'term', field: 'enabled', value: false, caseInsensitive: false });
  assert.throws(() => parseQuery({ term: { enabled: 'maybe' } }, now, USER_FIELDS), /Can't parse boolean value \[maybe\]/);
  assert.throws(() => parseQuery({ script: {} }, now, USER_FIELDS), /Query type \[script\] is not currently supported in this context/);
});
