/**
 * Issue 4, API keys at a million: a SqliteStore file holding 1,000,000 API keys, and the cost of
 * authenticating against it with ApiKeyAuthenticator (no HTTP) — cached, uncached, wrong secrets, unknown ids —
 * and the process memory before and after 1,000,000 distinct wrong keys.
 *
 *   node --expose-gc bench/api-keys.ts [dir]     build the data in dir (default: a temp dir), then measure
 *
 * bench/run.ts runs the two halves as separate processes (`build <dir>`, then `measure <dir>`), so that the
 * measuring process has a clean heap and the data dir can be reused by the `_query/api_key` benchmark.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.ts';
import type { ApiKeyRecord } from '../src/store/security-store.ts';
import { hashPassword, parseHashAlgorithm, type HashAlgorithm } from '../src/authc/hashing/index.ts';
import { newApiKeyId, newApiKeySecret } from '../src/authc/api-keys/key-material.ts';
import { ApiKeyAuthenticator } from '../src/authc/api-keys/api-key-authenticator.ts';
import type { ApiKeySettings } from '../src/authc/api-keys/api-key-settings.ts';
import { Secret } from '../src/core/secret.ts';
import type { RoleDescriptors } from '../src/core/role-descriptor.ts';
import { systemClock } from '../src/core/clock.ts';
import type { Credentials } from '../src/core/request.ts';
import { fmt, heading, mib, summarize, table } from './lib/stats.ts';

export const TOTAL_KEYS = Number(process.env.BENCH_API_KEYS ?? 1_000_000);
/** Keys with their own real secret and hash (every 500th key), active, used for the successful authentications. */
const SAMPLE_EVERY = 500;
const OWNERS = 100;
const DAY = 86_400_000;
const YEAR = 365 * DAY;
const SAMPLES_FILE = 'bench-sample-keys.json';

function ssha256(): HashAlgorithm {
  const a = parseHashAlgorithm('ssha256');
  if (!a) throw new Error('ssha256 is not a known hashing algorithm');
  return a;
}

export interface SampleKey {
  readonly id: string;
  readonly secret: string;
}

export interface BuildResult {
  keys: number;
  sampleKeys: number;
  owners: number;
  invalidated: number;
  expired: number;
  insertSeconds: number;
  dbBytes: number;
}

/** A deterministic PRNG (mulberry32), so runs build the same shape of data. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The owner's role, as a key's `limited_by` snapshot records it. */
function ownerRole(owner: number): RoleDescriptors {
  return {
    [`team-${owner}`]: {
      cluster: ['monitor'],
      indices: [{ names: [`logs-team-${owner}-*`, `metrics-team-${owner}-*`], privileges: ['read', 'view_index_metadata'], allow_restricted_indices: false }],
      applications: [],
      run_as: [],
      metadata: {},
      transient_metadata: { enabled: true },
    },
  };
}

const READ_ONLY: RoleDescriptors = { 'read-logs': { cluster: [], indices: [{ names: ['logs-*'], privileges: ['read'], allow_restricted_indices: false }], applications: [], run_as: [], metadata: {} } };

/**
 * Writes TOTAL_KEYS API keys into `<dir>/security.db` in one transaction through ApiKeysTable.create.
 * Every 500th key gets a real random secret and its own ssha256 hash (those are written to a JSON file for
 * the measurements); the bulk reuses ONE precomputed valid ssha256 hash of a random secret, which is never
 * presented. 100 owners (`user-00`…`user-99`, realm `default_native`), names `key-<n>`, creation spread
 * uniformly over the last year; 5% invalidated and 5% expired in the last 3 days (inside the default 7-day
 * retention, so the gateway's retention task keeps them), 45% expiring within the next year, the rest never.
 */
export async function buildApiKeyData(dir: string, total = TOTAL_KEYS): Promise<BuildResult> {
  const algo = ssha256();
  const bulkHash = await hashPassword(newApiKeySecret(), algo);
  const store = new SqliteStore(join(dir, 'security.db'));
  const table = store.apiKeysTable;
  const db = table.db;
  const rnd = prng(42);
  const now = Date.now();
  const samples: SampleKey[] = [];
  const roles = Array.from({ length: OWNERS }, (_, o) => ownerRole(o));
  const creators = Array.from({ length: OWNERS }, (_, o) => ({ fullName: `User ${o}`, email: `user-${String(o).padStart(2, '0')}@example.com`, metadata: {} }));
  let invalidated = 0;
  let expired = 0;
  // This connection only (not stored in the file): a page cache big enough for the indexes, so the one big
  // transaction does not spill pages to the WAL over and over.
  db.exec('PRAGMA cache_size = -393216');
  const began = performance.now();
  db.exec('BEGIN');
  try {
    for (let n = 0; n < total; n++) {
      const owner = n % OWNERS;
      const sample = n % SAMPLE_EVERY === 0;
      let secretHash = bulkHash;
      const id = newApiKeyId();
      if (sample) {
        const secret = newApiKeySecret();
        secretHash = await hashPassword(secret, algo);
        samples.push({ id, secret: secret.reveal() });
      }
      const r = rnd();
      let creation = now - Math.floor(rnd() * YEAR);
      let expiration: number | null = null;
      let invalidation: number | null = null;
      if (!sample && r < 0.05) {
        invalidation = now - Math.floor(rnd() * 3 * DAY);
        creation = Math.min(creation, invalidation - 1);
        invalidated++;
      } else if (!sample && r < 0.1) {
        expiration = now - Math.floor(rnd() * 3 * DAY);
        creation = Math.min(creation, expiration - DAY);
        expired++;
      } else if (!sample && r < 0.55) {
        expiration = now + DAY + Math.floor(rnd() * YEAR);
      }
      const record: ApiKeyRecord = {
        id,
        name: `key-${n}`,
        type: 'rest',
        hash: secretHash,
        creation,
        expiration,
        invalidated: invalidation !== null,
        invalidation,
        username: `user-${String(owner).padStart(2, '0')}`,
        realm: 'default_native',
        realmType: 'native',
        metadata: n % 2 === 0 ? { environment: n % 4 === 0 ? 'production' : 'staging', team: `team-${owner}` } : {},
        roleDescriptors: n % 5 === 0 && !sample ? READ_ONLY : {},
        limitedBy: roles[owner],
        creator: creators[owner],
        version: 1,
      };
      table.create(record);
    }
    db.exec('COMMIT');
  } catch (e) {
    db.exec('ROLLBACK');
    throw e;
  }
  const insertSeconds = (performance.now() - began) / 1000;
  db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
  await store.close();
  writeFileSync(join(dir, SAMPLES_FILE), JSON.stringify(samples), { mode: 0o600 });
  return { keys: total, sampleKeys: samples.length, owners: OWNERS, invalidated, expired, insertSeconds, dbBytes: statSync(join(dir, 'security.db')).size };
}

export function readSamples(dir: string): SampleKey[] {
  return JSON.parse(readFileSync(join(dir, SAMPLES_FILE), 'utf8')) as SampleKey[];
}

/** The authenticator's settings as the defaults give them (`xpack.security.authc.api_key.*`). */
function defaultSettings(): ApiKeySettings {
  return {
    enabled: true,
    cacheTtlMs: DAY,
    cacheMaxKeys: 25_000,
    cacheHash: ssha256(),
    hashing: ssha256(),
    retentionMs: 7 * DAY,
    deleteIntervalMs: DAY,
  };
}

interface Timing {
  name: string;
  ops: number;
  meanUs: number;
  p50Us: number;
  p99Us: number;
  outcome: string;
}

interface Memory {
  rssBefore: number;
  rssAfter: number;
  rssPeak: number;
  heapUsedBefore: number;
  heapUsedAfter: number;
  wrongKeys: number;
  seconds: number;
  cacheSizeBefore: number;
  cacheSizeAfter: number;
  heapTotalBefore: number;
  heapTotalAfter: number;
  checkpoints: Checkpoint[];
}

interface Checkpoint {
  keys: number;
  rss: number;
  heapUsed: number;
  heapTotal: number;
}

export interface MeasureResult {
  keysInStore: number;
  timings: Timing[];
  memory: Memory;
  report: string;
}

const gc = (globalThis as { gc?: () => void }).gc;

function fullGc(): void {
  if (!gc) return;
  for (let i = 0; i < 3; i++) gc();
}

export async function measureApiKeys(dir: string): Promise<MeasureResult> {
  const store = new SqliteStore(join(dir, 'security.db'));
  const db = store.apiKeysTable.db;
  const keysInStore = Number(db.prepare('SELECT count(*) AS n FROM api_keys').get()!.n);
  const samples = readSamples(dir);
  // Ids of bulk keys (whose secret nobody knows), spread over the table: the targets of wrong secrets.
  const bulkIds = db.prepare(`SELECT id FROM api_keys WHERE rowid % 50 = 7 LIMIT 20000`).all().map((r) => r.id as string);
  const auth = new ApiKeyAuthenticator(store, defaultSettings(), systemClock);
  const cred = (id: string, secret: string): Credentials => ({ kind: 'api_key', id, key: new Secret(secret) });
  const good = samples.map((s) => cred(s.id, s.secret));

  const timings: Timing[] = [];
  const time = async (name: string, list: readonly Credentials[], rounds: number, before?: () => void): Promise<void> => {
    const ops = list.length * rounds;
    const samplesUs = new Float64Array(ops);
    const outcomes = new Map<string, number>();
    let k = 0;
    for (let r = 0; r < rounds; r++) {
      before?.();
      for (const c of list) {
        const t0 = performance.now();
        const res = await auth.authenticate(c);
        samplesUs[k++] = (performance.now() - t0) * 1000;
        outcomes.set(res.status, (outcomes.get(res.status) ?? 0) + 1);
      }
    }
    const s = summarize(samplesUs);
    timings.push({ name, ops, meanUs: s.mean, p50Us: s.p50, p99Us: s.p99, outcome: [...outcomes].map(([o, n]) => `${o} ${n}`).join(', ') });
  };

  // Warm the code paths (JIT) and the OS page cache a little, as a running gateway would be.
  for (const c of good.slice(0, 200)) await auth.authenticate(c);
  auth.invalidate();

  await time(`uncached: valid key, cache cleared before each pass (${good.length.toLocaleString('en-US')} keys × 5)`, good, 5, () => auth.invalidate());
  for (const c of good) await auth.authenticate(c); // all cached now
  await time(`cached: valid key (${good.length.toLocaleString('en-US')} cached keys, rotating)`, good, 100);
  const wrongForCached = samples.map((s) => cred(s.id, newApiKeySecret().reveal()));
  await time('wrong secret, id cached', wrongForCached, 5);
  const wrongSecret = bulkIds.map((id) => cred(id, newApiKeySecret().reveal()));
  await time('wrong secret, existing id (not cached)', wrongSecret, 1);
  const unknown = Array.from({ length: 20_000 }, () => cred(newApiKeyId(), newApiKeySecret().reveal()));
  await time('unknown id (random)', unknown, 1);

  // Memory: 1,000,000 distinct wrong keys — half unknown ids, half wrong secrets for existing ids.
  const wrongKeys = 1_000_000;
  const next = (i: number): Credentials => (i % 2 === 0 ? cred(newApiKeyId(), newApiKeySecret().reveal()) : cred(bulkIds[(i >> 1) % bulkIds.length], newApiKeySecret().reveal()));
  // Warm-up first (JIT, SQLite page cache, allocator pools), so that "before" is the steady state.
  for (let i = 0; i < 100_000; i++) await auth.authenticate(next(i));
  fullGc();
  const before = process.memoryUsage();
  const cacheSizeBefore = auth.cacheSize;
  let rssPeak = before.rss;
  const checkpoints: Checkpoint[] = [];
  const began = performance.now();
  for (let i = 0; i < wrongKeys; i++) {
    const res = await auth.authenticate(next(i));
    if (res.status === 'success') throw new Error('a wrong key authenticated');
    if (i % 50_000 === 0) rssPeak = Math.max(rssPeak, process.memoryUsage.rss());
    if ((i + 1) % 250_000 === 0) {
      fullGc();
      const m = process.memoryUsage();
      checkpoints.push({ keys: i + 1, rss: m.rss, heapUsed: m.heapUsed, heapTotal: m.heapTotal });
    }
  }
  const seconds = (performance.now() - began) / 1000;
  rssPeak = Math.max(rssPeak, process.memoryUsage.rss());
  fullGc();
  const after = process.memoryUsage();
  const memory: Memory = {
    rssBefore: before.rss,
    rssAfter: after.rss,
    rssPeak,
    heapUsedBefore: before.heapUsed,
    heapUsedAfter: after.heapUsed,
    heapTotalBefore: before.heapTotal,
    heapTotalAfter: after.heapTotal,
    wrongKeys,
    seconds,
    cacheSizeBefore,
    cacheSizeAfter: auth.cacheSize,
    checkpoints,
  };
  await store.close();

  const report = [
    heading(`API keys — ApiKeyAuthenticator over a SqliteStore with ${keysInStore.toLocaleString('en-US')} keys (in process, no HTTP)`),
    table(
      ['case', 'ops', 'mean µs', 'p50 µs', 'p99 µs', 'outcomes'],
      timings.map((t) => [t.name, t.ops, t.meanUs, t.p50Us, t.p99Us, t.outcome]),
    ),
    '',
    table(
      [`memory, ${wrongKeys.toLocaleString('en-US')} distinct wrong keys (${fmt(seconds, 1)} s, ${fmt((seconds * 1e6) / wrongKeys, 1)} µs/key)`, 'before', 'after', 'change'],
      [
        ['RSS', mib(memory.rssBefore), mib(memory.rssAfter), mib(memory.rssAfter - memory.rssBefore)],
        ['RSS peak during the run', '', mib(memory.rssPeak), ''],
        ['heapUsed (after full GC)', mib(memory.heapUsedBefore), mib(memory.heapUsedAfter), mib(memory.heapUsedAfter - memory.heapUsedBefore)],
        ['heapTotal', mib(memory.heapTotalBefore), mib(memory.heapTotalAfter), mib(memory.heapTotalAfter - memory.heapTotalBefore)],
        ['API key cache entries', String(cacheSizeBefore), String(memory.cacheSizeAfter), String(memory.cacheSizeAfter - cacheSizeBefore)],
      ],
    ),
    `  RSS / heapUsed after every 250,000 wrong keys: ${memory.checkpoints.map((c) => `${mib(c.rss)} / ${mib(c.heapUsed)}`).join(' → ')}`,
    gc ? '' : '  (run with --expose-gc for heap figures after a full GC)',
  ].join('\n');
  return { keysInStore, timings, memory, report };
}

export const RESULT_MARKER = '@@bench-result ';

if (import.meta.main) {
  const [cmd, arg] = process.argv.slice(2);
  if (cmd === 'build') {
    process.stdout.write(RESULT_MARKER + JSON.stringify(await buildApiKeyData(arg)) + '\n');
  } else if (cmd === 'measure') {
    process.stdout.write(RESULT_MARKER + JSON.stringify(await measureApiKeys(arg)) + '\n');
  } else {
    const dir = cmd ?? mkdtempSync(join(tmpdir(), 'portcullis-bench-keys-'));
    const built = await buildApiKeyData(dir);
    console.log(`built ${built.keys.toLocaleString('en-US')} keys in ${fmt(built.insertSeconds, 1)} s (${mib(built.dbBytes)}) in ${dir}`);
    console.log((await measureApiKeys(dir)).report);
    if (!cmd) rmSync(dir, { recursive: true, force: true });
  }
}
