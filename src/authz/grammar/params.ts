/**
 * Query parameter kinds. Most parameters are inert for authorization (timeouts, flags, output shaping);
 * the few that change what a request reaches are named here once, by name, for every API that accepts them.
 */

export const ParamKind = {
  /** Changes nothing authorization decides on. */
  inert: 'inert',
  /** Read by `indicesOptions` (how expressions expand). */
  indicesOption: 'indices_option',
  /** An ingest pipeline the written documents go through (it may change their index). */
  pipeline: 'pipeline',
  /** A scroll keep-alive: the response's scroll id is captured for the caller. */
  scroll: 'scroll',
  /** The body, sent in the query string (`source`): parsed by the body grammar. */
  sourceBody: 'source_body',
  /** Read by the route's resolver (e.g. `op_type`, `scroll_id`). */
  resolver: 'resolver',
} as const;
export type ParamKind = (typeof ParamKind)[keyof typeof ParamKind];

/** A parameter an engine accepts and the gateway does not forward: the 400 says why. */
export interface RefusedParam {
  readonly refused: string;
}

export type ParamSpec = ParamKind | RefusedParam;

/** Accepted by every forwarded API (ES's and OpenSearch's common parameters). */
export const COMMON_PARAMS: Readonly<Record<string, ParamSpec>> = {
  pretty: 'inert',
  human: 'inert',
  error_trace: 'inert',
  filter_path: 'inert',
};

/** Accepted by every API that takes a body. */
export const BODY_PARAMS: Readonly<Record<string, ParamSpec>> = {
  source: 'source_body',
  source_content_type: 'inert',
};

/** Kinds by name, wherever an API accepts the name. */
export const KIND_BY_NAME: Readonly<Record<string, ParamSpec>> = {
  expand_wildcards: 'indices_option',
  ignore_unavailable: 'indices_option',
  allow_no_indices: 'indices_option',
  ignore_throttled: 'indices_option',
  pipeline: 'pipeline',
  scroll: 'scroll',
  op_type: 'resolver',
  scroll_id: 'resolver',
};

/** The spec of `name` for an API with `own` overrides (undefined: not accepted). */
export function paramSpec(name: string, accepted: ReadonlySet<string>, own: Readonly<Record<string, ParamSpec>> | undefined): ParamSpec | undefined {
  if (own && Object.hasOwn(own, name)) return own[name];
  if (!accepted.has(name)) return undefined;
  return KIND_BY_NAME[name] ?? 'inert';
}
