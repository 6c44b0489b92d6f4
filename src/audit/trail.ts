import type { Authentication } from '../core/authentication.ts';
import type { Clock } from '../core/clock.ts';
import * as build from './events.ts';
import type { AccessInfo, BuiltEvent, ConnectionInfo, FailedAuthentication } from './events.ts';
import { compileIgnorePolicies, type FilterInfo } from './filters.ts';
import { completeEvent, type NodeFields } from './format.ts';
import { capEvent } from './cap.ts';
import { enabledLevels, type AuditLevel } from './levels.ts';
import type { AuditRequest } from './request-fields.ts';
import { securityChanges, type SecurityChangeInput } from './security-change.ts';
import type { AuditConfig } from './settings.ts';
import type { AuditSink, SinkStats } from './sinks/sink.ts';

/** The node the events come from (the gateway's identity). */
export interface AuditNode {
  readonly id: string;
  readonly name: string;
  readonly clusterName: string;
  readonly clusterUuid?: string;
  readonly hostName?: string;
  readonly hostIp?: string;
}

/** One realm's refusal, as the authenticator chain records it. */
export interface AttemptLike {
  readonly realm: string;
  readonly type: string;
  readonly message?: string;
}

/** The authenticator chain's outcome (authc/chain.ts `ChainOutcome` fits). */
export type OutcomeLike =
  | { readonly ok: true; readonly authentication: Authentication; readonly attempts: readonly AttemptLike[] }
  | { readonly ok: false; readonly error: { readonly message: string }; readonly attempts: readonly AttemptLike[] };

/**
 * The audit trail: decides which events are written (`events.include`/`exclude`, ignore policies), stamps
 * them (time, node) and hands them to every configured sink. Calls never wait and never throw for I/O:
 * sinks buffer, and `isAccepting()` says when a fail-closed sink is full.
 */
export class AuditTrail {
  readonly #levels: ReadonlySet<AuditLevel>;
  readonly #ignored: (info: FilterInfo) => boolean;
  readonly #sinks: readonly AuditSink[];
  readonly #clock: Clock;
  readonly #node: NodeFields;
  readonly #emitBody: boolean;
  readonly enabled: boolean;

  constructor(config: AuditConfig, sinks: readonly AuditSink[], deps: { clock: Clock; node: AuditNode }) {
    this.enabled = config.enabled && sinks.length > 0;
    this.#levels = this.enabled ? enabledLevels(config.include, config.exclude) : new Set();
    this.#ignored = compileIgnorePolicies(config.ignoreFilters);
    this.#sinks = sinks;
    this.#clock = deps.clock;
    this.#node = nodeFields(config, deps.node);
    this.#emitBody = config.emitRequestBody;
  }

  /** False while a sink under the `reject` policy is full: refuse the request with a 503. */
  isAccepting(): boolean {
    for (const s of this.#sinks) if (!s.isAccepting()) return false;
    return true;
  }

  /** Whether events of this kind are written at all (to skip preparing their inputs). */
  isEnabled(level: AuditLevel): boolean {
    return this.#levels.has(level);
  }

  /** Audits the authenticate step in one call: success, anonymous access denied, or per-realm and overall failures. */
  authenticationOutcome(r: AuditRequest, principal: string | null, outcome: OutcomeLike, opts: { body?: string } = {}): void {
    if (outcome.ok) return this.authenticationSuccess(r, outcome.authentication, opts);
    if (principal === null) return this.anonymousAccessDenied(r);
    for (const a of outcome.attempts) {
      if (isRealm(a)) this.realmAuthenticationFailed(r, { realm: a.realm, principal, reason: a.message });
    }
    this.authenticationFailed(r, { principal, reason: failureReason(outcome.attempts, outcome.error.message) });
  }

  /**
   * Credentials inside a request body (the OAuth2 password grant, an API key grant) were refused: each
   * realm's refusal, then `authentication_failed` for the grant's action, naming the grant's user (as ES).
   */
  grantAuthenticationFailed(r: AuditRequest, principal: string | null, outcome: OutcomeLike & { ok: false }, access: AccessInfo): void {
    for (const a of outcome.attempts) {
      if (isRealm(a) && principal !== null) this.realmAuthenticationFailed(r, { realm: a.realm, principal, reason: a.message });
    }
    this.authenticationFailed(r, { principal: principal ?? undefined, reason: failureReason(outcome.attempts, outcome.error.message), access });
  }

  authenticationSuccess(r: AuditRequest, a: Authentication, opts: { body?: string } = {}): void {
    if (this.#on('authentication_success')) this.#emit(build.authenticationSuccess(r, a, { body: opts.body, emitBody: this.#emitBody }));
  }

  authenticationFailed(r: AuditRequest, f: FailedAuthentication = {}): void {
    if (this.#on('authentication_failed')) this.#emit(build.authenticationFailed(r, f));
  }

  realmAuthenticationFailed(r: AuditRequest, f: { realm: string; principal: string; reason?: string }): void {
    if (this.#on('realm_authentication_failed')) this.#emit(build.realmAuthenticationFailed(r, f));
  }

  anonymousAccessDenied(r: AuditRequest): void {
    if (this.#on('anonymous_access_denied')) this.#emit(build.anonymousAccessDenied(r));
  }

  tamperedRequest(r: AuditRequest): void {
    if (this.#on('tampered_request')) this.#emit(build.tamperedRequest(r));
  }

  accessGranted(r: AuditRequest, a: Authentication, x: AccessInfo): void {
    if (this.#on('access_granted')) this.#emit(build.accessGranted(r, a, x));
  }

  accessDenied(r: AuditRequest, a: Authentication, x: AccessInfo): void {
    if (this.#on('access_denied')) this.#emit(build.accessDenied(r, a, x));
  }

  runAsGranted(r: AuditRequest, a: Authentication, x: Partial<AccessInfo> & { runAs?: string } = {}): void {
    if (this.#on('run_as_granted')) this.#emit(build.runAsGranted(r, a, x));
  }

  runAsDenied(r: AuditRequest, a: Authentication, x: Partial<AccessInfo> & { runAs?: string } = {}): void {
    if (this.#on('run_as_denied')) this.#emit(build.runAsDenied(r, a, x));
  }

  connectionGranted(c: ConnectionInfo): void {
    if (this.#on('connection_granted')) this.#emit(build.connectionGranted(c));
  }

  connectionDenied(c: ConnectionInfo): void {
    if (this.#on('connection_denied')) this.#emit(build.connectionDenied(c));
  }

  /** The changes a successful `_security` call made (nothing for actions that change no configuration). */
  securityConfigChange(r: Pick<AuditRequest, 'id'>, input: SecurityChangeInput): void {
    if (!this.#on('security_config_change')) return;
    for (const change of securityChanges(input)) this.#emit(build.securityConfigChange(r, change));
  }

  /** Waits until every sink has written what it holds (or the timeout passes). */
  async flush(timeoutMs?: number): Promise<boolean> {
    const done = await Promise.all(this.#sinks.map((s) => s.flush(timeoutMs)));
    return done.every(Boolean);
  }

  async close(): Promise<void> {
    await Promise.all(this.#sinks.map((s) => s.close()));
  }

  stats(): Record<string, SinkStats> {
    return Object.fromEntries(this.#sinks.map((s) => [s.name, s.stats()]));
  }

  #on(level: AuditLevel): boolean {
    return this.#levels.has(level);
  }

  #emit(built: BuiltEvent): void {
    if (built.filter !== null && this.#ignored(built.filter)) return;
    const event = capEvent(completeEvent(built.event, this.#clock.now(), this.#node));
    for (const sink of this.#sinks) sink.write(event);
  }
}

/** Realms, not the credential authenticators that run before them (API keys, tokens, service accounts: `_…`). */
const isRealm = (a: AttemptLike) => !a.type.startsWith('_');

function failureReason(attempts: readonly AttemptLike[], fallback: string): string {
  const said = attempts.filter((a) => a.message).map((a) => `${a.realm}: ${a.message}`);
  return said.length > 0 ? said.join('; ') : fallback;
}

function nodeFields(c: AuditConfig, n: AuditNode): NodeFields {
  return {
    ...(c.emit.clusterName ? { 'cluster.name': n.clusterName } : {}),
    ...(c.emit.clusterUuid && n.clusterUuid ? { 'cluster.uuid': n.clusterUuid } : {}),
    ...(c.emit.nodeName ? { 'node.name': n.name } : {}),
    ...(c.emit.nodeId ? { 'node.id': n.id } : {}),
    ...(c.emit.hostName && n.hostName ? { 'host.name': n.hostName } : {}),
    ...(c.emit.hostAddress && n.hostIp ? { 'host.ip': n.hostIp } : {}),
  };
}
