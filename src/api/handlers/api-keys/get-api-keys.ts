import { ok, type Handler } from '../../types.ts';
import { checkGetSelection } from '../../../authc/api-keys/api-key-requests.ts';
import { getSelection } from './selection.ts';

/** GET /_security/api_key */
export const getApiKeys: Handler = async (ctx) => {
  const s = getSelection(ctx.query);
  checkGetSelection(s);
  return ok(await ctx.services.apiKeys.service.get(ctx.authentication, s));
};
