// One canary run: the fixture on the OpenSearch, a real gateway in front of it, restricted principals, and
// generated requests. After each answer: no canary, no `_index` outside the caller's indices, no 5xx of the
// gateway's own; after each request that may write: the secret side unchanged and no canary copied into the
// caller's indices (then the fixture is restored, so each finding names the request that caused it).

import fs from 'node:fs';
import { request as httpRequest } from 'node:http';
import path from 'node:path';
import { startGateway, REPO_ROOT, type Gateway } from '../../support/gateway.ts';
import { allEndpoints, type Endpoint, type EndpointSource } from './endpoints.ts';
import { createFixture, diff, makeNames, removeFixture, resetFixture, seedLogs, snapshot, upstreamClient, type Names, type Snapshot, type Upstream } from './fixture.ts';
import { generate, sampleEndpoints, type CanaryRequest } from './generator.ts';
import { knownRequests } from './known.ts';
import type { Context } from './mutations.ts';

export type Finding = {
  kind: 'canary in answer' | 'foreign _index in answer' | 'secret side changed' | 'canary reachable through allowed names' | 'gateway 5xx' | 'upstream 5xx about secret';
  principal: string;
  request: { index: number; endpoint: string; method: string; path: string; body?: string };
  status: number;
  detail: string;
};

export type RunOptions = {
  upstream: string;
  seed: number;
  count: number;
  timeLimitMs: number;
  requestTimeoutMs?: number;
  sources?: EndpointSource[];
  replay?: number; // send only request number `replay` of the run
  log?: (line: string) => void;
};

export type RunResult = { seed: number; sent: number; findings: Finding[]; timeouts: number; statuses: Record<string, number>; ms: number; endpoints: number; sampled: number };

const PASSWORD = 'elastic-test-password';
type Principal = { name: string; auth: string };

export async function runCanary(opts: RunOptions): Promise<RunResult> {
  const began = Date.now();
  const log = opts.log ?? (() => {});
  const os = upstreamClient(opts.upstream);
  const names = makeNames();
  const endpoints = allEndpoints(opts.sources);
  const sample = sampleEndpoints(endpoints, opts.seed, opts.count);
  await createFixture(os, names);
  const gw = await startGateway({ upstream: opts.upstream, elasticPassword: PASSWORD });
  const result: RunResult = { seed: opts.seed, sent: 0, findings: [], timeouts: 0, statuses: {}, ms: 0, endpoints: endpoints.length, sampled: new Set(sample).size };
  try {
    const principals = await createPrincipals(gw, names);
    let baseline = await snapshot(os, names);
    const ctx: Context = { names, upstream: opts.upstream };
    for (const [req, principal] of plan(opts, sample, principals, ctx)) {
      if (Date.now() - began > opts.timeLimitMs) break;
      const i = req.index;
      const res = await sendRaw(gw.url, principal.auth, req, opts.requestTimeoutMs ?? 10_000);
      result.sent++;
      if (!res) { result.timeouts++; continue; }
      result.statuses[res.status] = (result.statuses[res.status] ?? 0) + 1;
      const found = (kind: Finding['kind'], detail: string) => {
        const f: Finding = { kind, principal: principal.name, request: describe(req), status: res.status, detail };
        result.findings.push(f);
        log(formatFinding(f));
      };
      checkAnswer(res.status, res.text, names, found);
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        baseline = await checkSecretSide(os, names, baseline, found);
      }
      if (result.sent % 25 === 0) await seedLogs(os, names);
    }
  } finally {
    await gw.stop().catch((e) => log(`gateway stop: ${(e as Error).message}`));
    gw.cleanup();
    await removeFixture(os, names);
  }
  result.ms = Date.now() - began;
  return result;
}

/** The issue-14 attacks first (as the read,write,manage user and API key), then the generated requests. */
function* plan(opts: RunOptions, sample: Endpoint[], principals: Principal[], ctx: Context): Generator<[CanaryRequest, Principal]> {
  const strong = principals.slice(-2);
  for (const req of knownRequests(ctx)) {
    if (opts.replay !== undefined && opts.replay !== req.index) continue;
    for (const p of strong) yield [req, p];
  }
  for (let i = 0; i < sample.length; i++) {
    if (opts.replay !== undefined && opts.replay !== i) continue;
    yield [generate(sample[i], opts.seed, i, ctx), principals[i % principals.length]];
  }
}

async function createPrincipals(gw: Gateway, n: Names): Promise<Principal[]> {
  const admin = { auth: ['elastic', PASSWORD] as [string, string] };
  const must = async (method: string, p: string, body: unknown) => {
    const r = await gw.request(method, p, { ...admin, body });
    if (r.status !== 200) throw new Error(`${method} ${p}: ${r.status} ${r.text}`);
    return r.json;
  };
  const pattern = `${n.logs}*`;
  const roles = { read: ['read', 'view_index_metadata'], write: ['write'], manage: ['manage'], all: ['read', 'write', 'manage'] } as const;
  const out: Principal[] = [];
  for (const [name, privileges] of Object.entries(roles)) {
    await must('PUT', `/_security/role/${n.tag}_${name}`, { indices: [{ names: [pattern], privileges }] });
    const password = `${n.tag}-${name}-password`;
    await must('PUT', `/_security/user/${n.tag}_${name}`, { password, roles: [`${n.tag}_${name}`] });
    out.push({ name: `user with ${name} on ${pattern}`, auth: `Basic ${Buffer.from(`${n.tag}_${name}:${password}`).toString('base64')}` });
  }
  const key = await must('POST', '/_security/api_key', { name: `${n.tag}-key`, role_descriptors: { r: { indices: [{ names: [pattern], privileges: ['read', 'write', 'manage'] }] } } });
  out.push({ name: `API key with read,write,manage on ${pattern}`, auth: `ApiKey ${key.encoded}` });
  return out;
}

function checkAnswer(status: number, text: string, n: Names, found: (k: Finding['kind'], d: string) => void): void {
  const lower = text.toLowerCase();
  for (const c of [n.canary, n.fieldCanary]) {
    const at = lower.indexOf(c);
    if (at >= 0) found('canary in answer', `…${text.slice(Math.max(0, at - 120), at + c.length + 60)}…`);
  }
  const foreign = new Set<string>();
  foreignIndices(parseJson(text), n.logs, foreign);
  if (foreign.size) found('foreign _index in answer', [...foreign].join(', '));
  if (status < 500) return;
  let type = '';
  try { type = JSON.parse(text)?.error?.type ?? ''; } catch { /* not JSON */ }
  // The gateway's own 5xx: its unexpected-error 500 (`exception`), its upstream-transport 502/504, or no ES body at all.
  if (['exception', 'connect_transport_exception', 'receive_timeout_transport_exception', ''].includes(type)) found('gateway 5xx', text.slice(0, 300));
  else if (text.includes(n.secret) || text.includes(n.hidden)) found('upstream 5xx about secret', text.slice(0, 300));
}

/** `_index` values outside the caller's indices, except on item errors (a denied mget/bulk item names its index, as ES). */
function foreignIndices(v: unknown, allowed: string, out: Set<string>): void {
  if (Array.isArray(v)) { for (const x of v) foreignIndices(x, allowed, out); return; }
  if (v === null || typeof v !== 'object') return;
  const o = v as Record<string, unknown>;
  if (typeof o._index === 'string' && !o._index.startsWith(allowed) && o.error === undefined) out.add(o._index);
  for (const x of Object.values(o)) foreignIndices(x, allowed, out);
}

function parseJson(text: string): unknown {
  try { return JSON.parse(text); } catch { return undefined; }
}

async function checkSecretSide(os: Upstream, n: Names, baseline: Snapshot, found: (k: Finding['kind'], d: string) => void): Promise<Snapshot> {
  const changes = diff(baseline, await snapshot(os, n));
  // Searched through the allowed names, as the principals would: finds canaries copied in and aliases onto secret.
  const reached: { _index: string; _id: string }[] = (await os('GET', `/${n.logs}*/_search?size=5&q=${n.canary}&lenient=true&expand_wildcards=all`)).json?.hits?.hits ?? [];
  if (reached.length) {
    found('canary reachable through allowed names', reached.map((h) => `${h._index}/${h._id}`).join(', '));
    const copies = [...new Set(reached.map((h) => h._index).filter((i) => i.startsWith(n.logs)))];
    if (copies.length) await os('POST', `/${copies.join(',')}/_delete_by_query?q=${n.canary}&lenient=true&refresh=true&conflicts=proceed`);
  }
  if (!changes.length) return baseline;
  found('secret side changed', changes.slice(0, 8).join('; ') + (changes.length > 8 ? `; … ${changes.length - 8} more` : ''));
  await resetFixture(os, n);
  return snapshot(os, n);
}

function describe(req: CanaryRequest): Finding['request'] {
  return { index: req.index, endpoint: `${req.endpoint.engine}:${req.endpoint.name}`, method: req.method, path: req.path, body: req.body?.slice(0, 600) };
}

type RawResponse = { status: number; text: string };

/** One request with a deadline; undefined on timeout (the socket is destroyed). */
function sendRaw(base: string, auth: string, req: CanaryRequest, timeoutMs: number): Promise<RawResponse | undefined> {
  const url = new URL(base);
  const headers: Record<string, string> = { Authorization: auth };
  if (req.body !== undefined) {
    headers['Content-Type'] = req.contentType ?? 'application/json';
    headers['Content-Length'] = String(Buffer.byteLength(req.body));
  }
  return new Promise((resolve) => {
    const r = httpRequest({ host: url.hostname, port: url.port, method: req.method, path: req.path, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => { clearTimeout(timer); resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }); });
      res.on('error', () => { clearTimeout(timer); resolve(undefined); });
    });
    const timer = setTimeout(() => { r.destroy(); resolve(undefined); }, timeoutMs);
    r.on('error', () => { clearTimeout(timer); resolve(undefined); });
    r.end(req.body);
  });
}

export function formatFinding(f: Finding): string {
  const body = f.request.body ? `\n    body: ${f.request.body.replace(/\n/g, '\\n').slice(0, 400)}` : '';
  return `  [${f.kind}] #${f.request.index} ${f.request.endpoint} as ${f.principal}\n    ${f.request.method} ${f.request.path} → ${f.status}${body}\n    ${f.detail.replace(/\n/g, ' ').slice(0, 400)}`;
}

/** A report grouped by kind and endpoint: what leaked, where, and how to replay it. */
export function formatReport(r: RunResult): string {
  const lines = [`canary run: seed ${r.seed}, ${r.sent} requests (${r.sampled} distinct endpoints of ${r.endpoints}), ${r.timeouts} timeouts, ${(r.ms / 1000).toFixed(1)} s`,
    `statuses: ${Object.entries(r.statuses).map(([s, c]) => `${s}×${c}`).join(' ')}`,
    `${r.findings.length} findings on ${new Set(r.findings.map((f) => f.request.endpoint)).size} endpoints (replay one: npm run fuzz -- --seed ${r.seed} --count ${r.sent} --replay N)`];
  const kinds = [...new Set(r.findings.map((f) => f.kind))];
  for (const kind of kinds) {
    const of = r.findings.filter((f) => f.kind === kind);
    lines.push(`\n== ${kind}: ${of.length}`);
    for (const f of of) lines.push(formatFinding(f));
  }
  return lines.join('\n');
}

export function writeReport(r: RunResult): string {
  const dir = path.join(REPO_ROOT, '.cache', 'canary');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `report-seed-${r.seed}.json`);
  fs.writeFileSync(file, JSON.stringify(r, null, 2));
  return file;
}

export type { Endpoint };
