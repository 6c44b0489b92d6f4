import { isEsError } from '../../../core/errors.ts';
import { ok, type Handler } from '../../types.ts';

export const QUERY_API_KEY_ACTION = 'cluster:admin/xpack/security/api_key/query';

/**
 * GET|POST /_security/_query/api_key. The route authorizes the caller for its own keys; callers who may
 * also manage other users' keys (`manage_api_key`) see all of them.
 */
export const queryApiKeys: Handler = async (ctx) => {
  let ownOnly = false;
  try {
    await ctx.services.authorizer.authorizeAction(ctx.authentication, QUERY_API_KEY_ACTION, { apiKeys: { owner: false } });
  } catch (e) {
    if (!isEsError(e) || e.status !== 403) throw e;
    ownOnly = true;
  }
  const flag = (name: string) => ctx.query.get(name) === '' || ctx.query.get(name) === 'true';
  const body = await ctx.body();
  return ok(await ctx.services.apiKeys.service.query(ctx.authentication, body, { ownOnly, withLimitedBy: flag('with_limited_by'), typedKeys: flag('typed_keys') }));
};
