import { EsError, isEsError, validationError } from '../../../core/errors.ts';
import { Secret } from '../../../core/secret.ts';
import type { Authentication } from '../../../core/authentication.ts';
import { profileToJson } from '../../../authc/profiles/profile-json.ts';
import { requireObjectBody, stringField } from '../../body.ts';
import { checkParams } from '../../params.ts';
import { grantProblems } from '../grant-errors.ts';
import { ok, type Handler, type HandlerContext } from '../../types.ts';

export const ACTIVATE_PROFILE_ACTION = 'cluster:admin/xpack/security/profile/activate';
const FIELDS = new Set(['grant_type', 'username', 'password', 'access_token']);

/**
 * POST /_security/profile/_activate: creates or synchronizes the profile of the user whose credentials
 * (`grant_type` password or access_token) are in the body; the caller needs `manage_user_profile`.
 */
export const activateProfile: Handler = async (ctx) => {
  checkParams(ctx.request.path, ctx.query, []);
  const o = requireObjectBody(await ctx.body());
  for (const f of Object.keys(o)) if (!FIELDS.has(f)) throw new EsError('x_content_parse', `[1:2] [activate_profile_request] unknown field [${f}]`);
  const grantType = o.grant_type === undefined ? undefined : stringField('grant_type', o.grant_type);
  const problems = grantProblems(grantType, o);
  if (problems.length) throw validationError(problems);
  const subject = await grantee(ctx, grantType as 'password' | 'access_token', o);
  return ok(profileToJson(await ctx.services.profiles.activate(subject), []));
};

/** The grant's user; a failed authentication is ES's 401 naming the user (`_bearer_token` for a token) and the action. */
async function grantee(ctx: HandlerContext, grantType: 'password' | 'access_token', o: Record<string, unknown>): Promise<Authentication> {
  const keys = ctx.services.apiKeys;
  const principal = grantType === 'password' ? (stringField('username', o.username) as string) : '_bearer_token';
  try {
    if (grantType === 'access_token') return await keys.authenticateGranteeToken(new Secret(stringField('access_token', o.access_token) as string), ctx.request, undefined, 'profile');
    return await keys.authenticateGrantee(principal, new Secret(stringField('password', o.password) as string), ctx.request, 'profile');
  } catch (e) {
    if (!isEsError(e) || e.status !== 401) throw e;
    throw new EsError('authentication_failed', `unable to authenticate user [${principal}] for action [${ACTIVATE_PROFILE_ACTION}]`);
  }
}
