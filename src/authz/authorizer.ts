import type { Authentication } from '../core/authentication.ts';

/** What a served action acts on, for the rules that depend on it (own account, own API keys). */
export interface ActionContext {
  /** The user a user-API call acts on. */
  readonly targetUser?: string;
  /** For API key actions: which keys the request names. `owner: true` means "the caller's own keys". */
  readonly apiKeys?: {
    readonly owner: boolean;
    readonly username?: string;
    readonly realmName?: string;
    readonly ids?: readonly string[];
    /** Create or update: keys of the caller's own, whoever it is (the service then applies ES's rules for API key callers). */
    readonly creating?: boolean;
  };
  /** For application privilege actions: the applications the request names (empty: all), for `global.application.manage`. */
  readonly applications?: readonly string[];
}

export interface Authorizer {
  /** Allows a served action (`_security/*`) or throws ES's 403. */
  authorizeAction(auth: Authentication, action: string, context?: ActionContext): Promise<void>;
}
