import { EsError, isEsError } from '../../core/errors.ts';

/**
 * The realm chain's failure for the credentials in a grant body, as ES words it: about the action, not the
 * REST request (`unable to authenticate user [joe] for action [cluster:admin/xpack/security/token/create]`;
 * an access token is the user `_bearer_token`). Its challenge header and unsuccessful credentials are kept.
 */
export function grantAuthenticationError(e: unknown, principal: string, action: string): unknown {
  if (!isEsError(e) || e.status !== 401) return e;
  return new EsError('authentication_failed', `unable to authenticate user [${principal}] for action [${action}]`, { headers: e.headers, fields: e.fields });
}

/** The API key grant wraps that failure in a 403, as ES's TransportGrantApiKeyAction does. */
export function apiKeyGrantFailure(e: unknown, principal: string): unknown {
  const inner = grantAuthenticationError(e, principal, 'cluster:admin/xpack/security/api_key/grant');
  if (inner === e) return e;
  return new EsError('forbidden', 'Failed to authenticate api key grant', { causedBy: inner as EsError });
}

/**
 * ES's validation of a grant's credentials (API key grant, profile activation): `grant_type` `password` needs
 * `username` and `password`, `access_token` needs `access_token`, and neither takes the other's fields.
 */
export function grantProblems(grantType: string | null | undefined, o: Record<string, unknown>): string[] {
  const problems: string[] = [];
  if (grantType === undefined) problems.push('[grant_type] is required');
  else if (grantType === 'password') {
    if (o.username === undefined) problems.push('[username] is required for grant_type [password]');
    if (o.password === undefined) problems.push('[password] is required for grant_type [password]');
    if (o.access_token !== undefined) problems.push('[access_token] is not supported for grant_type [password]');
  } else if (grantType === 'access_token') {
    if (o.access_token === undefined) problems.push('[access_token] is required for grant_type [access_token]');
    if (o.username !== undefined) problems.push('[username] is not supported for grant_type [access_token]');
    if (o.password !== undefined) problems.push('[password] is not supported for grant_type [access_token]');
  } else problems.push(`grant_type [${grantType}] is not supported`);
  return problems;
}
