import { illegalArgument, validationError } from '../../../core/errors.ts';
import { ok, type Handler } from '../../types.ts';
import { parseKeyFields } from '../../../authc/api-keys/api-key-requests.ts';
import { requireObjectBody, stringArray } from '../../body.ts';

/** PUT /_security/api_key/{id} — an empty body is allowed (it refreshes limited_by). */
export const updateApiKey: Handler = async (ctx) => {
  const body = (await ctx.body()) ?? {};
  const fields = parseKeyFields(body, ctx.services.apiKeys.parseDescriptor, { request: 'update_api_key_request_payload', allowName: false, requireName: false });
  return ok(await ctx.services.apiKeys.service.update(ctx.authentication, ctx.params.id, fields));
};

/** POST /_security/api_key/_bulk_update */
export const bulkUpdateApiKeys: Handler = async (ctx) => {
  const body = requireObjectBody(await ctx.body());
  const fields = parseKeyFields(body, ctx.services.apiKeys.parseDescriptor, { request: 'bulk_update_api_key_request', allowName: false, requireName: false });
  // `ids` is the constructing parser's required argument; an empty list fails the request's validation.
  if (body.ids === undefined) throw illegalArgument('Required [ids]');
  const list = stringArray('ids', body.ids);
  if (list.length === 0) throw validationError(['Field [ids] cannot be empty']);
  const r = await ctx.services.apiKeys.service.bulkUpdate(ctx.authentication, list, fields);
  const out: Record<string, unknown> = { updated: r.updated, noops: r.noops };
  const failed = Object.entries(r.errors);
  if (failed.length) {
    out.errors = { count: failed.length, details: Object.fromEntries(failed.map(([id, e]) => [id, { type: e.type, reason: e.message }])) };
  }
  return ok(out);
};
