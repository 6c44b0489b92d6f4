import { splitList } from '../body.ts';
import { ok, type Handler } from '../types.ts';

/** POST /_security/realm/{realms}/_clear_cache[?usernames=a,b] — a nodes response like ES's. */
export const clearRealmCache: Handler = async (ctx) => {
  const realms = splitList(ctx.params.realms);
  const usernames = ctx.query.has('usernames') ? splitList(ctx.query.get('usernames') ?? '') : undefined;
  const all = realms.length === 0 || realms.includes('*') || realms.includes('_all');
  ctx.services.chain.clearCache(all ? '*' : realms, usernames);
  const { id, name, clusterName } = ctx.services.node;
  return ok({ _nodes: { total: 1, successful: 1, failed: 0 }, cluster_name: clusterName, nodes: { [id]: { name } } });
};
