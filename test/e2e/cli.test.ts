// The CLI: reset-password like elasticsearch-reset-password, configuration errors in one line, usage.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NODE, MAIN, startGateway } from '../support/gateway.ts';
import { eventually } from '../support/eventually.ts';

const PW = 'elastic-test-password';

function cli(args: string[], input?: string, env: Record<string, string> = {}) {
  const r = spawnSync(NODE, ['--disable-warning=ExperimentalWarning', MAIN, ...args], { encoding: 'utf8', input, timeout: 60_000, env: { ...process.env, ...env } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}


describe('portcullis reset-password', () => {
  it('--auto -b resets elastic; the running gateway drops the old password within seconds', async () => {
    const gw = await startGateway({ elasticPassword: PW });
    try {
      assert.equal((await gw.request('GET', '/_security/_authenticate', { auth: ['elastic', PW] })).status, 200);
      const r = cli(['reset-password', '-u', 'elastic', '--auto', '-b', '--data', gw.dataDir]);
      assert.equal(r.code, 0, r.err);
      const m = /Password for the \[elastic\] user successfully reset\.\nNew value: (\S+)/.exec(r.out);
      assert.ok(m, r.out);
      const fresh = m[1];
      assert.equal(fresh.length, 20);
      await eventually(async () => (await gw.request('GET', '/_security/_authenticate', { auth: ['elastic', PW] })).status === 401, 'old password refused');
      assert.equal((await gw.request('GET', '/_security/_authenticate', { auth: ['elastic', fresh] })).status, 200);
    } finally {
      await gw.stop();
      gw.cleanup();
    }
  });

  it('-i reads the new password twice without echoing it; confirmation can be declined', async () => {
    const gw = await startGateway({ elasticPassword: PW });
    await gw.request('PUT', '/_security/user/ops', { auth: ['elastic', PW], body: { password: 'ops-password-1', roles: [] } });
    await gw.stop();
    try {
      const declined = cli(['reset-password', '-u', 'ops', '-i', '--data', gw.dataDir], 'n\n');
      assert.equal(declined.code, 1);
      assert.match(declined.err, /User cancelled operation/);
      const r = cli(['reset-password', '-u', 'ops', '-i', '--data', gw.dataDir], 'y\nops-password-2\nops-password-2\n');
      assert.equal(r.code, 0, r.err);
      assert.match(r.out, /Password for the \[ops\] user successfully reset\./);
      assert.ok(!(r.out + r.err).includes('ops-password-2'), 'the password is never echoed');
      const mismatch = cli(['reset-password', '-u', 'ops', '-i', '-b', '--data', gw.dataDir], 'abcdefgh\nabcdefgX\n');
      assert.notEqual(mismatch.code, 0);
      assert.match(mismatch.err, /Passwords do not match/);
      const again = await startGateway({ dataDir: gw.dataDir });
      try {
        assert.equal((await again.request('GET', '/_security/_authenticate', { auth: ['ops', 'ops-password-2'] })).status, 200);
      } finally {
        await again.stop();
        again.cleanup();
      }
    } finally {
      gw.cleanup();
    }
  });

  it('an unknown user or a missing data dir is a clear error', () => {
    const dir = mkdtempSync(join(tmpdir(), 'portcullis-empty-'));
    try {
      const r = cli(['reset-password', '-u', 'elastic', '-a', '-b', '--data', dir]);
      assert.notEqual(r.code, 0);
      assert.match(r.err, /no Portcullis data found/);
      assert.equal(cli(['reset-password', '--data', dir]).code, 64);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('configuration errors stop start-up with one line naming the key and the file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'portcullis-badconf-'));
  const attempt = (yaml: string) => {
    const file = join(dir, 'portcullis.yml');
    writeFileSync(file, yaml);
    const r = cli(['start', '--config', file, '--data', join(dir, 'data'), '--listen', '127.0.0.1:0', '--no-tls']);
    return { ...r, file };
  };
  it('unknown key, wrong type, bad value, unknown realm type, realms without order', () => {
    const cases: [string, RegExp][] = [
      ['xpack.security.authc.realmz.native.n1.order: 0\n', /unknown setting \[xpack\.security\.authc\.realmz\.native\.n1\.order\]/],
      ['xpack.security.http.ssl.enabled: maybe\n', /invalid value for setting \[xpack\.security\.http\.ssl\.enabled\].*expected true or false/],
      ['portcullis.upstream.timeout.connect: soon\n', /invalid value for setting \[portcullis\.upstream\.timeout\.connect\]/],
      ['xpack.security.enabled: false\n', /invalid value for setting \[xpack\.security\.enabled\]/],
      ['xpack.security.authc.realms.nosuch.r1.order: 0\n', /unknown realm type \[nosuch\]/],
      ['xpack.security.authc.realms.native.n1.enabled: true\n', /missing realm order/],
      ['xpack.security.authc.password_hashing.algorithm: rot13\n', /password_hashing\.algorithm.*unknown hashing algorithm \[rot13\]/],
      ['xpack:\n  security:\n    http: [1, 2\n', /cannot parse/],
    ];
    for (const [yaml, pattern] of cases) {
      const r = attempt(yaml);
      assert.equal(r.code, 78, `${yaml}: ${r.err}`);
      assert.match(r.err, pattern);
      assert.ok(r.err.includes(r.file), 'names the file');
      assert.equal(r.err.trim().split('\n').length, 1, `one line: ${r.err}`);
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('an elasticsearch.yml security section, nested, starts', async () => {
    const yaml = [
      'xpack.security.enabled: true',
      'xpack.security.enrollment.enabled: true',
      'xpack:',
      '  security:',
      '    transport.ssl:',
      '      enabled: true',
      '      verification_mode: certificate',
      '    authc:',
      '      realms:',
      '        native:',
      '          native1:',
      '            order: 0',
      '            cache.ttl: 5m',
      '',
    ].join('\n');
    const gw = await startGateway({ config: yaml, elasticPassword: PW });
    try {
      await gw.request('PUT', '/_security/user/n1', { auth: ['elastic', PW], body: { password: 'n1-password', roles: [] } });
      const me = await gw.request('GET', '/_security/_authenticate', { auth: ['n1', 'n1-password'] });
      assert.deepEqual(me.json.authentication_realm, { name: 'native1', type: 'native' });
    } finally {
      await gw.stop();
      gw.cleanup();
    }
  });

  it('usage: unknown command exits 64', () => {
    const r = cli(['frobnicate']);
    assert.equal(r.code, 64);
    assert.match(r.err, /unknown command \[frobnicate\]/);
  });
});

describe('--help on every command; unknown options are usage errors', () => {
  const commands = ['start', 'reset-password', 'users', 'service-tokens', 'doctor', 'create-enrollment-token'];
  it('`portcullis --help` lists every command on stdout, exit 0', () => {
    const r = cli(['--help']);
    assert.equal(r.code, 0, r.err);
    for (const c of commands) assert.match(r.out, new RegExp(`^  ${c} `, 'm'), c);
  });
  for (const command of commands) {
    it(`${command} --help / -h prints its usage and options, exit 0; an unknown option exits 64 with the usage on stderr`, () => {
      for (const flag of ['--help', '-h']) {
        const r = cli([command, flag]);
        assert.equal(r.code, 0, r.err);
        assert.match(r.out, new RegExp(`^usage: portcullis ${command}`));
        assert.match(r.out, /--[a-z]/, 'lists options');
      }
      const bad = cli([command, '--frobnicate']);
      assert.equal(bad.code, 64, bad.err);
      assert.match(bad.err, /Unknown option '--frobnicate'/);
      assert.match(bad.err, new RegExp(`usage: portcullis ${command}`));
      assert.equal(bad.out, '');
    });
  }
});

describe('start with nothing listening upstream', () => {
  it('serves, warns naming the URL and the cause, answers ES-shaped errors, and logs when the upstream comes', async () => {
    const { createServer } = await import('node:net');
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const port = (probe.address() as { port: number }).port;
    await new Promise<void>((r) => probe.close(() => r()));
    const upstream = `http://127.0.0.1:${port}`;
    const gw = await startGateway({ upstream, elasticPassword: PW });
    const { createServer: createHttp } = await import('node:http');
    const fake = createHttp((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
    try {
      await eventually(async () => gw.stdout().includes('not reachable'), 'a warning');
      const warn = gw.stdout().split('\n').find((l) => l.includes('not reachable'))!;
      const rec = JSON.parse(warn);
      assert.equal(rec.level, 40);
      assert.equal(rec.upstream, upstream);
      assert.match(rec.cause, /^ECONNREFUSED/);
      assert.ok(rec.retry_in_ms > 0);
      const listening = JSON.parse(gw.stdout().split('\n').find((l) => l.includes('"msg":"listening"'))!);
      assert.ok(existsSync(listening.config), `the logged config path exists: ${listening.config}`);
      const me = await gw.request('GET', '/_security/_authenticate', { auth: ['elastic', PW] });
      assert.equal(me.status, 200, 'security APIs are served meanwhile');
      const health = await gw.request('GET', '/_cluster/health', { auth: ['elastic', PW] });
      assert.equal(health.status, 502);
      assert.equal(health.json.error.type, 'connect_transport_exception');
      assert.equal(health.json.status, 502);
      await new Promise<void>((r) => fake.listen(port, '127.0.0.1', r));
      await eventually(async () => gw.stdout().includes('upstream reachable'), 'a line once reachable', 40);
    } finally {
      fake.close();
      await gw.stop();
      gw.cleanup();
    }
  });
});
