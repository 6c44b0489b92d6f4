// Listings as a restricted user sees them, filtered as ES 9.1.5 filters them. Each expectation is the reference
// Elasticsearch's answer for the same indices, aliases and roles (compared side by side with the gateway): hidden,
// closed and dot-prefixed indices, an alias on a granted and a secret index, a hidden alias.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startGateway, type Gateway } from '../support/gateway.ts';

const PW = 'elastic-test-password';
const admin: [string, string] = ['elastic', PW];
const byIndex: [string, string] = ['lst-by-index', 'lst-by-index-pw'];
const byAlias: [string, string] = ['lst-by-alias', 'lst-by-alias-pw'];
const PRIVS = ['monitor', 'view_index_metadata', 'read'];

describe('listings filtered as ES filters them', () => {
  let gw: Gateway;
  const as = (who: [string, string], method: string, path: string, body?: unknown) => gw.request(method, path, { auth: who, body });
  const rows = async (who: [string, string], path: string) => {
    const r = await as(who, 'GET', path);
    assert.equal(r.status, 200, `${path}: ${r.text}`);
    return r.text.split('\n').filter(Boolean).map((l) => l.trim().split(/\s+/).join(' ')).sort();
  };
  const json = async (who: [string, string], path: string) => {
    const r = await as(who, 'GET', path);
    assert.equal(r.status, 200, `${path}: ${r.text}`);
    return r.json;
  };

  before(async () => {
    gw = await startGateway({ elasticPassword: PW });
    await as(admin, 'DELETE', '/lst-*,.lst-*?expand_wildcards=all');
    for (const i of ['lst-a', 'lst-a2', 'lst-b', 'lst-secret', '.lst-dot']) assert.equal((await as(admin, 'PUT', `/${i}`, { settings: { number_of_replicas: 0 } })).status, 200);
    await as(admin, 'PUT', '/lst-hidden', { settings: { number_of_replicas: 0, 'index.hidden': true } });
    const aliases = await as(admin, 'POST', '/_aliases', {
      actions: [
        { add: { indices: ['lst-a', 'lst-secret'], alias: 'lst-al1' } },
        { add: { index: 'lst-a', alias: 'lst-al2' } },
        { add: { index: 'lst-secret', alias: 'lst-al3' } },
        { add: { index: 'lst-hidden', alias: 'lst-alh', is_hidden: true } },
      ],
    });
    assert.equal(aliases.status, 200, aliases.text);
    await as(admin, 'POST', '/lst-b/_close');
    await as(admin, 'PUT', '/_security/role/lst-by-index', { cluster: ['monitor'], indices: [{ names: ['lst-a', 'lst-a2', 'lst-b', 'lst-hidden', '.lst-*'], privileges: PRIVS }] });
    await as(admin, 'PUT', '/_security/role/lst-by-alias', { cluster: ['monitor'], indices: [{ names: ['lst-a', 'lst-b', '.lst-*', 'lst-al1', 'lst-alh'], privileges: PRIVS }] });
    for (const [u, p] of [byIndex, byAlias]) await as(admin, 'PUT', `/_security/user/${u}`, { password: p, roles: [u] });
  });
  after(async () => {
    await as(admin, 'DELETE', '/lst-*,.lst-*?expand_wildcards=all');
    await gw.stop();
    gw.cleanup();
  });

  it('_cat/indices: closed and dot-prefixed indices, hidden ones only with expand_wildcards', async () => {
    assert.deepEqual(await rows(byIndex, '/_cat/indices?h=index,status'), ['.lst-dot open', 'lst-a open', 'lst-a2 open', 'lst-b close']);
    assert.deepEqual(await rows(byIndex, '/_cat/indices?h=index&expand_wildcards=all'), ['.lst-dot', 'lst-a', 'lst-a2', 'lst-b', 'lst-hidden']);
    assert.deepEqual(await rows(byIndex, '/_cat/indices/lst-*?h=index'), ['lst-a', 'lst-a2', 'lst-b']);
    const denied = await as(byIndex, 'GET', '/_cat/indices/lst-al1');
    assert.equal(denied.status, 403);
    assert.match(denied.json.error.reason, /^action \[indices:monitor\/settings\/get\] is unauthorized .* on indices \[lst-al1\]/);
    // A granted alias reaches its indices, the secret one too (as in ES); a hidden alias does not match `*`.
    assert.deepEqual(await rows(byAlias, '/_cat/indices?h=index'), ['.lst-dot', 'lst-a', 'lst-b', 'lst-secret']);
    assert.deepEqual(await rows(byAlias, '/_cat/indices/lst-al1?h=index'), ['lst-a', 'lst-secret']);
  });

  it('_cat/aliases lists the granted aliases only; a named alias not granted is a 403 naming no index', async () => {
    assert.deepEqual(await rows(byIndex, '/_cat/aliases?h=alias,index'), []);
    const named = await as(byIndex, 'GET', '/_cat/aliases/lst-al1');
    assert.equal(named.status, 403, named.text);
    assert.equal(named.json.error.reason, 'action [indices:admin/aliases/get] is unauthorized for user [lst-by-index] with effective roles [lst-by-index], this action is granted by the index privileges [view_index_metadata,manage,all]');
    assert.deepEqual(await rows(byAlias, '/_cat/aliases?h=alias,index'), ['lst-al1 lst-a', 'lst-al1 lst-secret', 'lst-alh lst-hidden']);
    assert.deepEqual(await rows(byAlias, '/_cat/aliases/lst-*?h=alias,index'), ['lst-al1 lst-a', 'lst-al1 lst-secret', 'lst-alh lst-hidden']);
  });

  it('GET _alias: every visible index (hidden too), with only the aliases the caller may see', async () => {
    assert.deepEqual(await json(byIndex, '/_alias'), { '.lst-dot': { aliases: {} }, 'lst-a': { aliases: {} }, 'lst-a2': { aliases: {} }, 'lst-b': { aliases: {} }, 'lst-hidden': { aliases: {} } });
    assert.deepEqual(await json(byIndex, '/_aliases'), await json(byIndex, '/_alias'));
    assert.deepEqual(await json(byIndex, '/_alias/lst-*'), {});
    const indexAliases = await as(byIndex, 'GET', '/lst-a/_aliases');
    assert.deepEqual([indexAliases.status, indexAliases.json], [405, { error: 'Incorrect HTTP method for uri [/lst-a/_aliases] and method [GET], allowed: [PUT]', status: 405 }]);
    assert.deepEqual(await json(byIndex, '/lst-*/_alias'), { 'lst-a': { aliases: {} }, 'lst-a2': { aliases: {} }, 'lst-b': { aliases: {} }, 'lst-hidden': { aliases: {} } });
    const named = await as(byIndex, 'GET', '/_alias/lst-al1');
    assert.equal(named.status, 403, named.text);
    assert.doesNotMatch(named.json.error.reason, /on indices/);
    assert.deepEqual(await json(byAlias, '/_alias/lst-al1'), { 'lst-a': { aliases: { 'lst-al1': {} } }, 'lst-secret': { aliases: { 'lst-al1': {} } } });
    assert.deepEqual(await json(byAlias, '/lst-a/_alias/lst-*'), { 'lst-a': { aliases: { 'lst-al1': {} } } });
    assert.deepEqual(await json(byAlias, '/_alias'), {
      '.lst-dot': { aliases: {} },
      'lst-a': { aliases: { 'lst-al1': {} } },
      'lst-b': { aliases: {} },
      'lst-hidden': { aliases: { 'lst-alh': { is_hidden: true } } },
      'lst-secret': { aliases: { 'lst-al1': {} } },
    });
  });

  it('_resolve/index: what the caller may see, aliases it may not see left out', async () => {
    const r = await json(byAlias, '/_resolve/index/*');
    assert.deepEqual(r.aliases, [{ name: 'lst-al1', indices: ['lst-a', 'lst-secret'] }]);
    assert.deepEqual(r.indices.map((i: { name: string }) => i.name), ['.lst-dot', 'lst-a']);
    const all = await json(byIndex, '/_resolve/index/*?expand_wildcards=all');
    assert.deepEqual(all.aliases, []);
    assert.deepEqual(all.indices.map((i: { name: string }) => i.name).sort(), ['.lst-dot', 'lst-a', 'lst-a2', 'lst-b', 'lst-hidden']);
  });

  it('_cat/recovery includes closed indices; _cat/shards names need the stats privilege', async () => {
    assert.deepEqual(await rows(byIndex, '/_cat/recovery/lst-*?h=index'), ['lst-a', 'lst-a2', 'lst-b']);
    const shards = await as(byIndex, 'GET', '/_cat/shards/lst-secret');
    assert.equal(shards.status, 403, shards.text);
    assert.match(shards.json.error.reason, /^action \[indices:monitor\/stats\] is unauthorized .* on indices \[lst-secret\]/);
    assert.ok((await rows(byIndex, '/_cat/shards/lst-*?h=index')).includes('lst-a'));
  });
});
