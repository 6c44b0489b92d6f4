import { EsError } from '../../../core/errors.ts';
import { checkParams, checkRefresh } from '../../params.ts';
import { ok, type Handler } from '../../types.ts';

/** PUT|POST /_security/profile/{uid}/_enable and `_disable`. A disabled profile is left out of suggestions and privilege checks. */
export const setProfileEnabled =
  (enabled: boolean): Handler =>
  async (ctx) => {
    checkParams(ctx.request.path, ctx.query, ['refresh']);
    checkRefresh(ctx.query);
    if ((await ctx.body()) !== undefined) throw new EsError('illegal_argument', `request [${ctx.request.method} ${ctx.request.path}] does not support having a body`);
    await ctx.services.profiles.setEnabled(ctx.params.uid, enabled);
    return ok({ acknowledged: true });
  };
