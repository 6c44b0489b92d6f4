// `portcullis doctor` against real gateways: each cause of a 401 the seed lists is staged for real, and the
// doctor must name it, in --json with stable fields and in text, exit 0 only when authentication works,
// and never print a secret.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NODE, MAIN, startGateway, type Gateway } from '../support/gateway.ts';
import { generateCa, generateHttpCertificate, sha256Fingerprint } from '../../src/http/tls/index.ts';

const PW = 'elastic-test-password';
const ALICE_PW = 'alice-Pa55word-for-doctor';
const admin: [string, string] = ['elastic', PW];

interface Key {
  id: string;
  api_key: string;
  encoded: string;
}

/** Every secret of the run: no doctor output may contain one (raw or base64). */
const secrets: string[] = [PW, ALICE_PW, Buffer.from(`elastic:${PW}`).toString('base64'), Buffer.from(`alice:${ALICE_PW}`).toString('base64')];
const remember = (k: Key) => (secrets.push(k.api_key, k.encoded), k);

interface Run {
  code: number | null;
  out: string;
  json: { url: string | null; authenticated: boolean; checks: { id: string; status: string; message: string; fix: string | null }[] };
  check(id: string): { id: string; status: string; message: string; fix: string | null };
}

/** Runs the doctor in a fresh directory holding `.env` (when given), with `env` on top of a clean environment. */
async function doctor(vars: Record<string, string>, opts: { dotenv?: string; text?: boolean } = {}): Promise<Run> {
  const dir = mkdtempSync(join(tmpdir(), 'doctor-e2e-'));
  try {
    if (opts.dotenv !== undefined) writeFileSync(join(dir, '.env'), opts.dotenv);
    const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(ELASTICSEARCH_|PORTCULLIS_DOCTOR_|CA_CERT|CLIENT_|JWT_TOKEN)/.test(k)));
    const child = spawn(NODE, ['--disable-warning=ExperimentalWarning', MAIN, 'doctor', '--timeout', '3', ...(opts.text ? [] : ['--json'])], { cwd: dir, env: { ...base, ...vars } });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    const code = await new Promise<number | null>((r) => child.on('exit', r));
    assert.equal(err, '', 'nothing on stderr');
    for (const s of secrets) assert.equal(out.includes(s), false, `the output holds a secret (${s.slice(0, 4)}…):\n${out}`);
    const json = opts.text ? { url: null, authenticated: code === 0, checks: [] } : JSON.parse(out);
    return {
      code,
      out,
      json,
      check: (id) => {
        const all = json.checks.filter((c: { id: string }) => c.id === id);
        assert.ok(all.length > 0, `no ${id} check in:\n${out}`);
        return all.find((c: { status: string }) => c.status !== 'ok') ?? all[0];
      },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return port;
}

describe('portcullis doctor', () => {
  let gw: Gateway; // plain HTTP
  let tlsGw: Gateway; // HTTPS with its generated CA
  let otherNameGw: Gateway; // HTTPS with a certificate for another name
  let good: Key, expired: Key, invalidated: Key, helper: Key;
  let caPem: string;

  before(async () => {
    const ca = await generateCa({ commonName: 'Doctor test CA' });
    const leaf = await generateHttpCertificate(ca, { dnsNames: ['gateway.example'], ipAddresses: [] });
    [gw, tlsGw, otherNameGw] = await Promise.all([
      startGateway({ elasticPassword: PW }),
      startGateway({ elasticPassword: PW, tls: true }),
      startGateway({
        elasticPassword: PW,
        tls: true,
        config: 'xpack.security.http.ssl.certificate: http.crt\nxpack.security.http.ssl.key: http.key\n',
        files: { 'http.crt': leaf.certPem + ca.certPem, 'http.key': leaf.keyPem },
      }),
    ]);
    caPem = readFileSync(tlsGw.caPath, 'utf8');
    const put = await gw.request('PUT', '/_security/user/alice', { auth: admin, body: { password: ALICE_PW, roles: ['superuser'] } });
    assert.equal(put.status, 200, put.text);
    const key = async (body: unknown) => {
      const r = await gw.request('POST', '/_security/api_key', { auth: admin, body });
      assert.equal(r.status, 200, r.text);
      return remember(r.json as Key);
    };
    [good, expired, invalidated, helper] = await Promise.all([key({ name: 'good' }), key({ name: 'brief', expiration: '1s' }), key({ name: 'revoked' }), key({ name: 'doctor-helper' })]);
    const inv = await gw.request('DELETE', '/_security/api_key', { auth: admin, body: { ids: [invalidated.id] } });
    assert.equal(inv.status, 200, inv.text);
    await new Promise((r) => setTimeout(r, 1_200)); // let the brief key expire
  });
  after(async () => {
    await Promise.all([gw, tlsGw, otherNameGw].filter(Boolean).map((g) => g.stop()));
    for (const g of [gw, tlsGw, otherNameGw]) g?.cleanup();
  });

  it('working credentials: exit 0, the realm and authentication_type named (API key from .env, Basic from the environment)', async () => {
    const k = await doctor({}, { dotenv: `ELASTICSEARCH_URL=${gw.url}\nELASTICSEARCH_API_KEY=${good.encoded}\n` });
    assert.equal(k.code, 0, k.out);
    assert.equal(k.json.authenticated, true);
    assert.match(k.check('authenticate').message, new RegExp(`authenticated as \\[elastic\\] by realm _es_api_key .*authentication_type: api_key.*id \\[${good.id}\\]`));
    assert.match(k.check('config').message, /from ELASTICSEARCH_API_KEY \(\.env\)/);
    assert.match(k.check('api_key').message, /is valid and never expires/);
    for (const c of k.json.checks) assert.deepEqual(Object.keys(c), ['id', 'status', 'message', 'fix'], 'stable fields');
    const b = await doctor({ ELASTICSEARCH_URL: gw.url, ELASTICSEARCH_USERNAME: 'alice', ELASTICSEARCH_PASSWORD: ALICE_PW });
    assert.equal(b.code, 0, b.out);
    assert.match(b.check('authenticate').message, /authenticated as \[alice\] by realm default_native \(type native\); authentication_type: realm/);
    const text = await doctor({ ELASTICSEARCH_URL: gw.url, ELASTICSEARCH_USERNAME: 'alice', ELASTICSEARCH_PASSWORD: ALICE_PW }, { text: true });
    assert.equal(text.code, 0);
    assert.match(text.out, /\[ ok \] authenticate +authenticated as \[alice\]/);
    assert.match(text.out, /Authentication works\./);
  });

  it('no credentials: named, anonymous access reported disabled, exit 1', async () => {
    const r = await doctor({}, { dotenv: `ELASTICSEARCH_URL=${gw.url}\n` });
    assert.equal(r.code, 1);
    assert.match(r.check('authenticate').message, /no credentials were sent, and anonymous access is disabled/);
    assert.match(r.check('authenticate').fix!, /\.env/);
    assert.equal(r.check('anonymous').status, 'ok');
    assert.match(r.check('anonymous').message, /anonymous access is disabled: a request without credentials gets 401 \(the server offers Basic, ApiKey\)/);
    const none = await doctor({});
    assert.match(none.check('config').message, /ELASTICSEARCH_URL is not set/);
  });

  it('http:// against the HTTPS gateway, and https:// against the plain one', async () => {
    const http = await doctor({ ELASTICSEARCH_URL: tlsGw.url.replace('https:', 'http:'), ELASTICSEARCH_USERNAME: 'elastic', ELASTICSEARCH_PASSWORD: PW });
    assert.equal(http.code, 1);
    assert.match(http.check('scheme').message, /uses http:\/\/, but the server on .* speaks HTTPS/);
    const https = await doctor({ ELASTICSEARCH_URL: gw.url.replace('http:', 'https:'), ELASTICSEARCH_USERNAME: 'elastic', ELASTICSEARCH_PASSWORD: PW });
    assert.equal(https.code, 1);
    assert.match(https.check('tls').message, /does not speak TLS/);
  });

  it('TLS trust: unknown CA, the CA file, a right and a wrong fingerprint, a certificate for another name', async () => {
    const creds = { ELASTICSEARCH_USERNAME: 'elastic', ELASTICSEARCH_PASSWORD: PW };
    const unknown = await doctor({ ELASTICSEARCH_URL: tlsGw.url, ...creds });
    assert.equal(unknown.code, 1);
    assert.match(unknown.check('tls').message, /not trusted .*Portcullis security auto-configuration HTTP CA/);
    const withCa = await doctor({ ELASTICSEARCH_URL: tlsGw.url, ELASTICSEARCH_CA_CERT: tlsGw.caPath, ...creds });
    assert.equal(withCa.code, 0, withCa.out);
    assert.match(withCa.check('tls').message, /trusted through ELASTICSEARCH_CA_CERT/);
    const pinned = await doctor({ ELASTICSEARCH_URL: tlsGw.url, ELASTICSEARCH_CA_FINGERPRINT: sha256Fingerprint(caPem), ...creds });
    assert.equal(pinned.code, 0, pinned.out);
    assert.match(pinned.check('tls').message, /pinned fingerprint matches/);
    const wrongPin = await doctor({ ELASTICSEARCH_URL: tlsGw.url, ELASTICSEARCH_CA_FINGERPRINT: 'AB'.repeat(32), ...creds });
    assert.equal(wrongPin.code, 1);
    assert.match(wrongPin.check('tls').message, /fingerprint mismatch/);
    const otherCa = join(otherNameGw.configDir, 'http.crt');
    const wrongName = await doctor({ ELASTICSEARCH_URL: otherNameGw.url, ELASTICSEARCH_CA_CERT: otherCa, ...creds });
    assert.equal(wrongName.code, 1);
    assert.match(wrongName.check('tls').message, /not valid for the name \[127\.0\.0\.1\]: it is issued for DNS:gateway\.example/);
  });

  it('unreachable: a closed port, a name that does not resolve', async () => {
    const refused = await doctor({ ELASTICSEARCH_URL: `http://127.0.0.1:${await freePort()}`, ELASTICSEARCH_API_KEY: good.encoded });
    assert.equal(refused.code, 1);
    assert.match(refused.check('tcp').message, /refused: nothing listens/);
    const dns = await doctor({ ELASTICSEARCH_URL: 'http://no-such-host.invalid:9200', ELASTICSEARCH_API_KEY: good.encoded });
    assert.match(dns.check('dns').message, /does not resolve/);
  });

  it('a malformed header: "Basic user:password" not base64-encoded; an unknown scheme', async () => {
    const r = await doctor({ ELASTICSEARCH_URL: gw.url, ELASTICSEARCH_AUTH_HEADER: `Basic alice:${ALICE_PW}` });
    assert.equal(r.code, 1);
    assert.match(r.check('credential_shape').message, /plain text: Basic needs base64.*with the credentials base64-encoded, authentication succeeds as \[alice\]/);
    assert.match(r.check('authenticate').message, /could not read the header|the server saw no credentials/);
    const token = await doctor({ ELASTICSEARCH_URL: gw.url, ELASTICSEARCH_AUTH_HEADER: `Token ${good.encoded}` });
    assert.match(token.check('credential_shape').message, /"Token" scheme/);
    assert.match(token.check('authenticate').message, /saw no credentials: the header's scheme is not one it accepts \(it offers Basic, ApiKey\)/);
  });

  it('an API key: the id alone, the raw secret alone, id:key unencoded, a trailing newline, put in the bearer variable', async () => {
    const idAlone = await doctor({ ELASTICSEARCH_URL: gw.url, ELASTICSEARCH_API_KEY: good.id });
    assert.equal(idAlone.code, 1);
    assert.match(idAlone.check('credential_shape').message, /id alone/);
    const secretAlone = await doctor({ ELASTICSEARCH_URL: gw.url, ELASTICSEARCH_API_KEY: good.api_key });
    assert.equal(secretAlone.code, 1);
    assert.match(secretAlone.check('credential_shape').message, /raw "api_key" secret alone/);
    const plain = await doctor({ ELASTICSEARCH_URL: gw.url, ELASTICSEARCH_API_KEY: `${good.id}:${good.api_key}` });
    assert.equal(plain.code, 1);
    assert.match(plain.check('credential_shape').message, /"id:api_key" as plain text.*base64-encoded, authentication succeeds as \[elastic\]/);
    const newline = await doctor({}, { dotenv: `ELASTICSEARCH_URL=${gw.url}\nELASTICSEARCH_API_KEY="${good.encoded}\\n"\n` });
    assert.equal(newline.code, 1);
    assert.match(newline.check('credential_shape').message, /contains a line break.*authentication succeeds/);
    assert.match(newline.check('authenticate').message, /cannot be sent at all: its value contains a line break/);
    const bearer = await doctor({ ELASTICSEARCH_URL: gw.url, ELASTICSEARCH_BEARER_TOKEN: good.encoded });
    assert.equal(bearer.code, 1);
    assert.match(bearer.check('credential_shape').message, /API keys go in "Authorization: ApiKey", not "Bearer".*sent as "ApiKey", authentication succeeds/);
  });

  it('an expired key and an invalidated key are named (and read with the helper key)', async () => {
    const exp = await doctor({ ELASTICSEARCH_URL: gw.url, ELASTICSEARCH_API_KEY: expired.encoded });
    assert.equal(exp.code, 1);
    assert.match(exp.check('authenticate').message, new RegExp(`the API key \\[${expired.id}\\] has expired`));
    const expHelped = await doctor({ ELASTICSEARCH_URL: gw.url, ELASTICSEARCH_API_KEY: expired.encoded, PORTCULLIS_DOCTOR_API_KEY: helper.encoded });
    assert.match(expHelped.check('api_key').message, /API key \[brief\] .* expired at .* ago by the server's clock/);
    const inv = await doctor({ ELASTICSEARCH_URL: gw.url, ELASTICSEARCH_API_KEY: invalidated.encoded, PORTCULLIS_DOCTOR_API_KEY: helper.encoded });
    assert.equal(inv.code, 1);
    assert.match(inv.check('authenticate').message, /has been invalidated \(revoked\)/);
    assert.match(inv.check('api_key').message, /API key \[revoked\] .* was invalidated on/);
  });

  it('a wrong password, and a user no realm knows: told apart with the helper key, honestly not without', async () => {
    const wrong = await doctor({ ELASTICSEARCH_URL: gw.url, ELASTICSEARCH_USERNAME: 'alice', ELASTICSEARCH_PASSWORD: 'not-her-password' });
    assert.equal(wrong.code, 1);
    assert.match(wrong.check('authenticate').message, /either the password is wrong or no realm has this user/);
    const wrongHelped = await doctor({ ELASTICSEARCH_URL: gw.url, ELASTICSEARCH_USERNAME: 'alice', ELASTICSEARCH_PASSWORD: 'not-her-password', PORTCULLIS_DOCTOR_API_KEY: helper.encoded });
    assert.match(wrongHelped.check('authenticate').message, /the password of \[alice\] is wrong \(the user exists\)/);
    assert.match(wrongHelped.check('user').message, /user \[alice\] exists and is enabled/);
    const ghost = await doctor({ ELASTICSEARCH_URL: gw.url, ELASTICSEARCH_USERNAME: 'ghost', ELASTICSEARCH_PASSWORD: 'whatever-pw', PORTCULLIS_DOCTOR_API_KEY: helper.encoded });
    assert.equal(ghost.code, 1);
    assert.match(ghost.check('authenticate').message, /no realm knows the user \[ghost\]/);
    const elastic = await doctor({ ELASTICSEARCH_URL: gw.url, ELASTICSEARCH_USERNAME: 'elastic', ELASTICSEARCH_PASSWORD: 'wrong-elastic-pw' });
    assert.match(elastic.check('authenticate').message, /the password of \[elastic\] is wrong \(the user exists: it is a built-in user\)/);
  });

  it('clock skew: a client clock 10 minutes ahead is reported with its effect on expiry; authentication still works', async () => {
    const r = await doctor({ ELASTICSEARCH_URL: gw.url, ELASTICSEARCH_API_KEY: good.encoded, PORTCULLIS_DOCTOR_NOW: new Date(Date.now() + 600_000).toISOString() });
    assert.equal(r.code, 0, r.out);
    const clock = r.check('clock');
    assert.equal(clock.status, 'warn');
    assert.match(clock.message, /10 min ahead of the server's.*expires by the server's time/);
    const inSync = await doctor({ ELASTICSEARCH_URL: gw.url, ELASTICSEARCH_API_KEY: good.encoded });
    assert.equal(inSync.check('clock').status, 'ok');
  });

  it('anonymous access enabled: who it runs as, and whether its refusals are 403 or 401 (authz_exception)', async () => {
    const anon = (authzException: boolean) =>
      startGateway({ elasticPassword: PW, config: `xpack.security.authc.anonymous:\n  username: anonymous_user\n  roles: [no_such_role]\n  authz_exception: ${authzException}\n` });
    const [with403, with401] = await Promise.all([anon(true), anon(false)]);
    try {
      const a = await doctor({ ELASTICSEARCH_URL: with403.url });
      assert.equal(a.check('anonymous').status, 'warn');
      assert.match(a.check('anonymous').message, /anonymous access is enabled: requests without credentials run as \[anonymous_user\].*authz_exception is true\), so a request without credentials gets 403, not 401/);
      const b = await doctor({ ELASTICSEARCH_URL: with401.url });
      assert.match(b.check('anonymous').message, /authz_exception is false, so it answers 401/);
      const wrong = await doctor({ ELASTICSEARCH_URL: with403.url, ELASTICSEARCH_USERNAME: 'elastic', ELASTICSEARCH_PASSWORD: 'wrong-elastic-pw' });
      assert.equal(wrong.code, 1, 'bad credentials never become anonymous');
      assert.match(wrong.check('authenticate').message, /password of \[elastic\] is wrong/);
    } finally {
      await Promise.all([with403.stop(), with401.stop()]);
      with403.cleanup();
      with401.cleanup();
    }
  });
});
