// The audit index output against the real cluster: an authentication_failed event written through the
// library (as the pipeline will write it) is found by the seed's query, exactly as the seed writes it,
// both straight against the cluster and through the gateway as `elastic`.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { createAuditTrail, type AuditConfig } from '../../src/audit/index.ts';
import { systemClock } from '../../src/core/clock.ts';
import { baseConfig } from '../../src/audit/testing.ts';
import { send, startGateway, upstreamUrl, type Gateway } from '../support/gateway.ts';

const PW = 'elastic-test-password';

/** The seed's query, verbatim. */
const SEED_QUERY = `{
  "query": {
    "bool": {
      "must": [
        { "term": { "event.action": "authentication_failed" }},
        { "range": { "@timestamp": { "gte": "now-1h" }}}
      ]
    }
  }
}`;

const config = (): AuditConfig =>
  baseConfig({
    outputs: ['index'],
    logfile: { dir: '/nonexistent', name: 'unused', maxSizeBytes: 0, daily: true, maxFiles: 1, maxQueue: 10 },
    index: { bulkSize: 100, flushIntervalMs: 200, maxQueue: 1000 },
  });

describe('audit index output on the real cluster', () => {
  const requestId = randomBytes(15).toString('base64url');
  let gw: Gateway;

  before(async () => {
    const trail = createAuditTrail(config(), {
      log: pino({ level: 'silent' }),
      clock: systemClock,
      node: { id: 'e2e-node', name: 'portcullis', clusterName: 'portcullis' },
      cluster: { urls: [upstreamUrl()] },
    });
    const req = { id: requestId, method: 'GET', uri: '/_security/_authenticate?pretty', remoteAddress: '127.0.0.1', remotePort: 40000, headers: { 'x-opaque-id': 'audit-e2e' } };
    trail.authenticationOutcome(req, 'nobody', {
      ok: false,
      error: { message: 'unable to authenticate user [nobody] for REST request [/_security/_authenticate?pretty]' },
      attempts: [
        { realm: 'reserved', type: 'reserved' },
        { realm: 'default_native', type: 'native', message: 'the user [nobody] was not found' },
      ],
    });
    trail.accessGranted(req, { user: { username: 'elastic', roles: ['superuser'], fullName: null, email: null, metadata: {}, enabled: true }, authenticatedBy: { name: 'reserved', type: 'reserved' }, lookedUpBy: { name: 'reserved', type: 'reserved' }, type: 'realm' }, { action: 'cluster:monitor/main' });
    assert.equal(await trail.flush(15_000), true, JSON.stringify(trail.stats()));
    assert.equal(trail.stats().index.written, 4);
    await trail.close();
    const refresh = await send(upstreamUrl(), undefined, 'POST', '/.security-audit-*/_refresh');
    assert.equal(refresh.status, 200, refresh.text);
    gw = await startGateway({ elasticPassword: PW });
  });
  after(async () => {
    await gw?.stop();
    gw?.cleanup();
  });

  const check = (r: { status: number; json: any; text: string }) => {
    assert.equal(r.status, 200, r.text);
    const hits = r.json.hits.hits.map((h: any) => h._source).filter((s: any) => s['request.id'] === requestId);
    assert.equal(hits.length, 1, 'exactly the authentication_failed event of the request, not its realm or access events');
    const [e] = hits;
    assert.equal(e['event.action'], 'authentication_failed');
    assert.equal(e['event.type'], 'rest');
    assert.equal(e['user.name'], 'nobody');
    assert.equal(e['url.path'], '/_security/_authenticate');
    assert.equal(e['url.query'], 'pretty');
    assert.equal(e['origin.address'], '127.0.0.1:40000');
    assert.equal(e.opaque_id, 'audit-e2e');
    assert.equal(e['event.reason'], 'default_native: the user [nobody] was not found');
    assert.ok(Date.now() - Date.parse(e['@timestamp']) < 3_600_000);
    assert.match(r.json.hits.hits.find((h: any) => h._source['request.id'] === requestId)._index, /^\.security-audit-\d{4}\.\d{2}\.\d{2}$/);
  };

  it('the seed query, as written, finds the event on the cluster', async () => {
    check(await send(upstreamUrl(), undefined, 'GET', '/.security-audit-*/_search', { body: SEED_QUERY }));
  });

  it('the seed query, as written, finds it through the gateway as elastic', async () => {
    check(await gw.request('GET', '/.security-audit-*/_search', { auth: ['elastic', PW], body: SEED_QUERY }));
  });

  it('the template maps event.action as a keyword and @timestamp as a date; the realm events are there too', async () => {
    const m = await send(upstreamUrl(), undefined, 'GET', '/.security-audit-*/_mapping/field/event.action,@timestamp');
    assert.equal(m.status, 200, m.text);
    const index = Object.values(m.json as Record<string, any>)[0].mappings;
    assert.equal(index['event.action'].mapping.action.type, 'keyword');
    assert.equal(index['@timestamp'].mapping['@timestamp'].type, 'date');
    const all = await send(upstreamUrl(), undefined, 'GET', '/.security-audit-*/_search', { body: { size: 20, query: { term: { 'request.id': requestId } } } });
    const actions = all.json.hits.hits.map((h: any) => h._source['event.action']).sort();
    assert.deepEqual(actions, ['access_granted', 'authentication_failed', 'realm_authentication_failed', 'realm_authentication_failed']);
  });
});
