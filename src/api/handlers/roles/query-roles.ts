import { ok, type Handler } from '../../types.ts';
import { parseRoleQuery, runRoleQuery } from '../../../authz/roles/role-query.ts';
import { roleToJson } from '../../../authz/roles/role-json.ts';

/** GET|POST /_security/_query/role — native roles matching a query, paged and sorted. */
export const queryRoles: Handler = async (ctx) => {
  const q = parseRoleQuery(await ctx.body(), ctx.query);
  const roles = await ctx.services.authz.roles.nativeRoles();
  return ok(runRoleQuery(roles, q, (r) => roleToJson(r.descriptor)));
};
