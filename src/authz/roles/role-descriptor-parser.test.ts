import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EsError } from '../../core/errors.ts';
import { parseRoleDescriptor } from './role-descriptor-parser.ts';

function fails(fn: () => unknown, type: string, reason: string | RegExp, causedBy?: string | RegExp) {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof EsError, String(e));
    assert.equal(e.status, 400);
    assert.equal(e.type, type, e.message);
    if (typeof reason === 'string') assert.equal(e.message, reason);
    else assert.match(e.message, reason);
    if (causedBy !== undefined) {
      const c = (e.fields.caused_by as { reason: string }).reason;
      if (typeof causedBy === 'string') assert.equal(c, causedBy);
      else assert.match(c, causedBy);
    }
    return;
  }
  assert.fail('expected an error');
}

test('parses a full descriptor into the canonical form', () => {
  const d = parseRoleDescriptor('r', {
    cluster: ['monitor', 'cluster:admin/xpack/security/user/get'],
    indices: [
      { names: 'logs-*', privileges: ['read'], query: { term: { a: 1 } }, field_security: { grant: ['a*'], except: ['ab'] } },
      { names: ['/idx-[0-9]+/', 'x'], privileges: ['indices:data/read/*'], allow_restricted_indices: true },
    ],
    applications: [{ application: 'myapp', privileges: ['read', 'action:login'], resources: ['*'] }],
    run_as: ['bob'],
    metadata: { version: 1 },
    global: { application: { manage: { applications: ['app1-*'] } } },
    description: 'hello',
    transient_metadata: { enabled: true },
  });
  assert.deepEqual(d.indices, [
    { names: ['logs-*'], privileges: ['read'], field_security: { grant: ['a*'], except: ['ab'] }, query: '{"term":{"a":1}}', allow_restricted_indices: false },
    { names: ['/idx-[0-9]+/', 'x'], privileges: ['indices:data/read/*'], allow_restricted_indices: true },
  ]);
  assert.deepEqual(d.cluster, ['monitor', 'cluster:admin/xpack/security/user/get']);
  assert.deepEqual(d.run_as, ['bob']);
  assert.equal(d.description, 'hello');
  assert.deepEqual(d.global, { application: { manage: { applications: ['app1-*'] } } });
  assert.equal('transient_metadata' in d, false);
});

test('an empty body is an empty role; lists default to empty', () => {
  assert.deepEqual(parseRoleDescriptor('r', {}), { cluster: [], indices: [], applications: [], run_as: [], metadata: {} });
});

test('shape errors are ES parse_exceptions', () => {
  fails(() => parseRoleDescriptor('r', []), 'parse_exception', 'failed to parse role [r]. expected an object but found [START_ARRAY] instead');
  fails(() => parseRoleDescriptor('r', { shoe: 1 }), 'parse_exception', 'failed to parse role [r]. unexpected field [shoe]');
  fails(() => parseRoleDescriptor('r', { cluster: 'all' }), 'parse_exception', 'failed to parse role [r]', 'could not parse [cluster] field. expected a string array but found [VALUE_STRING] value instead');
  fails(() => parseRoleDescriptor('r', { cluster: [1] }), 'parse_exception', 'failed to parse role [r]', 'could not parse [cluster] field. expected a string array but one of the value in the array is [VALUE_NUMBER]');
  fails(() => parseRoleDescriptor('r', { indices: {} }), 'parse_exception', 'failed to parse indices privileges for role [r]. expected field [indices] value to be an array, but found [START_OBJECT] instead');
  fails(() => parseRoleDescriptor('r', { indices: [{ privileges: ['read'] }] }), 'parse_exception', 'failed to parse indices privileges for role [r]. missing required [names] field');
  fails(() => parseRoleDescriptor('r', { indices: [{ names: 'x' }] }), 'parse_exception', 'failed to parse indices privileges for role [r]. missing required [privileges] field');
  fails(() => parseRoleDescriptor('r', { indices: [{ names: [], privileges: [] }] }), 'parse_exception', 'failed to parse indices privileges for role [r]. [names] cannot be an empty array');
  fails(() => parseRoleDescriptor('r', { indices: [{ names: 'x', privileges: ['read'], allow_restricted_indices: 'yes' }] }), 'parse_exception', /expected field \[allow_restricted_indices\] value to be a boolean, but found \[VALUE_STRING\]/);
  fails(() => parseRoleDescriptor('r', { indices: [{ names: 'x', privileges: ['read'], nope: 1 }] }), 'parse_exception', 'failed to parse indices privileges for role [r]. unexpected field [nope]');
  fails(() => parseRoleDescriptor('r', { metadata: 'x' }), 'parse_exception', 'expected field [metadata] to be of type object, but found [VALUE_STRING] instead');
  fails(() => parseRoleDescriptor('r', { restriction: { workflows: ['search_application_query'] } }), 'parse_exception', 'failed to parse role [r]. unexpected field [restriction]');
  fails(() => parseRoleDescriptor('r', { applications: [{ application: 'app', privileges: ['a'] }] }), 'parse_exception', 'failed to parse application privileges for role [r]. missing required [resources] field');
});

test('unknown privileges and bad names are action_request_validation_exceptions listing every problem', () => {
  fails(() => parseRoleDescriptor('r', { cluster: ['foo'] }), 'action_request_validation_exception', /^Validation Failed: 1: unknown cluster privilege \[foo\]\. a privilege must be either one of the predefined cluster privilege names \[manage_own_api_key,.*,manage,all\] or a pattern over one of the available cluster actions;$/);
  fails(() => parseRoleDescriptor('r', { indices: [{ names: 'x', privileges: ['READ', 'bar'] }], cluster: ['Foo'], metadata: { _x: 1 } }), 'action_request_validation_exception', /^Validation Failed: 1: unknown cluster privilege \[foo\].*;2: unknown index privilege \[bar\]\. a privilege must be either one of the predefined fixed indices privileges \[all,auto_configure,create,.*,write\] or a pattern over one of the available index actions;3: role descriptor metadata keys may not start with \[_\];$/);
  fails(() => parseRoleDescriptor('r', { applications: [{ application: '000', privileges: ['in valid'], resources: ['*'] }] }), 'action_request_validation_exception', "Validation Failed: 1: An application name prefix must match the pattern ^[a-z][A-Za-z0-9]*$ (found '000');2: Application privilege names and actions must match the pattern ^\\p{Graph}*$ (found 'in valid');");
  fails(() => parseRoleDescriptor('r', { description: 'x'.repeat(1001) }), 'action_request_validation_exception', 'Validation Failed: 1: Role description must be less than 1000 characters.;');
  fails(() => parseRoleDescriptor(' r', {}), 'validation_exception', /^Validation Failed: 1: Role names must be at least 1 and no more than 1024 characters/);
});

test('raw action patterns and case-insensitive privilege names are accepted', () => {
  parseRoleDescriptor('r', { cluster: ['cluster:monitor/*', 'MONITOR', 'indices:admin/template/get'], indices: [{ names: '*', privileges: ['indices:data/read/search', 'Read'] }] });
});

test('API key descriptors may carry a restriction', () => {
  const d = parseRoleDescriptor('k', { restriction: { workflows: ['search_application_query'] } }, { forApiKey: true });
  assert.deepEqual(d.restriction, { workflows: ['search_application_query'] });
  fails(() => parseRoleDescriptor('k', { restriction: { workflows: [] } }, { forApiKey: true }), 'parse_exception', 'failed to parse restriction for role [k]. [workflows] cannot be an empty array');
  // reserved names are fine inside API keys
  parseRoleDescriptor('superuser', { cluster: ['all'] }, { forApiKey: true });
});

test('prohibited DLS queries are refused', () => {
  fails(
    () => parseRoleDescriptor('r', { indices: [{ names: 'index', privileges: ['all'], query: { terms: { field: { index: '_index', id: '_id', path: '_path' } } } }] }),
    'parse_exception',
    "failed to parse field 'query' for indices [index] at index privilege [0] of role descriptor",
    "terms query with terms lookup isn't supported as part of a role query",
  );
  fails(() => parseRoleDescriptor('r', { indices: [{ names: 'i', privileges: ['read'], query: '{"bool":{"must":[{"has_child":{}}]}}' }] }), 'parse_exception', /failed to parse field 'query'/, /has_child/);
  fails(() => parseRoleDescriptor('r', { indices: [{ names: 'i', privileges: ['read'], query: '{not json' }] }), 'parse_exception', /failed to parse field 'query'/);
  parseRoleDescriptor('r', { indices: [{ names: 'i', privileges: ['read'], query: { template: { source: '{{_user.username}}' } } }] });
});

test('remote_cluster is parsed with ES 9.1.5 messages; description is read as text', () => {
  const ok = parseRoleDescriptor('r', { remote_cluster: [{ clusters: ['c1'], privileges: ['monitor_enrich', 'monitor_stats'] }], description: 5 });
  assert.deepEqual(ok.remote_cluster, [{ privileges: ['monitor_enrich', 'monitor_stats'], clusters: ['c1'] }]);
  assert.equal(ok.description, '5');
  const p = 'failed to parse remote_cluster for role [r]. ';
  fails(() => parseRoleDescriptor('r', { remote_cluster: [{ privileges: ['monitor_enrich'] }] }), 'parse_exception', `${p}[clusters] must be defined when [privileges] are defined `);
  fails(() => parseRoleDescriptor('r', { remote_cluster: [{ clusters: ['c'] }] }), 'parse_exception', `${p}[privileges] must be defined when [clusters] are defined `);
  fails(() => parseRoleDescriptor('r', { remote_cluster: [{ clusters: ['c'], privileges: ['monitor_enrich', 'monitor', 'foo'] }] }), 'parse_exception',
    `${p}[monitor_enrich, monitor_stats] are the only values allowed for [privileges] within [remote_cluster]. Found [monitor_enrich, monitor, foo]`);
  fails(() => parseRoleDescriptor('r', { remote_cluster: [{}] }), 'illegal_argument_exception', 'remote cluster groups must not be null or empty');
  fails(() => parseRoleDescriptor('r', { remote_cluster: [{ clusters: [], privileges: [] }] }), 'illegal_argument_exception', 'remote cluster groups must not be null or empty');
  fails(() => parseRoleDescriptor('r', { remote_cluster: [{ clusters: ['c'], privileges: ['monitor_stats'], x: 1 }] }), 'parse_exception', `${p}unexpected field [x]`);
  fails(() => parseRoleDescriptor('r', { description: null }), 'illegal_argument_exception', /^Expected text but found VALUE_NULL/);
});
