/**
 * Pure event builders, one per ES audit event: plain inputs → the event's fields (without `@timestamp`
 * and the node fields, which the trail adds) plus what ignore policies look at. Nothing here reads a
 * credential: requests carry no credential headers, authentications no secrets, and bodies are redacted.
 */
import type { Authentication } from '../core/authentication.ts';
import type { AuditEvent } from './fields.ts';
import { EventType, OriginType } from './fields.ts';
import type { AuditLevel } from './levels.ts';
import { EMPTY_FILTER_INFO, type FilterInfo } from './filters.ts';
import { headerFields, restOriginFields, restUriFields, formatAddress, type AuditRequest } from './request-fields.ts';
import { authenticationFields, filterRealm, runAsFields } from './authentication-fields.ts';
import { redactRequestBody } from './redact-body.ts';
import type { SecurityChange } from './security-change.ts';

export interface BuiltEvent {
  readonly level: AuditLevel;
  readonly event: AuditEvent;
  /** What ignore policies compare; null for events no policy may drop (security changes). */
  readonly filter: FilterInfo | null;
}

/** What an authorization decision was about. */
export interface AccessInfo {
  /** ES's action name (`indices:data/read/search`, `cluster:admin/xpack/security/user/put`). */
  readonly action: string;
  readonly indices?: readonly string[];
  /** The roles that granted or lacked the privilege; defaults to the effective user's roles. */
  readonly roles?: readonly string[];
  /** ES's request class name (`SearchRequest`), when known. */
  readonly requestName?: string;
}

type Fields = Record<string, string | readonly string[] | Readonly<Record<string, unknown>>>;

function rest(level: AuditLevel, r: AuditRequest, fields: Fields): Fields {
  return {
    'event.type': EventType.rest,
    'event.action': level,
    ...fields,
    ...restOriginFields(r),
    ...restUriFields(r.uri, r.method),
    'request.id': r.id,
    ...headerFields(r),
  };
}

function transport(level: AuditLevel, r: AuditRequest, fields: Fields, access: AccessInfo): Fields {
  const out: Fields = { 'event.type': EventType.transport, 'event.action': level, ...fields, ...restOriginFields(r), 'request.id': r.id, action: access.action };
  if (access.requestName) out['request.name'] = access.requestName;
  if (access.indices && access.indices.length > 0) out.indices = [...access.indices];
  return { ...out, ...headerFields(r) };
}

const info = (user: string, realm = '', action = '', roles: readonly string[] = [''], indices: readonly string[] = ['']): FilterInfo => ({
  user,
  realm,
  action,
  roles,
  indices,
});

export function authenticationSuccess(r: AuditRequest, a: Authentication, opts: { body?: string; emitBody?: boolean } = {}): BuiltEvent {
  const fields: Fields = { realm: a.authenticatedBy.name, ...authenticationFields(a) };
  if (opts.emitBody && opts.body) {
    const body = redactRequestBody(restUriFields(r.uri, r.method)['url.path'], opts.body);
    if (body) fields['request.body'] = body;
  }
  return { level: 'authentication_success', event: rest('authentication_success', r, fields), filter: info(a.user.username, filterRealm(a)) };
}

export interface FailedAuthentication {
  /** The principal the credentials named (a username, an API key id); absent when none could be read. */
  readonly principal?: string;
  /** Why the credentials were refused (never an echo of a credential). */
  readonly reason?: string;
  /** For service account tokens: the token's name. */
  readonly tokenName?: string;
  /**
   * Credentials carried inside a request (an OAuth2 password grant, an API key grant) are authenticated
   * for that request's action: ES then writes a transport event naming the action and request class.
   */
  readonly access?: AccessInfo;
}

export function authenticationFailed(r: AuditRequest, f: FailedAuthentication = {}): BuiltEvent {
  const fields: Fields = {};
  if (f.principal !== undefined) fields['user.name'] = f.principal;
  if (f.tokenName !== undefined) fields['authentication.token.name'] = f.tokenName;
  if (f.reason) fields['event.reason'] = f.reason;
  const event = f.access ? transport('authentication_failed', r, fields, f.access) : rest('authentication_failed', r, fields);
  return { level: 'authentication_failed', event, filter: info(f.principal ?? '', '', f.access?.action ?? '') };
}

export function realmAuthenticationFailed(r: AuditRequest, f: { realm: string; principal: string; reason?: string }): BuiltEvent {
  const fields: Fields = { realm: f.realm, 'user.name': f.principal };
  if (f.reason) fields['event.reason'] = f.reason;
  return { level: 'realm_authentication_failed', event: rest('realm_authentication_failed', r, fields), filter: info(f.principal, f.realm) };
}

export function anonymousAccessDenied(r: AuditRequest): BuiltEvent {
  return { level: 'anonymous_access_denied', event: rest('anonymous_access_denied', r, {}), filter: EMPTY_FILTER_INFO };
}

export function tamperedRequest(r: AuditRequest): BuiltEvent {
  return { level: 'tampered_request', event: rest('tampered_request', r, {}), filter: EMPTY_FILTER_INFO };
}

function access(level: 'access_granted' | 'access_denied', r: AuditRequest, a: Authentication, x: AccessInfo): BuiltEvent {
  const roles = x.roles ?? a.user.roles;
  const event = transport(level, r, { ...authenticationFields(a), 'user.roles': [...roles] }, x);
  return { level, event, filter: info(a.user.username, filterRealm(a), x.action, roles, x.indices) };
}

export const accessGranted = (r: AuditRequest, a: Authentication, x: AccessInfo) => access('access_granted', r, a, x);
export const accessDenied = (r: AuditRequest, a: Authentication, x: AccessInfo) => access('access_denied', r, a, x);

/** Run-as decisions; without an action (refused before the request was resolved) the event is a REST one. */
function runAs(level: 'run_as_granted' | 'run_as_denied', r: AuditRequest, a: Authentication, x: Partial<AccessInfo> & { runAs?: string }): BuiltEvent {
  const roles = x.roles ?? (a.authenticatingUser ?? a.user).roles;
  const fields: Fields = { ...runAsFields(a, x.runAs), 'user.roles': [...roles] };
  const event = x.action === undefined ? rest(level, r, fields) : transport(level, r, fields, x as AccessInfo);
  const user = x.runAs ?? a.user.username;
  return { level, event, filter: info(user, filterRealm(a), x.action ?? '', roles, x.indices) };
}

export const runAsGranted = (r: AuditRequest, a: Authentication, x: Partial<AccessInfo> & { runAs?: string }) => runAs('run_as_granted', r, a, x);
export const runAsDenied = (r: AuditRequest, a: Authentication, x: Partial<AccessInfo> & { runAs?: string }) => runAs('run_as_denied', r, a, x);

/** An IP filter decision on a connection to the HTTP listener (`transport.profile: .http`). */
export interface ConnectionInfo {
  readonly address: string;
  readonly port?: number;
  /** The rule that decided, as ES prints it (`deny 10.10.0.0/16`). */
  readonly rule: string;
  readonly profile?: string;
}

function connection(level: 'connection_granted' | 'connection_denied', c: ConnectionInfo): BuiltEvent {
  const event: Fields = {
    'event.type': EventType.ip_filter,
    'event.action': level,
    'origin.type': OriginType.rest,
    'origin.address': formatAddress(c.address, c.port),
    'transport.profile': c.profile ?? '.http',
    rule: c.rule,
  };
  return { level, event, filter: EMPTY_FILTER_INFO };
}

export const connectionGranted = (c: ConnectionInfo) => connection('connection_granted', c);
export const connectionDenied = (c: ConnectionInfo) => connection('connection_denied', c);

/** A security configuration change: never dropped by ignore policies (as in ES). */
export function securityConfigChange(r: Pick<AuditRequest, 'id'>, change: SecurityChange): BuiltEvent {
  const event: Fields = {
    'event.type': EventType.security_config_change,
    'event.action': change.action,
    'request.id': r.id,
    [change.field]: change.value,
  };
  return { level: 'security_config_change', event, filter: null };
}
