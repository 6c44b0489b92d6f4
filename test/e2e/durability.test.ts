// Nothing acknowledged is lost: a user created and acknowledged survives kill -9 of the gateway.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startGateway } from '../support/gateway.ts';

const PW = 'elastic-test-password';

describe('durability', () => {
  it('a created user survives kill -9', async () => {
    const first = await startGateway({ elasticPassword: PW });
    const names = Array.from({ length: 20 }, (_, i) => `durable_${i}`);
    for (const name of names) {
      const r = await first.request('PUT', `/_security/user/${name}`, { auth: ['elastic', PW], body: { password: `${name}-password`, roles: [] } });
      assert.deepEqual(r.json, { created: true });
    }
    await first.kill9();
    const second = await startGateway({ dataDir: first.dataDir, elasticPassword: 'ignored-after-first-start' });
    try {
      for (const name of names) {
        const me = await second.request('GET', '/_security/_authenticate', { auth: [name, `${name}-password`] });
        assert.equal(me.status, 200, name);
      }
      const elastic = await second.request('GET', '/_security/_authenticate', { auth: ['elastic', PW] });
      assert.equal(elastic.status, 200, 'the bootstrap password is kept; ELASTIC_PASSWORD only applies on first start');
    } finally {
      await second.stop();
      second.cleanup();
      first.cleanup();
    }
  });
});
