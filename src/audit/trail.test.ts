import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuditTrail } from './trail.ts';
import { createAuditTrail } from './index.ts';
import type { AuditEvent } from './fields.ts';
import type { AuditSink } from './sinks/sink.ts';
import { apiKeyAuth, baseConfig, captureLog, realmAuth, request } from './testing.ts';
import type { AuditConfig } from './settings.ts';
import { loadSettings } from '../config/load.ts';
import { auditConfig } from './settings.ts';

class MemorySink implements AuditSink {
  readonly name = 'memory';
  readonly events: AuditEvent[] = [];
  accepting = true;
  write(e: AuditEvent) {
    this.events.push(e);
  }
  isAccepting() {
    return this.accepting;
  }
  async flush() {
    return true;
  }
  async close() {}
  stats() {
    return { queued: 0, written: this.events.length, dropped: 0, rejected: 0, failures: 0 };
  }
}

const node = { id: 'node-1', name: 'gw1', clusterName: 'portcullis', clusterUuid: 'uuid-1' };
const T = Date.parse('2024-05-01T10:00:00Z');
function trail(over: Partial<AuditConfig> = {}) {
  const sink = new MemorySink();
  const t = new AuditTrail(baseConfig(over), [sink], { clock: { now: () => T }, node });
  return { t, sink, actions: () => sink.events.map((e) => e['event.action']) };
}

test('events get @timestamp and the node fields the emit_* settings ask for', () => {
  const { t, sink } = trail({ emit: { nodeName: true, nodeId: true, hostAddress: false, hostName: false, clusterName: true, clusterUuid: true } });
  t.anonymousAccessDenied(request());
  const [e] = sink.events;
  assert.equal(e['@timestamp'], '2024-05-01T10:00:00.000Z');
  assert.equal(e['node.id'], 'node-1');
  assert.equal(e['node.name'], 'gw1');
  assert.equal(e['cluster.name'], 'portcullis');
  assert.equal(e['cluster.uuid'], 'uuid-1');
  const { t: t2, sink: s2 } = trail();
  t2.anonymousAccessDenied(request());
  assert.equal('node.name' in s2.events[0], false, 'off by default, as in ES');
  assert.equal(s2.events[0]['node.id'], 'node-1', 'on by default, as in ES');
});

test('include/exclude decide which kinds are written', () => {
  const { t, actions } = trail({ include: ['authentication_failed', 'access_denied'], exclude: ['access_denied'] });
  t.anonymousAccessDenied(request());
  t.authenticationFailed(request(), { principal: 'x' });
  t.accessDenied(request(), realmAuth(), { action: 'a' });
  t.authenticationSuccess(request(), realmAuth());
  assert.deepEqual(actions(), ['authentication_failed']);
  assert.equal(t.isEnabled('authentication_failed'), true);
  assert.equal(t.isEnabled('access_denied'), false);
});

test('ignore policies drop matching events, but never security config changes', () => {
  const { t, actions } = trail({ ignoreFilters: { noisy: { users: ['elastic'] } } });
  t.authenticationSuccess(request(), realmAuth('elastic'));
  t.accessGranted(request(), realmAuth('elastic'), { action: 'indices:data/read/search' });
  t.accessGranted(request(), realmAuth('bob'), { action: 'indices:data/read/search' });
  t.securityConfigChange(request(), { action: 'cluster:admin/xpack/security/user/delete', path: '/_security/user/x', params: { username: 'x' }, body: undefined });
  assert.deepEqual(actions(), ['access_granted', 'delete_user']);
});

test('authenticationOutcome: success, anonymous denial, or one realm_authentication_failed per realm tried and one authentication_failed', () => {
  const { t, sink, actions } = trail();
  t.authenticationOutcome(request({ id: 'ok' }), 'elastic', { ok: true, authentication: realmAuth(), attempts: [] });
  t.authenticationOutcome(request({ id: 'anon' }), null, { ok: false, error: { message: 'missing authentication credentials for REST request [/]' }, attempts: [] });
  t.authenticationOutcome(request({ id: 'bad' }), 'bob', {
    ok: false,
    error: { message: 'unable to authenticate user [bob] for REST request [/]' },
    attempts: [
      { realm: 'reserved', type: 'reserved', message: undefined },
      { realm: 'default_file', type: 'file', message: 'the user [bob] was not found in the users file' },
      { realm: 'default_native', type: 'native', message: 'password authentication failed for [bob]' },
    ],
  });
  t.authenticationOutcome(request({ id: 'key' }), 'KEYID', {
    ok: false,
    error: { message: 'unable to authenticate with provided credentials and anonymous access is not allowed for this request' },
    attempts: [{ realm: '_es_api_key', type: '_es_api_key', message: 'api key is expired' }],
  });
  assert.deepEqual(actions(), [
    'authentication_success',
    'anonymous_access_denied',
    'realm_authentication_failed',
    'realm_authentication_failed',
    'realm_authentication_failed',
    'authentication_failed',
    'authentication_failed',
  ]);
  const bad = sink.events.filter((e) => e['request.id'] === 'bad');
  assert.deepEqual(bad.map((e) => e.realm ?? null), ['reserved', 'default_file', 'default_native', null]);
  assert.equal(bad[2]['event.reason'], 'password authentication failed for [bob]');
  assert.equal(bad[3]['event.reason'], 'default_file: the user [bob] was not found in the users file; default_native: password authentication failed for [bob]');
  assert.ok(bad.every((e) => e['user.name'] === 'bob'), 'one request.id, one principal across the request\'s events');
  const key = sink.events.find((e) => e['request.id'] === 'key')!;
  assert.equal(key['user.name'], 'KEYID');
  assert.equal(key['event.reason'], '_es_api_key: api key is expired');
});

test('isAccepting is false while any sink refuses', () => {
  const { t, sink } = trail();
  assert.equal(t.isAccepting(), true);
  sink.accepting = false;
  assert.equal(t.isAccepting(), false);
});

test('a disabled trail has no sinks, writes nothing and always accepts', async () => {
  const t = createAuditTrail(baseConfig({ enabled: false }), { log: captureLog().log, clock: { now: () => T }, node });
  assert.equal(t.enabled, false);
  t.authenticationSuccess(request(), apiKeyAuth());
  assert.equal(t.isAccepting(), true);
  assert.deepEqual(t.stats(), {});
  await t.close();
});

test('createAuditTrail builds the configured sinks from the registry; the logfile one writes ES lines', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'audit-trail-'));
  try {
    const t = createAuditTrail(baseConfig({ logfile: { ...baseConfig().logfile, dir } }), { log: captureLog().log, clock: { now: () => T }, node });
    t.authenticationFailed(request(), { principal: 'bob' });
    assert.equal(await t.flush(), true);
    assert.deepEqual(Object.keys(t.stats()), ['logfile']);
    await t.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  assert.throws(() => createAuditTrail(baseConfig({ outputs: ['index'] }), { log: captureLog().log, clock: { now: () => T }, node }), /needs the upstream cluster/);
});

test('settings: ES keys and defaults, ignore_filters with a policy name segment, portcullis.audit.* paths', () => {
  const dir = mkdtempSync(join(tmpdir(), 'audit-settings-'));
  try {
    const file = join(dir, 'portcullis.yml');
    const load = (text: string) => loadSettings({ file: (writeFileSync(file, text), file), required: true, overrides: {}, realmSchemas: {}, defaultRealms: [] });
    const d = auditConfig(load(''));
    assert.equal(d.enabled, false);
    assert.deepEqual(d.outputs, ['logfile']);
    assert.deepEqual(d.include, ['access_denied', 'access_granted', 'anonymous_access_denied', 'authentication_failed', 'connection_denied', 'tampered_request', 'run_as_denied', 'run_as_granted', 'security_config_change']);
    assert.equal(d.overflow, 'reject');
    assert.equal(d.emitRequestBody, false);
    assert.deepEqual(d.index, { bulkSize: 1000, flushIntervalMs: 1000, maxQueue: 10_000 });
    assert.equal(d.logfile.name, 'portcullis');
    assert.equal(d.logfile.maxSizeBytes, 1024 ** 3);
    assert.match(d.logfile.dir, /data\/logs$/);
    const c = auditConfig(
      load(`
xpack.security.audit:
  enabled: true
  outputs: [index, logfile]
  logfile.events.include: [_all]
  logfile.events.ignore_filters:
    kibana:
      users: [kibana_system]
      realms: [reserved]
    health:
      actions: ["cluster:monitor/health"]
portcullis.audit:
  on_overflow: drop
  logfile.rotate.size: "0"
`),
    );
    assert.deepEqual(c.outputs, ['index', 'logfile']);
    assert.deepEqual(c.ignoreFilters, { kibana: { users: ['kibana_system'], realms: ['reserved'] }, health: { actions: ['cluster:monitor/health'] } });
    assert.equal(c.overflow, 'drop');
    assert.equal(c.logfile.maxSizeBytes, 0);
    assert.throws(() => load('xpack.security.audit.logfile.events.include: [everything]'), /invalid event name specified \[everything\]/);
    assert.throws(() => load('xpack.security.audit.outputs: [syslog]'), /must only hold values of \[logfile, index\]/);
    assert.throws(() => load('xpack.security.audit.logfile.events.ignore_filters.p1.usernames: [a]'), /unknown setting/);
    assert.throws(() => load('xpack.security.audit.logfile.events.ignore_filters.a.b.users: [a]'), /unknown setting/);
    assert.throws(() => load('portcullis.audit.on_overflow: block'), /must be one of \[reject, drop\]/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
