import type { Authentication } from '../core/authentication.ts';

/**
 * The role names a subject's privileges come from. As in Elasticsearch, while anonymous access is enabled
 * every user also holds the anonymous user's roles: users of any realm, run-as targets and their tokens, but
 * not API keys, service accounts or the anonymous user itself (its own roles already are those).
 * `_authenticate` lists them; the audit trail and denial messages keep the user's own assigned roles, as ES's do.
 */
export class EffectiveRoles {
  readonly #anonymous: readonly string[];
  /** By the user's own roles array, so a cached authentication keeps handing the same array on. */
  readonly #withAnonymous = new WeakMap<readonly string[], readonly string[]>();

  constructor(anonymousRoles: readonly string[] = []) {
    this.#anonymous = anonymousRoles;
  }

  of(auth: Authentication): readonly string[] {
    const own = auth.user.roles;
    if (this.#anonymous.length === 0 || auth.apiKey || auth.serviceAccount || auth.type === 'anonymous') return own;
    let all = this.#withAnonymous.get(own);
    if (!all) this.#withAnonymous.set(own, (all = Object.freeze([...own, ...this.#anonymous])));
    return all;
  }
}
