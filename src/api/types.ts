import type { Authentication } from '../core/authentication.ts';
import type { RequestInfo } from '../core/request.ts';
import type { Services } from './services.ts';

/** What a handler gets: the authenticated request, its path parameters, query and a lazy JSON body. */
export interface HandlerContext {
  readonly request: RequestInfo;
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  readonly authentication: Authentication;
  /** The subject of `es-secondary-authorization`, when the request carried one. */
  readonly secondaryAuthentication?: Authentication;
  readonly services: Services;
  /** The parsed JSON body; undefined when there is none. Rejects with a 400 EsError when malformed. */
  body(): Promise<unknown>;
}

export interface Reply {
  readonly status: number;
  readonly body: unknown;
}

export type Handler = (ctx: HandlerContext) => Promise<Reply>;

export const ok = (body: unknown): Reply => ({ status: 200, body });
