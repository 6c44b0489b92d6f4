import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Permission } from './permission.ts';
import { IndexMetadata } from './indices/metadata.ts';
import { StaticIndexMetadata } from './indices/metadata-source.ts';
import { ForwardAuthorizer } from './forward-authorizer.ts';
import { SearchContextRegistry, ownerKey } from './forward-contexts.ts';
import { parseTarget } from './resolve/canonical.ts';
import { resolveRequest } from './resolve/resolve.ts';
import { AnswerShape, answerShapeOf, checkedFilterPath, responseCheck, type ResponseCheck } from './response-check.ts';
import { EsError } from '../core/errors.ts';
import { realmAuthentication } from '../core/authentication.ts';
import { makeUser } from '../core/user.ts';

/** Grants every action on names matching the patterns (no restricted names). */
function perm(patterns: string[]): Permission {
  const res = patterns.map((p) => new RegExp('^' + p.split('*').map((x) => x.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*') + '$'));
  return {
    cluster: () => false,
    index: (_a, name, restricted) => !restricted && res.some((r) => r.test(name)),
    runAs: () => false,
    restrictsDocumentsOrFields: () => false,
    roleNames: ['reader'],
  };
}

const md = IndexMetadata.fromResolveIndex(1, {
  indices: ['logs-1', 'logs-2', 'secret', 'raw-1', '.ds-logs-app-000001', '.ds-other-000001'].map((name) => ({ name, attributes: ['open'] })),
  aliases: [
    { name: 'logs-view', indices: ['raw-1'] },
    { name: 'logs-all', indices: ['logs-1', 'secret'] },
    { name: 'logs-streams', indices: ['logs-app'] },
  ],
  data_streams: [{ name: 'logs-app', backing_indices: ['.ds-logs-app-000001'] }, { name: 'other', backing_indices: ['.ds-other-000001'] }],
});
const reader = perm(['logs-*']);

function check(names: string[][] | null, o: { fresh?: IndexMetadata; action?: string } = {}): ResponseCheck {
  return responseCheck({ permission: reader, action: o.action ?? 'indices:data/read/search', shape: AnswerShape.search, names, metadata: md, fresh: async () => o.fresh ?? md });
}

describe('responseCheck: names within the request', () => {
  it('passes the request\'s names and the members of its aliases and data streams (alias of data streams included)', () => {
    const c = check([['logs-1', 'logs-view', 'logs-app', 'logs-streams']]);
    for (const n of ['logs-1', 'raw-1', '.ds-logs-app-000001', 'logs-app']) assert.equal(c.permit(n), true, n);
    assert.equal(c.permit('logs-2'), false, 'authorized, but not what the request read');
    assert.equal(c.permit('secret'), false);
    assert.equal(c.permit('.ds-other-000001'), false);
  });

  it('an index the caller may read through an alias is not thereby in reach of a request naming another', () => {
    const c = check([['logs-1']]);
    assert.equal(c.permit('secret'), false);
    assert.equal(check([['logs-all']]).permit('secret'), true, 'the request named the alias: ES reads its indices');
  });

  it('several groups (msearch items, mget items): any of them', () => {
    const c = check([['logs-1'], ['logs-2']]);
    assert.equal(c.permit('logs-2'), true);
    assert.equal(c.permit('secret'), false);
  });

  it('remote-cluster names never pass, whatever the request named', () => {
    assert.equal(check([['logs-1', 'remote:logs-1']]).permit('remote:logs-1'), false);
    assert.equal(check(null).permit('remote:logs-1'), false);
  });

  it('recheck asks fresh metadata: an alias changed upstream after the snapshot', async () => {
    const fresh = IndexMetadata.fromResolveIndex(2, {
      indices: [...md.entries.filter((e) => e.kind === 'index').map((e) => ({ name: e.name })), { name: 'raw-2' }],
      aliases: [{ name: 'logs-view', indices: ['raw-1', 'raw-2'] }],
    });
    const c = check([['logs-view']], { fresh });
    assert.equal(c.permit('raw-2'), false);
    assert.deepEqual(await c.recheck(['raw-2', 'secret', 'x:raw-2']), ['secret', 'x:raw-2']);
    assert.deepEqual(await check([['logs-view']]).recheck(['raw-2']), ['raw-2'], 'the same snapshot: still refused');
  });
});

describe('responseCheck: requests that name no indices (scroll, point in time)', () => {
  it('passes what the caller may read: the name, or an alias or data stream holding it', () => {
    const c = check(null, { action: 'indices:data/read/scroll' });
    assert.equal(c.permit('logs-2'), true);
    assert.equal(c.permit('raw-1'), true, 'through logs-view');
    assert.equal(c.permit('.ds-logs-app-000001'), true, 'through the data stream logs-app');
    assert.equal(c.permit('secret'), true, 'through logs-all, which the caller may read');
    assert.equal(c.permit('.ds-other-000001'), false);
    assert.equal(responseCheck({ permission: perm(['logs-1']), action: 'indices:data/read/scroll', shape: AnswerShape.search, names: null, metadata: md, fresh: async () => md }).permit('secret'), false);
  });
});

describe('answerShapeOf', () => {
  it('read APIs by action; _count, _cat and _source carry no documents of an index', () => {
    assert.equal(answerShapeOf('indices:data/read/search', ['logs', '_search']), AnswerShape.search);
    assert.equal(answerShapeOf('indices:data/read/search', ['logs', '_count']), null);
    assert.equal(answerShapeOf('indices:data/read/search', ['_cat', 'count', 'logs']), null);
    assert.equal(answerShapeOf('indices:data/read/get', ['logs', '_doc', '1']), AnswerShape.doc);
    assert.equal(answerShapeOf('indices:data/read/get', ['logs', '_source', '1']), null);
    assert.equal(answerShapeOf('indices:data/read/msearch/template', ['_msearch', 'template']), AnswerShape.msearch);
    assert.equal(answerShapeOf('indices:data/read/search/template', ['logs', '_search', 'template']), AnswerShape.search);
    assert.equal(answerShapeOf('indices:data/read/search/template', ['_render', 'template']), null);
    assert.equal(answerShapeOf('indices:data/read/mtv', ['_mtermvectors']), AnswerShape.docs);
    assert.equal(answerShapeOf('indices:data/write/index', ['logs', '_doc', '1']), null);
    assert.equal(answerShapeOf('indices:data/read/field_caps', ['logs', '_field_caps']), null);
  });
});

describe('checkedFilterPath', () => {
  it('includes keep the index names the check reads; exclusions that would drop them are refused', () => {
    assert.equal(checkedFilterPath('hits.hits._source'), 'hits.hits._source,_index,**._index');
    assert.equal(checkedFilterPath('-**.key_as_string,-took'), '-**.key_as_string,-took', 'exclusions alone keep _index');
    assert.equal(checkedFilterPath('-hits,took'), '-hits,took,_index,**._index', 'excluding the hits excludes their documents too');
    for (const bad of ['-hits.hits._index', 'hits.hits._source,-**._index', '-_index', '-hits.hits._in*', '-**', '-hits.hits.*']) {
      assert.throws(() => checkedFilterPath(bad), (e: unknown) => e instanceof EsError && e.status === 400 && /filter_path \[-/.test(e.message), bad);
    }
  });
});

describe('ForwardPlan.checkResponse', () => {
  const alice = realmAuthentication(makeUser('alice', { roles: ['reader'] }), { name: 'native', type: 'native' });
  const contexts = new SearchContextRegistry();
  const a = new ForwardAuthorizer({ permissions: { permissionFor: async () => reader }, metadata: new StaticIndexMetadata(md), contexts });
  const plan = (method: string, url: string, body?: unknown) => {
    const t = parseTarget(url);
    const raw = body === undefined ? undefined : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
    const r = resolveRequest({ method, segments: t.segments, query: t.query, body: raw });
    return a.plan(alice, { method, segments: t.segments, query: t.query }, r, r.body);
  };

  it('search: the wildcard\'s authorized names and their members', async () => {
    const c = (await plan('GET', '/logs-*/_search')).checkResponse!;
    assert.equal(c.action, 'indices:data/read/search');
    assert.equal(c.shape, AnswerShape.search);
    assert.deepEqual(['logs-1', 'logs-2', 'raw-1', '.ds-logs-app-000001', 'secret'].map((n) => c.permit(n)), [true, true, true, true, true]);
    const narrow = (await plan('POST', '/logs-1/_search', { query: { match_all: {} } })).checkResponse!;
    assert.deepEqual(['logs-1', 'logs-2', 'secret'].map((n) => narrow.permit(n)), [true, false, false]);
  });

  it('get, mget, msearch: what each names', async () => {
    const get = (await plan('GET', '/logs-view/_doc/1')).checkResponse!;
    assert.equal(get.shape, AnswerShape.doc);
    assert.deepEqual(['raw-1', 'logs-1'].map((n) => get.permit(n)), [true, false]);
    const mget = (await plan('POST', '/_mget', { docs: [{ _index: 'logs-1', _id: '1' }, { _index: 'secret', _id: '1' }] })).checkResponse!;
    assert.deepEqual(['logs-1', 'secret'].map((n) => mget.permit(n)), [true, false], 'the denied item is not in reach');
    const msearch = (await plan('POST', '/_msearch', '{"index":"logs-2"}\n{}\n{"index":"logs-view"}\n{}\n')).checkResponse!;
    assert.equal(msearch.shape, AnswerShape.msearch);
    assert.deepEqual(['logs-2', 'raw-1', 'logs-1'].map((n) => msearch.permit(n)), [true, true, false]);
  });

  it('scroll: what the caller may search; _count and _source are not checked; writes neither', async () => {
    contexts.register(ownerKey(alice), 'sid', 60_000);
    const scroll = (await plan('POST', '/_search/scroll', { scroll_id: 'sid' })).checkResponse!;
    assert.deepEqual(['logs-2', '.ds-other-000001'].map((n) => scroll.permit(n)), [true, false]);
    assert.equal((await plan('GET', '/logs-1/_count')).checkResponse, undefined);
    assert.equal((await plan('GET', '/logs-1/_source/1')).checkResponse, undefined);
    assert.equal((await plan('PUT', '/logs-1/_doc/1', {})).checkResponse, undefined);
    assert.equal((await plan('HEAD', '/logs-1/_doc/1')).checkResponse, undefined, 'HEAD answers carry no body');
  });

  it('filter_path of a checked request keeps _index; of an unchecked one it is left alone', async () => {
    assert.equal((await plan('GET', '/logs-1/_search?filter_path=hits.hits._source')).path, '/logs-1/_search?filter_path=hits.hits._source,_index,**._index');
    assert.equal((await plan('GET', '/logs-1/_count?filter_path=count')).path, '/logs-1/_count?filter_path=count');
    await assert.rejects(plan('GET', '/logs-1/_doc/1?filter_path=-_index'), (e: unknown) => e instanceof EsError && e.status === 400);
  });
});

describe('ForwardAuthorizer.freshMetadata', () => {
  it('fetches after the call; refusals arriving meanwhile share one fetch in flight and one queued behind it', async () => {
    let fetches = 0;
    const releases: (() => void)[] = [];
    const provider = {
      invalidate: () => undefined,
      current: () => new Promise<IndexMetadata>((resolve) => {
        const n = ++fetches;
        releases.push(() => resolve(IndexMetadata.fromResolveIndex(n, { indices: [] })));
      }),
    };
    const a = new ForwardAuthorizer({ permissions: { permissionFor: async () => reader }, metadata: provider, contexts: new SearchContextRegistry() });
    const first = a.freshMetadata();
    const second = a.freshMetadata(); // arrived while the first fetch was in flight: needs a later one
    const third = a.freshMetadata();
    assert.equal(fetches, 1);
    releases.shift()!();
    assert.equal((await first).version, 1);
    await new Promise((r) => setImmediate(r));
    assert.equal(fetches, 2);
    releases.shift()!();
    assert.equal((await second).version, 2);
    assert.equal(await third, await second);
    const fourth = a.freshMetadata();
    assert.equal(fetches, 3, 'nothing in flight: a new fetch');
    releases.shift()!();
    assert.equal((await fourth).version, 3);
  });
});
