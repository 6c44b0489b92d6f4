// The official JavaScript client (@elastic/elasticsearch 9.x) against the gateway over TLS.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Client, errors } from '@elastic/elasticsearch';
import { startGateway, type Gateway } from '../support/gateway.ts';

const PW = 'client-elastic-password';

describe('the official JavaScript client', () => {
  let gw: Gateway;
  let admin: Client;
  const clients: Client[] = [];
  const client = (username: string, password: string) => {
    const c = new Client({ node: gw.url.replace('127.0.0.1', 'localhost'), auth: { username, password }, tls: { ca: readFileSync(gw.caPath) } });
    clients.push(c);
    return c;
  };
  before(async () => {
    gw = await startGateway({ tls: true, elasticPassword: PW });
    admin = client('elastic', PW);
  });
  after(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await gw.stop();
    gw.cleanup();
  });

  it('security.authenticate', async () => {
    const me = await admin.security.authenticate();
    assert.equal(me.username, 'elastic');
    assert.equal(me.authentication_type, 'realm');
  });

  it('security.putUser, getUser, changePassword', async () => {
    const created = await admin.security.putUser({ username: 'jacknich', password: 'l0ng-n0t-e@sy-p@ss', roles: ['viewer'], full_name: 'Jack Nicholson', email: 'jacknich@example.com', metadata: { intelligence: 7 } });
    assert.equal(created.created, true);
    const users = await admin.security.getUser({ username: 'jacknich' });
    assert.deepEqual(users.jacknich, {
      username: 'jacknich',
      roles: ['viewer'],
      full_name: 'Jack Nicholson',
      email: 'jacknich@example.com',
      metadata: { intelligence: 7 },
      enabled: true,
    });
    const jack = client('jacknich', 'l0ng-n0t-e@sy-p@ss');
    assert.equal((await jack.security.authenticate()).username, 'jacknich');
    await jack.security.changePassword({ password: 'an0ther-l0ng-p@ss' }); // own password, no username
    await assert.rejects(jack.security.authenticate(), (e: unknown) => e instanceof errors.ResponseError && e.statusCode === 401);
    assert.equal((await client('jacknich', 'an0ther-l0ng-p@ss').security.authenticate()).username, 'jacknich');
    await admin.security.changePassword({ username: 'jacknich', password: 'th1rd-l0ng-p@ss' });
    assert.equal((await client('jacknich', 'th1rd-l0ng-p@ss').security.authenticate()).username, 'jacknich');
  });

  it('errors come back as the client expects them', async () => {
    await assert.rejects(admin.security.getUser({ username: 'does-not-exist' }), (e: unknown) => e instanceof errors.ResponseError && e.statusCode === 404);
    await assert.rejects(
      admin.security.putUser({ username: 'elastic', password: 'whatever-pass', roles: [] }),
      (e: unknown) => e instanceof errors.ResponseError && e.statusCode === 400 && /is reserved and only the password can be changed/.test(JSON.stringify(e.body)),
    );
  });

  it('proxied APIs: info, index, search', async () => {
    const info = await admin.info(); // ES's answer whatever the upstream (test/e2e/es-face.test.ts has the details)
    assert.match(info.version.number, /^\d+\.\d+\.\d+/);
    assert.equal(info.version.build_flavor, 'default');
    await admin.index({ index: 'client-e2e', id: '1', document: { hello: 'world' }, refresh: true });
    const found = await admin.search({ index: 'client-e2e', query: { match: { hello: 'world' } } });
    assert.equal((found.hits.total as { value: number }).value, 1);
    await admin.indices.delete({ index: 'client-e2e' });
  });
});
