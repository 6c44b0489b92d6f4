import { illegalArgument, validationError } from '../../../core/errors.ts';
import { Secret } from '../../../core/secret.ts';
import { buildError, requireObjectBody, unknownFieldError, valueTypeError } from '../../body.ts';
import { type Handler } from '../../types.ts';

const FIELDS = ['token', 'refresh_token', 'realm_name', 'username'];
const PARSER = 'invalidate_token';

/** The body's four string fields, with ES's parse errors; empty strings count as absent (ES's `hasText`). */
function readBody(body: unknown): Record<string, string | undefined> {
  const o = requireObjectBody(body);
  const out: Record<string, string | undefined> = {};
  for (const [f, v] of Object.entries(o)) {
    if (!FIELDS.includes(f)) throw unknownFieldError(PARSER, o, f, FIELDS);
    if (v !== null && typeof v !== 'string') throw valueTypeError(PARSER, o, f, v);
    out[f] = v === null || v === '' ? undefined : v;
  }
  // Token and refresh token are one constructor argument each: both at once fails the request's build.
  if (out.token !== undefined && out.refresh_token !== undefined) {
    throw buildError(PARSER, illegalArgument('only one of [token, refresh_token] may be sent per request'));
  }
  return out;
}

/**
 * DELETE /_security/oauth2/token — by token, refresh_token, realm_name and/or username. A token or refresh
 * token that is not found is answered with zero counts and a 404, as ES does.
 */
export const invalidateToken: Handler = async (ctx) => {
  const { token, refresh_token: refresh, realm_name: realm, username } = readBody(await ctx.body());
  const p: string[] = [];
  if (realm || username) {
    if (token || refresh) p.push('token string must not be provided when realm name or username is specified', 'token type must not be provided when realm name or username is specified');
  } else if (!token && !refresh) p.push('token string must be provided when not specifying a realm name or a username');
  if (p.length) throw validationError(p);
  const r = await ctx.services.tokens.service.invalidate({
    token: token ? new Secret(token) : undefined,
    refreshToken: refresh ? new Secret(refresh) : undefined,
    realm,
    username,
  });
  return { status: r.found ? 200 : 404, body: { invalidated_tokens: r.invalidated, previously_invalidated_tokens: r.previously, error_count: 0 } };
};
