import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { inspect } from 'node:util';
import { DEFAULT_REALMS, realmSchemas } from '../authc/realms/registry.ts';
import { REDACTION_MARKER, Secret } from '../core/secret.ts';
import { loadSettings, SettingsError, type LoadOptions, type Settings } from './load.ts';

const dir = mkdtempSync(join(tmpdir(), 'portcullis-config-test-'));
after(() => rmSync(dir, { recursive: true, force: true }));

let files = 0;
/** Writes a YAML file of its own into the temporary directory and returns its path. */
function yml(text: string): string {
  const path = join(dir, `portcullis-${++files}.yml`);
  writeFileSync(path, text);
  return path;
}

const NATIVE_ONLY: LoadOptions['realmSchemas'] = { native: realmSchemas().native };

function load(file: string, opts: Partial<LoadOptions> = {}): Settings {
  // These tests model a registry that knows only `native`; MORE_TYPES adds others where a test needs them.
  return loadSettings({ file, required: true, overrides: {}, realmSchemas: NATIVE_ONLY, defaultRealms: DEFAULT_REALMS, ...opts });
}

/** The registry's realm types plus two more, for rules that need several realm types. */
const MORE_TYPES: LoadOptions['realmSchemas'] = {
  ...realmSchemas(),
  file: {},
  ldap: { url: { type: 'list' }, 'bind_password': { type: 'secret' } },
};

/** Asserts that loading throws a SettingsError whose message names every given fragment. */
function assertRejects(file: string, fragments: readonly (string | RegExp)[], opts: Partial<LoadOptions> = {}): void {
  assert.throws(
    () => load(file, opts),
    (e: unknown) => {
      assert.ok(e instanceof SettingsError, `expected a SettingsError, got ${inspect(e)}`);
      assert.equal(e.name, 'SettingsError');
      for (const f of fragments) {
        if (typeof f === 'string') assert.ok(e.message.includes(f), `${JSON.stringify(e.message)} should name ${f}`);
        else assert.match(e.message, f);
      }
      assert.equal(e.message.includes('\n'), false, 'one line');
      return true;
    },
  );
}

const realmSummary = (s: Settings) => s.realms.map((r) => ({ type: r.type, name: r.name, order: r.order, enabled: r.enabled }));

test('flat dotted keys, nested maps and any mix of the two mean the same', () => {
  const flat = yml(`
portcullis.listen: 0.0.0.0:9243
portcullis.upstream.url: [http://es1:9200, http://es2:9200]
portcullis.upstream.timeout.connect: 3s
xpack.security.http.ssl.enabled: true
xpack.security.http.ssl.keystore.path: certs/http.p12
xpack.security.authc.realms.native.native1.order: 0
xpack.security.authc.realms.native.native1.cache.ttl: 5m
`);
  const nested = yml(`
portcullis:
  listen: 0.0.0.0:9243
  upstream:
    url:
      - http://es1:9200
      - http://es2:9200
    timeout:
      connect: 3s
xpack:
  security:
    http:
      ssl:
        enabled: true
        keystore:
          path: certs/http.p12
    authc:
      realms:
        native:
          native1:
            order: 0
            cache:
              ttl: 5m
`);
  const mixed = yml(`
portcullis.upstream:
  url: [http://es1:9200, http://es2:9200]
  timeout.connect: 3s
portcullis:
  listen: 0.0.0.0:9243
xpack.security:
  http.ssl: { enabled: true, keystore.path: certs/http.p12 }
  authc.realms.native.native1: { order: 0, cache.ttl: 5m }
`);
  const a = load(flat);
  for (const other of [load(nested), load(mixed)]) {
    for (const key of ['portcullis.listen', 'portcullis.upstream.url', 'portcullis.upstream.timeout.connect', 'xpack.security.http.ssl.enabled', 'xpack.security.http.ssl.keystore.path']) {
      assert.deepEqual(other.get(key), a.get(key), key);
    }
    assert.deepEqual(other.realms, a.realms);
  }
  assert.equal(a.get('portcullis.listen'), '0.0.0.0:9243');
  assert.deepEqual(a.get('portcullis.upstream.url'), ['http://es1:9200', 'http://es2:9200']);
  assert.equal(a.get('portcullis.upstream.timeout.connect'), 3000);
  assert.equal(a.get('xpack.security.http.ssl.keystore.path'), 'certs/http.p12');
  assert.equal(a.realms[0].settings.get('cache.ttl'), 300_000);
});

test("the security section of an elasticsearch.yml, as ES 8's auto-configuration writes it, loads unchanged", () => {
  const s = load(
    yml(`
# Enable security features
xpack.security.enabled: true

xpack.security.enrollment.enabled: true

# Enable encryption for HTTP API client connections, such as Kibana, Logstash, and Agents
xpack.security.http.ssl:
  enabled: true
  keystore.path: certs/http.p12

# Enable encryption and mutual authentication between cluster nodes
xpack.security.transport.ssl:
  enabled: true
  verification_mode: certificate
  keystore.path: certs/transport.p12
  truststore.path: certs/transport.p12

xpack.security.authc.realms.native.native1.order: 0
`),
  );
  assert.equal(s.get('xpack.security.enabled'), true);
  assert.equal(s.get('xpack.security.http.ssl.enabled'), true);
  assert.equal(s.get('xpack.security.http.ssl.keystore.path'), 'certs/http.p12');
  assert.deepEqual(realmSummary(s), [{ type: 'native', name: 'native1', order: 0, enabled: true }]);
});

test('an unknown key is an error naming the key and the file', () => {
  const unknownTop = yml('cluster.name: my-cluster\n');
  assertRejects(unknownTop, ['[cluster.name]', unknownTop, 'unknown setting']);

  const unknownNested = yml('xpack.security.http.ssl:\n  enabled: true\n  keystore.passwd: changeme\n');
  assertRejects(unknownNested, ['[xpack.security.http.ssl.keystore.passwd]', unknownNested]);

  const unknownRealmSetting = yml('xpack.security.authc.realms.native.native1:\n  order: 0\n  url: ldap://x\n');
  assertRejects(unknownRealmSetting, ['[xpack.security.authc.realms.native.native1.url]', unknownRealmSetting]);

  const realmWithoutName = yml('xpack.security.authc.realms.native: 1\n');
  assertRejects(realmWithoutName, ['[xpack.security.authc.realms.native]', realmWithoutName]);
});

test('a value of the wrong type or out of range is an error naming the key and the file', () => {
  const cases: [string, string, RegExp][] = [
    ['portcullis.upstream.connections: many', 'portcullis.upstream.connections', /expected an integer/],
    ['portcullis.upstream.connections: 0', 'portcullis.upstream.connections', /must be greater than 0/],
    ['portcullis.upstream.timeout.connect: 10', 'portcullis.upstream.timeout.connect', /time value/],
    ['xpack.security.http.ssl.enabled: yes', 'xpack.security.http.ssl.enabled', /expected true or false/],
    ['portcullis.log.level: loud', 'portcullis.log.level', /must be one of/],
    ['portcullis.listen: [a, b]', 'portcullis.listen', /expected a string/],
    ['portcullis.upstream.url: [1, 2]', 'portcullis.upstream.url', /expected a list of strings/],
    ['xpack.security.authc.realms.native.n1: { order: first }', 'xpack.security.authc.realms.native.n1.order', /expected an integer/],
    ['xpack.security.authc.realms.native.n1: { order: 0, cache.max_users: -1 }', 'xpack.security.authc.realms.native.n1.cache.max_users', /must not be negative/],
    ['xpack.security.authc.realms.native.n1: { order: 0, cache.ttl: forever }', 'xpack.security.authc.realms.native.n1.cache.ttl', /time value/],
  ];
  for (const [text, key, why] of cases) {
    const file = yml(text + '\n');
    assertRejects(file, [`invalid value for setting [${key}]`, file, why]);
  }
});

test('xpack.security.enabled: false is refused: the gateway never runs open', () => {
  const file = yml('xpack.security.enabled: false\n');
  assertRejects(file, ['[xpack.security.enabled]', file, 'cannot be false']);
  assertRejects(yml('{}\n'), ['[xpack.security.enabled]', 'cannot be false'], { overrides: { 'xpack.security.enabled': 'false' } });
});

test('an enabled realm without an order is refused; a disabled one may omit it', () => {
  const file = yml('xpack.security.authc.realms.native.native1.cache.ttl: 1m\n');
  assertRejects(file, ['xpack.security.authc.realms.native.native1.order', file, 'missing realm order']);

  const disabled = load(yml('xpack.security.authc.realms.native.native1.enabled: false\n'));
  assert.deepEqual(
    disabled.realms.map((r) => [r.name, r.enabled]),
    [['native1', false]],
  );
});

test('two enabled realms with the same order are refused; a disabled one does not count', () => {
  const file = yml(`
xpack.security.authc.realms:
  native.native1.order: 1
  ldap.ldap1.order: 1
`);
  assertRejects(file, ['same order [1]', 'native1', 'ldap1', file], { realmSchemas: MORE_TYPES });

  const s = load(
    yml(`
xpack.security.authc.realms:
  native.native1.order: 1
  ldap.ldap1: { order: 1, enabled: false }
`),
    { realmSchemas: MORE_TYPES },
  );
  assert.deepEqual(realmSummary(s).filter((r) => r.order === 1).map((r) => [r.name, r.enabled]), [
    ['native1', true],
    ['ldap1', false],
  ]);
});

test('two realms with the same name are refused, whatever their types', () => {
  const file = yml(`
xpack.security.authc.realms:
  native.corp.order: 0
  ldap.corp.order: 1
`);
  assertRejects(file, ['same name [corp]', file], { realmSchemas: MORE_TYPES });
});

test('an unknown realm type is refused, naming the type, the key, the file and the known types', () => {
  const file = yml('xpack.security.authc.realms.saml.saml1.order: 2\n');
  assertRejects(file, ['unknown realm type [saml]', '[xpack.security.authc.realms.saml.saml1.order]', file, 'known types: [native]']);
});

test('the configured realms come back sorted by order, with their settings coerced and defaults filled', () => {
  const s = load(
    yml(`
xpack.security.authc.realms:
  ldap.ldap1: { order: 2, url: "ldaps://a:636, ldaps://b:636" }
  native.native1: { order: -5, cache.hash_algo: pbkdf2 }
`),
    { realmSchemas: MORE_TYPES },
  );
  const [native1, ldap1] = s.realms.filter((r) => !r.name.startsWith('default_'));
  assert.equal(native1.name, 'native1');
  assert.equal(native1.order, -5);
  assert.equal(native1.settings.get('cache.hash_algo'), 'pbkdf2');
  assert.equal(native1.settings.get('cache.ttl'), 1_200_000);
  assert.equal(native1.settings.get('cache.max_users'), 100_000);
  assert.equal(native1.settings.get('authentication.enabled'), true);
  assert.equal(ldap1.name, 'ldap1');
  assert.deepEqual(ldap1.settings.get('url'), ['ldaps://a:636', 'ldaps://b:636']);
  const orders = s.realms.map((r) => r.order);
  assert.deepEqual(orders, [...orders].sort((x, y) => x - y));
});

test('default realms: only known types are added, file before native, ahead of the configured ones', () => {
  // The registry knows `native` only: the default file realm is not added.
  assert.deepEqual(realmSummary(load(yml('{}\n'))), [{ type: 'native', name: 'default_native', order: Number.MIN_SAFE_INTEGER + 1, enabled: true }]);

  const s = load(yml('xpack.security.authc.realms.ldap.ldap1.order: -100\n'), { realmSchemas: MORE_TYPES });
  assert.deepEqual(
    s.realms.map((r) => [r.type, r.name]),
    [
      ['file', 'default_file'],
      ['native', 'default_native'],
      ['ldap', 'ldap1'],
    ],
  );
  const defaultNative = s.realms[1];
  assert.equal(defaultNative.settings.get('cache.ttl'), 1_200_000);
  assert.equal(defaultNative.settings.get('cache.hash_algo'), 'ssha256');
  assert.equal(defaultNative.settings.get('enabled'), true);
});

test('a default realm is not added when its type is configured, enabled or not', () => {
  const configured = load(yml('xpack.security.authc.realms.native.native1.order: 3\n'));
  assert.deepEqual(realmSummary(configured), [{ type: 'native', name: 'native1', order: 3, enabled: true }]);

  const disabled = load(yml('xpack.security.authc.realms.native.native1.enabled: false\n'), { realmSchemas: MORE_TYPES });
  assert.deepEqual(
    disabled.realms.map((r) => [r.name, r.enabled]),
    [
      ['default_file', true],
      ['native1', false],
    ],
  );
});

test('secret settings come back as Secret, which prints redacted', () => {
  const s = load(
    yml(`
portcullis.upstream.username: gateway
portcullis.upstream.password: s3cr3t-Upstream
xpack.security.http.ssl.keystore.password: 123456
`),
    { overrides: { 'portcullis.upstream.api_key': 'a2V5OnNlY3JldA==' } },
  );
  assert.equal(s.get('portcullis.upstream.username'), 'gateway');
  const password = s.get<Secret>('portcullis.upstream.password');
  assert.ok(password instanceof Secret);
  assert.equal(password.reveal(), 's3cr3t-Upstream');
  assert.equal(String(password), REDACTION_MARKER);
  assert.equal(`${password}`, REDACTION_MARKER);
  assert.equal(inspect(password), REDACTION_MARKER);
  const keystorePassword = s.get<Secret>('xpack.security.http.ssl.keystore.password');
  assert.ok(keystorePassword instanceof Secret);
  assert.equal(keystorePassword.reveal(), '123456', 'a number in YAML is still text');
  const apiKey = s.get<Secret>('portcullis.upstream.api_key');
  assert.ok(apiKey instanceof Secret, 'secrets given as overrides are wrapped too');
  assert.equal(apiKey.reveal(), 'a2V5OnNlY3JldA==');

  const everything = ['portcullis.upstream.password', 'xpack.security.http.ssl.keystore.password', 'portcullis.upstream.api_key'].map((k) => s.get(k));
  assert.equal(JSON.stringify(everything).includes('s3cr3t'), false);
  assert.equal(inspect(s, { depth: 10 }).includes('s3cr3t'), false);
});

test('secret realm settings are wrapped too', () => {
  const s = load(yml('xpack.security.authc.realms.ldap.ldap1: { order: 1, bind_password: bind-s3cret }\n'), { realmSchemas: MORE_TYPES });
  const bind = s.realms.find((r) => r.name === 'ldap1')!.settings.get('bind_password');
  assert.ok(bind instanceof Secret);
  assert.equal(bind.reveal(), 'bind-s3cret');
});

test('an empty file gives the documented defaults; settings without a default stay unset', () => {
  for (const text of ['', '# only a comment\n', '{}\n']) {
    const s = load(yml(text));
    assert.equal(s.get('portcullis.listen'), '127.0.0.1:9243');
    assert.equal(s.get('portcullis.data.path'), './data');
    assert.equal(s.get('portcullis.log.level'), 'info');
    assert.deepEqual(s.get('portcullis.upstream.url'), ['http://127.0.0.1:9200']);
    assert.equal(s.get('portcullis.upstream.timeout.connect'), 10_000);
    assert.equal(s.get('portcullis.upstream.timeout.response'), 60_000);
    assert.equal(s.get('portcullis.upstream.timeout.body'), 300_000);
    assert.equal(s.get('portcullis.upstream.connections'), 128);
    assert.equal(s.get('portcullis.upstream.ssl.verification_mode'), 'full');
    assert.equal(s.get('xpack.security.enabled'), true);
    assert.equal(s.get('xpack.security.http.ssl.enabled'), true);
    assert.equal(s.get('xpack.security.http.ssl.client_authentication'), 'none');
    assert.equal(s.get('xpack.security.authc.password_hashing.algorithm'), 'bcrypt');
    assert.equal(s.get('xpack.security.authc.api_key.enabled'), true);
    assert.equal(s.get('portcullis.upstream.username'), undefined);
    assert.equal(s.get('portcullis.upstream.password'), undefined);
    assert.equal(s.get('xpack.security.authc.token.enabled'), undefined);
  }
});

test('overrides (command line, environment) beat the file, are coerced and validated like it', () => {
  const file = yml(`
portcullis:
  listen: 10.0.0.1:9243
  upstream.connections: 8
xpack.security.authc.realms.native.native1: { order: 0, cache.ttl: 1m }
`);
  const s = load(file, {
    overrides: {
      'portcullis.listen': '127.0.0.1:19243',
      'portcullis.upstream.connections': '64',
      'portcullis.log.level': undefined,
      'xpack.security.authc.realms.native.native1.cache.ttl': '2h',
    },
  });
  assert.equal(s.get('portcullis.listen'), '127.0.0.1:19243');
  assert.equal(s.get('portcullis.upstream.connections'), 64);
  assert.equal(s.get('portcullis.log.level'), 'info', 'an undefined override leaves the setting alone');
  assert.equal(s.realms[0].settings.get('cache.ttl'), 7_200_000);

  assertRejects(file, ['[portcullis.upstream.connections]', 'expected an integer'], { overrides: { 'portcullis.upstream.connections': 'lots' } });
  assertRejects(file, ['[portcullis.nope]', 'unknown setting'], { overrides: { 'portcullis.nope': 1 } });
});

test('a missing file is fine unless it is required', () => {
  const missing = join(dir, 'does-not-exist', 'portcullis.yml');
  const s = load(missing, { required: false });
  assert.equal(s.get('portcullis.listen'), '127.0.0.1:9243');
  assert.equal(s.source, missing);
  assert.equal(s.configDir, dirname(missing));
  assertRejects(missing, ['cannot read configuration file', missing, 'ENOENT'], { required: true });
  assertRejects(dir, ['cannot read configuration file', dir], { required: false });
});

test('a file that is not a YAML map of settings is refused, naming the file', () => {
  const broken = yml('portcullis.listen: [unclosed\n');
  assertRejects(broken, ['cannot parse', broken]);
  const list = yml('- portcullis.listen\n- xpack.security.enabled\n');
  assertRejects(list, ['must hold a map of settings', list]);
  const scalar = yml('just text\n');
  assertRejects(scalar, ['must hold a map of settings', scalar]);
});

test('the same setting written flat and nested is refused as defined twice', () => {
  const file = yml(`
xpack.security.http.ssl.enabled: true
xpack:
  security:
    http.ssl.enabled: false
`);
  assertRejects(file, ['[xpack.security.http.ssl.enabled]', 'defined twice', file]);
});

test('the result is frozen and knows where it came from', () => {
  const file = yml('portcullis.listen: 127.0.0.1:1\n');
  const s = load(file);
  assert.ok(Object.isFrozen(s));
  assert.equal(s.source, file);
  assert.equal(s.configDir, dir);
});

test('two realms of an internal type (native) are refused, as in ES', () => {
  const file = yml(`
xpack.security.authc.realms:
  native.native1.order: 0
  native.native2.order: 1
`);
  assertRejects(file, ['multiple [native] realms are configured', file]);
});

test('a configured realm named like a default realm of another type is refused, not silently replacing it', () => {
  const file = yml('xpack.security.authc.realms.ldap.default_native.order: 0\n');
  assertRejects(file, ['[default_native]', 'xpack.security.authc.realms.ldap.default_native'], { realmSchemas: MORE_TYPES });
});
