// The invalidate API's body as ES 9.1 parses and validates it (checked against a real ES by
// test/e2e/differential.test.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fails } from '../../../core/errors-testing.ts';
import { parseJson } from '../../../lib/json-positions.ts';
import { checkInvalidateSelection } from '../../../authc/api-keys/api-key-requests.ts';
import { invalidateSelection } from './selection.ts';

test('invalidate: ES 9 knows `ids` only, collects validation problems, fails the build on empty or blank ids', () => {
  const sel = (text: string) => checkInvalidateSelection(invalidateSelection(parseJson(text)));
  fails(() => sel('{"id":"x"}'), 'x_content_parse_exception', '[1:2] [invalidate_api_key] unknown field [id] did you mean [ids]?');
  fails(() => sel('{"ids":[]}'), 'x_content_parse_exception', 'Failed to build [invalidate_api_key] after last required field arrived', 'Validation Failed: 1: Field [ids] cannot be an empty array;');
  fails(
    () => sel('{"ids":["a"],"name":"n","realm_name":"r"}'),
    'action_request_validation_exception',
    'Validation Failed: 1: username or realm name must not be specified when the api key id(s) or api key name are specified;2: only one of [api key id(s), api key name] can be specified;',
  );
  fails(() => sel('{"owner":"yes"}'), 'x_content_parse_exception', '[1:10] [invalidate_api_key] failed to parse field [owner]');
  assert.deepEqual(invalidateSelection(parseJson('{"ids":"a,b"}')).ids, ['a,b'], 'one string is one id');
});
