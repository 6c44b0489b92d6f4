import { userToJson } from '../../../core/user.ts';
import { booleanParam, checkParams } from '../../params.ts';
import { ok, type Handler } from '../../types.ts';

export const QUERY_USER_ACTION = 'cluster:admin/xpack/security/user/query';

/**
 * GET|POST /_security/_query/user: native users matching a query (username, roles, enabled, full_name,
 * email), paged and sorted; `with_profile_uid` adds each user's profile uid when it has one.
 */
export const queryUsers: Handler = async (ctx) => {
  checkParams(ctx.request.path, ctx.query, ['with_profile_uid']);
  const withProfileUid = booleanParam(ctx.query, 'with_profile_uid');
  const r = await ctx.services.users.query(await ctx.body(), Date.now());
  const users = await Promise.all(
    r.users.map(async ({ user, sort }) => {
      const out: Record<string, unknown> = userToJson(user);
      if (sort.length) out._sort = sort;
      if (withProfileUid) {
        const uid = await ctx.services.profiles.uidOf(user.username, { name: '', type: 'native' });
        if (uid !== undefined) out.profile_uid = uid;
      }
      return out;
    }),
  );
  return ok({ total: r.total, count: users.length, users });
};
