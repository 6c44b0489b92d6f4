// The request parsing of create/update/invalidate as ES 9.1 answers it (checked against a real ES by
// test/e2e/differential.test.ts): positions, suggestions, wrappers and validation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fails } from '../../core/errors-testing.ts';
import { EsError } from '../../core/errors.ts';
import { parseJson } from '../../lib/json-positions.ts';
import { parseKeyFields, type DescriptorParser } from './api-key-requests.ts';

const parse: DescriptorParser = (name, json) => {
  if (json === null || typeof json !== 'object') throw new EsError('parse', `failed to parse role [${name}]. expected an object but found [VALUE_STRING] instead`);
  for (const k of Object.keys(json)) if (k !== 'cluster') throw new EsError('parse', `failed to parse role [${name}]. unexpected field [${k}]`);
  return json as never;
};
const create = (text: string) => parseKeyFields(parseJson(text), parse, { request: 'api_key_request', allowName: true, requireName: true });

test('create: field errors name the position and the parser, unknown fields get ES suggestions', () => {
  fails(() => create('{"name":"diff-x","colour":"red"}'), 'x_content_parse_exception', '[1:18] [api_key_request] unknown field [colour]');
  fails(() => create('{"name":"x","metdata":{}}'), 'x_content_parse_exception', '[1:13] [api_key_request] unknown field [metdata] did you mean [metadata]?');
  fails(() => create('{"name":5}'), 'x_content_parse_exception', '[1:9] [api_key_request] name doesn\'t support values of type: VALUE_NUMBER');
  fails(() => create('[1,2]'), 'x_content_parse_exception', '[1:1] [api_key_request] Expected START_OBJECT but was: START_ARRAY');
});

test('create: name required and at most 256 characters, expiration converted at build time', () => {
  fails(() => create('{}'), 'illegal_argument_exception', 'Required [name]');
  fails(() => create('{"name":""}'), 'action_request_validation_exception', 'Validation Failed: 1: api key name is required;');
  assert.equal(create(`{"name":"${'n'.repeat(256)}"}`).name?.length, 256);
  fails(() => create(`{"name":"${'n'.repeat(257)}"}`), 'action_request_validation_exception', 'Validation Failed: 1: api key name may not be more than 256 characters long;');
  fails(
    () => create('{"name":"x","expiration":"soon"}'),
    'x_content_parse_exception',
    'Failed to build [api_key_request] after last required field arrived',
    'failed to parse setting [expiration] with value [soon] as a time value: unit is missing or unrecognized',
  );
});

test('create: a role descriptor that fails to parse is wrapped twice, at the position where parsing stopped', () => {
  const text = '{"name":"diff-x","role_descriptors":{"r":{"clusters":["monitor"]}}}';
  try {
    create(text);
    assert.fail('no error');
  } catch (e) {
    assert.ok(e instanceof EsError);
    assert.equal(e.message, '[1:54] [api_key_request] failed to parse field [role_descriptors]');
    assert.equal(e.causedBy?.message, '[1:54] [role_descriptors] failed to parse field [r]');
    assert.equal(e.causedBy?.causedBy?.message, 'failed to parse role [r]. unexpected field [clusters]');
  }
  fails(() => create('{"name":"a","role_descriptors":[]}'), 'x_content_parse_exception', '[1:32] [api_key_request] failed to parse field [role_descriptors]');
});
