import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { Authentication } from '../core/authentication.ts';
import type { Credentials, RequestInfo } from '../core/request.ts';
import { EsError, isEsError } from '../core/errors.ts';
import { parseAuthorization, singleHeader } from '../authc/credentials.ts';
import type { AuthenticatorChain } from '../authc/chain.ts';
import type { Router, Match } from '../api/router.ts';
import type { Services } from '../api/services.ts';
import type { Route } from '../api/routes.ts';
import type { AuthorizedForwarder } from '../proxy/authorized-forward.ts';
import { RUN_AS_HEADER, type RunAs } from '../authc/run-as.ts';
import { requestInfo } from './request-info.ts';
import { headerValues } from './header-values.ts';
import type { AuditTrail } from '../audit/index.ts';
import { SECURITY_CHANGE_ACTIONS } from '../audit/index.ts';
import { principalOf } from '../authc/credentials.ts';
import { readJsonBody } from './body-reader.ts';
import { compatibleVersion, sendError, sendJson } from './respond.ts';
import { checkRequestLine } from './request-line.ts';
import { checkRequestHeaders } from '../proxy/headers.ts';
import { filterPath } from '../lib/filter-path.ts';

const SECONDARY_HEADER = 'es-secondary-authorization';

export interface PipelineDeps {
  readonly chain: AuthenticatorChain;
  readonly router: Router;
  readonly services: Services;
  readonly log: Logger;
  readonly maxContentLength: number;
  /** `http.max_initial_line_length` (default 4kb, as ES). */
  readonly maxInitialLineLength?: number;
  /** `xpack.security.authc.anonymous.authz_exception`: denials of the anonymous user are 403 (true) or 401 (false). */
  readonly anonymousAuthzException: boolean;
  /** Request resolution and index authorization for forwarded requests: the one path to the cluster. */
  readonly forwarder: AuthorizedForwarder;
  /** `es-security-runas-user`. */
  readonly runAs: RunAs;
  /** The audit trail: one event per decision, all linked by the request id. */
  readonly audit: AuditTrail;
}

/**
 * One request, as a list of steps (see DESIGN.md):
 *   parse credentials → authenticate → (run-as) → resolve → authorize → serve or forward.
 * Every failure is an EsError rendered in ES's shape; anything else is a bug, logged and answered 500.
 */
export class Pipeline {
  readonly #d: PipelineDeps;

  constructor(deps: PipelineDeps) {
    this.#d = deps;
  }

  readonly handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const info = requestInfo(req);
    let authentication: Authentication | undefined;
    try {
      if (!this.#d.audit.isAccepting()) throw new EsError('unavailable', 'the audit trail cannot keep up; request refused', { headers: { 'Retry-After': ['1'] } });
      checkRequestLine(info.method, info.uri, this.#d.maxInitialLineLength ?? 4096);
      checkRequestHeaders(req.rawHeaders);
      const credentials = this.#credentials(req, info);
      authentication = await this.#authenticate(credentials, info);
      const runAsTarget = singleHeader(headerValues(req, RUN_AS_HEADER), RUN_AS_HEADER);
      if (runAsTarget !== undefined) authentication = await this.#runAs(info, credentials, authentication, runAsTarget);
      const secondaryValue = singleHeader(headerValues(req, SECONDARY_HEADER), SECONDARY_HEADER);
      const secondary = secondaryValue === undefined ? undefined : await this.#secondary(info, secondaryValue);
      const match = this.#d.router.matchPath(info.method, info.path, () => compatibleVersion(req));
      if (match.kind === 'forward') return await this.#forward(req, res, info, authentication);
      await this.#serve(req, res, info, authentication, match, secondary);
    } catch (e) {
      this.#fail(req, res, info, this.#anonymousDenial(authentication, e));
    }
  };

  /** With `anonymous.authz_exception: false`, a denial of the anonymous user is a 401 that asks for credentials. */
  #anonymousDenial(authentication: Authentication | undefined, e: unknown): unknown {
    if (authentication?.type !== 'anonymous' || this.#d.anonymousAuthzException || !isEsError(e) || e.status !== 403 || e.action === undefined) return e;
    return this.#d.chain.unauthenticated(`action [${e.action}] requires authentication`);
  }

  /** Step 1: credentials from `Authorization` (a 400 when it has several different values, a 401 when malformed). */
  #credentials(req: IncomingMessage, info: RequestInfo): Credentials {
    try {
      return parseAuthorization(singleHeader(headerValues(req, 'authorization'), 'Authorization'));
    } catch (e) {
      this.#d.audit.authenticationFailed(info, { reason: (e as Error).message });
      throw e;
    }
  }

  /**
   * Step 2b: `es-secondary-authorization` (Basic, ApiKey or Bearer), authenticated as a second subject for the
   * APIs that act on behalf of someone; bad or missing credentials in it are a 401, never anonymous.
   */
  #secondary(info: RequestInfo, value: string): Promise<Authentication> {
    const credentials = parseAuthorization(value);
    if (credentials.kind === 'none') throw this.#d.chain.unauthenticated(`missing authentication credentials for secondary authentication of REST request [${info.uri}]`);
    return this.#authenticate(credentials, info);
  }

  /** Step 2: the authenticator chain; a failure is ES's 401 with challenges. */
  async #authenticate(credentials: Credentials, info: RequestInfo): Promise<Authentication> {
    const outcome = await this.#d.chain.authenticate(credentials, info);
    this.#d.audit.authenticationOutcome(info, credentials.kind === 'none' ? null : principalOf(credentials), outcome);
    if (!outcome.ok) {
      this.#d.log.debug({ requestId: info.id, attempts: outcome.attempts, reason: outcome.error.message }, 'authentication failed');
      throw outcome.error;
    }
    return outcome.authentication;
  }

  /** Step 2c: run-as — the looked-up user becomes the effective one (its privilege is checked with the action). */
  async #runAs(info: RequestInfo, credentials: Credentials, authentication: Authentication, target: string): Promise<Authentication> {
    try {
      return await this.#d.runAs.apply(authentication, target, () => this.#d.chain.failed(credentials, info));
    } catch (e) {
      this.#d.audit.runAsDenied(info, authentication, { runAs: target });
      throw e;
    }
  }

  /** Run-as is authorized with the action: audited as run_as_granted / run_as_denied. Nothing to do without run-as. */
  async #authorizeRunAs(info: RequestInfo, authentication: Authentication, action: string): Promise<void> {
    if (!authentication.authenticatingUser) return;
    try {
      await this.#d.runAs.authorize(authentication, action);
    } catch (e) {
      this.#d.audit.runAsDenied(info, authentication, { action });
      throw e;
    }
    this.#d.audit.runAsGranted(info, authentication, { action });
  }

  /** Step 3: endpoints served here — authorize the action, then run its handler. */
  async #serve(
    req: IncomingMessage,
    res: ServerResponse,
    info: RequestInfo,
    authentication: Authentication,
    match: Exclude<Match, { kind: 'forward' }>,
    secondaryAuthentication: Authentication | undefined,
  ): Promise<void> {
    if (match.kind === 'method_not_allowed') {
      const reason = `Incorrect HTTP method for uri [${info.uri}] and method [${info.method}], allowed: [${match.allowed.join(', ')}]`;
      throw new EsError('method_not_allowed', reason, { headers: { Allow: [match.allowed.join(',')] } });
    }
    if (match.kind === 'refused') throw new EsError('illegal_argument', match.reason);
    if (match.kind === 'no_handler') {
      const reason = `no handler found for uri [${info.uri}] and method [${info.method}]`;
      throw new EsError('no_handler', reason);
    }
    const { route, params } = match;
    let body: Promise<unknown> | undefined;
    const ctx = {
      request: info,
      params,
      query: new URLSearchParams(info.uri.slice(info.path.length + 1)),
      authentication,
      secondaryAuthentication,
      services: this.#d.services,
      body: () => (body ??= readJsonBody(req, this.#d.maxContentLength)),
    };
    const context = route.context ? await route.context(ctx) : { targetUser: targetUser(route, params, authentication) };
    await this.#authorizeRunAs(info, authentication, route.action);
    try {
      await this.#d.services.authorizer.authorizeAction(authentication, route.action, context);
    } catch (e) {
      if (isEsError(e) && e.status === 403) this.#d.audit.accessDenied(info, authentication, { action: route.action });
      throw e;
    }
    this.#d.audit.accessGranted(info, authentication, { action: route.action });
    const reply = await route.handler(ctx);
    if (reply.status < 300 && SECURITY_CHANGE_ACTIONS.has(route.action)) {
      const parsed = body ? await body.catch(() => undefined) : undefined;
      this.#d.audit.securityConfigChange(info, { action: route.action, path: info.path, params, body: parsed, result: reply.body, username: authentication.user.username });
    }
    const filter = ctx.query.get('filter_path');
    sendJson(req, res, reply.status, filter === null ? reply.body : filterPath(reply.body, filter));
  }

  /** Step 4: everything else goes to the cluster, if the user may. */
  async #forward(req: IncomingMessage, res: ServerResponse, info: RequestInfo, authentication: Authentication): Promise<void> {
    const audit = this.#d.audit;
    await this.#d.forwarder.forward(
      req,
      res,
      info,
      authentication,
      authentication.authenticatingUser ? (action) => this.#authorizeRunAs(info, authentication, action) : undefined,
      (action, indices, allowed) => (allowed ? audit.accessGranted : audit.accessDenied).call(audit, info, authentication, { action, indices }),
      (items) => {
        for (const { action, index, requestName } of items) audit.accessDenied(info, authentication, { action, indices: [index], requestName });
      },
    );
  }

  #fail(req: IncomingMessage, res: ServerResponse, info: RequestInfo, e: unknown): void {
    if (clientGone(req, res, e)) {
      // An aborted upload, a connection the edge closed (deadline, malformed body): nobody to answer.
      this.#d.log.debug({ requestId: info.id, code: (e as NodeJS.ErrnoException | null)?.code }, 'client connection closed before the answer');
      res.destroy();
      return;
    }
    if (isEsError(e)) {
      if (e.code === 'upstream_unavailable' || e.code === 'upstream_timeout') this.#d.log.warn({ requestId: info.id, type: e.type, reason: e.message }, 'request failed');
      const err = e.code === 'authentication_failed' && !e.headers['WWW-Authenticate'] ? this.#d.chain.unauthenticated(e.message, undefined, e.causedBy) : e;
      if (err.status === 413) res.setHeader('Connection', 'close');
      sendError(req, res, err);
      return;
    }
    this.#d.log.error({ requestId: info.id, err: e instanceof Error ? { message: e.message, stack: e.stack } : String(e) }, 'unexpected error');
    sendError(req, res, new EsError('internal', 'an unexpected error occurred; see the gateway log', { fields: { request_id: info.id } }));
  }
}

/** The client is gone (or the edge closed its connection): the error is about the connection, not the request. */
function clientGone(req: IncomingMessage, res: ServerResponse, e: unknown): boolean {
  if (isEsError(e)) return false;
  return req.destroyed || res.destroyed || req.socket.destroyed || !req.socket.writable || (e as NodeJS.ErrnoException | null)?.code === 'ECONNRESET';
}

function targetUser(route: Route, params: Record<string, string>, a: Authentication): string | undefined {
  if (route.targetUserParam) return params[route.targetUserParam];
  return route.selfWhenMissing ? a.user.username : undefined;
}
