// First start like Elasticsearch 8: generated CA and HTTP certificate, a generated `elastic` password
// printed once with the CA fingerprint; the seed documents' curl lines work with the real curl binary.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { startGateway, type Gateway } from '../support/gateway.ts';

function curl(args: string[]): { code: number; out: string } {
  const r = spawnSync('curl', ['-s', '-S', ...args], { encoding: 'utf8', timeout: 20_000 });
  return { code: r.status ?? -1, out: r.stdout + r.stderr };
}

describe('first start: TLS and the elastic password', () => {
  let gw: Gateway;
  let password: string;
  let port: string;
  before(async () => {
    gw = await startGateway({ tls: true, env: { ELASTIC_PASSWORD: undefined } });
    port = new URL(gw.url).port;
    const m = /Password for the elastic user[^\n]*\n\s+(\S+)/.exec(gw.stderr());
    assert.ok(m, `banner prints the password:\n${gw.stderr()}`);
    password = m[1];
  });
  after(async () => {
    await gw.stop();
    gw.cleanup();
  });

  it('listens on https and prints the banner once with password, CA path and fingerprint', () => {
    assert.match(gw.url, /^https:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(password.length, 20);
    const fingerprint = new X509Certificate(readFileSync(gw.caPath)).fingerprint256.replaceAll(':', '').toLowerCase();
    assert.ok(gw.stderr().includes(fingerprint), 'fingerprint of the CA in the banner');
    assert.ok(gw.stderr().includes(gw.caPath), 'CA path in the banner');
    assert.ok(!gw.stdout().includes(password), 'the JSON log never holds the password');
  });

  it('curl -u elastic:$PW --cacert ca.crt https://localhost:PORT/_security/_authenticate', () => {
    const r = curl(['-u', `elastic:${password}`, '--cacert', gw.caPath, `https://localhost:${port}/_security/_authenticate`]);
    assert.equal(r.code, 0, r.out);
    const body = JSON.parse(r.out);
    assert.equal(body.username, 'elastic');
    assert.deepEqual(body.authentication_realm, { name: 'reserved', type: 'reserved' });
  });

  it('curl with a hand-written Basic header, to 127.0.0.1 as well', async () => {
    const header = `Authorization: Basic ${Buffer.from(`elastic:${password}`).toString('base64')}`;
    const r = curl(['-H', header, '--cacert', gw.caPath, `https://127.0.0.1:${port}/`]);
    assert.equal(r.code, 0, r.out);
    assert.match(JSON.parse(r.out).version.number, /^\d+\./); // ES's GET / whatever the upstream
  });

  it('no credentials: 401 with Basic, Bearer and ApiKey challenges (tokens default on with TLS)', () => {
    const r = curl(['-i', '--cacert', gw.caPath, `https://localhost:${port}/`]);
    assert.match(r.out, /HTTP\/1\.1 401/);
    assert.match(r.out, /WWW-Authenticate: Basic realm="security", charset="UTF-8"/);
    assert.match(r.out, /WWW-Authenticate: Bearer realm="security"/);
    assert.match(r.out, /WWW-Authenticate: ApiKey/);
  });

  it('an untrusted client is refused by TLS, and plain http does not get through', () => {
    assert.notEqual(curl([`https://localhost:${port}/`]).code, 0, 'unknown CA');
    const plain = curl(['-u', `elastic:${password}`, `http://localhost:${port}/_security/_authenticate`]);
    assert.doesNotMatch(plain.out, /"username"/);
  });

  it('openssl sees the SANs and the CA chain', () => {
    const text = execFileSync('openssl', ['x509', '-noout', '-text', '-in', `${gw.dataDir}/certs/http.crt`], { encoding: 'utf8' });
    assert.match(text, /DNS:localhost/);
    assert.match(text, /IP Address:127\.0\.0\.1/);
  });

  it('a restart on the same data keeps the password and certificates and prints no banner', async () => {
    await gw.stop();
    const again = await startGateway({ tls: true, dataDir: gw.dataDir, env: { ELASTIC_PASSWORD: undefined } });
    try {
      assert.doesNotMatch(again.stderr(), /Password for the elastic user/);
      const r = curl(['-u', `elastic:${password}`, '--cacert', gw.caPath, `${again.url.replace('127.0.0.1', 'localhost')}/_security/_authenticate`]);
      assert.equal(JSON.parse(r.out).username, 'elastic');
    } finally {
      await again.stop();
      again.cleanup();
    }
  });
});
