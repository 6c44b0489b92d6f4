import type { Handler } from '../../types.ts';

/** DELETE /_security/user/{username} */
export const deleteUser: Handler = async (ctx) => {
  const found = await ctx.services.users.deleteUser(ctx.params.username);
  return { status: found ? 200 : 404, body: { found } };
};
