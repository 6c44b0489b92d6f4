import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compilePatterns, wildcardSubsetOf } from './patterns.ts';
import { CLUSTER_PRIVILEGE_NAMES, clusterPrivilegesThatGrant, resolveClusterPrivilege, unknownClusterPrivilegeMessage } from './cluster-privileges.ts';
import { INDEX_PRIVILEGE_NAMES, indexPrivilegesThatGrant, resolveIndexPrivilege } from './index-privileges.ts';
import { validateApplicationName, validatePrivilegeOrActionName } from './application-names.ts';

test('patterns: wildcards, escapes, Lucene regexes with complement and intersection', () => {
  const p = compilePatterns(['logs-*', 'a?c', 'x\\*y', '/idx-[0-9]+/']);
  for (const yes of ['logs-1', 'abc', 'x*y', 'idx-42']) assert.equal(p(yes), true, yes);
  for (const no of ['logs', 'xzy', 'idx-a', 'ab']) assert.equal(p(no), false, no);
  const notHidden = compilePatterns(['/~(([.]|ilm-history-).*)/']);
  assert.equal(notHidden('logs'), true);
  assert.equal(notHidden('.kibana'), false);
  assert.equal(notHidden('ilm-history-1'), false);
  const and = compilePatterns(['/metrics-.*&~(metrics-endpoint\\.metadata_current_default.*)/']);
  assert.equal(and('metrics-x'), true);
  assert.equal(and('metrics-endpoint.metadata_current_default-1'), false);
  assert.throws(() => compilePatterns(['/unterminated']), /must also end with '\/'/);
  assert.equal(wildcardSubsetOf('logs-2024-*', 'logs-*'), true);
  assert.equal(wildcardSubsetOf('logs-*', 'logs-2024-*'), false);
  assert.equal(wildcardSubsetOf('a?', 'a*'), true);
});

test('cluster privileges resolve to ES action patterns; raw cluster actions are allowed', () => {
  assert.deepEqual(resolveClusterPrivilege('MONITOR')?.include.includes('cluster:monitor/*'), true);
  assert.deepEqual(resolveClusterPrivilege('cluster:admin/xpack/security/user/get')?.include, ['cluster:admin/xpack/security/user/get*']);
  assert.equal(resolveClusterPrivilege('indices:data/read/search'), null);
  assert.equal(resolveClusterPrivilege('foo'), null);
  assert.equal(CLUSTER_PRIVILEGE_NAMES[0], 'manage_own_api_key');
  assert.deepEqual(CLUSTER_PRIVILEGE_NAMES.slice(-3), ['monitor', 'manage', 'all']);
  assert.match(unknownClusterPrivilegeMessage('Foo'), /^unknown cluster privilege \[foo\]\. a privilege must be either one of the predefined cluster privilege names \[/);
  assert.deepEqual(clusterPrivilegesThatGrant('cluster:admin/xpack/security/user/put'), ['manage_security', 'all']);
  assert.deepEqual(clusterPrivilegesThatGrant('cluster:admin/xpack/security/api_key/create', true), ['manage_own_api_key', 'manage_api_key', 'manage_security', 'all']);
  assert.deepEqual(clusterPrivilegesThatGrant('cluster:admin/xpack/security/api_key/grant'), ['grant_api_key', 'manage_api_key', 'manage_security', 'all']);
  assert.deepEqual(clusterPrivilegesThatGrant('cluster:admin/ilm/put'), ['manage_ilm', 'manage', 'all']);
  assert.deepEqual(clusterPrivilegesThatGrant('indices:admin/template/put'), ['manage_index_templates', 'manage', 'all']);
});

test('index privileges resolve to ES action patterns', () => {
  assert.ok(INDEX_PRIVILEGE_NAMES.includes('view_index_metadata'));
  assert.deepEqual(resolveIndexPrivilege('read'), ['indices:data/read/*', 'indices:admin/resolve/index', 'indices:admin/resolve/cluster']);
  assert.deepEqual(resolveIndexPrivilege('indices:data/read/search'), ['indices:data/read/search*']);
  assert.equal(resolveIndexPrivilege('cluster:monitor/health'), null);
  assert.deepEqual(indexPrivilegesThatGrant('indices:data/read/search'), ['read', 'all']);
  assert.deepEqual(indexPrivilegesThatGrant('indices:data/write/index'), ['create_doc', 'create', 'index', 'write', 'all']);
  assert.deepEqual(indexPrivilegesThatGrant('indices:data/write/delete'), ['delete', 'write', 'all']);
  assert.deepEqual(indexPrivilegesThatGrant('indices:admin/create'), ['create_index', 'manage', 'all']);
  assert.deepEqual(indexPrivilegesThatGrant('indices:admin/forcemerge'), ['maintenance', 'manage', 'all']);
  assert.deepEqual(indexPrivilegesThatGrant('indices:admin/mappings/get'), ['view_index_metadata', 'manage', 'all']);
});

test('application names and privilege names as ES validates them', () => {
  assert.equal(validateApplicationName('myapp', false), null);
  assert.equal(validateApplicationName('kibana-.kibana', false), null);
  assert.equal(validateApplicationName('app*', true), null);
  assert.equal(validateApplicationName('app*', false), "Application names may not contain '*' (found 'app*')");
  assert.equal(validateApplicationName('ab', false), "An application name prefix must be at least 3 characters long (found 'ab')");
  assert.equal(validateApplicationName('myapp-a/b', false), "An application name suffix may not contain any of the characters ' \"*,/<>?\\|' (found 'a/b')");
  assert.equal(validatePrivilegeOrActionName('data:read/*'), null);
  assert.match(validatePrivilegeOrActionName('in valid')!, /must match the pattern/);
});
