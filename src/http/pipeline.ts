import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { Authentication } from '../core/authentication.ts';
import type { Credentials, RequestInfo } from '../core/request.ts';
import { EsError, isEsError } from '../core/errors.ts';
import { parseAuthorization, singleHeader } from '../authc/credentials.ts';
import type { AuthenticatorChain } from '../authc/chain.ts';
import type { Router, Match } from '../api/router.ts';
import { decodePath } from '../api/router.ts';
import type { Services } from '../api/services.ts';
import type { Route } from '../api/routes.ts';
import type { Upstream } from '../proxy/upstream.ts';
import type { AuthorizedForwarder } from '../proxy/authorized-forward.ts';
import { RUN_AS_HEADER, type RunAs } from '../authc/run-as.ts';
import { requestInfo } from './request-info.ts';
import { readJsonBody } from './body-reader.ts';
import { sendError, sendJson } from './respond.ts';

export interface PipelineDeps {
  readonly chain: AuthenticatorChain;
  readonly router: Router;
  readonly services: Services;
  readonly upstream: Upstream;
  readonly log: Logger;
  readonly maxContentLength: number;
  /** `xpack.security.authc.anonymous.authz_exception`: denials of the anonymous user are 403 (true) or 401 (false). */
  readonly anonymousAuthzException: boolean;
  /** Request resolution and index authorization for forwarded requests (without it: superuser-only forwarding). */
  readonly forwarder?: AuthorizedForwarder;
  /** `es-security-runas-user`. */
  readonly runAs?: RunAs;
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
      const credentials = this.#credentials(req);
      authentication = await this.#authenticate(credentials, info);
      authentication = await this.#runAs(req, info, credentials, authentication);
      const secondary = await this.#secondary(req, info);
      const match = this.#d.router.match(info.method, decodePath(info.path));
      if (match.kind === 'forward') return await this.#forward(req, res, info, authentication);
      await this.#serve(req, res, info, authentication, match, secondary);
    } catch (e) {
      this.#fail(req, res, info, this.#anonymousDenial(authentication, e));
    }
  };

  /** With `anonymous.authz_exception: false`, a denial of the anonymous user is a 401 that asks for credentials. */
  #anonymousDenial(authentication: Authentication | undefined, e: unknown): unknown {
    if (authentication?.type !== 'anonymous' || this.#d.anonymousAuthzException || !isEsError(e) || e.status !== 403) return e;
    const action = /^action \[([^\]]+)\]/.exec(e.message)?.[1] ?? 'unknown';
    return this.#d.chain.unauthenticated(`action [${action}] requires authentication`);
  }

  /** Step 1: credentials from `Authorization` (a 400 when it has several different values, a 401 when malformed). */
  #credentials(req: IncomingMessage): Credentials {
    const value = singleHeader(req.headersDistinct.authorization, 'Authorization');
    return parseAuthorization(value);
  }

  /**
   * Step 2b: `es-secondary-authorization` (Basic, ApiKey or Bearer), authenticated as a second subject for the
   * APIs that act on behalf of someone; bad or missing credentials in it are a 401, never anonymous.
   */
  async #secondary(req: IncomingMessage, info: RequestInfo): Promise<Authentication | undefined> {
    const value = singleHeader(req.headersDistinct['es-secondary-authorization'], 'es-secondary-authorization');
    if (value === undefined) return undefined;
    const credentials = parseAuthorization(value);
    if (credentials.kind === 'none') throw this.#d.chain.unauthenticated(`missing authentication credentials for secondary authentication of REST request [${info.uri}]`);
    return this.#authenticate(credentials, info);
  }

  /** Step 2: the authenticator chain; a failure is ES's 401 with challenges. */
  async #authenticate(credentials: Credentials, info: RequestInfo): Promise<Authentication> {
    const outcome = await this.#d.chain.authenticate(credentials, info);
    if (!outcome.ok) {
      this.#d.log.debug({ requestId: info.id, attempts: outcome.attempts, reason: outcome.error.message }, 'authentication failed');
      throw outcome.error;
    }
    return outcome.authentication;
  }

  /** Step 2c: run-as — the looked-up user becomes the effective one (its privilege is checked with the action). */
  async #runAs(req: IncomingMessage, info: RequestInfo, credentials: Credentials, authentication: Authentication): Promise<Authentication> {
    if (!this.#d.runAs) return authentication;
    const target = singleHeader(req.headersDistinct[RUN_AS_HEADER], RUN_AS_HEADER);
    return this.#d.runAs.apply(authentication, target, () => this.#d.chain.failed(credentials, info));
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
    await this.#d.runAs?.authorize(authentication, route.action);
    await this.#d.services.authorizer.authorizeAction(authentication, route.action, context);
    const reply = await route.handler(ctx);
    sendJson(req, res, reply.status, reply.body);
  }

  /** Step 4: everything else goes to the cluster, if the user may. */
  async #forward(req: IncomingMessage, res: ServerResponse, info: RequestInfo, authentication: Authentication): Promise<void> {
    if (this.#d.forwarder) {
      const runAs = this.#d.runAs;
      await this.#d.forwarder.forward(req, res, info, authentication, async (action) => runAs?.authorize(authentication, action));
      return;
    }
    await this.#d.services.authorizer.authorizeForward(authentication, info.method, info.path);
    await this.#d.upstream.forward(req, res, { requestId: info.id });
  }

  #fail(req: IncomingMessage, res: ServerResponse, info: RequestInfo, e: unknown): void {
    if (isEsError(e)) {
      const err = e.code === 'authentication_failed' && !e.headers['WWW-Authenticate'] ? this.#d.chain.unauthenticated(e.message) : e;
      if (err.status === 413) res.setHeader('Connection', 'close');
      sendError(req, res, err);
      return;
    }
    this.#d.log.error({ requestId: info.id, err: e instanceof Error ? { message: e.message, stack: e.stack } : String(e) }, 'unexpected error');
    sendError(req, res, new EsError('internal', 'an unexpected error occurred; see the gateway log', { fields: { request_id: info.id } }));
  }
}

function targetUser(route: Route, params: Record<string, string>, a: Authentication): string | undefined {
  if (route.targetUserParam) return params[route.targetUserParam];
  return route.selfWhenMissing ? a.user.username : undefined;
}
