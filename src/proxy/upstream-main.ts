import { EsError } from '../core/errors.ts';
import type { Clock } from '../core/clock.ts';
import { esBuild, TAGLINE } from '../core/es-build.ts';

/** The upstream's `GET /` as the Elasticsearch face reads it (the same shape as api/services.ts's UpstreamMain). */
export interface UpstreamMainInfo {
  readonly isElasticsearch: boolean;
  readonly name: string;
  readonly clusterName: string;
  readonly clusterUuid: string;
  readonly body: Readonly<Record<string, unknown>>;
}

type Internal = (method: string, path: string) => Promise<{ status: number; body: Buffer }>;

/**
 * Elasticsearch writes `version.build_flavor` and no `version.distribution`; OpenSearch writes
 * `distribution: "opensearch"` (and no flavor).
 */
export function parseUpstreamMain(body: unknown): UpstreamMainInfo {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw badAnswer();
  const b = body as Record<string, unknown>;
  const version = (typeof b.version === 'object' && b.version !== null ? b.version : {}) as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === 'string' ? v : '');
  return {
    isElasticsearch: version.distribution === undefined && typeof version.build_flavor === 'string',
    name: text(b.name),
    clusterName: text(b.cluster_name),
    clusterUuid: text(b.cluster_uuid),
    body: b,
  };
}

const badAnswer = () => new EsError('upstream_unavailable', 'the cluster answered GET / with something other than its node and version information');

/**
 * The upstream's `GET /` through the gateway's own credential, read again after `ttlMs` (a cluster's identity
 * rarely changes, but the gateway may be pointed at a new one). Concurrent callers share one request.
 */
export function upstreamMainSource(internal: Internal, clock: Clock, ttlMs = 10_000): () => Promise<UpstreamMainInfo> {
  let cached: { at: number; value: Promise<UpstreamMainInfo> } | undefined;
  return () => {
    const now = clock.now();
    if (cached && now - cached.at < ttlMs) return cached.value;
    const value = internal('GET', '/').then((r) => {
      if (r.status === 200) return parseUpstreamMain(parseJson(r.body));
      // Elasticsearch without its rest-root module (the integ-test distribution) has no GET /: 405 or 400.
      if (r.status === 405 || r.status === 400) return mainFromNodes(internal, r.status);
      throw new EsError('upstream_unavailable', `the cluster answered GET / with status [${r.status}]`);
    });
    cached = { at: now, value };
    value.catch(() => {
      if (cached?.value === value) cached = undefined; // a failure is not kept: the next caller asks again
    });
    return value;
  };
}

const NODES_PATH = '/_nodes/_local?filter_path=cluster_name,nodes.*.name,nodes.*.version,nodes.*.build_flavor,nodes.*.build_type,nodes.*.build_hash';

/**
 * The same identity read from the local node's info and the cluster state, for an Elasticsearch that serves no
 * `GET /`: its body is the one ES would write, with the node's own version and build.
 */
async function mainFromNodes(internal: Internal, rootStatus: number): Promise<UpstreamMainInfo> {
  const unavailable = () => new EsError('upstream_unavailable', `the cluster answered GET / with status [${rootStatus}]`);
  const [nodes, state] = await Promise.all([internal('GET', NODES_PATH), internal('GET', '/_cluster/state/metadata?filter_path=metadata.cluster_uuid')]);
  if (nodes.status !== 200 || state.status !== 200) throw unavailable();
  const info = safeJson(nodes.body) as { cluster_name?: unknown; nodes?: Record<string, Record<string, unknown>> } | undefined;
  const node = Object.values(info?.nodes ?? {})[0];
  const uuid = (safeJson(state.body) as { metadata?: { cluster_uuid?: unknown } } | undefined)?.metadata?.cluster_uuid;
  if (!node || typeof node.version !== 'string' || typeof node.build_flavor !== 'string') throw unavailable();
  const build = esBuild(node.version);
  const version = { ...build, build_flavor: node.build_flavor, build_type: node.build_type ?? build.build_type, build_hash: node.build_hash ?? build.build_hash };
  const body = { name: node.name, cluster_name: info?.cluster_name, cluster_uuid: uuid, version, tagline: TAGLINE };
  return parseUpstreamMain(body);
}

/** A JSON read of the gateway's own: status and body (undefined when the body is not JSON). */
export function upstreamJsonGet(internal: Internal): (path: string) => Promise<{ status: number; body: unknown }> {
  return async (path) => {
    const r = await internal('GET', path);
    return { status: r.status, body: safeJson(r.body) };
  };
}

function parseJson(body: Buffer): unknown {
  const v = safeJson(body);
  if (v === undefined) throw badAnswer();
  return v;
}

function safeJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
}
