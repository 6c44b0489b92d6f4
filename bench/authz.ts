/**
 * Authorization decision cost for forwarded searches: `GET /<wildcard>/_search` resolved, expanded against
 * 10 / 1,000 / 10,000 indices and authorized for users with 1 / 20 / 100 roles — the whole decision the
 * gateway makes before forwarding (request target parsing, route resolution, wildcard expansion with
 * unauthorized names dropped, the rewritten request target). No server: permissions are built directly.
 *
 *   node bench/authz.ts            (prints a table; exits non-zero when a steady-state decision at 10,000
 *                                   indices takes 1 ms or more)
 */
import { ForwardAuthorizer } from '../src/authz/forward-authorizer.ts';
import { IndexMetadata, type Abstraction } from '../src/authz/indices/metadata.ts';
import { StaticIndexMetadata } from '../src/authz/indices/metadata-source.ts';
import { SearchContextRegistry } from '../src/authz/forward-contexts.ts';
import { RolePermission } from '../src/authz/role-permission.ts';
import type { Permission } from '../src/authz/permission.ts';
import type { RoleDescriptor } from '../src/core/role-descriptor.ts';
import { makeUser } from '../src/core/user.ts';
import { realmAuthentication } from '../src/core/authentication.ts';
import { parseTarget } from '../src/authz/resolve/canonical.ts';
import { resolveRequest } from '../src/authz/resolve/resolve.ts';

const INDEX_COUNTS = [10, 1_000, 10_000];
const ROLE_COUNTS = [1, 20, 100];
const TEAMS = 20;

/** Indices `logs-<team>-<n>` spread over 20 teams, plus an `other-<n>` index for every tenth. */
function metadata(n: number): IndexMetadata {
  const out: Abstraction[] = [];
  for (let i = 0; i < n; i++) {
    const name = i % 10 === 9 ? `other-${i}` : `logs-t${i % TEAMS}-${String(i).padStart(5, '0')}`;
    out.push({ name, kind: 'index', hidden: false, closed: false, restricted: false, indices: [] });
  }
  return new IndexMetadata(n, out);
}

/** Role k reads `logs-t<k>-*` (roles past the 20 teams name patterns that match nothing), each with some noise. */
function permission(roles: number): Permission {
  const names: string[] = [];
  const descriptors: RoleDescriptor[] = [];
  for (let k = 0; k < roles; k++) {
    names.push(`role_${k}`);
    descriptors.push({
      cluster: ['monitor'],
      indices: [
        { names: [k < TEAMS ? `logs-t${k}-*` : `archive-${k}-*`], privileges: ['read', 'view_index_metadata'] },
        { names: [`metrics-${k}-*`, `/events-${k}-[0-9]+/`], privileges: ['read'] },
      ],
    });
  }
  return new RolePermission(names, descriptors);
}

const REQUESTS = [
  { label: 'GET /logs-*/_search', url: '/logs-*/_search' },
  { label: 'GET /_search (all)', url: '/_search' },
];

async function main(): Promise<void> {
  const auth = realmAuthentication(makeUser('bench', { roles: ['r'] }), { name: 'native', type: 'native' });
  const rows: string[][] = [];
  let worst = 0;
  for (const req of REQUESTS) {
    for (const n of INDEX_COUNTS) {
      const md = metadata(n);
      for (const r of ROLE_COUNTS) {
        const perm = permission(r);
        const authorizer = new ForwardAuthorizer({
          permissions: { permissionFor: async () => perm },
          metadata: new StaticIndexMetadata(md),
          contexts: new SearchContextRegistry(),
          maxRequestTarget: 10_000_000,
        });
        const decide = async () => {
          const t = parseTarget(req.url);
          const res = resolveRequest({ method: 'GET', segments: t.segments, query: t.query });
          return authorizer.plan(auth, { method: 'GET', segments: t.segments, query: t.query }, res);
        };
        const t0 = performance.now();
        const first = await decide();
        const cold = performance.now() - t0;
        const iterations = n >= 10_000 ? 2_000 : 5_000;
        for (let i = 0; i < 200; i++) await decide(); // warm-up
        const samples: number[] = [];
        for (let i = 0; i < iterations; i++) {
          const s = performance.now();
          await decide();
          samples.push(performance.now() - s);
        }
        samples.sort((a, b) => a - b);
        const median = samples[Math.floor(samples.length / 2)];
        const p99 = samples[Math.floor(samples.length * 0.99)];
        if (n === 10_000) worst = Math.max(worst, median);
        const kept = first.path === '/*,-*/_search' ? 0 : first.path.split('/')[1].split(',').length;
        rows.push([req.label, String(n), String(r), String(kept), fmt(cold), fmt(median), fmt(p99)]);
      }
    }
  }
  const head = ['request', 'indices', 'roles', 'authorized', 'first (ms)', 'median (ms)', 'p99 (ms)'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i < 1 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row));
  console.log(`\nsteady-state decision at 10,000 indices: worst median ${fmt(worst)} ms (budget 1 ms; Elasticsearch ~22 ms)`);
  console.log('"first" is the first request after a metadata or role change: it fills the per-(permission, action) table once.');
  if (worst >= 1) process.exitCode = 1;
}

function fmt(ms: number): string {
  return ms < 0.01 ? ms.toFixed(4) : ms < 10 ? ms.toFixed(3) : ms.toFixed(1);
}

await main();
