import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileIgnorePolicies, EMPTY_FILTER_INFO, type FilterInfo } from './filters.ts';
import { enabledLevels, parseLevels, DEFAULT_INCLUDE, AUDIT_LEVELS } from './levels.ts';

const ev = (o: Partial<FilterInfo>): FilterInfo => ({ ...EMPTY_FILTER_INFO, ...o });

test('no policy drops nothing', () => {
  assert.equal(compileIgnorePolicies({})(ev({ user: 'x' })), false);
});

test('within a policy every field must match; an unset field matches anything, even a missing value', () => {
  const ignored = compileIgnorePolicies({ p: { users: ['kibana_*'], realms: ['native1'] } });
  assert.equal(ignored(ev({ user: 'kibana_system', realm: 'native1', action: 'indices:data/read/search', indices: ['a'] })), true);
  assert.equal(ignored(ev({ user: 'kibana_system', realm: 'file1' })), false);
  assert.equal(ignored(ev({ user: 'elastic', realm: 'native1' })), false);
});

test('any matching policy drops the event (policies are ORed)', () => {
  const ignored = compileIgnorePolicies({ a: { users: ['alice'] }, b: { actions: ['cluster:monitor/*'] } });
  assert.equal(ignored(ev({ user: 'alice' })), true);
  assert.equal(ignored(ev({ user: 'bob', action: 'cluster:monitor/health' })), true);
  assert.equal(ignored(ev({ user: 'bob', action: 'indices:data/read/search' })), false);
});

test('roles and indices: every value must match the policy', () => {
  const ignored = compileIgnorePolicies({ p: { indices: ['logs-*'], roles: ['viewer', 'reader'] } });
  assert.equal(ignored(ev({ indices: ['logs-1', 'logs-2'], roles: ['viewer'] })), true);
  assert.equal(ignored(ev({ indices: ['logs-1', 'secret'], roles: ['viewer'] })), false);
  assert.equal(ignored(ev({ indices: ['logs-1'], roles: ['viewer', 'admin'] })), false);
});

test('the empty string matches a missing field (anonymous events have no user)', () => {
  const ignored = compileIgnorePolicies({ p: { users: ['', 'elastic'] } });
  assert.equal(ignored(EMPTY_FILTER_INFO), true);
  assert.equal(ignored(ev({ user: 'elastic' })), true);
  assert.equal(ignored(ev({ user: 'bob' })), false);
  const onlyIndexed = compileIgnorePolicies({ p: { indices: ['*'] } });
  assert.equal(onlyIndexed(EMPTY_FILTER_INFO), true, '* matches the missing value too, as in ES');
  const noIndex = compileIgnorePolicies({ p: { indices: [''] } });
  assert.equal(noIndex(ev({ indices: ['a'] })), false);
  assert.equal(noIndex(EMPTY_FILTER_INFO), true);
});

test('? wildcards and /regex/ patterns, as ES\'s automatons', () => {
  const ignored = compileIgnorePolicies({ p: { users: ['user?', '/svc-[0-9]+/'] } });
  assert.equal(ignored(ev({ user: 'user1' })), true);
  assert.equal(ignored(ev({ user: 'user12' })), false);
  assert.equal(ignored(ev({ user: 'svc-42' })), true);
  assert.equal(ignored(ev({ user: 'svc-x' })), false);
});

test('event names: include minus exclude, _all, case-insensitive, unknown names refused with ES\'s message', () => {
  assert.deepEqual([...enabledLevels(DEFAULT_INCLUDE, [])].sort(), [...DEFAULT_INCLUDE].sort());
  assert.equal(enabledLevels(DEFAULT_INCLUDE, []).has('authentication_success'), false, 'not in ES\'s default');
  assert.equal(enabledLevels(['_all'], []).size, AUDIT_LEVELS.length);
  assert.deepEqual([...enabledLevels(['_all'], ['access_granted', 'ACCESS_DENIED'])].includes('access_granted'), false);
  assert.equal(enabledLevels(['_all'], ['_all']).size, 0);
  assert.throws(() => parseLevels(['access_granted', 'everything']), /invalid event name specified \[everything\]/);
});
