import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Permission } from './permission.ts';
import { ForwardAuthorizer, answersValue } from './forward-authorizer.ts';
import { IndexMetadata } from './indices/metadata.ts';
import { StaticIndexMetadata } from './indices/metadata-source.ts';
import { SearchContextRegistry, ownerKey } from './forward-contexts.ts';
import { parseTarget } from './resolve/canonical.ts';
import { resolveRequest } from './resolve/resolve.ts';
import { realmAuthentication, type Authentication } from '../core/authentication.ts';
import { makeUser } from '../core/user.ts';
import { EsError } from '../core/errors.ts';
import { RunAs } from '../authc/run-as.ts';

function perm(patterns: string[], o: { cluster?: string[]; all?: boolean; dls?: string[]; runAs?: string[]; actions?: RegExp; roles?: string[] } = {}): Permission & { hasClusterPrivilege(p: string): boolean } {
  const res = patterns.map((p) => new RegExp('^' + p.split('*').map((x) => x.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*') + '$'));
  return {
    cluster: (a) => o.all === true || (o.cluster ?? []).includes(a),
    index: (a, name, restricted) => !restricted && (o.actions ?? /./).test(a) && res.some((r) => r.test(name)),
    runAs: (u) => (o.runAs ?? []).includes(u),
    restrictsDocumentsOrFields: (_a, name) => (o.dls ?? []).includes(name),
    roleNames: o.roles ?? ['reader'],
    hasClusterPrivilege: (p) => p === 'all' && o.all === true,
  };
}

const md = IndexMetadata.fromResolveIndex(1, {
  indices: ['allowed-1', 'allowed-2', 'secret-index'].map((name) => ({ name, attributes: ['open'] })),
  aliases: [{ name: 'secret-alias', indices: ['secret-index'] }],
});
const alice = realmAuthentication(makeUser('alice', { roles: ['reader'] }), { name: 'native', type: 'native' });

function setup(p: Permission, opts: { maxRequestTarget?: number } = {}) {
  const contexts = new SearchContextRegistry();
  const a = new ForwardAuthorizer({ permissions: { permissionFor: async () => p }, metadata: new StaticIndexMetadata(md), contexts, ...opts });
  const plan = (method: string, url: string, body?: unknown, auth: Authentication = alice) => {
    const t = parseTarget(url);
    const raw = body === undefined ? undefined : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
    const r = resolveRequest({ method, segments: t.segments, query: t.query, body: raw });
    return a.plan(auth, { method, segments: t.segments, query: t.query }, r, r.body);
  };
  return { plan, contexts };
}

async function rejects(p: Promise<unknown>, status: number, reason?: string | RegExp): Promise<EsError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof EsError, String(e));
    assert.equal(e.status, status, e.message);
    if (typeof reason === 'string') assert.equal(e.message, reason);
    else if (reason) assert.match(e.message, reason);
    return e;
  }
  assert.fail('expected a refusal');
}

const reader = perm(['allowed-*'], { cluster: ['cluster:monitor/health'] });

describe('ForwardAuthorizer', () => {
  it('unknown endpoints need the cluster privilege all', async () => {
    const { plan } = setup(reader);
    await rejects(plan('GET', '/_plugins/_x'), 403, 'action [GET /_plugins/_x] is unauthorized for user [alice] with effective roles [reader], this action is granted by the cluster privileges [all]');
    assert.equal((await setup(perm([], { all: true })).plan('GET', '/_plugins/_x')).path, '/_plugins/_x');
  });

  it('cluster actions by cluster privileges, with ES messages', async () => {
    const { plan } = setup(reader);
    assert.equal((await plan('GET', '/_cluster/health/secret-index')).path, '/_cluster/health/secret-index');
    await rejects(plan('PUT', '/_cluster/settings', {}), 403, /^action \[cluster:admin\/settings\/update\] is unauthorized for user \[alice\] with effective roles \[reader\], this action is granted by the cluster privileges \[.*all\]$/);
  });

  it('wildcards become the authorized names; paths without an index get one inserted', async () => {
    const { plan } = setup(reader);
    assert.equal((await plan('GET', '/*/_search?size=1')).path, '/allowed-1,allowed-2/_search?size=1');
    assert.equal((await plan('GET', '/_search')).path, '/allowed-1,allowed-2/_search');
    assert.equal((await plan('GET', '/secret*/_count')).path, '/*,-*/_count');
    assert.equal((await plan('GET', '/allowed-1/_search')).path, '/allowed-1/_search');
  });

  it('explicit unauthorized names are a 403 naming them (restricted ones apart)', async () => {
    const { plan } = setup(reader);
    await rejects(
      plan('GET', '/allowed-1,secret-index,.security/_search'),
      403,
      'action [indices:data/read/search] is unauthorized for user [alice] with effective roles [reader] on indices [secret-index] and restricted indices [.security], this action is granted by the index privileges [read,all]',
    );
    await rejects(plan('GET', '/remote:secret/_search'), 403, /on indices \[remote:secret\]/);
    await rejects(plan('GET', '/nope*/_search?allow_no_indices=false'), 404, 'no such index [nope*]');
  });

  it('bulk: denied items are answered in place, the rest forwarded', async () => {
    const { plan } = setup(reader);
    const body = ['{"index":{"_index":"allowed-1","_id":"1"}}', '{"a":1}', '{"delete":{"_index":"secret-index","_id":"1"}}', '{"index":{"_index":"allowed-2"}}', '{"b":2}', ''].join('\n');
    const p = await plan('POST', '/_bulk?filter_path=items', body);
    assert.equal(p.path, '/_bulk');
    assert.equal(p.body!.toString(), '{"index":{"_index":"allowed-1","_id":"1"}}\n{"a":1}\n{"index":{"_index":"allowed-2"}}\n{"b":2}\n');
    const merged = answersValue(p.merge!, { took: 3, errors: false, items: [{ index: { status: 201 } }, { index: { status: 201 } }] }) as unknown as { errors: boolean; items: Record<string, { status: number; error?: { reason: string } }>[] };
    assert.equal(merged.errors, true);
    assert.deepEqual(merged.items.map((i) => Object.values(i)[0].status), [201, 403, 201]);
    assert.match(merged.items[1].delete.error!.reason, /^action \[indices:data\/write\/delete\] is unauthorized .* on indices \[secret-index\], this action is granted by the index privileges \[delete,write,all\]$/);
    const none = await plan('POST', '/_bulk', '{"delete":{"_index":"secret-index","_id":"1"}}\n');
    assert.equal((answersValue(none.respond!.items!) as { items: unknown[] }).items.length, 1);
  });

  it('bulk: writing a new index needs auto_create', async () => {
    const { plan } = setup(perm(['allowed-*'], { actions: /^indices:data/ }));
    const p = await plan('POST', '/_bulk', '{"index":{"_index":"allowed-new"}}\n{}\n');
    assert.match(JSON.stringify(answersValue(p.respond!.items!)), /indices:admin\/auto_create/);
  });

  it('mget and msearch: item errors; msearch headers rewritten', async () => {
    const { plan } = setup(reader);
    const m = await plan('POST', '/_mget', { docs: [{ _index: 'secret-alias', _id: '1' }] });
    assert.equal((answersValue(m.respond!.items!) as unknown as { docs: { error: { type: string } }[] }).docs[0].error.type, 'security_exception');
    const s = await plan('POST', '/_msearch', '{"index":"a*"}\n{}\n{"index":"secret-index"}\n{}\n');
    assert.equal(s.path, '/_msearch');
    assert.equal(s.body!.toString(), '{"index":"allowed-1,allowed-2"}\n{}\n');
    const merged = answersValue(s.merge!, { took: 1, responses: [{ hits: {} }] }) as unknown as { responses: { status?: number }[] };
    assert.equal(merged.responses[1].status, 403);
  });

  it('lookups, DLS/FLS and alias rules', async () => {
    const { plan } = setup(reader);
    await rejects(plan('POST', '/allowed-1/_search', { query: { terms: { f: { index: 'secret-index', id: '1', path: 'p' } } } }), 403, /action \[indices:data\/read\/get\].*on indices \[secret-index\]/);
    await rejects(setup(perm(['allowed-*'], { dls: ['allowed-2'] })).plan('GET', '/allowed-*/_search'), 403, /field or document level security/);
    await rejects(plan('POST', '/_aliases', { actions: [{ add: { index: 'secret-index', alias: 'allowed-x' } }] }), 403, /on indices \[secret-index\]/);
    const base = perm([]);
    const grants: Permission = {
      ...base,
      index: (a, n) => (n === 'allowed-1' && /aliases|search/.test(a)) || (n === 'allowed-x' && /aliases|search|write/.test(a)),
    };
    await rejects(setup(grants).plan('POST', '/_aliases', { actions: [{ add: { index: 'allowed-1', alias: 'allowed-x' } }] }), 403, 'Adding an alias is not allowed when the alias has more permissions than any of the indices');
  });

  it('scroll and PIT ids are the caller\'s own', async () => {
    const { plan, contexts } = setup(reader);
    await rejects(plan('POST', '/_search/scroll', { scroll_id: 'S1' }), 404, 'No search context found for id [S1]');
    contexts.register(ownerKey(alice), 'S1');
    assert.equal((await plan('POST', '/_search/scroll', { scroll_id: 'S1' })).capture, 'scroll');
    const bob = realmAuthentication(makeUser('bob', { roles: ['reader'] }), { name: 'native', type: 'native' });
    await rejects(plan('POST', '/_search/scroll', { scroll_id: 'S1' }, bob), 404);
    await rejects(plan('POST', '/_search', { pit: { id: 'P' } }), 404);
  });

  it('query languages: a wildcard that reaches unauthorized names is refused (the text is not rewritten)', async () => {
    const { plan } = setup(reader);
    await rejects(plan('POST', '/_sql', { query: 'SELECT * FROM "*"' }), 403);
    assert.ok(await plan('POST', '/_sql', { query: 'SELECT * FROM "allowed-*"' }));
  });

  it('long lists: the compact form, else a clear 400', async () => {
    assert.equal((await setup(reader, { maxRequestTarget: 20 }).plan('GET', '/allowed-*/_search')).path, '/allowed-*/_search');
    await rejects(setup(reader, { maxRequestTarget: 10 }).plan('GET', '/*/_search'), 400, /too many indices/);
  });
});

describe('plan reuse', () => {
  function shared(p: Permission, metadata = new StaticIndexMetadata(md), clock = { now: () => Date.UTC(2026, 0, 2) }) {
    let current = p;
    const a = new ForwardAuthorizer({ permissions: { permissionFor: async () => current }, metadata, contexts: new SearchContextRegistry(), clock });
    const resolutions = new Map<string, ReturnType<typeof resolveRequest>>();
    const plan = (url: string, auth: Authentication = alice, method = 'GET') => {
      const t = parseTarget(url);
      const key = method + ' ' + url;
      if (!resolutions.has(key)) resolutions.set(key, resolveRequest({ method, segments: t.segments, query: t.query }));
      const r = resolutions.get(key)!;
      return a.plan(auth, { method, segments: t.segments, query: t.query, shared: true }, r, undefined);
    };
    return { plan, metadata, clock, setPermission: (q: Permission) => (current = q) };
  }

  it('a shared resolution reuses its plan while the permission and the metadata snapshot are the same', async () => {
    const s = shared(reader);
    const first = await s.plan('/*/_search');
    assert.equal(first.path, '/allowed-1,allowed-2/_search');
    assert.equal(await s.plan('/*/_search'), first, 'the same plan object');
    assert.ok(Object.isFrozen(first));
    s.metadata.set(IndexMetadata.fromResolveIndex(2, { indices: ['allowed-1', 'allowed-3'].map((name) => ({ name, attributes: ['open'] })) }));
    const after = await s.plan('/*/_search');
    assert.equal(after.path, '/allowed-1,allowed-3/_search', 'new metadata, new decision');
    s.setPermission(perm(['allowed-3']));
    assert.equal((await s.plan('/*/_search')).path, '/allowed-3/_search', 'new permission, new decision');
  });

  it('denials are never kept, and decisions that depend on the clock or the caller are made every time', async () => {
    const s = shared(reader);
    await rejects(s.plan('/secret-index/_search'), 403, /for user \[alice\]/);
    const bob = realmAuthentication(makeUser('bob', { roles: ['reader'] }), { name: 'native', type: 'native' });
    await rejects(s.plan('/secret-index/_search', bob), 403, /for user \[bob\]/);
    const dated = perm(['logs-*']);
    const t = shared(dated, new StaticIndexMetadata(IndexMetadata.fromResolveIndex(3, { indices: ['logs-2026.01.02', 'logs-2026.01.03'].map((name) => ({ name, attributes: ['open'] })) })));
    const url = '/%3Clogs-%7Bnow%2Fd%7D%3E/_search';
    assert.equal((await t.plan(url)).path, '/logs-2026.01.02/_search');
    t.clock.now = () => Date.UTC(2026, 0, 3);
    assert.equal((await t.plan(url)).path, '/logs-2026.01.03/_search', 'date math is resolved at each request');
  });
});

describe('date math that ES cannot resolve', () => {
  it('is a 403 for the request action with the resolver error as caused_by (root cause: ES own parse errors only)', async () => {
    const { plan } = setup(reader);
    const open = await rejects(plan('GET', `/${encodeURIComponent('<allowed-{now/d>')}/_search`), 403);
    assert.equal(open.message, 'action [indices:data/read/search] is unauthorized for user [alice] with effective roles [reader], this action is granted by the index privileges [read,all]');
    assert.deepEqual(open.fields.caused_by, { type: 'parse_exception', reason: 'invalid dynamic name expression [allowed-{now/d>]. date math placeholder is open ended' });
    assert.deepEqual(open.rootCause, open.fields.caused_by);
    const zone = await rejects(plan('GET', `/${encodeURIComponent('<allowed-{now/d{yyyy|Mars/Base}}>')}/_search`), 403);
    assert.deepEqual(zone.fields.caused_by, { type: 'zone_rules_exception', reason: 'Unknown time-zone ID: Mars/Base' });
    assert.equal(zone.rootCause?.type, 'security_exception');
  });
});

describe('run-as', () => {
  const users = {
    lookupUser: async (name: string) =>
      name === 'alice' ? { user: makeUser('alice', { roles: ['reader'] }), realm: { name: 'native', type: 'native' } } : name === 'off' ? { user: makeUser('off', { enabled: false }), realm: { name: 'native', type: 'native' } } : null,
  };
  const permissions = { permissionFor: async (a: Authentication) => (a.user.username === 'bob' ? perm([], { runAs: ['alice', 'ghost'], roles: ['runner'] }) : perm([], { roles: [] })) };
  const runAs = new RunAs(users, permissions);
  const bob = realmAuthentication(makeUser('bob', { roles: ['runner'] }), { name: 'file', type: 'file' });
  const fail = () => new EsError('authentication_failed', 'unable to authenticate user [bob]');

  it('swaps in the looked-up user and keeps the authenticating realm', async () => {
    const a = await runAs.apply(bob, 'alice', fail);
    assert.equal(a.user.username, 'alice');
    assert.equal(a.authenticatingUser?.username, 'bob');
    assert.deepEqual(a.authenticatedBy, { name: 'file', type: 'file' });
    assert.deepEqual(a.lookedUpBy, { name: 'native', type: 'native' });
    await runAs.authorize(a, 'indices:data/read/search');
  });

  it('refuses users the privilege does not name, and unknown users, alike', async () => {
    const carol = realmAuthentication(makeUser('carol'), { name: 'native', type: 'native' });
    const c = await runAs.apply(carol, 'alice', fail);
    await rejects(runAs.authorize(c, 'indices:data/read/search'), 403, 'action [indices:data/read/search] is unauthorized for user [carol] with effective roles [], because user [carol] is unauthorized to run as [alice]');
    const ghost = await runAs.apply(bob, 'ghost', fail);
    await rejects(runAs.authorize(ghost, 'cluster:monitor/main'), 403, 'action [cluster:monitor/main] is unauthorized for user [bob] with effective roles [runner], because user [bob] is unauthorized to run as [ghost]');
    await rejects(runAs.apply(bob, 'off', fail), 401);
  });

  it('API keys and anonymous ignore the header', async () => {
    const key: Authentication = { ...bob, type: 'api_key', apiKey: { id: 'k', name: null, roleDescriptors: {}, limitedBy: {} } };
    assert.equal(await runAs.apply(key, 'alice', fail), key);
    const anon: Authentication = { ...bob, type: 'anonymous' };
    assert.equal(await runAs.apply(anon, 'alice', fail), anon);
  });
});
