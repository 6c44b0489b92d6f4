import { EsError, isEsError } from '../../../core/errors.ts';
import { Secret } from '../../../core/secret.ts';
import { authenticationJson } from '../authenticate.ts';
import type { Authentication } from '../../../core/authentication.ts';
import { requireObjectBody, stringField, unknownFieldError, valueTypeError } from '../../body.ts';
import { grantAuthenticationError } from '../grant-errors.ts';
import type { Handler, HandlerContext, Reply } from '../../types.ts';

const FIELDS = ['grant_type', 'username', 'password', 'kerberos_ticket', 'refresh_token', 'scope'];
const PARSER = 'token_request';

/** ES's OAuth2-shaped failure answer of the token API. */
const oauthError = (error: 'invalid_request' | 'unsupported_grant_type' | 'invalid_grant', description: string): Reply => ({
  status: 400,
  body: { error, error_description: description },
});

/** Per grant type: the fields it does not take, then the ones it needs (ES's CreateTokenRequest order). */
const GRANTS: Readonly<Record<string, { readonly refuses: readonly string[]; readonly needs: readonly string[] }>> = {
  password: { refuses: ['kerberos_ticket', 'refresh_token'], needs: ['username', 'password'] },
  _kerberos: { refuses: ['username', 'password', 'refresh_token'], needs: ['kerberos_ticket'] },
  refresh_token: { refuses: ['username', 'password', 'kerberos_ticket'], needs: ['refresh_token'] },
  client_credentials: { refuses: ['username', 'password', 'kerberos_ticket', 'refresh_token'], needs: [] },
};

function problems(o: Record<string, unknown>): string[] {
  const gt = typeof o.grant_type === 'string' ? o.grant_type : '';
  const grant = Object.hasOwn(GRANTS, gt) ? GRANTS[gt] : undefined;
  if (!grant) return [`grant_type only supports the values: [${Object.keys(GRANTS).join(', ')}]`];
  const present = (f: string) => o[f] !== undefined && o[f] !== null;
  return [
    ...grant.refuses.filter(present).map((f) => `${f} is not supported with the ${gt} grant_type`),
    ...grant.needs.filter((f) => !present(f) || o[f] === '').map((f) => `${f} is missing`),
  ];
}

/** The user of a password grant, through the realm chain; a failure worded as ES words it (about the action). */
async function passwordGrantee(ctx: HandlerContext, o: Record<string, unknown>): Promise<Authentication> {
  const username = stringField('username', o.username) as string;
  try {
    return await ctx.services.apiKeys.authenticateGrantee(username, new Secret(stringField('password', o.password) as string), ctx.request, 'token');
  } catch (e) {
    throw grantAuthenticationError(e, username, 'cluster:admin/xpack/security/token/create');
  }
}

/** POST /_security/oauth2/token — grant types password, client_credentials, refresh_token. */
export const createToken: Handler = async (ctx) => {
  const tokens = ctx.services.tokens;
  if (!tokens.enabled) throw new EsError('bad_request', 'security tokens are not enabled', { type: 'feature_not_enabled_exception', fields: { 'es.disabled.feature': 'security_tokens' } });
  const o = requireObjectBody(await ctx.body());
  for (const [f, v] of Object.entries(o)) {
    if (!FIELDS.includes(f)) throw unknownFieldError(PARSER, o, f, FIELDS);
    if (v !== null && typeof v !== 'string') throw valueTypeError(PARSER, o, f, v);
  }
  const p = problems(o);
  if (p.length) {
    // ES's REST action: a failure that names the grant type is `unsupported_grant_type`, the others `invalid_request`.
    const message = `Validation Failed: ${p.map((x, i) => `${i + 1}: ${x};`).join('')}`;
    return oauthError(p.some((x) => x.includes('grant_type')) ? 'unsupported_grant_type' : 'invalid_request', message);
  }
  if (o.grant_type === '_kerberos') return oauthError('unsupported_grant_type', 'Validation Failed: 1: grant_type [_kerberos] is not supported;');
  try {
    const client = ctx.authentication;
    let subject: Authentication;
    let issued;
    if (o.grant_type === 'refresh_token') {
      issued = await tokens.service.refresh(new Secret(stringField('refresh_token', o.refresh_token) as string), client);
      // ES reports the refreshed pair's authentication as a token authentication.
      subject = { ...issued.authentication, type: 'token' };
    } else {
      subject = o.grant_type === 'password' ? await passwordGrantee(ctx, o) : (ctx.secondaryAuthentication ?? client); // client_credentials: on behalf of the secondary subject, if any
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
