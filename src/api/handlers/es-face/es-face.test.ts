import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EsError } from '../../../core/errors.ts';
import type { FaceServices, Services, UpstreamMain } from '../../services.ts';
import type { HandlerContext } from '../../types.ts';
import { esBuild } from '../../../core/es-build.ts';
import { mainContext, mainInfo } from './main-info.ts';
import { parseCategories, xpackInfo, xpackInfoContext } from './xpack-info.ts';
import { javaInt, realmsUsage, rolesUsage, xpackUsage } from './xpack-usage.ts';
import { basicStatus, getLicense, licenseWrite, trialStatus, GET_LICENSE_PARAMS } from './license.ts';
import { INFO_FEATURES } from './features.ts';

// Field names as ES 9.1.5 writes them, recorded from the reference ES (es-ref.sh) where it serves the API:
// GET / and GET /_xpack?categories=build,license and GET /_license there; the feature names and the
// security usage's fields from its x-pack-core (the integ-test distribution cannot serve _xpack/usage).
const ES_MAIN_FIELDS = ['name', 'cluster_name', 'cluster_uuid', 'version', 'tagline'];
const ES_VERSION_FIELDS = [
  'number', 'build_flavor', 'build_type', 'build_hash', 'build_date', 'build_snapshot', 'lucene_version',
  'minimum_wire_compatibility_version', 'minimum_index_compatibility_version',
];
const ES_XPACK_LICENSE_FIELDS = ['uid', 'type', 'mode', 'status', 'expiry_date_in_millis'];
const ES_LICENSE_FIELDS = [
  'status', 'uid', 'type', 'issue_date', 'issue_date_in_millis', 'expiry_date', 'expiry_date_in_millis', 'max_nodes',
  'max_resource_units', 'issued_to', 'issuer', 'start_date_in_millis',
];
const ES_SECURITY_USAGE_FIELDS = [
  'available', 'enabled', 'realms', 'roles', 'role_mapping', 'ssl', 'token_service', 'api_key_service', 'audit', 'ipfilter',
  'anonymous', 'fips_140', 'operator_privileges',
];

const OPENSEARCH: UpstreamMain = {
  isElasticsearch: false,
  name: 'node-1',
  clusterName: 'os',
  clusterUuid: 'uuid-1',
  body: { name: 'node-1', version: { distribution: 'opensearch', number: '2.19.3' } },
};
const ES_BODY = { name: 'es-1', cluster_name: 'es', cluster_uuid: 'uuid-2', version: { number: '9.1.5', build_flavor: 'default' }, tagline: 'You Know, for Search' };
const ELASTICSEARCH: UpstreamMain = { isElasticsearch: true, name: 'es-1', clusterName: 'es', clusterUuid: 'uuid-2', body: ES_BODY };

function face(up: UpstreamMain, reads: Record<string, unknown> = {}): FaceServices {
  return {
    version: '9.1.5',
    upstreamMain: async () => up,
    upstreamGet: async (path) => (path in reads ? { status: 200, body: reads[path] } : { status: 500, body: undefined }),
    security: {
      realms: [
        { type: 'file', name: 'default_file', order: Number.MIN_SAFE_INTEGER, usageStats: async () => ({ cache: { size: 1 }, size: 2 }) },
        { type: 'native', name: 'native1', order: 3, usageStats: async () => ({}) },
      ],
      realmTypes: ['file', 'native'],
      tokenService: true,
      apiKeyService: true,
      audit: { enabled: true, outputs: ['logfile'] },
      anonymous: false,
      httpSsl: true,
      fileRoles: () => [{ indices: [{ names: ['a'], privileges: ['read'], field_security: { grant: ['x'] } }] }],
    },
    license: { uid: 'lic-1', issueDateMillis: 1_700_000_000_000 },
  };
}

function ctx(f: FaceServices, query = '', method = 'GET', path = '/'): HandlerContext {
  const services = { face: f, authz: { roles: { nativeRoles: async () => [{ name: 'r', descriptor: { cluster: ['monitor'] } }] } } } as unknown as Services;
  return {
    request: { id: 'r1', method, uri: path + (query ? `?${query}` : ''), path, remoteAddress: '127.0.0.1', headers: {} },
    params: {},
    query: new URLSearchParams(query),
    authentication: {} as never,
    services,
    body: async () => undefined,
  };
}

test('GET / in front of OpenSearch: ES 9 fields, the configured version, the upstream identity', async () => {
  const r = await mainInfo(ctx(face(OPENSEARCH)));
  const body = r.body as Record<string, any>;
  assert.deepEqual(Object.keys(body), ES_MAIN_FIELDS);
  assert.deepEqual(Object.keys(body.version), ES_VERSION_FIELDS);
  assert.deepEqual([body.name, body.cluster_name, body.cluster_uuid], ['node-1', 'os', 'uuid-1']);
  assert.equal(body.version.number, '9.1.5');
  assert.equal(body.version.build_flavor, 'default');
  assert.equal(body.version.build_snapshot, false);
  assert.equal(body.tagline, 'You Know, for Search');
});

test('GET / in front of Elasticsearch: its own answer', async () => {
  assert.deepEqual((await mainInfo(ctx(face(ELASTICSEARCH)))).body, ES_BODY);
});

test('GET / refuses parameters before authorization, as ES', async () => {
  await assert.rejects(mainContext(ctx(face(OPENSEARCH), 'foo=1')), (e: unknown) => e instanceof EsError && e.message === 'request [/] contains unrecognized parameter: [foo]');
  assert.deepEqual(await mainContext(ctx(face(OPENSEARCH), 'pretty&human=true')), {});
});

test('the build of a known version is the released one; another version says unknown, with its major’s floors', () => {
  assert.equal(esBuild('9.1.5').build_hash, '90ee222e7e0136dd8ddbb34015538f3a00c129b7');
  const other = esBuild('8.19.4');
  assert.deepEqual([other.build_hash, other.build_date, other.minimum_wire_compatibility_version, other.minimum_index_compatibility_version], ['unknown', 'unknown', '7.17.0', '7.0.0']);
});

test('_xpack categories as ES parses them (compared with the reference)', async () => {
  assert.deepEqual([...parseCategories(new URLSearchParams(''))], ['build', 'license', 'features']);
  assert.deepEqual([...parseCategories(new URLSearchParams('categories=_none'))], []);
  assert.deepEqual([...parseCategories(new URLSearchParams('categories='))], []);
  assert.deepEqual([...parseCategories(new URLSearchParams('categories=license,build'))], ['license', 'build']);
  assert.throws(
    () => parseCategories(new URLSearchParams('categories=foo')),
    (e: unknown) => e instanceof EsError && e.message === 'No enum constant org.elasticsearch.protocol.xpack.XPackInfoRequest.Category.FOO',
  );
  await assert.rejects(xpackInfoContext(ctx(face(OPENSEARCH), 'accept_enterprise=false')), /The \[accept_enterprise\] parameters may not be false/);
  await assert.rejects(xpackInfoContext(ctx(face(OPENSEARCH), 'accept_enterprise=x')), /Failed to parse value \[x\] as only \[true\] or \[false\] are allowed./);
  await assert.rejects(xpackInfoContext(ctx(face(OPENSEARCH), 'bar=1')), /request \[\/_xpack\] contains unrecognized parameter: \[bar\]/);
});

test('_xpack: build, licence (expiry date as text with human=true), every ES feature, security on', async () => {
  const body = (await xpackInfo(ctx(face(OPENSEARCH)))).body as Record<string, any>;
  assert.deepEqual(Object.keys(body), ['build', 'license', 'features', 'tagline']);
  assert.deepEqual(Object.keys(body.build), ['hash', 'date']);
  assert.deepEqual(Object.keys(body.license), ES_XPACK_LICENSE_FIELDS);
  assert.deepEqual(Object.keys(body.features), [...INFO_FEATURES]);
  assert.deepEqual(body.features.security, { available: true, enabled: true });
  assert.deepEqual(body.features.ml, { available: false, enabled: false });
  assert.equal(body.tagline, 'You know, for X');
  const human = (await xpackInfo(ctx(face(OPENSEARCH), 'categories=license&human=true'))).body as Record<string, any>;
  assert.deepEqual(Object.keys(human.license), ['uid', 'type', 'mode', 'status', 'expiry_date', 'expiry_date_in_millis']);
  assert.deepEqual(Object.keys((await xpackInfo(ctx(face(OPENSEARCH), 'categories=license&human=false'))).body as object), ['license']);
});

test('_xpack in front of Elasticsearch: its features, with the gateway’s security', async () => {
  const f = face(ELASTICSEARCH, { '/_xpack?categories=features': { features: { ml: { available: true, enabled: true }, security: { available: true, enabled: false } } } });
  const body = (await xpackInfo(ctx(f, 'categories=features'))).body as Record<string, any>;
  assert.deepEqual(body.features.ml, { available: true, enabled: true });
  assert.deepEqual(body.features.security, { available: true, enabled: true });
});

test('_xpack/usage: the security usage fields ES 9.1.5 writes, from the gateway’s own features', async () => {
  const body = (await xpackUsage(ctx(face(OPENSEARCH)))).body as Record<string, any>;
  const s = body.security;
  assert.deepEqual(Object.keys(s), ES_SECURITY_USAGE_FIELDS);
  assert.deepEqual(s.realms.file, { available: true, enabled: true, name: ['default_file'], order: [-2147483648], cache: [{ size: 1 }], size: [2] });
  assert.deepEqual(s.realms.native, { available: true, enabled: true, name: ['native1'], order: [3] });
  assert.deepEqual(s.realms.ldap, { available: false, enabled: false });
  assert.deepEqual(s.roles, {
    native: { size: 1, fls: false, dls: false },
    file: { size: 1, fls: true, dls: false },
    dls: { bit_set_cache: { count: 0, memory: '0b', memory_in_bytes: 0 } },
  });
  assert.deepEqual(s.audit, { enabled: true, outputs: ['logfile'] });
  assert.deepEqual(s.ssl, { http: { enabled: true }, transport: { enabled: false } });
  assert.deepEqual(body.ml, { available: false, enabled: false });
});

test('usage helpers: realm orders as Java ints, DLS/FLS found in role descriptors', async () => {
  assert.deepEqual([javaInt(Number.MIN_SAFE_INTEGER), javaInt(Number.MIN_SAFE_INTEGER + 1), javaInt(5), javaInt(2 ** 40)], [-2147483648, -2147483647, 5, 2147483647]);
  assert.deepEqual(rolesUsage([{ indices: [{ names: ['a'], privileges: ['read'], query: '{"match_all":{}}' }] }, {}]), { size: 2, fls: false, dls: true });
  assert.equal(Object.keys(await realmsUsage(face(OPENSEARCH).security)).length, 9);
});

test('_license: the fields ES 9.1.5 writes; status reads; writes are refused, never forwarded', async () => {
  const body = (await getLicense(ctx(face(OPENSEARCH)))).body as Record<string, any>;
  assert.deepEqual(Object.keys(body.license), ES_LICENSE_FIELDS);
  assert.equal(body.license.issued_to, 'os');
  assert.equal(body.license.status, 'active');
  assert.equal(body.license.issue_date, new Date(1_700_000_000_000).toISOString());
  assert.deepEqual((await basicStatus(ctx(face(OPENSEARCH)))).body, { eligible_to_start_basic: false });
  assert.deepEqual((await trialStatus(ctx(face(OPENSEARCH)))).body, { eligible_to_start_trial: false });
  await assert.rejects(licenseWrite(ctx(face(OPENSEARCH), '', 'PUT', '/_license')), (e: unknown) => e instanceof EsError && e.status === 400 && /\[PUT \/_license\] is not supported/.test(e.message));
  await assert.rejects(GET_LICENSE_PARAMS(ctx(face(OPENSEARCH), 'foo=1', 'GET', '/_license')), /request \[\/_license\] contains unrecognized parameter: \[foo\]/);
  assert.deepEqual(await GET_LICENSE_PARAMS(ctx(face(OPENSEARCH), 'local=true&accept_enterprise=true')), {});
});
