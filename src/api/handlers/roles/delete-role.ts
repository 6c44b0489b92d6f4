import type { Handler } from '../../types.ts';

/** DELETE /_security/role/{name} → `{"found":bool}` (404 when not found). */
export const deleteRole: Handler = async (ctx) => {
  const found = await ctx.services.authz.roles.deleteRole(ctx.params.name);
  return { status: found ? 200 : 404, body: { found } };
};
