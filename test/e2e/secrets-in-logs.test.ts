// No secret reaches a log: every password used in this traffic (right, wrong, hashed, bootstrap) is
// searched for in everything the gateway wrote, at the most verbose log level.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startGateway, basic } from '../support/gateway.ts';

describe('secrets never reach the logs', () => {
  it('a full round of traffic at trace level leaves no password in stdout', async () => {
    const elastic = 'Bootstrap-Secret-5f1d2c';
    const gw = await startGateway({ elasticPassword: elastic, config: 'portcullis.log.level: trace\n' });
    const secrets = [elastic];
    try {
      const auth: [string, string] = ['elastic', elastic];
      for (let i = 0; i < 5; i++) {
        const pw = `User-Secret-${i}-9a8b7c`;
        secrets.push(pw);
        await gw.request('PUT', `/_security/user/u${i}`, { auth, body: { password: pw, roles: ['superuser'] } });
        await gw.request('GET', '/_security/_authenticate', { auth: [`u${i}`, pw] });
        const wrong = `Wrong-Secret-${i}-1f2e3d`;
        secrets.push(wrong);
        await gw.request('GET', '/', { auth: [`u${i}`, wrong] });
        const changed = `Changed-Secret-${i}-4d5e6f`;
        secrets.push(changed);
        await gw.request('POST', `/_security/user/u${i}/_password`, { auth, body: { password: changed } });
        await gw.request('GET', '/_cluster/health', { auth: [`u${i}`, changed] });
      }
      const malformed = 'Malformed-Secret-77aa';
      secrets.push(malformed);
      await gw.request('GET', '/', { headers: ['Authorization', `Basic ${Buffer.from(malformed).toString('base64')}`] });
      await gw.request('PUT', '/_security/user/bad', { auth, body: `{"password": "${malformed}", ` });
      const bad = `Short-${'x'}`;
      await gw.request('PUT', '/_security/user/short', { auth, body: { password: bad, roles: [] } });
    } finally {
      await gw.stop();
      gw.cleanup();
    }
    const logs = gw.stdout() + gw.stderr();
    assert.ok(logs.includes('"msg":"listening"'), 'the log was captured');
    for (const s of secrets) {
      assert.ok(!logs.includes(s), `secret found in the logs: ${s.slice(0, 4)}…`);
      assert.ok(!logs.includes(Buffer.from(s).toString('base64')), 'nor its base64');
    }
    for (const h of secrets.map((s) => basic('elastic', s))) assert.ok(!logs.includes(h));
  });
});

describe('secrets never reach an error body', () => {
  it('a malformed body holding a password is refused without quoting it back', async () => {
    const gw = await startGateway({ elasticPassword: 'Bootstrap-Secret-5f1d2c' });
    try {
      for (const body of ['password=Leaky-Secret-123', '{"password": "Leaky-Secret-123", ', '{"password": Leaky-Secret-123}']) {
        const r = await gw.request('PUT', '/_security/user/leak', { auth: ['elastic', 'Bootstrap-Secret-5f1d2c'], body, headers: { 'Content-Type': 'application/json' } });
        assert.equal(r.status, 400, body);
        assert.ok(!r.text.includes('Leaky-Secret-123'), `echoed: ${r.text}`);
      }
    } finally {
      await gw.stop();
      gw.cleanup();
    }
  });
});
