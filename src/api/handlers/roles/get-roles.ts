import { splitList } from '../../body.ts';
import { ok, type Handler } from '../../types.ts';
import { roleToJson } from '../../../authz/roles/role-json.ts';

/** GET /_security/role[/{name}] — built-in and native roles by name; 404 with `{}` when none of the named exist. */
export const getRoles: Handler = async (ctx) => {
  const named = ctx.params.name === undefined ? undefined : splitList(ctx.params.name);
  const roles = await ctx.services.authz.roles.getRoles(named && named.length ? named : undefined);
  if (named !== undefined && named.length && roles.length === 0) return { status: 404, body: {} };
  return ok(Object.fromEntries(roles.map((r) => [r.name, roleToJson(r.descriptor)])));
};
