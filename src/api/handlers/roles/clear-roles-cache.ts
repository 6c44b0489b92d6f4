import { splitList } from '../../body.ts';
import { ok, type Handler } from '../../types.ts';

/** POST /_security/role/{name}/_clear_cache — drops compiled permissions; a nodes response like ES's. */
export const clearRolesCache: Handler = async (ctx) => {
  ctx.services.authz.roles.clearCache(splitList(ctx.params.name));
  const { id, name, clusterName } = ctx.services.node;
  return ok({ _nodes: { total: 1, successful: 1, failed: 0 }, cluster_name: clusterName, nodes: { [id]: { name } } });
};
