import { ok, type Handler } from '../../types.ts';

/** PUT|POST /_security/privilege — `{app: {name: {actions, metadata}}}` → `{app: {name: {created}}}`. */
export const putPrivileges: Handler = async (ctx) => {
  const service = ctx.services.authz.privileges;
  return ok(await service.put(service.parsePut(await ctx.body())));
};
