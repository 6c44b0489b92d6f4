import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { realmAuthentication, type Authentication } from '../../core/authentication.ts';
import { EsError } from '../../core/errors.ts';
import { makeUser } from '../../core/user.ts';
import { SqliteStore } from '../../store/sqlite/sqlite-store.ts';
import { RESERVED_USERS } from '../realms/reserved/reserved-users.ts';
import { UserManagement, type PutUserRequest } from './user-management.ts';

const HASH = '{PBKDF2}10000$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNo';
const OTHER_HASH = '{PBKDF2}10000$b3RoZXJzYWx0$b3RoZXJoYXNo';
const ADMIN: Authentication = realmAuthentication(makeUser('admin', { roles: ['superuser'] }), { name: 'default_native', type: 'native' });
const actingAs = (username: string, realm = { name: 'default_native', type: 'native' }) => realmAuthentication(makeUser(username, { roles: ['superuser'] }), realm);

function setup(t: TestContext) {
  const store = new SqliteStore(':memory:');
  t.after(() => store.close());
  const invalidated: (readonly string[])[] = [];
  const users = new UserManagement(store, (names) => invalidated.push([...names]));
  const put = (req: Partial<PutUserRequest> & { username: string }, actor = ADMIN) =>
    users.putUser({ passwordHash: HASH, roles: ['superuser'], ...req }, actor);
  return { store, users, invalidated, put };
}

/** Asserts an EsError of this type, status and exact reason. */
async function assertEsError(p: Promise<unknown>, type: string, status: number, reason: string): Promise<void> {
  await assert.rejects(p, (e: unknown) => {
    assert.ok(e instanceof EsError, inspect(e));
    assert.equal(e.type, type);
    assert.equal(e.status, status);
    assert.equal(e.message, reason);
    return true;
  });
}

const NAME_RULES = (kind: string, max: number) =>
  `${kind} names must be at least 1 and no more than ${max} characters. They can contain alphanumeric characters (a-z, A-Z, 0-9), spaces, punctuation, and printable symbols in the Basic Latin (ASCII) block. Leading or trailing whitespace is not allowed.`;

test('putUser creates a user (created: true), then updates it (created: false), storing every field', async (t) => {
  const { store, users, invalidated, put } = setup(t);
  assert.deepEqual(
    await put({ username: 'joe', roles: ['superuser', 'kibana_admin'], fullName: 'Bazooka Joe', email: 'joe@bazooka.gum', metadata: { key: 'val', nested: { _ok: 1 } } }),
    { created: true },
  );
  assert.deepEqual(invalidated, [['joe']]);
  assert.deepEqual(await store.getUser('joe'), {
    username: 'joe',
    passwordHash: HASH,
    roles: ['superuser', 'kibana_admin'],
    fullName: 'Bazooka Joe',
    email: 'joe@bazooka.gum',
    metadata: { key: 'val', nested: { _ok: 1 } },
    enabled: true,
  });

  assert.deepEqual(await put({ username: 'joe', passwordHash: OTHER_HASH, roles: ['viewer'] }), { created: false });
  assert.deepEqual(invalidated, [['joe'], ['joe']]);
  const [joe] = await users.getUsers(['joe']);
  assert.deepEqual(joe, { username: 'joe', roles: ['viewer'], fullName: null, email: null, metadata: {}, enabled: true });
  assert.equal((await store.getUser('joe'))!.passwordHash, OTHER_HASH);
});

test('an update without a password keeps the stored hash; enabled may be set on create and update', async (t) => {
  const { store, put, invalidated } = setup(t);
  await put({ username: 'joe', enabled: false });
  assert.equal((await store.getUser('joe'))!.enabled, false);
  assert.deepEqual(await put({ username: 'joe', passwordHash: undefined, roles: ['r2'] }), { created: false });
  const stored = (await store.getUser('joe'))!;
  assert.equal(stored.passwordHash, HASH);
  assert.deepEqual(stored.roles, ['r2']);
  assert.equal(stored.enabled, true, 'enabled defaults to true, as in ES');
  assert.deepEqual(invalidated, [['joe'], ['joe']]);
});

test('a new user needs a password (validation_exception); nothing is stored or invalidated', async (t) => {
  const { store, put, invalidated } = setup(t);
  await assertEsError(
    put({ username: 'joe', passwordHash: undefined }),
    'validation_exception',
    400,
    'Validation Failed: 1: password must be specified unless you are updating an existing user;',
  );
  assert.equal(await store.getUser('joe'), null);
  assert.deepEqual(invalidated, []);
});

test('a reserved user cannot be put: only its password can be changed', async (t) => {
  const { store, put, invalidated } = setup(t);
  for (const username of Object.keys(RESERVED_USERS)) {
    await assertEsError(
      put({ username }),
      'action_request_validation_exception',
      400,
      `Validation Failed: 1: user [${username}] is reserved and only the password can be changed;`,
    );
    assert.equal(await store.getUser(username), null);
    assert.equal(await store.getReservedUser(username), null);
  }
  assert.deepEqual(invalidated, []);
});

test('user names must be 1..507 printable ASCII characters without surrounding spaces', async (t) => {
  const { put, invalidated } = setup(t);
  for (const username of ['', ' joe', 'joe ', 'jöe', 'tab\tbed', 'new\nline', 'x'.repeat(508), '用户']) {
    await assertEsError(put({ username }), 'action_request_validation_exception', 400, `Validation Failed: 1: ${NAME_RULES('User', 507)};`);
  }
  assert.deepEqual(invalidated, []);
  for (const username of ['x'.repeat(507), 'joe doe', 'joe@example.com', 'a', '_password', 'ELASTIC', 'Joe-O\'Brien']) {
    assert.deepEqual(await put({ username }), { created: true }, username);
  }
});

test('roles are required (an empty list is fine) and each role name must be valid', async (t) => {
  const { put, invalidated } = setup(t);
  await assertEsError(put({ username: 'joe', roles: undefined }), 'action_request_validation_exception', 400, 'Validation Failed: 1: roles are missing;');
  await assertEsError(
    put({ username: 'joe', roles: ['ok', ' bad', 'x'.repeat(1025)] }),
    'action_request_validation_exception',
    400,
    `Validation Failed: 1: ${NAME_RULES('Role', 1024)};2: ${NAME_RULES('Role', 1024)};`,
  );
  assert.deepEqual(invalidated, []);
  assert.deepEqual(await put({ username: 'joe', roles: [] }), { created: true });
  assert.deepEqual(await put({ username: 'jane', roles: ['x'.repeat(1024)] }), { created: true });
});

test('top-level metadata keys may not start with _ (nested ones may)', async (t) => {
  const { put, store } = setup(t);
  await assertEsError(
    put({ username: 'joe', metadata: { ok: 1, _reserved: true } }),
    'action_request_validation_exception',
    400,
    'Validation Failed: 1: metadata keys may not start with [_];',
  );
  assert.equal(await store.getUser('joe'), null);
  assert.deepEqual(await put({ username: 'joe', metadata: { a: { _b: 1 }, c_: 2 } }), { created: true });
});

test('a native or reserved user may not disable their own account through putUser', async (t) => {
  const { put, invalidated, store } = setup(t);
  await put({ username: 'joe' });
  invalidated.length = 0;
  await assertEsError(
    put({ username: 'joe', enabled: false }, actingAs('joe')),
    'action_request_validation_exception',
    400,
    'Validation Failed: 1: native and reserved realm users may not update the enabled status of their own account;',
  );
  assert.equal((await store.getUser('joe'))!.enabled, true);
  assert.deepEqual(invalidated, []);

  assert.deepEqual(await put({ username: 'joe', enabled: true }, actingAs('joe')), { created: false }, 'keeping it enabled is fine');
  assert.deepEqual(await put({ username: 'joe', enabled: false }, actingAs('joe', { name: 'ldap1', type: 'ldap' })), { created: false }, 'a same-named user of another realm is someone else');
  assert.equal((await store.getUser('joe'))!.enabled, false);
});

test('all problems of a request are reported together, numbered', async (t) => {
  const { put } = setup(t);
  await assertEsError(
    put({ username: ' joe', roles: [''] }),
    'action_request_validation_exception',
    400,
    `Validation Failed: 1: ${NAME_RULES('User', 507)};2: ${NAME_RULES('Role', 1024)};`,
  );
});

test('request-level problems (roles missing, _ metadata) are reported alone, as ES validates the request before the user', async (t) => {
  const { put } = setup(t);
  await assertEsError(put({ username: 'elastic', roles: undefined }), 'action_request_validation_exception', 400, 'Validation Failed: 1: roles are missing;');
});

test('deleteUser removes a native user (true) and reports a missing one (false)', async (t) => {
  const { users, put, store, invalidated } = setup(t);
  await put({ username: 'joe' });
  invalidated.length = 0;
  assert.equal(await users.deleteUser('joe'), true);
  assert.equal(await store.getUser('joe'), null);
  assert.deepEqual(invalidated, [['joe']]);

  invalidated.length = 0;
  assert.equal(await users.deleteUser('joe'), false);
  assert.equal(await users.deleteUser('nobody'), false);
  for (const call of invalidated) assert.ok(call.length === 1 && ['joe', 'nobody'].includes(call[0]), JSON.stringify(call));
});

test('deleteUser refuses reserved users (400) and touches nothing', async (t) => {
  const { users, store, invalidated } = setup(t);
  await users.changePassword('elastic', HASH);
  invalidated.length = 0;
  for (const username of Object.keys(RESERVED_USERS)) {
    await assert.rejects(users.deleteUser(username), (e: unknown) => {
      assert.ok(e instanceof EsError);
      assert.equal(e.status, 400);
      assert.ok(e.message.includes(`user [${username}] is reserved and cannot be deleted`), e.message);
      return true;
    });
  }
  assert.equal((await store.getReservedUser('elastic'))!.passwordHash, HASH);
  assert.deepEqual(invalidated, []);
});

test('deleteUser of a reserved user is an illegal_argument_exception, as in ES', async (t) => {
  const { users } = setup(t);
  await assertEsError(users.deleteUser('elastic'), 'illegal_argument_exception', 400, 'user [elastic] is reserved and cannot be deleted');
});

test('getUsers lists reserved users first, in ES order, then native users by name', async (t) => {
  const { users, put } = setup(t);
  for (const u of ['zed', 'amy', 'bob', 'mike']) await put({ username: u });
  const all = await users.getUsers();
  assert.deepEqual(
    all.map((u) => u.username),
    ['elastic', 'kibana', 'kibana_system', 'logstash_system', 'beats_system', 'apm_system', 'remote_monitoring_user', 'amy', 'bob', 'mike', 'zed'],
  );
  const elastic = all[0];
  assert.deepEqual(elastic, { username: 'elastic', roles: ['superuser'], fullName: null, email: null, metadata: { _reserved: true }, enabled: true });
  assert.deepEqual(all[1].metadata, { _reserved: true, _deprecated: true, _deprecated_reason: 'Please use the [kibana_system] user instead.' });
});

test('getUsers by name returns the named users that exist, reserved first', async (t) => {
  const { users, put } = setup(t);
  await put({ username: 'joe', fullName: 'Joe' });
  await put({ username: 'amy' });
  const named = await users.getUsers(['joe', 'missing', 'kibana_system', 'amy', 'elastic']);
  assert.deepEqual(
    named.map((u) => u.username),
    ['kibana_system', 'elastic', 'amy', 'joe'],
  );
  assert.equal(named[3].fullName, 'Joe');
  assert.deepEqual(await users.getUsers(['missing']), []);
  assert.deepEqual((await users.getUsers(['elastic'])).map((u) => u.username), ['elastic']);
});

test('changePassword updates a native user\'s hash and leaves the rest', async (t) => {
  const { users, put, store, invalidated } = setup(t);
  await put({ username: 'joe', fullName: 'Joe', enabled: false });
  invalidated.length = 0;
  await users.changePassword('joe', OTHER_HASH);
  const stored = (await store.getUser('joe'))!;
  assert.equal(stored.passwordHash, OTHER_HASH);
  assert.equal(stored.fullName, 'Joe');
  assert.equal(stored.enabled, false);
  assert.deepEqual(invalidated, [['joe']]);
});

test('changePassword for a native user that does not exist is a validation_exception', async (t) => {
  const { users, store, invalidated } = setup(t);
  await assertEsError(users.changePassword('nobody', HASH), 'validation_exception', 400, 'Validation Failed: 1: user must exist in order to change password;');
  assert.equal(await store.getUser('nobody'), null);
  assert.deepEqual(invalidated, []);
});

test('changePassword of a reserved user stores its hash and keeps its enabled state', async (t) => {
  const { users, store, invalidated } = setup(t);
  await users.changePassword('elastic', HASH);
  assert.deepEqual(await store.getReservedUser('elastic'), { username: 'elastic', passwordHash: HASH, enabled: true });
  await users.setEnabled('kibana_system', false, ADMIN);
  await users.changePassword('kibana_system', OTHER_HASH);
  assert.deepEqual(await store.getReservedUser('kibana_system'), { username: 'kibana_system', passwordHash: OTHER_HASH, enabled: false });
  assert.equal(await store.getUser('elastic'), null, 'reserved users never become native users');
  assert.deepEqual(invalidated, [['elastic'], ['kibana_system'], ['kibana_system']]);
});

test('setEnabled disables and enables native users', async (t) => {
  const { users, put, store, invalidated } = setup(t);
  await put({ username: 'joe' });
  invalidated.length = 0;
  await users.setEnabled('joe', false, ADMIN);
  assert.equal((await store.getUser('joe'))!.enabled, false);
  assert.equal((await store.getUser('joe'))!.passwordHash, HASH);
  await users.setEnabled('joe', false, ADMIN);
  assert.equal((await store.getUser('joe'))!.enabled, false, 'disabling twice is fine');
  await users.setEnabled('joe', true, ADMIN);
  assert.equal((await store.getUser('joe'))!.enabled, true);
  assert.deepEqual(invalidated, [['joe'], ['joe'], ['joe']]);
});

test('setEnabled on a reserved user keeps its password and shows in getUsers', async (t) => {
  const { users, store, invalidated } = setup(t);
  await users.setEnabled('kibana_system', false, ADMIN);
  assert.deepEqual(await store.getReservedUser('kibana_system'), { username: 'kibana_system', passwordHash: null, enabled: false });
  assert.equal((await users.getUsers(['kibana_system']))[0].enabled, false);
  await users.changePassword('elastic', HASH);
  await users.setEnabled('elastic', false, ADMIN);
  assert.deepEqual(await store.getReservedUser('elastic'), { username: 'elastic', passwordHash: HASH, enabled: false });
  assert.deepEqual(invalidated, [['kibana_system'], ['elastic'], ['elastic']]);
});

test('users may not change the enabled status of their own account', async (t) => {
  const { users, put, store, invalidated } = setup(t);
  await put({ username: 'joe' });
  invalidated.length = 0;
  for (const enabled of [false, true]) {
    await assertEsError(users.setEnabled('joe', enabled, actingAs('joe')), 'illegal_argument_exception', 400, 'users may not update the enabled status of their own account');
  }
  await assertEsError(
    users.setEnabled('elastic', false, actingAs('elastic', { name: 'reserved', type: 'reserved' })),
    'illegal_argument_exception',
    400,
    'users may not update the enabled status of their own account',
  );
  assert.equal((await store.getUser('joe'))!.enabled, true);
  assert.equal(await store.getReservedUser('elastic'), null);
  assert.deepEqual(invalidated, []);
});

test('setEnabled on a native user that does not exist is refused and stores nothing', async (t) => {
  const { users, store, invalidated } = setup(t);
  await assert.rejects(users.setEnabled('nobody', false, ADMIN), (e: unknown) => e instanceof EsError && e.status >= 400 && e.status < 500);
  assert.equal(await store.getUser('nobody'), null);
  assert.deepEqual(invalidated, []);
});

test('setEnabled on a missing native user is ES\'s validation_exception', async (t) => {
  const { users } = setup(t);
  await assertEsError(users.setEnabled('nobody', false, ADMIN), 'validation_exception', 400, 'Validation Failed: 1: only existing users can be disabled;');
  await assertEsError(users.setEnabled('nobody', true, ADMIN), 'validation_exception', 400, 'Validation Failed: 1: only existing users can be enabled;');
});

test('a user of another realm type may disable the same-named native user', async (t) => {
  const { users, put, store } = setup(t);
  await put({ username: 'joe' });
  await users.setEnabled('joe', false, actingAs('joe', { name: 'ldap1', type: 'ldap' }));
  assert.equal((await store.getUser('joe'))!.enabled, false);
});
