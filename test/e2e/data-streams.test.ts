// Data streams through the gateway, authorized as ES 9.1.5 authorizes them (each expectation was checked on the
// reference Elasticsearch with the same roles): privileges on the data stream's name cover its backing indices,
// privileges on backing indices do not give the data stream, `create_doc` writes but only `auto_configure` (or
// `create_index`) creates a data stream by writing, mapping updates need `manage`, and the data stream APIs show
// only the data streams the caller may see.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { upstreamFlavor } from '../support/upstream.ts';
import { startGateway, type Gateway } from '../support/gateway.ts';

const PW = 'elastic-test-password';
const admin: [string, string] = ['elastic', PW];
const users = {
  reader: ['dst-reader', 'dst-reader-pw'],
  backing: ['dst-backing', 'dst-backing-pw'],
  writer: ['dst-writer', 'dst-writer-pw'],
  creator: ['dst-creator', 'dst-creator-pw'],
  manager: ['dst-manager', 'dst-manager-pw'],
} as const satisfies Record<string, readonly [string, string]>;
const ROLES: Record<keyof typeof users, { cluster?: string[]; names: string[]; privileges: string[] }> = {
  reader: { cluster: ['monitor'], names: ['dst-a*', 'dsp-*'], privileges: ['read', 'view_index_metadata', 'monitor'] },
  backing: { names: ['.ds-dst-a*'], privileges: ['read', 'view_index_metadata', 'monitor'] },
  writer: { names: ['dst-*'], privileges: ['create_doc'] },
  creator: { names: ['dst-*'], privileges: ['create_doc', 'auto_configure'] },
  manager: { names: ['dst-a*'], privileges: ['manage', 'read'] },
};
const doc = { '@timestamp': '2026-01-01T00:00:00Z', message: 'x' };
const denied = (user: string, action: string, names: string, by: string) =>
  `action [${action}] is unauthorized for user [${user}] with effective roles [${user}] on indices [${names}], this action is granted by the index privileges [${by}]`;

// The Elasticsearch integ-test zip has no data-streams module (no index template with `data_stream`, no
// `_data_stream` API): these run in front of OpenSearch, whose data streams the gateway authorizes the same way.
const FLAVOR = await upstreamFlavor();

describe('data streams', { skip: FLAVOR === 'elasticsearch' && 'the Elasticsearch test upstream has no data-streams module' }, () => {
  let gw: Gateway;
  const as = (who: readonly [string, string], method: string, path: string, body?: unknown) => gw.request(method, path, { auth: [who[0], who[1]], body });
  const names = (r: { json: { data_streams: { name: string }[] } }) => r.json.data_streams.map((d) => d.name).sort();

  before(async () => {
    gw = await startGateway({ elasticPassword: PW });
    await as(admin, 'DELETE', '/_data_stream/dst-*');
    const t = await as(admin, 'PUT', '/_index_template/dst-template', { index_patterns: ['dst-*'], data_stream: {}, priority: 500 });
    assert.equal(t.status, 200, t.text);
    for (const ds of ['dst-app', 'dst-other']) assert.equal((await as(admin, 'PUT', `/_data_stream/${ds}`)).status, 200);
    assert.equal((await as(admin, 'POST', '/dst-app/_doc?refresh=true', doc)).status, 201);
    await as(admin, 'DELETE', '/dsp-plain');
    assert.equal((await as(admin, 'PUT', '/dsp-plain')).status, 200, 'an index the reader may see: no data stream API lists it');
    for (const [key, [name, password]] of Object.entries(users)) {
      const { cluster, ...indices } = ROLES[key as keyof typeof users];
      await as(admin, 'PUT', `/_security/role/${name}`, { cluster: cluster ?? [], indices: [indices] });
      await as(admin, 'PUT', `/_security/user/${name}`, { password, roles: [name] });
    }
  });
  after(async () => {
    await as(admin, 'DELETE', '/_data_stream/dst-*');
    await as(admin, 'DELETE', '/_index_template/dst-template');
    await as(admin, 'DELETE', '/dsp-plain');
    await gw.stop();
    gw.cleanup();
  });

  it('privileges on the data stream cover its backing indices (search hits name them; the response check lets them through)', async () => {
    const r = await as(users.reader, 'GET', '/dst-app/_search');
    assert.equal(r.status, 200, r.text);
    assert.match(r.json.hits.hits[0]._index, /^\.ds-dst-app-/);
    const backing = await as(users.reader, 'GET', '/.ds-dst-app-*/_search?expand_wildcards=all');
    assert.equal(backing.status, 200, backing.text);
    assert.equal(backing.json.hits.total.value, 1);
    const explicit = await as(users.reader, 'GET', `/${r.json.hits.hits[0]._index}/_doc/${r.json.hits.hits[0]._id}`);
    assert.equal(explicit.status, 200, explicit.text);
  });

  it('_cat over a data stream lists its backing indices (ES: `_cat/indices`, `_cat/shards`, `_cat/count`)', async () => {
    const lines = async (path: string) => {
      const r = await as(users.reader, 'GET', path);
      assert.equal(r.status, 200, `${path}: ${r.text}`);
      return r.text.split('\n').map((l) => l.trim()).filter(Boolean);
    };
    assert.deepEqual((await lines('/_cat/indices?h=index')).filter((n) => n.startsWith('.ds-dst')).length, 1);
    assert.match((await lines('/_cat/indices/dst-app?h=index'))[0], /^\.ds-dst-app-/);
    assert.ok((await lines('/_cat/shards/dst-app?h=index')).every((n) => n.startsWith('.ds-dst-app-')));
    assert.ok(Number((await lines('/_cat/count/dst-app?h=count'))[0]) >= 1);
  });

  it('privileges on backing indices alone do not give the data stream', async () => {
    const r = await as(users.backing, 'GET', '/dst-app/_search');
    assert.equal(r.status, 403, r.text);
    assert.equal(r.json.error.reason, denied('dst-backing', 'indices:data/read/search', 'dst-app', 'read,all'));
    const direct = await as(users.backing, 'GET', '/.ds-dst-app-*/_search?expand_wildcards=all');
    assert.equal(direct.status, 200, direct.text);
    const list = await as(users.backing, 'GET', '/_data_stream');
    assert.equal(list.status, 200, list.text);
    assert.deepEqual(names(list), []);
  });

  it('GET /_data_stream, /_data_stream/<pattern> and _stats show only what the caller may see', async () => {
    const all = await as(users.reader, 'GET', '/_data_stream');
    assert.equal(all.status, 200, all.text);
    assert.deepEqual(names(all), ['dst-app']);
    const pattern = await as(users.reader, 'GET', '/_data_stream/ds*');
    assert.equal(pattern.status, 200, pattern.text);
    assert.deepEqual(names(pattern), ['dst-app']);
    const stats = await as(users.reader, 'GET', '/_data_stream/_stats');
    assert.equal(stats.status, 200, stats.text);
    assert.equal(stats.json.data_stream_count, 1);
    assert.deepEqual(stats.json.data_streams.map((d: { data_stream: string }) => d.data_stream), ['dst-app']);
    const other = await as(users.reader, 'GET', '/_data_stream/dst-other');
    assert.equal(other.status, 403, other.text);
    assert.equal(other.json.error.reason, denied('dst-reader', 'indices:admin/data_stream/get', 'dst-other', 'view_index_metadata,manage,all'));
    const admin_ = await as(admin, 'GET', '/_data_stream/dst-*');
    assert.deepEqual(names(admin_), ['dst-app', 'dst-other']);
  });

  it('create_doc appends to a data stream, but creates one only with auto_configure', async () => {
    const w = await as(users.writer, 'POST', '/dst-app/_doc', doc);
    assert.equal(w.status, 201, w.text);
    const create = await as(users.writer, 'POST', '/dst-new-w/_doc', doc);
    assert.equal(create.status, 403, create.text);
    assert.equal(create.json.error.reason, denied('dst-writer', 'indices:admin/auto_create', 'dst-new-w', 'auto_configure,create_index,manage,all'));
    const auto = await as(users.creator, 'POST', '/dst-new-c/_doc', doc);
    assert.equal(auto.status, 201, auto.text);
    assert.match(auto.json._index, /^\.ds-dst-new-c-/);
    const ds = await as(admin, 'GET', '/_data_stream/dst-new-c');
    assert.deepEqual(names(ds), ['dst-new-c'], 'the write created the data stream');
  });

  it('op_type index on a data stream is not create_doc (ES refuses it later, with a 400; the gateway with a 403)', async () => {
    const r = await as(users.writer, 'PUT', '/dst-app/_doc/1', doc);
    assert.equal(r.status, 403, r.text);
    assert.match(r.json.error.reason, /^action \[indices:data\/write\/index:op_type\/index\] is unauthorized/);
    assert.equal((await as(users.writer, 'PUT', '/dst-app/_create/1', doc)).status, 201);
  });

  it('date math names a data stream by the date (zones, patterns), URL-encoded; a bad zone is ES\'s 403 with the cause', async () => {
    const now = new Date();
    const month = `${now.getUTCFullYear()}.${String(now.getUTCMonth() + 1).padStart(2, '0')}`;
    const w = await as(users.creator, 'POST', `/${encodeURIComponent('<dst-log-{now/M{yyyy.MM|UTC}}>')}/_doc`, doc);
    assert.equal(w.status, 201, w.text);
    assert.match(w.json._index, new RegExp(`^\\.ds-dst-log-${month.replace('.', '\\.')}-`));
    const bad = await as(users.reader, 'GET', `/${encodeURIComponent('<dst-a-{now/d{yyyy|Mars/Base}}>')}/_search`);
    assert.equal(bad.status, 403, bad.text);
    assert.equal(bad.json.error.reason, 'action [indices:data/read/search] is unauthorized for user [dst-reader] with effective roles [dst-reader], this action is granted by the index privileges [read,all]');
    assert.deepEqual(bad.json.error.caused_by, { type: 'zone_rules_exception', reason: 'Unknown time-zone ID: Mars/Base' });
    assert.equal(bad.json.error.root_cause[0].type, 'security_exception');
    const open = await as(users.reader, 'GET', `/${encodeURIComponent('<dst-a-{now/d>')}/_search`);
    assert.equal(open.status, 403, open.text);
    assert.deepEqual(open.json.error.root_cause[0], { type: 'parse_exception', reason: 'invalid dynamic name expression [dst-a-{now/d>]. date math placeholder is open ended' });
  });

  it('mapping updates on a data stream need manage on it', async () => {
    const body = { properties: { extra: { type: 'keyword' } } };
    const no = await as(users.reader, 'PUT', '/dst-app/_mapping', body);
    assert.equal(no.status, 403, no.text);
    assert.equal(no.json.error.reason, denied('dst-reader', 'indices:admin/mapping/put', 'dst-app', 'manage,all'));
    const yes = await as(users.manager, 'PUT', '/dst-app/_mapping', body);
    assert.equal(yes.status, 200, yes.text);
  });

  it('create and delete a data stream need create_index / delete_index (or manage) on its name', async () => {
    const no = await as(users.reader, 'PUT', '/_data_stream/dst-app2');
    assert.equal(no.status, 403, no.text);
    assert.equal((await as(users.manager, 'PUT', '/_data_stream/dst-app2')).status, 200);
    const wild = await as(users.manager, 'DELETE', '/_data_stream/dst-*');
    assert.equal(wild.status, 200, wild.text);
    const left = await as(admin, 'GET', '/_data_stream/dst-*');
    assert.deepEqual(names(left).filter((n) => !n.startsWith('dst-log-')), ['dst-new-c', 'dst-other'], 'a wildcard delete removes only what the caller may delete');
    await as(admin, 'PUT', '/_data_stream/dst-app');
    await as(admin, 'POST', '/dst-app/_doc?refresh=true', doc);
  });
});
