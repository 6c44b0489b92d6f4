import type { Authentication } from '../core/authentication.ts';
import { EsError } from '../core/errors.ts';
import { clusterPrivilegesThatGrant, isClusterAction } from './privileges/cluster-privileges.ts';
import { indexPrivilegesThatGrant, isIndexAction } from './privileges/index-privileges.ts';

export interface DeniedOptions {
  /** The roles found for the user (ES's effective roles); without them the message lists the assigned roles. */
  readonly effectiveRoles?: readonly string[];
  /** Text after the subject, e.g. `on indices [logs,metrics]`. */
  readonly context?: string;
  /** The request is about the caller's own API keys, so `manage_own_api_key` would grant it. */
  readonly ownApiKey?: boolean;
  /** Leave out "this action is granted by …" (the caller holds the privilege; something else was refused). */
  readonly withoutGrantHint?: boolean;
}

/**
 * ES's 403 message (AuthorizationDenialMessages): `action [X] is unauthorized for user [U] with effective
 * roles [a,b] (assigned roles [c] were not found), this action is granted by the cluster privileges [...]`;
 * for API keys `… for API key id [ID] of user [U], …`; for index actions `… the index privileges [...]`.
 */
export function deniedMessage(auth: Authentication, action: string, opts: DeniedOptions = {}): string {
  let message = `action [${action}] is unauthorized for ${subjectDescription(auth)}${rolesDescription(auth, opts.effectiveRoles)}`;
  if (opts.context) message += ` ${opts.context}`;
  if (opts.withoutGrantHint) return message;
  if (isClusterAction(action)) {
    const privileges = clusterPrivilegesThatGrant(action, opts.ownApiKey ?? false);
    if (privileges.length) message += `, this action is granted by the cluster privileges [${privileges.join(',')}]`;
  } else if (isIndexAction(action)) {
    const privileges = indexPrivilegesThatGrant(action);
    if (privileges.length) message += `, this action is granted by the index privileges [${privileges.join(',')}]`;
  }
  return message;
}

/** The 403 itself. */
export function denied(auth: Authentication, action: string, opts: DeniedOptions = {}): EsError {
  return new EsError('forbidden', deniedMessage(auth, action, opts), { action });
}

/** ES's run-as refusal: `action [X] is unauthorized for user [A] with effective roles [r], because user [A] is unauthorized to run as [B]`. */
export function runAsDeniedMessage(auth: Authentication, action: string, authenticatingRoles?: readonly string[]): string {
  const authenticating = auth.authenticatingUser ?? auth.user;
  const userText = authenticatingDescription(auth);
  const roles = authenticatingRoles === undefined ? ` with assigned roles [${authenticating.roles.join(',')}]` : effectiveRolesText(authenticating.roles, authenticatingRoles);
  return `action [${action}] is unauthorized for ${userText}${roles}, because ${userText} is unauthorized to run as [${auth.user.username}]`;
}

function authenticatingDescription(auth: Authentication): string {
  const principal = (auth.authenticatingUser ?? auth.user).username;
  // ES names a service account as a user in 403s ("unauthorized for user [elastic/fleet-server]").
  const text = `user [${principal}]`;
  return auth.apiKey ? `API key id [${auth.apiKey.id}] of ${text}` : text;
}

function subjectDescription(auth: Authentication): string {
  const text = authenticatingDescription(auth);
  return auth.authenticatingUser ? `${text} run as [${auth.user.username}]` : text;
}

/** API keys and service accounts have privileges, not roles: ES prints none for them. */
function rolesDescription(auth: Authentication, effective: readonly string[] | undefined): string {
  if (auth.apiKey || auth.authenticatedBy.type === '_service_account') return '';
  if (effective === undefined) return ` with assigned roles [${auth.user.roles.join(',')}]`;
  return effectiveRolesText(auth.user.roles, effective);
}

function effectiveRolesText(assigned: readonly string[], effective: readonly string[]): string {
  const found = [...effective].sort();
  let text = ` with effective roles [${found.join(',')}]`;
  const missing = [...new Set(assigned)].filter((r) => !found.includes(r)).sort();
  if (missing.length) text += ` (assigned roles [${missing.join(',')}] were not found)`;
  return text;
}
