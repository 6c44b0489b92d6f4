import { EsError, validationError } from '../../../core/errors.ts';
import { Secret } from '../../../core/secret.ts';
import { requireObjectBody, stringField } from '../../body.ts';
import { ok, type Handler } from '../../types.ts';

const FIELDS = new Set(['token', 'refresh_token', 'realm_name', 'username']);

/** DELETE /_security/oauth2/token — by token, refresh_token, realm_name and/or username. */
export const invalidateToken: Handler = async (ctx) => {
  const o = requireObjectBody(await ctx.body());
  for (const f of Object.keys(o)) if (!FIELDS.has(f)) throw new EsError('x_content_parse', `[1:2] [invalidate_token] unknown field [${f}]`);
  const text = (f: string) => (o[f] === undefined || o[f] === null ? undefined : (stringField(f, o[f]) as string));
  const token = text('token');
  const refresh = text('refresh_token');
  const realm = text('realm_name');
  const username = text('username');
  const p: string[] = [];
  if (realm || username) {
    if (token || refresh) p.push('token string must not be provided when realm name or username is specified');
  } else if (!token && !refresh) p.push('token string must be provided when not specifying a realm name or a username');
  else if (token && refresh) p.push('only one of [token, refresh_token] may be provided');
  if (p.length) throw validationError(p);
  const r = await ctx.services.tokens.service.invalidate({
    token: token ? new Secret(token) : undefined,
    refreshToken: refresh ? new Secret(refresh) : undefined,
    realm,
    username,
  });
  return ok({ invalidated_tokens: r.invalidated, previously_invalidated_tokens: r.previously, error_count: 0 });
};
