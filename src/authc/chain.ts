import type { Credentials, RequestInfo } from '../core/request.ts';
import { realmAuthentication, type Authentication } from '../core/authentication.ts';
import { EsError } from '../core/errors.ts';
import type { Realm } from './realm.ts';
import type { User } from '../core/user.ts';
import { principalOf } from './credentials.ts';

/** One realm's answer, kept for audit and for the doctor: which realms were asked and why they refused. */
export interface RealmAttempt {
  readonly realm: string;
  readonly type: string;
  readonly outcome: 'continue' | 'terminate';
  readonly message?: string;
}

export type ChainOutcome =
  | { readonly ok: true; readonly authentication: Authentication; readonly attempts: readonly RealmAttempt[] }
  | { readonly ok: false; readonly error: EsError; readonly attempts: readonly RealmAttempt[] };

export type AuthenticatorResult =
  | { readonly status: 'success'; readonly authentication: Authentication }
  | { readonly status: 'continue'; readonly message?: string }
  | {
      readonly status: 'terminate';
      readonly message: string;
      /** A complete error to answer with. */
      readonly error?: EsError;
      /** The 401 reason (with the usual challenges) instead of the generic one. */
      readonly failureReason?: string;
    };

/**
 * A credential kind handled before the realms (service tokens, OAuth2 tokens, API keys). `label` names it in
 * ES's `additional_unsuccessful_credentials` ("API key: api key is expired").
 */
export interface Authenticator {
  readonly name: string;
  readonly label: string;
  supports(credentials: Credentials): boolean;
  authenticate(credentials: Credentials, request: RequestInfo): Promise<AuthenticatorResult>;
}

export interface ChainOptions {
  /** WWW-Authenticate challenges, in ES's order (Basic, Bearer, ApiKey, Negotiate ...). */
  readonly challenges: readonly string[];
  /** The anonymous user, when anonymous access is enabled (it has roles): requests without credentials become it. */
  readonly anonymous?: User;
}

export const ANONYMOUS_REALM = { name: '__anonymous', type: '__anonymous' } as const;

/**
 * ES's authenticator chain, in its order: (service tokens → OAuth2 tokens → API keys, as later authenticators)
 * → realms in configured order → anonymous. A realm answers success, continue or terminate.
 */
export class AuthenticatorChain {
  readonly #realms: readonly Realm[];
  readonly #authenticators: readonly Authenticator[];
  readonly #challenges: readonly string[];
  readonly #anonymous: User | undefined;

  constructor(authenticators: readonly Authenticator[], realms: readonly Realm[], opts: ChainOptions) {
    this.#authenticators = authenticators;
    this.#realms = [...realms].sort((a, b) => a.order - b.order);
    this.#challenges = opts.challenges;
    this.#anonymous = opts.anonymous;
  }

  get realms(): readonly Realm[] {
    return this.#realms;
  }

  async authenticate(credentials: Credentials, request: RequestInfo): Promise<ChainOutcome> {
    if (credentials.kind === 'none') {
      // Only a request without credentials becomes anonymous: bad credentials never fall back to it.
      if (this.#anonymous) {
        const authentication: Authentication = { user: this.#anonymous, authenticatedBy: ANONYMOUS_REALM, lookedUpBy: ANONYMOUS_REALM, type: 'anonymous' };
        return { ok: true, authentication, attempts: [] };
      }
      return { ok: false, error: this.unauthenticated(`missing authentication credentials for REST request [${request.uri}]`), attempts: [] };
    }
    const attempts: RealmAttempt[] = [];
    const unsuccessful: string[] = [];
    for (const a of this.#authenticators) {
      if (!a.supports(credentials)) continue;
      const r = await a.authenticate(credentials, request);
      if (r.status === 'success') return { ok: true, authentication: r.authentication, attempts };
      attempts.push({ realm: a.name, type: a.name, outcome: r.status, message: r.message });
      unsuccessful.push(`${a.label}: ${r.message ?? 'unsuccessful'}`);
      if (r.status === 'terminate') {
        if (r.error) return { ok: false, error: r.error, attempts };
        if (r.failureReason) return { ok: false, error: this.unauthenticated(r.failureReason), attempts };
        break;
      }
    }
    if (unsuccessful.length > 0) {
      const error = this.unauthenticated('unable to authenticate with provided credentials and anonymous access is not allowed for this request', {
        additional_unsuccessful_credentials: unsuccessful.join(', '),
      });
      return { ok: false, error, attempts };
    }
    for (const realm of this.#realms) {
      if (!realm.supports(credentials)) continue;
      const r = await realm.authenticate(credentials, request);
      if (r.status === 'success') return { ok: true, authentication: realmAuthentication(r.user, realm), attempts };
      attempts.push({ realm: realm.name, type: realm.type, outcome: r.status, message: r.message });
      if (r.status === 'terminate') break;
    }
    return { ok: false, error: this.failed(credentials, request), attempts };
  }

  /** "unable to authenticate user [x] for REST request [uri]" with the challenges. */
  failed(credentials: Credentials, request: RequestInfo): EsError {
    return this.unauthenticated(`unable to authenticate user [${principalOf(credentials)}] for REST request [${request.uri}]`);
  }

  /** A 401 carrying the configured WWW-Authenticate challenges (as headers and in the body). */
  unauthenticated(reason: string, fields?: Record<string, unknown>, causedBy?: EsError): EsError {
    return new EsError('authentication_failed', reason, { headers: { 'WWW-Authenticate': [...this.#challenges] }, fields, causedBy });
  }

  /** Looks a user up in the realms, in order (for run-as). */
  async lookupUser(username: string): Promise<{ user: import('../core/user.ts').User; realm: Realm } | null> {
    for (const realm of this.#realms) {
      const user = await realm.lookupUser(username);
      if (user) return { user, realm };
    }
    return null;
  }

  clearCache(realmNames: readonly string[] | '*', usernames?: readonly string[]): void {
    for (const r of this.#realms) if (realmNames === '*' || realmNames.includes(r.name)) r.clearCache(usernames);
  }
}
