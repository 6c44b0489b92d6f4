import { EsError, isEsError } from '../../../core/errors.ts';
import { Secret } from '../../../core/secret.ts';
import { authenticationJson } from '../authenticate.ts';
import type { Authentication } from '../../../core/authentication.ts';
import { requireObjectBody, stringField } from '../../body.ts';
import type { Handler, Reply } from '../../types.ts';

const FIELDS = new Set(['grant_type', 'username', 'password', 'refresh_token', 'scope', 'kerberos_ticket']);

/** ES's OAuth2-shaped failure answer of the token API. */
const oauthError = (error: 'invalid_request' | 'unsupported_grant_type' | 'invalid_grant', description: string): Reply => ({
  status: 400,
  body: { error, error_description: description },
});

function problems(o: Record<string, unknown>): string[] {
  const p: string[] = [];
  const has = (f: string) => o[f] !== undefined;
  const gt = o.grant_type;
  if (gt === 'password') {
    if (!has('username')) p.push('username is missing');
    if (!has('password')) p.push('password is missing');
    if (has('refresh_token')) p.push('refresh_token is not supported with the password grant_type');
  } else if (gt === 'refresh_token') {
    if (!has('refresh_token')) p.push('refresh_token is missing');
    if (has('username') || has('password')) p.push('username and password are not supported with the refresh_token grant_type');
  } else if (gt === 'client_credentials') {
    if (has('username') || has('password') || has('refresh_token')) p.push('username, password and refresh_token are not supported with the client_credentials grant_type');
  } else if (gt === undefined) p.push('grant_type is missing');
  else p.push(`grant_type [${String(gt)}] is not supported`);
  return p;
}

/** POST /_security/oauth2/token — grant types password, client_credentials, refresh_token. */
export const createToken: Handler = async (ctx) => {
  const tokens = ctx.services.tokens;
  if (!tokens.enabled) throw new EsError('bad_request', 'security tokens are not enabled', { type: 'feature_not_enabled_exception', fields: { 'es.disabled.feature': 'security_tokens' } });
  const o = requireObjectBody(await ctx.body());
  for (const f of Object.keys(o)) if (!FIELDS.has(f)) throw new EsError('x_content_parse', `[1:2] [token_request] unknown field [${f}]`);
  const p = problems(o);
  if (p.length) {
    const message = `Validation Failed: ${p.map((x, i) => `${i + 1}: ${x};`).join('')}`;
    return oauthError(p.some((x) => x.includes('grant_type [')) || o.grant_type === undefined ? 'unsupported_grant_type' : 'invalid_request', message);
  }
  try {
    const client = ctx.authentication;
    let subject: Authentication;
    let issued;
    if (o.grant_type === 'refresh_token') {
      issued = await tokens.service.refresh(new Secret(stringField('refresh_token', o.refresh_token) as string), client);
      subject = issued.authentication;
    } else {
      subject =
        o.grant_type === 'password'
          ? await ctx.services.apiKeys.authenticateGrantee(stringField('username', o.username) as string, new Secret(stringField('password', o.password) as string), ctx.request, 'token')
          : (ctx.secondaryAuthentication ?? client); // client_credentials: on behalf of the secondary subject, if any
      issued = await tokens.service.create(subject, client, o.grant_type === 'password');
    }
    const body: Record<string, unknown> = { access_token: issued.access.reveal(), type: 'Bearer', expires_in: issued.expiresInSeconds };
    if (typeof o.scope === 'string') body.scope = o.scope;
    if (issued.refresh) body.refresh_token = issued.refresh.reveal();
    body.authentication = authenticationJson(subject, subject.user.roles);
    return { status: 200, body };
  } catch (e) {
    if (isEsError(e) && e.type === 'invalid_grant') return oauthError('invalid_grant', e.message);
    throw e;
  }
};
