// An index, alias or data stream created or deleted through the gateway is seen by the very next request's
// wildcard expansion (no metadata cache delay), whichever request created it: an explicit create, or a write
// to a new name (auto-create) through _doc, _create, _bulk, an _update upsert, a reindex, a rollover, a resize.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startGateway, type Gateway } from '../support/gateway.ts';

const PW = 'elastic-test-password';
const admin: [string, string] = ['elastic', PW];
const vera: [string, string] = ['vera', 'vera-password'];
const walt: [string, string] = ['walt', 'walt-password'];

describe('the gateway sees what it just created or deleted', () => {
  let gw: Gateway;
  const as = (who: [string, string], method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => gw.request(method, path, { auth: who, body, headers });
  /** The indices `vis-*` expands to for vera, as the search's hits name them (every index holds one doc). */
  const seen = async () => {
    const r = await as(vera, 'GET', '/vis-*/_search?size=100&expand_wildcards=open');
    assert.equal(r.status, 200, r.text);
    return [...new Set(r.json.hits.hits.map((h: { _index: string }) => h._index))].sort();
  };
  const warm = async () => {
    await seen();
    await seen();
  };

  before(async () => {
    gw = await startGateway({ elasticPassword: PW });
    await as(admin, 'DELETE', '/vis-*?expand_wildcards=all');
    await as(admin, 'DELETE', '/_data_stream/vis-ds*');
    await as(admin, 'PUT', '/vis-base/_doc/1?refresh=true', { n: 0 });
    await as(admin, 'PUT', '/_security/role/vis_all', { indices: [{ names: ['vis-*'], privileges: ['all'] }] });
    await as(admin, 'PUT', '/_security/user/vera', { password: vera[1], roles: ['vis_all'] });
    await as(admin, 'PUT', '/_security/role/vis_write', { indices: [{ names: ['vis-*'], privileges: ['read', 'write'] }] });
    await as(admin, 'PUT', '/_security/user/walt', { password: walt[1], roles: ['vis_write'] });
  });
  after(async () => {
    await as(admin, 'DELETE', '/vis-*?expand_wildcards=all');
    await as(admin, 'DELETE', '/_data_stream/vis-ds*');
    await as(admin, 'DELETE', '/_index_template/vis-ds-template');
    await gw.stop();
    gw.cleanup();
  });

  it('a write to a new name (_doc, _create, _bulk, _update upsert) is seen by the next search', async () => {
    await warm();
    assert.equal((await as(vera, 'PUT', '/vis-doc/_doc/1?refresh=true', { n: 1 })).status, 201);
    assert.ok((await seen()).includes('vis-doc'), 'after _doc');
    assert.equal((await as(vera, 'PUT', '/vis-create/_create/1?refresh=true', { n: 1 })).status, 201);
    assert.ok((await seen()).includes('vis-create'), 'after _create');
    const bulk = `${JSON.stringify({ index: { _index: 'vis-bulk', _id: '1' } })}\n${JSON.stringify({ n: 1 })}\n`;
    assert.equal((await as(vera, 'POST', '/_bulk?refresh=true', bulk, { 'Content-Type': 'application/x-ndjson' })).status, 200);
    assert.ok((await seen()).includes('vis-bulk'), 'after _bulk');
    assert.equal((await as(vera, 'POST', '/vis-upsert/_update/1?refresh=true', { doc: { n: 1 }, doc_as_upsert: true })).status, 201);
    assert.ok((await seen()).includes('vis-upsert'), 'after an _update upsert');
  });

  it('write without auto_configure or create_index cannot create an index by writing to a new name (as ES 9.1.5)', async () => {
    const denied = (action: string, name: string, by: string) =>
      `action [${action}] is unauthorized for user [walt] with effective roles [vis_write] on indices [${name}], this action is granted by the index privileges [${by}]`;
    const doc = await as(walt, 'PUT', '/vis-walt-doc/_doc/1', { n: 1 });
    assert.equal(doc.status, 403, doc.text);
    assert.equal(doc.json.error.reason, denied('indices:admin/auto_create', 'vis-walt-doc', 'auto_configure,create_index,manage,all'));
    const upsert = await as(walt, 'POST', '/vis-walt-up/_update/1', { doc: { n: 1 }, doc_as_upsert: true });
    assert.equal(upsert.status, 403, upsert.text);
    assert.equal(upsert.json.error.reason, denied('indices:admin/create', 'vis-walt-up', 'create_index,manage,all'));
    const bulk = `${JSON.stringify({ index: { _index: 'vis-walt-bulk', _id: '1' } })}\n${JSON.stringify({ n: 1 })}\n`;
    const b = await as(walt, 'POST', '/_bulk', bulk, { 'Content-Type': 'application/x-ndjson' });
    assert.equal(b.json.items[0].index.status, 403, b.text);
    for (const name of ['vis-walt-doc', 'vis-walt-up', 'vis-walt-bulk']) assert.equal((await as(admin, 'HEAD', `/${name}`)).status, 404, `${name} was not created`);
    assert.equal((await as(walt, 'PUT', '/vis-base/_doc/2?refresh=true', { n: 2 })).status, 201, 'writes to existing indices work');
    await as(admin, 'DELETE', '/vis-base/_doc/2?refresh=true');
  });

  it('a reindex into a new index is seen by the next search', async (t) => {
    await warm();
    const r = await as(vera, 'POST', '/_reindex?refresh=true', { source: { index: 'vis-base' }, dest: { index: 'vis-reindexed' } });
    if (r.status === 405) return t.skip('the test cluster has no reindex module (the upstream answers 405: the Elasticsearch integ-test zip has none)');
    assert.equal(r.status, 200, r.text);
    assert.ok((await seen()).includes('vis-reindexed'));
  });

  it('an explicit create, a clone and a rollover are seen; a delete is gone for the next search', async () => {
    await warm();
    assert.equal((await as(vera, 'PUT', '/vis-explicit', { aliases: { 'vis-roll': { is_write_index: true } } })).status, 200);
    await as(vera, 'PUT', '/vis-explicit/_doc/1?refresh=true', { n: 1 });
    assert.ok((await seen()).includes('vis-explicit'), 'after a create');
    await as(vera, 'PUT', '/vis-base/_settings', { index: { blocks: { write: true } } });
    const clone = await as(vera, 'POST', '/vis-base/_clone/vis-cloned');
    assert.equal(clone.status, 200, clone.text);
    await as(vera, 'PUT', '/vis-base/_settings', { index: { blocks: { write: false } } });
    await as(admin, 'POST', '/vis-cloned/_refresh');
    assert.ok((await seen()).includes('vis-cloned'), 'after a clone');
    const roll = await as(vera, 'POST', '/vis-roll/_rollover/vis-rolled');
    assert.equal(roll.status, 200, roll.text);
    await as(vera, 'PUT', '/vis-roll/_doc/2?refresh=true', { n: 2 });
    assert.ok((await seen()).includes('vis-rolled'), 'after a rollover');
    await warm();
    assert.equal((await as(vera, 'DELETE', '/vis-doc')).status, 200);
    assert.ok(!(await seen()).includes('vis-doc'), 'after a delete');
  });

  it('an alias added, and a data stream created by a write, are seen by the next request', async () => {
    await warm();
    assert.equal((await as(vera, 'POST', '/_aliases', { actions: [{ add: { index: 'vis-base', alias: 'vis-alias' } }] })).status, 200);
    const alias = await as(vera, 'GET', '/vis-al*/_search');
    assert.equal(alias.status, 200, alias.text);
    assert.equal(alias.json.hits.total.value, 1, 'the new alias is expanded');
    await as(admin, 'PUT', '/_index_template/vis-ds-template', { index_patterns: ['vis-ds*'], data_stream: {}, priority: 500 });
    await warm();
    const ds = await as(vera, 'POST', '/vis-ds1/_doc?refresh=true', { '@timestamp': '2026-01-01T00:00:00Z', n: 1 });
    assert.equal(ds.status, 201, ds.text);
    const r = await as(vera, 'GET', '/vis-ds*/_search');
    assert.equal(r.json.hits.total.value, 1, `the new data stream is expanded: ${r.text}`);
  });
});
