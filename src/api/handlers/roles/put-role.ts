import { requireObjectBody } from '../../body.ts';
import { ok, type Handler } from '../../types.ts';

/** PUT|POST /_security/role/{name} → `{"role":{"created":bool}}`. */
export const putRole: Handler = async (ctx) => {
  const body = requireObjectBody(await ctx.body());
  const roles = ctx.services.authz.roles;
  const descriptor = roles.parse(ctx.params.name, body);
  const outcome = await roles.putRole(ctx.params.name, descriptor);
  return ok({ role: { created: outcome === 'created' } });
};
