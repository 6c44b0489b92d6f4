import { ok, type Handler } from '../../types.ts';

/** POST /_security/privilege/{application}/_clear_cache — drops what was compiled from application privileges. */
export const clearPrivilegesCache: Handler = async (ctx) => {
  ctx.services.authz.privileges.clearCache();
  const { id, name, clusterName } = ctx.services.node;
  return ok({ _nodes: { total: 1, successful: 1, failed: 0 }, cluster_name: clusterName, nodes: { [id]: { name } } });
};
