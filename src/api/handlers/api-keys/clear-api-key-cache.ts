import { splitList } from '../../body.ts';
import { ok, type Handler } from '../../types.ts';

/** POST /_security/api_key/{ids}/_clear_cache — `*` or `_all` clears every key. */
export const clearApiKeyCache: Handler = async (ctx) => {
  const ids = splitList(ctx.params.ids);
  ctx.services.apiKeys.clearCache(ids.includes('*') || ids.includes('_all') ? undefined : ids);
  const { id, name, clusterName } = ctx.services.node;
  return ok({ _nodes: { total: 1, successful: 1, failed: 0 }, cluster_name: clusterName, nodes: { [id]: { name } } });
};
