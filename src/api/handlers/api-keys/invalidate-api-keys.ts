import { ok, type Handler } from '../../types.ts';
import { checkInvalidateSelection } from '../../../authc/api-keys/api-key-requests.ts';
import { invalidateSelection } from './selection.ts';

/** DELETE /_security/api_key */
export const invalidateApiKeys: Handler = async (ctx) => {
  const s = invalidateSelection(await ctx.body());
  checkInvalidateSelection(s);
  return ok(await ctx.services.apiKeys.service.invalidate(ctx.authentication, s));
};
