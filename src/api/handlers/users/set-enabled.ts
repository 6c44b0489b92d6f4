import { ok, type Handler } from '../../types.ts';

/** PUT|POST /_security/user/{username}/_enable and /_disable */
export const setEnabled =
  (enabled: boolean): Handler =>
  async (ctx) => {
    await ctx.services.users.setEnabled(ctx.params.username, enabled, ctx.authentication);
    return ok({});
  };
