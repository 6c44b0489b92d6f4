/**
 * `skip:` and `requires:` sections: which runner features a test needs, which cluster versions,
 * cluster features and capabilities it needs or must not meet. Parsing is pure; evaluation asks the
 * cluster only for capabilities.
 */
import { isMap } from './values.ts';

/** Runner features this harness implements (a test needing any other is skipped, naming it). */
export const SUPPORTED_FEATURES: readonly string[] = [
  'allowed_warnings',
  'allowed_warnings_regex',
  'arbitrary_key',
  'catch_unauthorized',
  'close_to',
  'contains',
  'default_shards',
  'embedded_stash_key',
  'fips_140',
  'headers',
  'stash_in_key',
  'stash_in_path',
  'transform_and_set',
  'warnings',
  'warnings_regex',
];

export interface Capability {
  method?: string;
  path: string;
  parameters?: string[];
  capabilities?: string[];
}

export interface Prerequisites {
  skipReason?: string;
  requiresReason?: string;
  runnerFeatures: string[];
  xpack?: 'required' | 'forbidden';
  skipVersion?: string;
  skipClusterFeatures: string[];
  requiredClusterFeatures: string[];
  skipCapabilities: Capability[];
  requiredCapabilities: Capability[];
  knownIssues: { clusterFeature: string; fixedBy: string }[];
  skipOs: string[];
  awaitsFix?: string;
}

export function emptyPrerequisites(): Prerequisites {
  return {
    runnerFeatures: [],
    skipClusterFeatures: [],
    requiredClusterFeatures: [],
    skipCapabilities: [],
    requiredCapabilities: [],
    knownIssues: [],
    skipOs: [],
  };
}

const strings = (v: unknown): string[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v.map(String) : [String(v)]);

function feature(p: Prerequisites, f: string): void {
  if (f === 'xpack') p.xpack = 'required';
  else if (f === 'no_xpack') p.xpack = 'forbidden';
  else p.runnerFeatures.push(f);
}

function capabilities(v: unknown): Capability[] {
  const list = Array.isArray(v) ? v : [v];
  return list.filter(isMap).map((c) => ({
    method: c.method === undefined ? undefined : String(c.method),
    path: String(c.path),
    parameters: c.parameters === undefined ? undefined : strings(c.parameters),
    capabilities: c.capabilities === undefined ? undefined : strings(c.capabilities),
  }));
}

/** Adds one `skip:` or `requires:` body to `p`; throws on fields the runner does not know. */
export function addPrerequisite(p: Prerequisites, kind: 'skip' | 'requires', body: unknown): void {
  if (!isMap(body)) throw new Error(`[${kind}] must be a map`);
  for (const [k, v] of Object.entries(body)) {
    if (kind === 'skip') {
      if (k === 'reason') p.skipReason = String(v);
      else if (k === 'features') strings(v).forEach((f) => feature(p, f));
      else if (k === 'version') p.skipVersion = String(v);
      else if (k === 'cluster_features') p.skipClusterFeatures.push(...strings(v));
      else if (k === 'capabilities') p.skipCapabilities.push(...capabilities(v));
      else if (k === 'os') p.skipOs.push(...strings(v));
      else if (k === 'awaits_fix') p.awaitsFix = String(v);
      else if (k === 'known_issues') {
        for (const i of (Array.isArray(v) ? v : []).filter(isMap)) p.knownIssues.push({ clusterFeature: String(i.cluster_feature), fixedBy: String(i.fixed_by) });
      } else throw new Error(`field [${k}] not supported within skip section`);
    } else {
      if (k === 'reason') p.requiresReason = String(v);
      else if (k === 'test_runner_features') strings(v).forEach((f) => feature(p, f));
      else if (k === 'cluster_features') p.requiredClusterFeatures.push(...strings(v));
      else if (k === 'capabilities') p.requiredCapabilities.push(...capabilities(v));
      else throw new Error(`field [${k}] not supported within requires section`);
    }
  }
}

export function mergePrerequisites(...all: Prerequisites[]): Prerequisites {
  const out = emptyPrerequisites();
  for (const p of all) {
    out.skipReason ??= p.skipReason;
    out.requiresReason ??= p.requiresReason;
    out.xpack ??= p.xpack;
    out.skipVersion ??= p.skipVersion;
    out.awaitsFix ??= p.awaitsFix;
    out.runnerFeatures.push(...p.runnerFeatures);
    out.skipClusterFeatures.push(...p.skipClusterFeatures);
    out.requiredClusterFeatures.push(...p.requiredClusterFeatures);
    out.skipCapabilities.push(...p.skipCapabilities);
    out.requiredCapabilities.push(...p.requiredCapabilities);
    out.knownIssues.push(...p.knownIssues);
    out.skipOs.push(...p.skipOs);
  }
  return out;
}

// ---- versions -----------------------------------------------------------------------------

export type Version = readonly [number, number, number];

export function parseVersion(s: string): Version | null {
  const m = /^\s*(\d+)\.(\d+)\.(\d+)/.exec(s);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : null;
}

export function compareVersions(a: Version, b: Version): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

/** `"all"`, or ranges like `" - 7.9.99, 8.1.0 - 8.3.0"` (an empty bound is open). */
export function versionInRanges(version: Version, ranges: string): boolean {
  if (ranges.trim() === 'all') return true;
  return ranges.split(',').some((range) => {
    const bounds = range.split('-');
    if (bounds.length !== 2) throw new Error(`cannot parse version range [${range}]`);
    const [lo, hi] = bounds.map((s) => s.trim());
    const low = lo ? parseVersion(lo) : null;
    const high = hi ? parseVersion(hi) : null;
    if ((lo && !low) || (hi && !high)) throw new Error(`cannot parse version range [${range}]`);
    return (!low || compareVersions(version, low) >= 0) && (!high || compareVersions(version, high) <= 0);
  });
}

// ---- evaluation ---------------------------------------------------------------------------

/** What the runner knows about the cluster under test. */
export interface ClusterFacts {
  /** The Elasticsearch version the gateway presents (see run.ts for how it is chosen). */
  version: Version;
  /** Named cluster features the cluster has, besides the synthetic `gte_vX.Y.Z` ones. */
  features: ReadonlySet<string>;
  /** Asks `GET /_capabilities`; false when the cluster cannot answer. */
  hasCapability(c: Capability): Promise<boolean>;
}

/** Synthetic `gte_vX.Y.Z` features exist for releases up to 8.14.0 (as in the Java runner). */
const LAST_SYNTHETIC: Version = [8, 14, 0];

export function hasClusterFeature(facts: Pick<ClusterFacts, 'version' | 'features'>, name: string): boolean {
  const m = /^gte_v(\d+\.\d+\.\d+)$/.exec(name);
  if (m) {
    const v = parseVersion(m[1])!;
    return compareVersions(v, LAST_SYNTHETIC) <= 0 && compareVersions(facts.version, v) >= 0;
  }
  return facts.features.has(name);
}

/** Returns why the test must be skipped, or null when it runs. */
export async function skipReason(p: Prerequisites, facts: ClusterFacts): Promise<string | null> {
  const missing = p.runnerFeatures.filter((f) => !SUPPORTED_FEATURES.includes(f));
  if (missing.length) return `runner feature(s) [${missing.join(', ')}] not supported by this runner`;
  if (p.awaitsFix) return `awaits fix: ${p.awaitsFix}${p.skipReason ? ` (${p.skipReason})` : ''}`;
  if (p.xpack === 'forbidden') return 'test needs a cluster without x-pack';
  const reason = (r: string) => `${r}${p.skipReason ? `: ${p.skipReason}` : ''}`;
  if (p.skipVersion && versionInRanges(facts.version, p.skipVersion)) return reason(`version ${facts.version.join('.')} is in skip range [${p.skipVersion}]`);
  const present = p.skipClusterFeatures.filter((f) => hasClusterFeature(facts, f));
  if (present.length) return reason(`cluster has feature(s) [${present.join(', ')}]`);
  const issue = p.knownIssues.find((i) => hasClusterFeature(facts, i.clusterFeature) && !hasClusterFeature(facts, i.fixedBy));
  if (issue) return reason(`known issue [${issue.clusterFeature}] not fixed by [${issue.fixedBy}]`);
  if (p.skipOs.length) return reason('os-based skip (runner feature skip_os not supported)');
  const absent = p.requiredClusterFeatures.filter((f) => !hasClusterFeature(facts, f));
  if (absent.length) return `requires cluster feature(s) [${absent.join(', ')}] not known to be present${p.requiresReason ? `: ${p.requiresReason}` : ''}`;
  for (const c of p.skipCapabilities) if (await facts.hasCapability(c)) return reason(`cluster has capability ${JSON.stringify(c)}`);
  for (const c of p.requiredCapabilities) {
    if (!(await facts.hasCapability(c))) return `requires capability ${JSON.stringify(c)}${p.requiresReason ? `: ${p.requiresReason}` : ''}`;
  }
  return null;
}
