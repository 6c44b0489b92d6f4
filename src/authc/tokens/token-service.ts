import type { Authentication } from '../../core/authentication.ts';
import type { Clock } from '../../core/clock.ts';
import { EsError } from '../../core/errors.ts';
import type { Secret } from '../../core/secret.ts';
import type { SecurityStore, TokenRecord } from '../../store/security-store.ts';
import { newTokenString, openPair, sealPair, tokenHash } from './token-material.ts';

export const REFRESH_LIFETIME_MS = 24 * 3_600_000;
export const REFRESH_RETRY_WINDOW_MS = 30_000;

export interface IssuedToken {
  readonly access: Secret;
  readonly refresh: Secret | null;
  readonly expiresInSeconds: number;
  readonly authentication: Authentication;
}

/** ES's OAuth2 token errors: `{"error":"invalid_grant","error_description":"..."}` with a 400. */
export function invalidGrant(description: string): EsError {
  return new EsError('bad_request', description, { type: 'invalid_grant', fields: { error_description: description } });
}

/**
 * OAuth2-style tokens (ES's TokenService): a pair per grant, the refresh token single use with a 30 s window
 * in which a repeat returns the same new pair, invalidation by token, refresh token, realm or user.
 */
export class TokenService {
  readonly #store: SecurityStore;
  readonly #clock: Clock;
  readonly #timeoutMs: number;

  constructor(store: SecurityStore, clock: Clock, timeoutMs: number) {
    this.#store = store;
    this.#clock = clock;
    this.#timeoutMs = timeoutMs;
  }

  /** A new token for `subject`, created by `client`; client_credentials tokens have no refresh token. */
  async create(subject: Authentication, client: Authentication, withRefresh: boolean): Promise<IssuedToken> {
    const access = newTokenString();
    const refresh = withRefresh ? newTokenString() : null;
    const now = this.#clock.now();
    const owner = ownerOf(subject);
    await this.#store.createToken({
      accessHash: tokenHash(access),
      refreshHash: refresh ? tokenHash(refresh) : null,
      authentication: subject as unknown as Record<string, unknown>,
      username: owner.username,
      realm: owner.realm,
      client: ownerOf(client),
      creation: now,
      expiration: now + this.#timeoutMs,
      refreshExpiration: refresh ? now + REFRESH_LIFETIME_MS : null,
      invalidated: false,
      refreshInvalidated: false,
      refreshedAt: null,
      superseding: null,
    });
    return { access, refresh, expiresInSeconds: Math.round(this.#timeoutMs / 1000), authentication: subject };
  }

  /** grant_type refresh_token: once; a repeat within 30 s by the same client returns the same new pair. */
  async refresh(refreshToken: Secret, client: Authentication): Promise<IssuedToken> {
    const rec = await this.#store.getTokenByRefresh(tokenHash(refreshToken));
    if (!rec) throw invalidGrant('could not refresh the requested token');
    const c = ownerOf(client);
    if (rec.client.username !== c.username || rec.client.realm !== c.realm) throw invalidGrant('tokens must be refreshed by the creating client');
    const now = this.#clock.now();
    if (rec.refreshInvalidated) throw invalidGrant('token has been invalidated');
    if (rec.refreshExpiration !== null && rec.refreshExpiration <= now) throw invalidGrant('refresh token is expired');
    const subject = rec.authentication as unknown as Authentication;
    if (rec.refreshedAt !== null) {
      const pair = rec.superseding ? openPair(refreshToken, rec.superseding) : null;
      if (now - rec.refreshedAt <= REFRESH_RETRY_WINDOW_MS && pair) {
        const fresh = await this.#store.getTokenByAccess(tokenHash(pair.access));
        const left = fresh ? Math.max(0, Math.round((fresh.expiration - now) / 1000)) : 0;
        return { access: pair.access, refresh: pair.refresh, expiresInSeconds: left, authentication: subject };
      }
      throw invalidGrant('token has already been refreshed');
    }
    const issued = await this.create(subject, client, true);
    let won = false;
    await this.#store.updateToken(rec.accessHash, (r) => {
      if (!r || r.refreshedAt !== null) return undefined;
      won = true;
      return { ...r, refreshedAt: now, superseding: sealPair(refreshToken, { access: issued.access, refresh: issued.refresh! }) };
    });
    if (!won) return this.refresh(refreshToken, client); // a concurrent refresh got there first: answer as a retry
    return issued;
  }

  /** The token's authentication, or the reason it cannot be used. */
  async authenticate(access: Secret): Promise<{ ok: true; authentication: Authentication } | { ok: false; reason: 'unknown' | 'expired' }> {
    const rec = await this.#store.getTokenByAccess(tokenHash(access));
    if (!rec) return { ok: false, reason: 'unknown' };
    if (rec.invalidated || rec.expiration <= this.#clock.now()) return { ok: false, reason: 'expired' };
    return { ok: true, authentication: { ...(rec.authentication as unknown as Authentication), type: 'token' } };
  }

  /**
   * DELETE /_security/oauth2/token, counted as ES counts: by access token, that token; by refresh token, that
   * refresh token; by realm or user, every pair still active (an access token neither invalidated nor
   * expired, or a refresh token neither invalidated nor past its 24 h), both halves of each counted apart.
   * `found` is false when a given token or refresh token matches nothing (ES answers that with a 404).
   */
  async invalidate(by: { token?: Secret; refreshToken?: Secret; realm?: string; username?: string }): Promise<{ invalidated: number; previously: number; found: boolean }> {
    const counts = { invalidated: 0, previously: 0, found: true };
    const tally = (was: boolean | undefined) => (was ? counts.previously++ : counts.invalidated++);
    if (by.token || by.refreshToken) {
      const access = by.token !== undefined;
      const rec = access ? await this.#store.getTokenByAccess(tokenHash(by.token!)) : await this.#store.getTokenByRefresh(tokenHash(by.refreshToken!));
      if (!rec) return { ...counts, found: false };
      const { before } = await this.#store.updateToken(rec.accessHash, (e) => {
        if (!e || (access ? e.invalidated : e.refreshInvalidated)) return undefined;
        return access ? { ...e, invalidated: true } : { ...e, refreshInvalidated: true };
      });
      tally(access ? before?.invalidated : before?.refreshInvalidated);
      return counts;
    }
    const now = this.#clock.now();
    const active = (r: TokenRecord) => (!r.invalidated && r.expiration > now) || (r.refreshHash !== null && !r.refreshInvalidated && (r.refreshExpiration ?? 0) > now);
    const records = (await this.#store.findTokens({ username: by.username, realm: by.realm })).filter(active);
    for (const r of records) {
      // The refresh halves first, so no refresh can mint a new pair while the access halves go (ES's order).
      const { before } = await this.#store.updateToken(r.accessHash, (e) => (e && !(e.invalidated && (e.refreshInvalidated || e.refreshHash === null)) ? { ...e, invalidated: true, refreshInvalidated: e.refreshHash !== null } : undefined));
      if (r.refreshHash !== null) tally(before?.refreshInvalidated);
      tally(before?.invalidated);
    }
    return counts;
  }
}

function ownerOf(a: Authentication): { username: string; realm: string } {
  if (a.apiKeyOwner) return { username: a.apiKeyOwner.username, realm: a.apiKeyOwner.realm };
  return { username: a.user.username, realm: a.lookedUpBy.name };
}
