import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import { EsError } from '../core/errors.ts';
import { errorBody, responseContentType } from './respond.ts';

test('an error body has the ES shape: error.root_cause[0] repeats type and reason, status beside error', () => {
  const body: any = errorBody(new EsError('validation', 'Validation Failed: 1: roles are missing;'));
  assert.deepEqual(body, {
    error: {
      root_cause: [{ type: 'action_request_validation_exception', reason: 'Validation Failed: 1: roles are missing;' }],
      type: 'action_request_validation_exception',
      reason: 'Validation Failed: 1: roles are missing;',
    },
    status: 400,
  });
});

test('without headers there is no header object', () => {
  const body: any = errorBody(new EsError('forbidden', 'action [cluster:monitor/main] is unauthorized for user [joe]'));
  const error = body.error as Record<string, unknown>;
  assert.equal('header' in error, false);
  assert.equal('header' in (error.root_cause as Record<string, unknown>[])[0], false);
  assert.equal(body.status, 403);
});

test('a header with one value renders as a string, with several as an array, in the error and in its root cause', () => {
  const body: any = errorBody(
    new EsError('authentication_missing', 'missing authentication credentials for REST request [/_security/_authenticate]', {
      headers: {
        'WWW-Authenticate': ['Basic realm="security", charset="UTF-8"', 'Bearer realm="security"', 'ApiKey'],
        'X-Single': ['only'],
      },
    }),
  );
  const header = { 'WWW-Authenticate': ['Basic realm="security", charset="UTF-8"', 'Bearer realm="security"', 'ApiKey'], 'X-Single': 'only' };
  assert.deepEqual(body, {
    error: {
      root_cause: [
        {
          type: 'security_exception',
          reason: 'missing authentication credentials for REST request [/_security/_authenticate]',
          header,
        },
      ],
      type: 'security_exception',
      reason: 'missing authentication credentials for REST request [/_security/_authenticate]',
      header,
    },
    status: 401,
  });
});

test('extra fields and an overridden type and status appear in the error and its root cause', () => {
  const body: any = errorBody(
    new EsError('not_found', 'no such index [logs]', {
      type: 'index_not_found_exception',
      fields: { 'resource.type': 'index_or_alias', 'resource.id': 'logs', index: 'logs' },
    }),
  );
  const cause = { type: 'index_not_found_exception', reason: 'no such index [logs]', 'resource.type': 'index_or_alias', 'resource.id': 'logs', index: 'logs' };
  assert.deepEqual(body, { error: { root_cause: [cause], ...cause }, status: 404 });
});

test('an error body survives JSON round-tripping unchanged', () => {
  const body: any = errorBody(new EsError('illegal_argument', 'multiple values for single-valued header [Authorization].'));
  assert.deepEqual(JSON.parse(JSON.stringify(body)), body);
  assert.equal(JSON.stringify(body), '{"error":{"root_cause":[{"type":"illegal_argument_exception","reason":"multiple values for single-valued header [Authorization]."}],"type":"illegal_argument_exception","reason":"multiple values for single-valued header [Authorization]."},"status":400}');
});

test('a 405 is rendered as ES renders it: a plain string error, no root_cause', () => {
  const reason = 'Incorrect HTTP method for uri [/_security/_authenticate] and method [DELETE], allowed: [GET]';
  assert.deepEqual(errorBody(new EsError('method_not_allowed', reason, { headers: { Allow: ['GET'] } })), { error: reason, status: 405 });
});

const req = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage;

test('the response media type follows the compatible-with version asked for, else plain JSON', () => {
  assert.equal(responseContentType(req({})), 'application/json');
  assert.equal(responseContentType(req({ accept: 'application/json' })), 'application/json');
  assert.equal(
    responseContentType(req({ accept: 'application/vnd.elasticsearch+json; compatible-with=8' })),
    'application/vnd.elasticsearch+json;compatible-with=8',
  );
  assert.equal(
    responseContentType(req({ 'content-type': 'application/vnd.elasticsearch+json;compatible-with=7' })),
    'application/vnd.elasticsearch+json;compatible-with=7',
  );
  assert.equal(
    responseContentType(req({ accept: 'application/vnd.elasticsearch+json;compatible-with=9', 'content-type': 'application/vnd.elasticsearch+json;compatible-with=8' })),
    'application/vnd.elasticsearch+json;compatible-with=9',
    'Accept wins over Content-Type',
  );
});

test('the action a denial carries is for the gateway (the anonymous 401), never rendered', () => {
  const e = new EsError('forbidden', 'action [indices:data/read/search] is unauthorized for user [u]', { action: 'indices:data/read/search' });
  assert.equal(e.action, 'indices:data/read/search');
  assert.ok(!JSON.stringify(errorBody(e)).includes('"action"'));
  assert.equal(new EsError('forbidden', 'x').action, undefined);
});

test('a wrapped error is rendered as caused_by; root_cause is the innermost Elasticsearch exception, not a Java one', () => {
  const inner = new EsError('parse', 'failed to parse role [r]. unexpected field [clusters]');
  const middle = new EsError('x_content_parse', '[1:54] [role_descriptors] failed to parse field [r]', { causedBy: inner });
  const body: any = errorBody(new EsError('x_content_parse', '[1:54] [api_key_request] failed to parse field [role_descriptors]', { causedBy: middle }));
  assert.deepEqual(body.error.root_cause, [{ type: 'parse_exception', reason: 'failed to parse role [r]. unexpected field [clusters]' }]);
  assert.equal(body.error.caused_by.caused_by.type, 'parse_exception');
  assert.equal(body.error.caused_by.reason, '[1:54] [role_descriptors] failed to parse field [r]');
  const java: any = errorBody(new EsError('x_content_parse', 'Failed to build [api_key_request] after last required field arrived', { causedBy: new EsError('illegal_argument', 'bad value') }));
  assert.equal(java.error.root_cause[0].type, 'x_content_parse_exception');
  assert.deepEqual(java.error.caused_by, { type: 'illegal_argument_exception', reason: 'bad value' });
});
