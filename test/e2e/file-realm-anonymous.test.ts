// The file realm (users/users_roles, edited while the gateway runs, a broken file), the users CLI,
// anonymous access with both authz_exception values, and that bad credentials never become anonymous.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import bcrypt from 'bcrypt';
import { NODE, MAIN, startGateway } from '../support/gateway.ts';
import { eventually } from '../support/eventually.ts';

const PW = 'elastic-test-password';


describe('file realm', () => {
  it('users from the files authenticate; edits are picked up while running; a broken file keeps the last good version', async () => {
    const hash = bcrypt.hashSync('file-user-password', 10);
    const gw = await startGateway({ elasticPassword: PW, files: { users: `fred:${hash}\n`, users_roles: 'superuser:fred\n' } });
    try {
      const me = await gw.request('GET', '/_security/_authenticate', { auth: ['fred', 'file-user-password'] });
      assert.equal(me.status, 200, me.text);
      assert.deepEqual(me.json.authentication_realm, { name: 'default_file', type: 'file' });
      assert.deepEqual(me.json.roles, ['superuser']);
      // add a user while it runs
      writeFileSync(join(gw.configDir, 'users'), `fred:${hash}\nwilma:${bcrypt.hashSync('wilma-password', 10)}\n`);
      await eventually(async () => (await gw.request('GET', '/_security/_authenticate', { auth: ['wilma', 'wilma-password'] })).status === 200, 'new user works');
      // break the file: the last good version stays
      writeFileSync(join(gw.configDir, 'users'), 'this line is not a user entry\n');
      await new Promise((r) => setTimeout(r, 2_500));
      assert.equal((await gw.request('GET', '/_security/_authenticate', { auth: ['wilma', 'wilma-password'] })).status, 200);
      assert.match(gw.stdout(), /invalid file; keeping the last good version/);
      // remove a user: refused at once after the reload (cache dropped)
      writeFileSync(join(gw.configDir, 'users'), `fred:${hash}\n`);
      await eventually(async () => (await gw.request('GET', '/_security/_authenticate', { auth: ['wilma', 'wilma-password'] })).status === 401, 'removed user refused');
    } finally {
      await gw.stop();
      gw.cleanup();
    }
  });

  it('portcullis users useradd/passwd/roles/list/userdel edit the files a running gateway reads', async () => {
    const gw = await startGateway({ elasticPassword: PW });
    const cli = (...args: string[]) => spawnSync(NODE, ['--disable-warning=ExperimentalWarning', MAIN, 'users', ...args, '--config', join(gw.configDir, 'portcullis.yml')], { encoding: 'utf8' });
    try {
      assert.equal(cli('useradd', 'barney', '-p', 'barney-password', '-r', 'superuser').status, 0);
      assert.ok(!readFileSync(join(gw.configDir, 'users'), 'utf8').includes('barney-password'), 'only the hash is written');
      await eventually(async () => (await gw.request('GET', '/_security/_authenticate', { auth: ['barney', 'barney-password'] })).status === 200, 'useradd');
      assert.match(cli('list').stdout, /barney\s+: superuser/);
      assert.equal(cli('roles', 'barney', '-a', 'viewer', '-r', 'superuser').status, 0);
      assert.match(cli('list', 'barney').stdout, /barney\s+: viewer/);
      const typed = spawnSync(NODE, ['--disable-warning=ExperimentalWarning', MAIN, 'users', 'passwd', 'barney', '--config', join(gw.configDir, 'portcullis.yml')], { encoding: 'utf8', input: 'barney-new-pass\nbarney-new-pass\n' });
      assert.equal(typed.status, 0, typed.stderr);
      assert.ok(!(typed.stdout + typed.stderr).includes('barney-new-pass'), 'never echoed');
      await eventually(async () => (await gw.request('GET', '/_security/_authenticate', { auth: ['barney', 'barney-new-pass'] })).status === 200, 'passwd');
      assert.equal(cli('useradd', 'barney', '-p', 'xxxxxxxx').status, 64);
      assert.equal(cli('userdel', 'barney').status, 0);
      await eventually(async () => (await gw.request('GET', '/_security/_authenticate', { auth: ['barney', 'barney-new-pass'] })).status === 401, 'userdel');
    } finally {
      await gw.stop();
      gw.cleanup();
    }
  });
});

describe('anonymous access', () => {
  for (const authzException of [true, false]) {
    it(`authz_exception: ${authzException} — no credentials become the anonymous user; denials are ${authzException ? '403' : '401'}`, async () => {
      const config = `xpack.security.authc.anonymous:\n  username: anonymous_user\n  roles: [anonymous_reader]\n  authz_exception: ${authzException}\n`;
      const gw = await startGateway({ elasticPassword: PW, config });
      try {
        const me = await gw.request('GET', '/_security/_authenticate');
        assert.equal(me.status, 200);
        assert.equal(me.json.username, 'anonymous_user');
        assert.equal(me.json.authentication_type, 'anonymous');
        const denied = await gw.request('PUT', '/_security/user/x', { body: { password: 'xxxxxxxx', roles: [] } });
        assert.equal(denied.status, authzException ? 403 : 401);
        if (!authzException) {
          assert.equal(denied.json.error.reason, 'action [cluster:admin/xpack/security/user/put] requires authentication');
          assert.ok(denied.headers['www-authenticate'], 'challenges ask for credentials');
        }
        const bad = await gw.request('GET', '/_security/_authenticate', { auth: ['elastic', 'wrong-password'] });
        assert.equal(bad.status, 401, 'bad credentials never fall back to anonymous');
        // As in ES, authenticated users also hold the anonymous roles (API keys do not).
        const admin = { auth: ['elastic', PW] as [string, string] };
        assert.equal((await gw.request('PUT', '/_security/role/anonymous_reader', { ...admin, body: { cluster: ['monitor'] } })).status, 200);
        assert.equal((await gw.request('PUT', '/_security/user/plain', { ...admin, body: { password: 'plain-password', roles: [] } })).status, 200);
        const plain = { auth: ['plain', 'plain-password'] as [string, string] };
        const who = await gw.request('GET', '/_security/_authenticate', plain);
        assert.deepEqual(who.json.roles, ['anonymous_reader']);
        assert.equal((await gw.request('GET', '/_cluster/health', plain)).status, 200, 'granted by the anonymous role');
        const key = await gw.request('POST', '/_security/api_key', { ...admin, body: { name: 'k', role_descriptors: { none: {} } } });
        assert.equal(key.status, 200);
        const byKey = await gw.request('GET', '/_security/_authenticate', { headers: { authorization: `ApiKey ${key.json.encoded}` } });
        assert.deepEqual(byKey.json.roles, [], 'an API key holds no anonymous roles');
        assert.equal((await gw.request('GET', '/_cluster/health', { headers: { authorization: `ApiKey ${key.json.encoded}` } })).status, 403);
      } finally {
        await gw.stop();
        gw.cleanup();
      }
    });
  }
});

describe('secondary authorization', () => {
  it('es-secondary-authorization is authenticated; bad credentials in it are a 401; grants act for it', async () => {
    const gw = await startGateway({ elasticPassword: PW });
    try {
      await gw.request('PUT', '/_security/user/second', { auth: ['elastic', PW], body: { password: 'second-password', roles: ['superuser'], full_name: 'Second' } });
      const second = `Basic ${Buffer.from('second:second-password').toString('base64')}`;
      const bad = await gw.request('GET', '/_security/_authenticate', { auth: ['elastic', PW], headers: { 'es-secondary-authorization': `Basic ${Buffer.from('second:nope').toString('base64')}` } });
      assert.equal(bad.status, 401);
      const grant = await gw.request('POST', '/_security/api_key/grant', { auth: ['elastic', PW], headers: { 'es-secondary-authorization': second }, body: { api_key: { name: 'for-second' } } });
      assert.equal(grant.status, 200, grant.text);
      const me = await gw.request('GET', '/_security/_authenticate', { headers: { Authorization: `ApiKey ${grant.json.encoded}` } });
      assert.equal(me.json.username, 'second');
      const ok = await gw.request('GET', '/_cluster/health', { auth: ['elastic', PW], headers: { 'es-secondary-authorization': second } });
      assert.equal(ok.status, 200, 'valid secondary credentials do not disturb the request');
    } finally {
      await gw.stop();
      gw.cleanup();
    }
  });
});
