import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EsError } from '../core/errors.ts';
import { Router, decodePath, type Match } from './router.ts';
import { ROUTES, SERVED_PREFIXES, type Route } from './routes.ts';

const router = new Router(ROUTES, SERVED_PREFIXES);
const match = (method: string, path: string): Match => router.match(method, decodePath(path));
const USER = 'cluster:admin/xpack/security/user';

/** Asserts a route match and returns it, for checking the route and its parameters. */
function route(method: string, path: string): { route: Route; params: Record<string, string> } {
  const m = match(method, path);
  assert.equal(m.kind, 'route', `${method} ${path}: ${JSON.stringify(m)}`);
  if (m.kind !== 'route') throw new Error('unreachable');
  return { route: m.route, params: m.params };
}

test('the users API resolves to its routes, actions and path parameters', () => {
  const cases: [string, string, string, string, Record<string, string>][] = [
    ['GET', '/_security/_authenticate', '/_security/_authenticate', `${USER}/authenticate`, {}],
    ['GET', '/_security/user', '/_security/user', `${USER}/get`, {}],
    ['GET', '/_security/user/joe', '/_security/user/{username}', `${USER}/get`, { username: 'joe' }],
    ['GET', '/_security/user/joe,jane', '/_security/user/{username}', `${USER}/get`, { username: 'joe,jane' }],
    ['PUT', '/_security/user/joe', '/_security/user/{username}', `${USER}/put`, { username: 'joe' }],
    ['POST', '/_security/user/joe', '/_security/user/{username}', `${USER}/put`, { username: 'joe' }],
    ['DELETE', '/_security/user/joe', '/_security/user/{username}', `${USER}/delete`, { username: 'joe' }],
    ['PUT', '/_security/user/joe/_password', '/_security/user/{username}/_password', `${USER}/change_password`, { username: 'joe' }],
    ['POST', '/_security/user/joe/_enable', '/_security/user/{username}/_enable', `${USER}/set_enabled`, { username: 'joe' }],
    ['PUT', '/_security/user/joe/_disable', '/_security/user/{username}/_disable', `${USER}/set_enabled`, { username: 'joe' }],
    ['POST', '/_security/realm/default_native,file1/_clear_cache', '/_security/realm/{realms}/_clear_cache', 'cluster:admin/xpack/security/realm/cache/clear', { realms: 'default_native,file1' }],
  ];
  for (const [method, path, pattern, action, params] of cases) {
    const m = route(method, path);
    assert.equal(m.route.path, pattern, `${method} ${path}`);
    assert.equal(m.route.action, action, `${method} ${path}`);
    assert.deepEqual(m.params, params, `${method} ${path}`);
  }
});

test('a literal segment beats a parameter: PUT/POST /_security/user/_password changes the caller’s own password', () => {
  for (const method of ['PUT', 'POST']) {
    const m = route(method, '/_security/user/_password');
    assert.equal(m.route.path, '/_security/user/_password');
    assert.equal(m.route.action, `${USER}/change_password`);
    assert.equal(m.route.selfWhenMissing, true);
    assert.deepEqual(m.params, {});
  }
});

test('…and with a method only the parameter route has, the literal path still decides: a 405, as ES 9.1.5 answers', () => {
  // ES 9.1.5: GET|DELETE /_security/user/_password → 405 allowed [POST, PUT]; GET /_security/profile/_activate → 405 [POST].
  for (const method of ['GET', 'DELETE']) assert.deepEqual(router.match(method, ['_security', 'user', '_password']), { kind: 'method_not_allowed', allowed: ['POST', 'PUT'] });
  assert.deepEqual(router.match('GET', ['_security', 'profile', '_activate']), { kind: 'method_not_allowed', allowed: ['POST'] });
  assert.equal(route('GET', '/_security/profile/_data').route.path, '/_security/profile/{uid}', 'no literal path there: a uid');
});

test('the change-password route names the user it acts on', () => {
  assert.equal(route('PUT', '/_security/user/joe/_password').route.targetUserParam, 'username');
  assert.equal(route('PUT', '/_security/user/_password').route.targetUserParam, undefined);
});

test('HEAD is served by the GET route', () => {
  assert.equal(route('HEAD', '/_security/user/joe').route.action, `${USER}/get`);
  assert.equal(route('HEAD', '/_security/_authenticate').route.action, `${USER}/authenticate`);
});

test('a served path with another method is a 405 listing the methods it allows', () => {
  const allowed = (method: string, path: string) => {
    const m = match(method, path);
    assert.equal(m.kind, 'method_not_allowed', `${method} ${path}: ${JSON.stringify(m)}`);
    return m.kind === 'method_not_allowed' ? [...m.allowed].sort() : [];
  };
  assert.deepEqual(allowed('DELETE', '/_security/_authenticate'), ['GET']);
  assert.deepEqual(allowed('POST', '/_security/_authenticate'), ['GET']);
  assert.deepEqual(allowed('DELETE', '/_security/user'), ['GET']);
  assert.deepEqual(allowed('GET', '/_security/user/joe/_password'), ['POST', 'PUT']);
  assert.deepEqual(allowed('DELETE', '/_security/user/joe/_enable'), ['POST', 'PUT']);
  assert.deepEqual(allowed('GET', '/_security/realm/default_native/_clear_cache'), ['POST']);
  assert.deepEqual(allowed('PATCH', '/_security/user/joe'), ['DELETE', 'GET', 'POST', 'PUT']);
});

test('an unknown path under _security is "no handler", never forwarded', () => {
  for (const [method, path] of [
    ['GET', '/_security'],
    ['GET', '/_security/'],
    ['GET', '/_security/nope'],
    ['PUT', '/_security/user/joe/_rename'],
    ['GET', '/_security/user/joe/_password/extra'],
    ['GET', '/_security/realm/default_native'],
  ]) {
    assert.deepEqual(match(method, path), { kind: 'no_handler' }, `${method} ${path}`);
  }
});

test('everything outside the served prefixes is forwarded', () => {
  for (const [method, path] of [
    ['GET', '/_cluster/health'],
    ['POST', '/logs-*/_search'],
    ['PUT', '/my-index/_doc/1'],
    ['GET', '/_securityx/user'],
    ['GET', '/security/user'],
    ['GET', '/_SECURITY/user'],
    ['GET', '/my-index/_security/user'],
  ]) {
    assert.deepEqual(match(method, path), { kind: 'forward' }, `${method} ${path}`);
  }
});

test('paths are percent-decoded segment by segment: an encoded _security is served, not forwarded', () => {
  assert.equal(route('GET', '/%5Fsecurity/user').route.path, '/_security/user');
  assert.equal(route('GET', '/%5fsecurity/%75ser').route.path, '/_security/user');
  assert.equal(route('PUT', '/_security/user/%5Fpassword').route.path, '/_security/user/_password');
  assert.deepEqual(route('GET', '/_security/user/j%C3%B6e').params, { username: 'jöe' });
  assert.deepEqual(route('GET', '/_security/user/a%2Fb').params, { username: 'a/b' }, 'an encoded slash stays inside its segment');
  assert.deepEqual(route('GET', '/_security/user/a%20b').params, { username: 'a b' });
  assert.deepEqual(route('GET', '/_security/user/a+b').params, { username: 'a+b' }, 'a plus is not a space in a path');
  assert.deepEqual(decodePath('/%5Fsecurity/user/j%C3%B6e'), ['_security', 'user', 'jöe']);
});

test('empty segments (double and trailing slashes) are ignored', () => {
  assert.deepEqual(decodePath('//_security//user///joe/'), ['_security', 'user', 'joe']);
  assert.deepEqual(decodePath('/'), []);
  assert.deepEqual(decodePath(''), []);
  assert.deepEqual(route('GET', '//_security//user/').route.path, '/_security/user');
  assert.deepEqual(route('PUT', '/_security/user//joe//_password').params, { username: 'joe' });
});

test('bad percent-encoding is a 400 naming the path', () => {
  for (const path of ['/_security/user/%E0%A4%A', '/_security/user/%', '/_security/user/%zz', '/%C3%28']) {
    assert.throws(
      () => decodePath(path),
      (e: unknown) => {
        assert.ok(e instanceof EsError, String(e));
        assert.equal(e.status, 400);
        assert.equal(e.type, 'illegal_argument_exception');
        assert.equal(e.message, `unable to decode path [${path}]`);
        return true;
      },
      path,
    );
  }
});

test('the routes table is consistent: unique method+path pairs, actions set, only served prefixes', () => {
  const seen = new Set<string>();
  for (const r of ROUTES) {
    assert.ok(r.path.startsWith('/'), r.path);
    assert.ok(r.path === '/' || SERVED_PREFIXES.includes(r.path.split('/')[1]), r.path);
    assert.ok(r.action.length > 0, r.path);
    assert.equal(typeof r.handler, 'function', r.path);
    if (r.targetUserParam) assert.ok(r.path.includes(`{${r.targetUserParam}}`), r.path);
    for (const m of r.methods) {
      const key = `${m} ${r.path.replace(/\{[^}]+\}/g, '{}')}`;
      assert.equal(seen.has(key), false, `duplicate route ${key}`);
      seen.add(key);
    }
  }
});

test('a literal beats a parameter segment by segment, whatever the table order', () => {
  const handler = ROUTES[0].handler;
  const a: Route = { methods: ['GET'], path: '/_security/a/{x}/c', action: 'a', handler };
  const b: Route = { methods: ['GET'], path: '/_security/a/b/{y}', action: 'b', handler };
  for (const table of [
    [a, b],
    [b, a],
  ]) {
    const m = new Router(table, SERVED_PREFIXES).match('GET', decodePath('/_security/a/b/c'));
    assert.equal(m.kind === 'route' && m.route.action, 'b');
  }
});

test('matchPath on a raw path: an encoded served prefix is still served, forwarded paths are not decoded', () => {
  const served = router.matchPath('GET', '/%5Fsecurity/_authenticate');
  assert.equal(served.kind, 'route');
  assert.equal(served.kind === 'route' ? served.route.action : '', `${USER}/authenticate`);
  assert.equal(router.matchPath('GET', '//_security/user/j%6Fe').kind, 'route');
  const joe = router.matchPath('GET', '/_security/user/j%6Fe');
  assert.deepEqual(joe.kind === 'route' ? joe.params : null, { username: 'joe' });
  // Not ours: the rest of the path is the upstream's to decode, however it is encoded.
  assert.equal(router.matchPath('GET', '/idx/_doc/%E0%A4%A').kind, 'forward');
  assert.equal(router.matchPath('GET', '/_securityx/user').kind, 'forward');
  assert.equal(router.matchPath('DELETE', '/_security/_authenticate').kind, 'method_not_allowed');
});

test('matchPath: a first segment that cannot be decoded, or a served path that cannot, is a 400', () => {
  for (const raw of ['/%E0%A4%A/_search', '/_security/user/%E0%A4%A']) {
    assert.throws(
      () => router.matchPath('GET', raw),
      (e: unknown) => e instanceof EsError && e.status === 400 && e.message === `unable to decode path [${raw}]`,
      raw,
    );
  }
});

test('security APIs under other names are served or refused, never forwarded', () => {
  const v7 = () => 7;
  // ES 8 served the 7.x paths to compatible-with=7 requests; ES 9 has no handler for them.
  const auth = router.matchPath('GET', '/_xpack/security/_authenticate', v7);
  assert.equal(auth.kind === 'route' && auth.route.action, `${USER}/authenticate`);
  const pw = router.matchPath('PUT', '/_xpack/security/user/elastic/_password', v7);
  assert.equal(pw.kind === 'route' && pw.route.action, `${USER}/change_password`);
  assert.deepEqual(pw.kind === 'route' && pw.params, { username: 'elastic' });
  assert.equal(router.matchPath('PUT', '/%5Fxpack//security/user/elastic/_password', v7).kind, 'route');
  for (const compat of [() => undefined, () => 8, () => 9]) {
    assert.equal(router.matchPath('PUT', '/_xpack/security/user/elastic/_password', compat).kind, 'no_handler');
  }
  // Paths 7.x never had under _xpack: no handler, even with compatible-with=7.
  assert.equal(router.matchPath('POST', '/_xpack/security/api_key', v7).kind, 'no_handler');
  assert.equal(router.matchPath('GET', '/_xpack/security', v7).kind, 'no_handler');
  for (const path of ['/_opendistro/_security/api/internalusers/admin', '/_plugins/_security/api/account', '//_plugins//%5Fsecurity/authinfo', '/%5Fplugins/_security']) {
    const m = router.matchPath('PUT', path);
    assert.equal(m.kind, 'refused', path);
    assert.match(m.kind === 'refused' ? m.reason : '', /OpenSearch security plugin API/);
  }
  // Other APIs under the OpenSearch roots are the cluster's.
  assert.equal(router.matchPath('GET', '/_plugins/_sql').kind, 'forward');
  assert.equal(router.matchPath('GET', '/_plugins/_security_analytics/detectors').kind, 'forward');
});

test('the Elasticsearch face: the root, _xpack and _license are served whatever the upstream, never forwarded', () => {
  const cases: [string, string, string][] = [
    ['GET', '/', 'cluster:monitor/main'],
    ['HEAD', '/', 'cluster:monitor/main'],
    ['GET', '//', 'cluster:monitor/main'],
    ['GET', '/_xpack', 'cluster:monitor/xpack/info'],
    ['HEAD', '/_xpack', 'cluster:monitor/xpack/info'],
    ['GET', '/_xpack/usage', 'cluster:monitor/xpack/usage'],
    ['GET', '/%5Fxpack/usage', 'cluster:monitor/xpack/usage'],
    ['GET', '/_license', 'cluster:monitor/xpack/license/get'],
    ['PUT', '/_license', 'cluster:admin/xpack/license/put'],
    ['POST', '/_license', 'cluster:admin/xpack/license/put'],
    ['DELETE', '/_license', 'cluster:admin/xpack/license/delete'],
    ['GET', '/_license/basic_status', 'cluster:admin/xpack/license/basic_status'],
    ['GET', '/_license/trial_status', 'cluster:admin/xpack/license/trial_status'],
    ['GET', '/_license/feature_usage', 'cluster:admin/xpack/license/feature_usage'],
    ['POST', '/_license/start_basic', 'cluster:admin/xpack/license/start_basic'],
    ['POST', '/_license/start_trial', 'cluster:admin/xpack/license/start_trial'],
  ];
  for (const [method, path, action] of cases) {
    const m = router.matchPath(method, path);
    assert.equal(m.kind === 'route' && m.route.action, action, `${method} ${path}`);
  }
  // As ES 9 (compared with the reference): other paths under them have no handler, other methods are a 405.
  assert.equal(router.matchPath('GET', '/_xpack/foo').kind, 'no_handler');
  assert.equal(router.matchPath('GET', '/_license/foo').kind, 'no_handler');
  assert.deepEqual(router.matchPath('POST', '/_xpack'), { kind: 'method_not_allowed', allowed: ['GET', 'HEAD'] });
  assert.equal(router.matchPath('DELETE', '/').kind, 'route'); // ES: an index deletion without an index (a 400)
  // The allowed methods in ES's order (compared with the reference).
  assert.deepEqual(router.matchPath('POST', '/'), { kind: 'method_not_allowed', allowed: ['GET', 'DELETE', 'HEAD'] });
  assert.deepEqual(router.matchPath('PATCH', '/_license'), { kind: 'method_not_allowed', allowed: ['GET', 'POST', 'PUT', 'DELETE'] });
  assert.deepEqual(router.matchPath('PATCH', '/_security/api_key'), { kind: 'method_not_allowed', allowed: ['GET', 'POST', 'PUT', 'DELETE'] });
  assert.deepEqual(router.matchPath('PATCH', '/_xpack/usage'), { kind: 'method_not_allowed', allowed: ['GET'] });
  // A router without a root route forwards the root.
  assert.equal(new Router([], SERVED_PREFIXES).matchPath('GET', '/').kind, 'forward');
});
