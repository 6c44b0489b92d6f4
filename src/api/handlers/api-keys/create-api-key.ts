import { ok, type Handler } from '../../types.ts';
import { parseKeyFields } from '../../../authc/api-keys/api-key-requests.ts';

/** POST|PUT /_security/api_key */
export const createApiKey: Handler = async (ctx) => {
  const fields = parseKeyFields(await ctx.body(), ctx.services.apiKeys.parseDescriptor, { request: 'api_key_request', allowName: true, requireName: true });
  return ok(await ctx.services.apiKeys.service.create(ctx.authentication, fields));
};
