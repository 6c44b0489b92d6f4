import type { Authentication } from '../core/authentication.ts';

type Fields = Record<string, string>;

/** ES writes the authentication type as its enum name: `REALM`, `API_KEY`, `TOKEN`, `ANONYMOUS`, `INTERNAL`. */
export function authenticationTypeName(a: Authentication): string {
  return a.type.toUpperCase();
}

const isRunAs = (a: Authentication) => a.authenticatingUser !== undefined;

/**
 * Who acted, for every event about an authenticated request: `user.name` (the effective user),
 * `authentication.type`, `user.realm`, and `user.run_by.*` under run-as, or `apikey.*` for API keys
 * (whose `user.realm` is the realm the owner created the key with).
 */
export function authenticationFields(a: Authentication): Fields {
  const out: Fields = { 'user.name': a.user.username, 'authentication.type': authenticationTypeName(a) };
  if (a.type === 'api_key' && a.apiKey) {
    out['apikey.id'] = a.apiKey.id;
    if (a.apiKey.name !== null && a.apiKey.name !== undefined) out['apikey.name'] = a.apiKey.name;
    if (a.apiKeyOwner) out['user.realm'] = a.apiKeyOwner.realm;
    return out;
  }
  if (isRunAs(a)) {
    out['user.realm'] = a.lookedUpBy.name;
    out['user.run_by.name'] = a.authenticatingUser!.username;
    out['user.run_by.realm'] = a.authenticatedBy.name;
  } else {
    out['user.realm'] = a.authenticatedBy.name;
  }
  return out;
}

/**
 * The run-as events' subject: `user.name`/`user.realm` are who authenticated, `user.run_as.*` whom they
 * asked to act as (`user.run_as.realm` only when that user was found).
 */
export function runAsFields(a: Authentication, runAsUsername?: string): Fields {
  const authenticating = a.authenticatingUser ?? a.user;
  const out: Fields = { 'user.name': authenticating.username, 'user.realm': a.authenticatedBy.name };
  const target = runAsUsername ?? (isRunAs(a) ? a.user.username : undefined);
  if (target !== undefined) out['user.run_as.name'] = target;
  if (isRunAs(a)) out['user.run_as.realm'] = a.lookedUpBy.name;
  return out;
}

/** The realm ignore-filters compare: the API key creator's realm, else the effective user's realm. */
export function filterRealm(a: Authentication): string {
  if (a.type === 'api_key') return a.apiKeyOwner?.realm ?? '';
  return isRunAs(a) ? a.lookedUpBy.name : a.authenticatedBy.name;
}
