import { userToJson } from '../../../core/user.ts';
import { splitList } from '../../body.ts';
import { ok, type Handler } from '../../types.ts';

/** GET /_security/user[/{username}] — a map of username to user; 404 with `{}` when none of the named exist. */
export const getUsers: Handler = async (ctx) => {
  const named = ctx.params.username === undefined ? undefined : splitList(ctx.params.username);
  const users = await ctx.services.users.getUsers(named);
  if (named !== undefined && users.length === 0) return { status: 404, body: {} };
  return ok(Object.fromEntries(users.map((u) => [u.username, userToJson(u)])));
};
