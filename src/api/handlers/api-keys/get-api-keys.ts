import { type Handler } from '../../types.ts';
import { checkGetSelection } from '../../../authc/api-keys/api-key-requests.ts';
import { getSelection } from './selection.ts';

/** GET /_security/api_key — by id, an empty answer is a 404 (`{"api_keys":[]}`), as ES's REST action answers it. */
export const getApiKeys: Handler = async (ctx) => {
  const s = getSelection(ctx.query);
  checkGetSelection(s);
  const body = await ctx.services.apiKeys.service.get(ctx.authentication, s);
  const empty = (body.api_keys as unknown[]).length === 0;
  return { status: empty && s.ids !== undefined ? 404 : 200, body };
};
