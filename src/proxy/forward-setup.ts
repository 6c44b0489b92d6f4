/** Builds the forwarding side of authorization (used by app.ts): metadata cache, decisions, run-as. */
import type { Clock } from '../core/clock.ts';
import type { PermissionSource } from '../authz/permission.ts';
import { ForwardAuthorizer } from '../authz/forward-authorizer.ts';
import { CachedIndexMetadata } from '../authz/indices/metadata-source.ts';
import { SearchContextRegistry } from '../authz/forward-contexts.ts';
import { RunAs, type UserLookup } from '../authc/run-as.ts';
import type { Upstream } from './upstream.ts';
import { PipelineSource } from '../authz/retarget/pipelines.ts';
import { AuthorizedForwarder, upstreamMetadataFetch, upstreamPipelineFetch, upstreamTemplateRenderer, type AuthorizedForwardOptions } from './authorized-forward.ts';

export interface Forwarding {
  readonly forwarder: AuthorizedForwarder;
  readonly authorizer: ForwardAuthorizer;
  readonly runAs: RunAs;
}

export function buildForwarding(upstream: Upstream, permissions: PermissionSource, users: UserLookup, opts: { maxContentLength: number; clock: Clock; metadataTtlMs?: number; responseCheck?: AuthorizedForwardOptions['responseCheck'] }): Forwarding {
  const authorizer = new ForwardAuthorizer({
    permissions,
    metadata: new CachedIndexMetadata(upstreamMetadataFetch(upstream), { ttlMs: opts.metadataTtlMs ?? 1_000, clock: opts.clock }),
    contexts: new SearchContextRegistry(opts.clock),
    renderTemplate: upstreamTemplateRenderer(upstream),
    pipelines: new PipelineSource(upstreamPipelineFetch(upstream), { ttlMs: opts.metadataTtlMs ?? 1_000, clock: opts.clock }),
    clock: opts.clock,
  });
  return {
    authorizer,
    forwarder: new AuthorizedForwarder(upstream, authorizer, { maxContentLength: opts.maxContentLength, responseCheck: opts.responseCheck }),
    runAs: new RunAs(users, permissions),
  };
}
