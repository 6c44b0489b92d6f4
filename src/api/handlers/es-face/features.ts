import type { FaceServices } from '../../services.ts';

/** The features ES 9.1.5 lists in `GET /_xpack` (read from its x-pack-core). */
export const INFO_FEATURES = [
  'aggregate_metric', 'analytics', 'archive', 'ccr', 'data_streams', 'data_tiers', 'enrich', 'enterprise_search', 'eql', 'esql',
  'graph', 'ilm', 'logsdb', 'logstash', 'ml', 'monitoring', 'rollup', 'searchable_snapshots', 'security', 'slm', 'spatial', 'sql',
  'transform', 'universal_profiling', 'voting_only', 'watcher',
] as const;

/** The features ES 9.1.5 reports in `GET /_xpack/usage` (read from its x-pack-core). */
export const USAGE_FEATURES = [
  'aggregate_metric', 'analytics', 'archive', 'ccr', 'data_lifecycle', 'data_streams', 'data_tiers', 'enrich', 'enterprise_search',
  'eql', 'esql', 'frozen_indices', 'graph', 'health_api', 'ilm', 'inference', 'logsdb', 'logstash', 'ml', 'monitoring', 'remote_clusters',
  'rollup', 'searchable_snapshots', 'security', 'slm', 'spatial', 'sql', 'transform', 'universal_profiling', 'voting_only', 'watcher',
] as const;

const UNAVAILABLE = { available: false, enabled: false } as const;

/**
 * The features besides security: an Elasticsearch upstream's own (what its cluster provides), read from it
 * at `path`; for any other upstream, or when the read fails, none is available. Sorted by name, as ES.
 */
export async function upstreamFeatures(
  face: FaceServices,
  names: readonly string[],
  path: string,
  pick: (body: Record<string, unknown>) => unknown,
): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = Object.fromEntries(names.map((n) => [n, UNAVAILABLE]));
  if ((await face.upstreamMain()).isElasticsearch) {
    const r = await face.upstreamGet(path);
    const found = r.status === 200 && isObject(r.body) ? pick(r.body) : undefined;
    if (isObject(found)) for (const [name, v] of Object.entries(found)) if (name !== 'security') out[name] = v;
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
