import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ErrorCodes, EsError, illegalArgument, isEsError, validationError, type ErrorCode } from './errors.ts';

test('an EsError takes its ES type and HTTP status from the catalogue', () => {
  for (const code of Object.keys(ErrorCodes) as ErrorCode[]) {
    const e = new EsError(code, `reason for ${code}`);
    assert.ok(e instanceof Error);
    assert.equal(e.name, 'EsError');
    assert.equal(e.code, code);
    assert.equal(e.message, `reason for ${code}`);
    assert.equal(e.type, ErrorCodes[code].type);
    assert.equal(e.status, ErrorCodes[code].status);
    assert.deepEqual(e.fields, {});
    assert.deepEqual(e.headers, {});
    assert.equal(e.cause, undefined);
    assert.ok(e.status >= 400 && e.status <= 599, code);
    assert.match(e.type, /^[a-z_]+$/, code);
  }
});

test('the catalogue maps the security errors to the types and statuses ES answers with', () => {
  const expected: Partial<Record<ErrorCode, [string, number]>> = {
    authentication_missing: ['security_exception', 401],
    authentication_failed: ['security_exception', 401],
    forbidden: ['security_exception', 403],
    validation: ['action_request_validation_exception', 400],
    illegal_argument: ['illegal_argument_exception', 400],
    parse: ['parse_exception', 400],
    x_content_parse: ['x_content_parse_exception', 400],
    not_found: ['resource_not_found_exception', 404],
    version_conflict: ['version_conflict_engine_exception', 409],
  };
  for (const [code, [type, status]] of Object.entries(expected) as [ErrorCode, [string, number]][]) {
    assert.deepEqual([ErrorCodes[code].type, ErrorCodes[code].status], [type, status], code);
  }
});

test('options override the type and status and carry fields, headers and a cause', () => {
  const cause = new Error('root');
  const e = new EsError('not_found', 'no such index [logs]', {
    type: 'index_not_found_exception',
    fields: { index: 'logs', 'resource.id': 'logs', 'resource.type': 'index_or_alias' },
    headers: { 'WWW-Authenticate': ['Basic realm="security", charset="UTF-8"', 'ApiKey'] },
    cause,
  });
  assert.equal(e.type, 'index_not_found_exception');
  assert.equal(e.status, 404);
  assert.deepEqual(e.fields, { index: 'logs', 'resource.id': 'logs', 'resource.type': 'index_or_alias' });
  assert.deepEqual(e.headers, { 'WWW-Authenticate': ['Basic realm="security", charset="UTF-8"', 'ApiKey'] });
  assert.equal(e.cause, cause);

  const status = new EsError('validation', 'Validation Failed: 1: x;', { type: 'validation_exception', status: 422 });
  assert.equal(status.type, 'validation_exception');
  assert.equal(status.status, 422);
  assert.equal(status.code, 'validation');
});

test('isEsError tells EsErrors from other values', () => {
  assert.equal(isEsError(new EsError('internal', 'x')), true);
  assert.equal(isEsError(new Error('x')), false);
  assert.equal(isEsError({ code: 'internal', type: 'exception', status: 500, message: 'x' }), false);
  assert.equal(isEsError(undefined), false);
  assert.equal(isEsError('x'), false);
});

test('validationError numbers the problems as ES does ("Validation Failed: 1: a;2: b;")', () => {
  const one = validationError(['roles are missing']);
  assert.equal(one.message, 'Validation Failed: 1: roles are missing;');
  assert.equal(one.type, 'action_request_validation_exception');
  assert.equal(one.status, 400);
  const two = validationError(['user is missing', 'roles are missing']);
  assert.equal(two.message, 'Validation Failed: 1: user is missing;2: roles are missing;');
});

test('illegalArgument is a 400 illegal_argument_exception', () => {
  const e = illegalArgument('users may not update the enabled status of their own account');
  assert.equal(e.code, 'illegal_argument');
  assert.equal(e.type, 'illegal_argument_exception');
  assert.equal(e.status, 400);
  assert.equal(e.message, 'users may not update the enabled status of their own account');
});
