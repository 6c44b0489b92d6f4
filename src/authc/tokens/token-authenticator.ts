import type { Credentials } from '../../core/request.ts';
import { EsError } from '../../core/errors.ts';
import type { Authenticator, AuthenticatorResult } from '../chain.ts';
import type { TokenService } from './token-service.ts';

const EXPIRED_CHALLENGE = 'Bearer realm="security", error="invalid_token", error_description="The access token expired"';

/** `Authorization: Bearer <access token>` (OAuth2-style tokens). An expired or invalidated token ends the chain with ES's 401. */
export class TokenAuthenticator implements Authenticator {
  readonly name = '_token';
  readonly label = 'oauth2 token';
  readonly #tokens: TokenService;
  readonly #enabled: boolean;

  constructor(tokens: TokenService, enabled: boolean) {
    this.#tokens = tokens;
    this.#enabled = enabled;
  }

  supports(c: Credentials): boolean {
    return this.#enabled && c.kind === 'bearer';
  }

  async authenticate(c: Credentials): Promise<AuthenticatorResult> {
    if (c.kind !== 'bearer') return { status: 'continue' };
    const r = await this.#tokens.authenticate(c.token);
    if (r.ok) return { status: 'success', authentication: r.authentication };
    if (r.reason === 'expired') {
      const error = new EsError('authentication_failed', 'token expired', { headers: { 'WWW-Authenticate': [EXPIRED_CHALLENGE] } });
      return { status: 'terminate', message: 'token expired', error };
    }
    return { status: 'continue', message: 'invalid token' };
  }
}
