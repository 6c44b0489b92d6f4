// The enroll API and enrollment tokens, as ES 8/9 answer and print them: the first-start Kibana token, the
// kibana and node enroll endpoints (authorization, errors), `portcullis create-enrollment-token`, and TLS off.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { X509Certificate, createHash } from 'node:crypto';
import { NODE, MAIN, startGateway, type Gateway } from '../support/gateway.ts';

const PW = 'elastic-test-password';

function cli(args: string[]) {
  const r = spawnSync(NODE, ['--disable-warning=ExperimentalWarning', MAIN, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function decode(token: string): { ver: string; adr: string[]; fgr: string; key: string } {
  return JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
}

const apiKey = (idSecret: string) => ({ Authorization: `ApiKey ${Buffer.from(idSecret).toString('base64')}` });

describe('enrollment with the gateway\'s own HTTP TLS', () => {
  let gw: Gateway;
  let token: string;
  before(async () => {
    gw = await startGateway({ tls: true, elasticPassword: PW });
    const m = /valid for the next 30 minutes\):\n {2}(\S+)/.exec(gw.stderr());
    assert.ok(m, `the banner prints a Kibana enrollment token:\n${gw.stderr()}`);
    token = m[1];
  });
  after(async () => {
    await gw.stop();
    gw.cleanup();
  });

  it('the first-start token names the gateway, its CA fingerprint and a key for the kibana enroll API only', async () => {
    const t = decode(token);
    const caPem = readFileSync(gw.caPath, 'utf8');
    assert.equal(t.fgr, createHash('sha256').update(new X509Certificate(caPem).raw).digest('hex'));
    assert.deepEqual(t.adr, [new URL(gw.url).host]);
    assert.match(t.ver, /^\d+\.\d+\.\d+$/);
    assert.match(t.key, /^[A-Za-z0-9_-]{20}:[A-Za-z0-9_-]{22}$/);
    assert.ok(!gw.stdout().includes(t.key.split(':')[1]), 'the JSON log never holds the key');
    const node = await gw.request('GET', '/_security/enroll/node', { headers: apiKey(t.key) });
    assert.equal(node.status, 403);
    assert.match(node.json.error.reason, /action \[cluster:admin\/xpack\/security\/enroll\/node\] is unauthorized for API key/);
    const health = await gw.request('GET', '/_cluster/health', { headers: apiKey(t.key) });
    assert.equal(health.status, 403);
  });

  it('GET /_security/enroll/kibana: an elastic/kibana service token and the HTTP CA as base64 DER', async () => {
    const r = await gw.request('GET', '/_security/enroll/kibana', { headers: apiKey(decode(token).key) });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(Object.keys(r.json).sort(), ['http_ca', 'token']);
    assert.match(r.json.token.name, /^enroll-process-token-\d{13}$/);
    assert.equal(Buffer.from(r.json.http_ca, 'base64').toString('base64'), r.json.http_ca);
    assert.deepEqual(Buffer.from(r.json.http_ca, 'base64'), new X509Certificate(readFileSync(gw.caPath)).raw);
    const me = await gw.request('GET', '/_security/_authenticate', { headers: { Authorization: `Bearer ${r.json.token.value}` } });
    assert.equal(me.status, 200, me.text);
    assert.equal(me.json.username, 'elastic/kibana');
    assert.equal(me.json.token.name, r.json.token.name);
  });

  it('GET /_security/enroll/node: the gateway has no transport layer, so ES\'s answer for one without a keystore', async () => {
    const r = await gw.request('GET', '/_security/enroll/node', { auth: ['elastic', PW] });
    assert.equal(r.status, 500);
    assert.equal(r.json.error.type, 'illegal_state_exception');
    assert.equal(r.json.error.reason, 'Unable to enroll node. Elasticsearch node transport layer SSL configuration is not configured with a keystore');
  });

  it('authorization, parameters and methods as ES', async () => {
    await gw.request('PUT', '/_security/user/enroll-nobody', { auth: ['elastic', PW], body: { password: 'nobody-password', roles: [] } });
    const denied = await gw.request('GET', '/_security/enroll/kibana', { auth: ['enroll-nobody', 'nobody-password'] });
    assert.equal(denied.status, 403);
    assert.equal(
      denied.json.error.reason,
      'action [cluster:admin/xpack/security/enroll/kibana] is unauthorized for user [enroll-nobody] with effective roles [], this action is granted by the cluster privileges [manage_security,all]',
    );
    assert.equal((await gw.request('GET', '/_security/enroll/kibana')).status, 401);
    const param = await gw.request('GET', '/_security/enroll/kibana?foo=1', { auth: ['elastic', PW] });
    assert.equal(param.status, 400);
    assert.equal(param.json.error.reason, 'request [/_security/enroll/kibana] contains unrecognized parameter: [foo]');
    const post = await gw.request('POST', '/_security/enroll/kibana', { auth: ['elastic', PW] });
    assert.equal(post.status, 405);
  });

  it('portcullis create-enrollment-token -s kibana makes a token the running gateway accepts', async () => {
    const r = cli(['create-enrollment-token', '-s', 'kibana', '--url', gw.url, '--data', gw.dataDir, '--config', `${gw.configDir}/portcullis.yml`]);
    assert.equal(r.code, 0, r.err);
    const t = decode(r.out.trim());
    assert.deepEqual(t.adr, [new URL(gw.url).host]);
    assert.equal(t.fgr, decode(token).fgr);
    assert.notEqual(t.key, decode(token).key, 'a new API key');
    const kibana = await gw.request('GET', '/_security/enroll/kibana', { headers: apiKey(t.key) });
    assert.equal(kibana.status, 200, kibana.text);
    const node = cli(['create-enrollment-token', '-s', 'node', '--url', gw.url, '--data', gw.dataDir, '--config', `${gw.configDir}/portcullis.yml`]);
    assert.equal(node.code, 0, node.err);
    const nodeKey = decode(node.out.trim()).key;
    assert.equal((await gw.request('GET', '/_security/enroll/kibana', { headers: apiKey(nodeKey) })).status, 403);
    assert.equal((await gw.request('GET', '/_security/enroll/node', { headers: apiKey(nodeKey) })).status, 500, 'authorized, then ES\'s transport answer');
  });

  it('create-enrollment-token: usage and failures with ES\'s exit codes', () => {
    const common = ['--url', gw.url, '--data', gw.dataDir];
    const missing = cli(['create-enrollment-token', ...common]);
    assert.equal(missing.code, 64);
    assert.match(missing.err, /Missing required option\(s\) \[s\/scope\]/);
    const bad = cli(['create-enrollment-token', '-s', 'beats', ...common]);
    assert.equal(bad.code, 64);
    assert.match(bad.err, /can only be one of \[node, kibana\]/);
    const off = cli(['create-enrollment-token', '-s', 'kibana', '--no-tls', ...common]);
    assert.equal(off.code, 78, 'TLS off: enrollment is off unless set, as in ES');
    assert.match(off.err, /\[xpack\.security\.enrollment\.enabled\] must be set to `true` to create an enrollment token/);
    const conf = join(gw.configDir, 'enrollment-on.yml');
    writeFileSync(conf, 'xpack.security.enrollment.enabled: true\n');
    const plain = cli(['create-enrollment-token', '-s', 'kibana', '--no-tls', '--config', conf, ...common]);
    assert.equal(plain.code, 73);
    assert.match(plain.err, /Unable to create enrollment token for scope \[kibana\]/);
    assert.match(plain.err, /HTTP layer SSL configuration is not configured with a keystore/);
  });
});

describe('enrollment with HTTP TLS off (as ES with xpack.security.http.ssl.enabled: false)', () => {
  it('off by default: 403 "Enrollment mode is not enabled", and the banner says why there is no token', async () => {
    const gw = await startGateway({ elasticPassword: PW });
    try {
      const r = await gw.request('GET', '/_security/enroll/kibana', { auth: ['elastic', PW] });
      assert.equal(r.status, 403);
      assert.equal(r.json.error.reason, 'Enrollment mode is not enabled. Set [xpack.security.enrollment.enabled] to true, in order to use this API.');
      assert.match(gw.stderr(), /No enrollment token: enrollment needs the HTTP CA the gateway generates/);
    } finally {
      await gw.stop();
      gw.cleanup();
    }
  });

  it('switched on: ES\'s 500 for an HTTP layer without a keystore', async () => {
    const gw = await startGateway({ elasticPassword: PW, config: 'xpack.security.enrollment.enabled: true\n' });
    try {
      const r = await gw.request('GET', '/_security/enroll/kibana', { auth: ['elastic', PW] });
      assert.equal(r.status, 500);
      assert.equal(r.json.error.type, 'exception');
      assert.equal(r.json.error.reason, 'Unable to enroll kibana instance. Elasticsearch node HTTP layer SSL configuration is not configured with a keystore');
    } finally {
      await gw.stop();
      gw.cleanup();
    }
  });
});
