import { EsError } from '../core/errors.ts';
import type { Clock } from '../core/clock.ts';

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
      if (r.status !== 200) throw new EsError('upstream_unavailable', `the cluster answered GET / with status [${r.status}]`);
      return parseUpstreamMain(parseJson(r.body));
    });
    cached = { at: now, value };
    value.catch(() => {
      if (cached?.value === value) cached = undefined; // a failure is not kept: the next caller asks again
    });
    return value;
  };
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
