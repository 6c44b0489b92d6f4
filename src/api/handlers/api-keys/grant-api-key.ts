import { EsError, validationError } from '../../../core/errors.ts';
import { Secret } from '../../../core/secret.ts';
import { ok, type Handler } from '../../types.ts';
import { parseKeyFields, type DescriptorParser, type KeyFields } from '../../../authc/api-keys/api-key-requests.ts';
import { fieldParseError, requireObjectBody, stringField, unknownFieldError, valueTypeError } from '../../body.ts';
import { endAt, valueAt } from '../../../lib/json-positions.ts';
import { apiKeyGrantFailure, grantProblems } from '../grant-errors.ts';

const FIELDS = ['grant_type', 'username', 'password', 'access_token', 'run_as', 'api_key', 'client_authentication'];
const PARSER = 'grant_api_key_request';

/** The `api_key` object, parsed by the create API's parser; its parse failures wrapped as the grant's field. */
function apiKeyFields(o: Record<string, unknown>, parse: DescriptorParser): KeyFields {
  const v = o.api_key;
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw valueTypeError(PARSER, o, 'api_key', v);
  try {
    return parseKeyFields(v, parse, { request: 'api_key_request', allowName: true, requireName: true });
  } catch (e: unknown) {
    if (!(e instanceof EsError) || e.type === 'action_request_validation_exception') throw e;
    // Where the nested parser stopped: the value after an unknown field's name, else the object's end.
    const unknown = /unknown field \[([^\]]+)\]/.exec(e.message)?.[1];
    throw fieldParseError(PARSER, o, 'api_key', e, unknown !== undefined && unknown in v ? valueAt(v, unknown) : endAt(v));
  }
}

/**
 * POST /_security/api_key/grant: creates a key on behalf of the user whose credentials are in the body.
 * `grant_type: password` authenticates them through the realm chain; `access_token` needs the token service.
 */
export const grantApiKey: Handler = async (ctx) => {
  const o = requireObjectBody(await ctx.body());
  for (const f of Object.keys(o)) if (!FIELDS.includes(f)) throw unknownFieldError(PARSER, o, f, FIELDS);
  const grantType = o.grant_type === undefined ? undefined : stringField('grant_type', o.grant_type);
  // Without credentials in the body, the key is granted to the subject of `es-secondary-authorization`.
  if (grantType === undefined && ctx.secondaryAuthentication && o.username === undefined && o.access_token === undefined) {
    if (o.api_key === undefined) throw validationError(['api key name is required']);
    return ok(await ctx.services.apiKeys.service.create(ctx.secondaryAuthentication, apiKeyFields(o, ctx.services.apiKeys.parseDescriptor)));
  }
  const problems = grantProblems(grantType, o);
  if (o.api_key === undefined) problems.push('api key name is required');
  if (o.client_authentication !== undefined && grantType === 'password') problems.push('[client_authentication] is not supported for grant_type [password]');
  if (problems.length) throw validationError(problems);
  // Client authentication only goes with JWT access tokens (the JWT realm); this gateway's tokens are not JWTs.
  if (o.client_authentication !== undefined) {
    throw new EsError('bad_request', '[client_authentication] not supported with the supplied access_token type', { type: 'security_exception' });
  }
  const fields = apiKeyFields(o, ctx.services.apiKeys.parseDescriptor);
  const runAs = o.run_as === undefined ? undefined : (stringField('run_as', o.run_as) as string);
  const username = grantType === 'access_token' ? '_bearer_token' : (stringField('username', o.username) as string);
  let grantee;
  try {
    grantee =
      grantType === 'access_token'
        ? await ctx.services.apiKeys.authenticateGranteeToken(new Secret(stringField('access_token', o.access_token) as string), ctx.request, runAs)
        : await ctx.services.apiKeys.authenticateGrantee(username, new Secret(stringField('password', o.password) as string), ctx.request, 'api_key', runAs);
  } catch (e) {
    throw apiKeyGrantFailure(e, username);
  }
  return ok(await ctx.services.apiKeys.service.create(grantee, fields));
};
