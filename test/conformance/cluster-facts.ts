/**
 * What the runner takes the cluster to be for `skip`/`requires`: the Elasticsearch version it
 * presents, its named cluster features, and its capabilities (asked through `GET /_capabilities`).
 */
import { ADMIN_AUTHORIZATION, type Cluster } from './cluster.ts';
import { parseVersion, type Capability, type ClusterFacts, type Version } from './prerequisites.ts';
import { isMap } from './values.ts';

/** Used when the gateway's `GET /` does not report an Elasticsearch version (7.x to 9.x). */
export const DEFAULT_ES_VERSION = '9.0.0';
/** Named cluster features the gateway is taken to have (besides synthetic gte_vX.Y.Z): none yet. */
export const CLUSTER_FEATURES: ReadonlySet<string> = new Set();

export async function clusterFacts(cluster: Cluster | undefined, override: string | undefined): Promise<{ facts: ClusterFacts; source: string }> {
  const make = (version: Version, source: string) => ({
    source,
    facts: { version, features: CLUSTER_FEATURES, hasCapability: (c: Capability) => (cluster ? hasCapability(cluster, c) : Promise.resolve(false)) },
  });
  if (override) {
    const v = parseVersion(override);
    if (!v) throw new Error(`--es-version: cannot parse [${override}]`);
    return make(v, '--es-version');
  }
  const fallback = parseVersion(DEFAULT_ES_VERSION)!;
  if (!cluster) return make(fallback, 'default (no cluster)');
  try {
    const r = await cluster.client.transport.request({ method: 'GET', path: '/' }, { headers: { authorization: ADMIN_AUTHORIZATION }, meta: true });
    const number = isMap(r.body) && isMap(r.body.version) ? String(r.body.version.number) : '';
    const v = parseVersion(number);
    if (v && v[0] >= 7 && v[0] <= 9) return make(v, `GET / (version.number ${number})`);
    return make(fallback, `default: GET / reported version [${number || 'none'}], not an Elasticsearch 7-9 version`);
  } catch (e) {
    return make(fallback, `default: GET / failed (${(e as Error).message.split('\n')[0]})`);
  }
}

async function hasCapability(cluster: Cluster, c: Capability): Promise<boolean> {
  const querystring: Record<string, string> = { path: c.path, method: c.method ?? 'GET' };
  if (c.parameters) querystring.parameters = c.parameters.join(',');
  if (c.capabilities) querystring.capabilities = c.capabilities.join(',');
  try {
    const r = await cluster.client.transport.request({ method: 'GET', path: '/_capabilities', querystring }, { headers: { authorization: ADMIN_AUTHORIZATION }, meta: true });
    return isMap(r.body) && r.body.supported === true;
  } catch {
    return false;
  }
}

