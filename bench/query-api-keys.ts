/**
 * `POST /_security/_query/api_key` over the million keys: a gateway started on the data dir bench/api-keys.ts
 * built (its `security.db`; the gateway bootstraps `elastic` from ELASTIC_PASSWORD on that first start), and
 * each query timed as `elastic` over keep-alive HTTP: one warm-up, then the median of several runs.
 *
 *   node bench/query-api-keys.ts <data dir> [upstream url]
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { JsonClient } from './lib/http.ts';
import { basic, REPO_ROOT, startGateway } from './lib/processes.ts';
import { fmt, heading, median, table } from './lib/stats.ts';

const PASSWORD = 'bench-elastic-password';
const RUNS = Number(process.env.BENCH_QUERY_RUNS ?? 7);
const DAY = 86_400_000;

export interface QueryTiming {
  name: string;
  body: unknown;
  medianMs: number;
  minMs: number;
  maxMs: number;
  total: number | null;
  count: number | null;
  error?: string;
}

export interface QueryBenchResult {
  status: 'ok' | 'needs the endpoint';
  detail?: string;
  gatewayStartSeconds?: number;
  timings: QueryTiming[];
  report: string;
}

const HANDLER = join(REPO_ROOT, 'src/api/handlers/api-keys/query-api-keys.ts');

export async function runQueryBench(dataDir: string, upstream: string): Promise<QueryBenchResult> {
  const title = heading('`_query/api_key` over the million keys (as elastic, HTTP, keep-alive)');
  if (!existsSync(HANDLER)) return skipped(title, 'src/api/handlers/api-keys/query-api-keys.ts does not exist yet');
  const began = performance.now();
  const gateway = await startGateway({ upstream, tls: false, password: PASSWORD, dataDir });
  const gatewayStartSeconds = (performance.now() - began) / 1000;
  const client = new JsonClient(gateway.url, { authorization: basic('elastic', PASSWORD) });
  try {
    const probe = await client.send('POST', '/_security/_query/api_key', { size: 1 });
    if (probe.status !== 200 || !Array.isArray(probe.json?.api_keys)) {
      return skipped(title, `POST /_security/_query/api_key answered ${probe.status}: ${JSON.stringify(probe.json).slice(0, 300)}`);
    }
    const now = Date.now();
    const sort = [{ creation: { order: 'desc' } }];
    const timings: QueryTiming[] = [];
    const run = async (name: string, body: unknown) => timings.push(await timeQuery(client, name, body));

    await run('first page: size 100, sort by creation', { size: 100, sort });
    await run('deep page: from 5,000, size 100, sort by creation', { from: 5000, size: 100, sort });
    timings.push(await timeSearchAfter(client, sort));
    await run('term on username (1 of 100 owners), size 100', { size: 100, query: { term: { username: 'user-42' } } });
    await run('bool: username + not invalidated + name prefix', {
      size: 100,
      query: { bool: { filter: [{ term: { username: 'user-42' } }, { term: { invalidated: false } }, { prefix: { name: 'key-1' } }] } },
    });
    await run('prefix on name (key-12345…)', { size: 100, query: { prefix: { name: 'key-12345' } } });
    await run('range on creation (one day, a month ago), size 100', { size: 100, query: { range: { creation: { gte: now - 30 * DAY, lt: now - 29 * DAY } } } });
    await run('terms aggregation on username (size 0)', { size: 0, aggs: { owners: { terms: { field: 'username', size: 100 } } } });

    const report = [
      title,
      `gateway start on the million-key data dir: ${fmt(gatewayStartSeconds, 1)} s; median of ${RUNS} runs after one warm-up`,
      table(
        ['query', 'median ms', 'min ms', 'max ms', 'total', 'returned'],
        timings.map((t) => [t.name, t.medianMs, t.minMs, t.maxMs, t.error ?? (t.total === null ? '–' : t.total.toLocaleString('en-US')), t.count === null ? '–' : t.count.toLocaleString('en-US')]),
      ),
    ].join('\n');
    return { status: 'ok', gatewayStartSeconds, timings, report };
  } finally {
    await client.close();
    await gateway.stop();
  }
}

function skipped(title: string, detail: string): QueryBenchResult {
  return { status: 'needs the endpoint', detail, timings: [], report: `${title}\n  skipped: needs the endpoint (${detail})` };
}

async function timeQuery(client: JsonClient, name: string, body: unknown): Promise<QueryTiming> {
  const ms: number[] = [];
  let last: { status: number; json: any } | undefined;
  for (let i = 0; i <= RUNS; i++) {
    const r = await client.send('POST', '/_security/_query/api_key', body);
    if (i > 0) ms.push(r.ms);
    last = r;
    if (r.status !== 200) break;
  }
  return result(name, body, ms, last!);
}

/** `search_after` paging: 20 consecutive pages of 100, each page timed; the median per page. */
async function timeSearchAfter(client: JsonClient, sort: unknown): Promise<QueryTiming> {
  const first = await client.send('POST', '/_security/_query/api_key', { size: 100, sort });
  let after = first.json?.api_keys?.at(-1)?._sort;
  const ms: number[] = [];
  let last = first;
  const body = (a: unknown) => ({ size: 100, sort, search_after: a });
  for (let page = 0; page < 20 && after !== undefined && last.status === 200; page++) {
    last = await client.send('POST', '/_security/_query/api_key', body(after));
    ms.push(last.ms);
    after = last.json?.api_keys?.at(-1)?._sort;
  }
  if (after === undefined && last.status === 200 && ms.length === 0) {
    return { name: 'search_after paging (20 pages of 100)', body: body(['…']), medianMs: NaN, minMs: NaN, maxMs: NaN, total: null, count: null, error: 'no _sort values in the first page' };
  }
  return result('search_after paging (20 pages of 100), per page', body(['<last _sort>']), ms, last);
}

function result(name: string, body: unknown, ms: number[], last: { status: number; json: any }): QueryTiming {
  const error = last.status === 200 ? undefined : `HTTP ${last.status}: ${String(last.json?.error?.reason ?? JSON.stringify(last.json)).slice(0, 120)}`;
  return {
    name,
    body,
    medianMs: ms.length ? median(ms) : NaN,
    minMs: ms.length ? Math.min(...ms) : NaN,
    maxMs: ms.length ? Math.max(...ms) : NaN,
    total: typeof last.json?.total === 'number' ? last.json.total : null,
    count: typeof last.json?.count === 'number' ? last.json.count : null,
    ...(error ? { error } : {}),
  };
}

if (import.meta.main) {
  const [dir, upstream = 'http://127.0.0.1:9200'] = process.argv.slice(2);
  if (!dir) throw new Error('usage: node bench/query-api-keys.ts <data dir built by bench/api-keys.ts> [upstream url]');
  console.log((await runQueryBench(dir, upstream)).report);
}
