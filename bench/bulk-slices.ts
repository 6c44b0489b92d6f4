// In-process: the longest event-loop stall while one large `_bulk` / `_msearch` is resolved, decided and its
// answer written (no network): `node bench/bulk-slices.ts [MB=60] [bulk|mixed|msearch]`.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { ForwardAuthorizer } from '../src/authz/forward-authorizer.ts';
import { IndexMetadata } from '../src/authz/indices/metadata.ts';
import { StaticIndexMetadata } from '../src/authz/indices/metadata-source.ts';
import { SearchContextRegistry } from '../src/authz/forward-contexts.ts';
import { RolePermission } from '../src/authz/role-permission.ts';
import { parseTarget } from '../src/authz/resolve/canonical.ts';
import { resolveRequestSliced } from '../src/authz/resolve/resolve.ts';
import { realmAuthentication } from '../src/core/authentication.ts';
import { makeUser } from '../src/core/user.ts';
import { localAnswer, mergedAnswer } from '../src/proxy/item-answers.ts';

const MB = Number(process.argv[2] ?? 60);
const KIND = process.argv[3] ?? 'bulk';
const md = IndexMetadata.fromResolveIndex(1, { indices: ['logs-1', 'secret'].map((name) => ({ name, attributes: ['open'] })) });
const p = new RolePermission(['logs_rw'], [{ indices: [{ names: ['logs-*'], privileges: ['read', 'write'] }] }]);
const a = new ForwardAuthorizer({ permissions: { permissionFor: async () => p }, metadata: new StaticIndexMetadata(md), contexts: new SearchContextRegistry() });
const auth = realmAuthentication(makeUser('alice', { roles: ['logs_rw'] }), { name: 'native', type: 'native' });

const denied = KIND === 'msearch' ? '{"index":"secret"}\n{"query":{"match_all":{}}}\n' : '{"index":{"_index":"secret"}}\n{"a":1}\n';
const allowed = KIND === 'msearch' ? '{"index":"logs-1"}\n{"query":{"match_all":{}}}\n' : '{"index":{"_index":"logs-1"}}\n{"a":1}\n';
const parts: string[] = [];
let size = 0;
for (let n = 0; size < MB * 1048576; n++) {
  const line = KIND !== 'bulk' && n % 2 === 0 ? allowed : denied;
  parts.push(line);
  size += line.length;
}
const body = Buffer.from(parts.join(''));
parts.length = 0;

const h = monitorEventLoopDelay({ resolution: 1 });
h.enable();
const t0 = performance.now();
const url = KIND === 'msearch' ? '/_msearch' : '/_bulk';
const t = parseTarget(url);
const r = await resolveRequestSliced({ method: 'POST', segments: t.segments, query: t.query, body });
const plan = await a.plan(auth, { method: 'POST', segments: t.segments, query: t.query }, r, r.body);
const decideMax = h.max;
h.reset();
let replyBytes = 0;
if (plan.respond?.items) for await (const c of localAnswer(plan.respond.items, false)) replyBytes += c.length;
else if (plan.merge) {
  // a stand-in for the upstream's answer to the forwarded half
  const key = plan.merge.key;
  const one = key === 'items' ? '{"index":{"_index":"logs-1","_id":"x","status":201}}' : '{"took":1,"hits":{"hits":[]}}';
  const count = plan.merge.count - [...Array(plan.merge.count).keys()].filter((n) => plan.merge!.local(n) !== null).length;
  h.disable();
  const upstream = Buffer.from(`{"took":5,"errors":false,"${key}":[` + Array(count).fill(one).join(',') + ']}');
  h.enable();
  const merged = await mergedAnswer(upstream, plan.merge, false);
  for await (const c of merged!) replyBytes += c.length;
}
h.disable();
console.log(JSON.stringify({ kind: KIND, requestMB: +(body.length / 1048576).toFixed(1), forwardedMB: +((plan.body?.length ?? 0) / 1048576).toFixed(1), replyMB: +(replyBytes / 1048576).toFixed(1), seconds: +((performance.now() - t0) / 1000).toFixed(2), maxDelayDecideMs: +(decideMax / 1e6).toFixed(1), maxDelayReplyMs: +(h.max / 1e6).toFixed(1), peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024) }));
