/** The state of one walk: what it found, and the bounds that keep it finite. */
import type { Lookup } from '../resolve/types.ts';
import { illegalDsl } from './errors.ts';

/** What a walk found. */
export interface DslFindings {
  /** Documents or indices read while the request runs (terms lookup, indexed_shape, percolate by id, mlt docs …). */
  readonly lookups: Lookup[];
  /** Number of scripts seen (inline or stored). */
  scripts: number;
}

export function newFindings(): DslFindings {
  return { lookups: [], scripts: 0 };
}

/**
 * Bounds. Queries: ES's `indices.query.bool.max_nested_depth` defaults to 30 and counts every compound
 * level; the gateway counts every query container (so its bound is as strict or stricter). Aggregations: 30
 * levels of sub-aggregations. Decoded `wrapper` queries: 1 MiB in all, 8 wrappers deep. Any other nesting
 * (sorts, retrievers, interval rules …): 100 levels.
 */
export const Limits = {
  queryDepth: 30,
  aggDepth: 30,
  wrapperDepth: 8,
  wrapperBytes: 1024 * 1024,
  depth: 100,
} as const;

export interface WalkState {
  readonly f: DslFindings;
  queryDepth: number;
  aggDepth: number;
  wrapperDepth: number;
  wrapperBytes: number;
  depth: number;
}

export function newState(f: DslFindings): WalkState {
  return { f, queryDepth: 0, aggDepth: 0, wrapperDepth: 0, wrapperBytes: 0, depth: 0 };
}

/** Runs `fn` one level deeper, refusing past the bound. */
export function deeper<T>(s: WalkState, fn: () => T): T {
  if (++s.depth > Limits.depth) throw illegalDsl(`the request nests deeper than ${Limits.depth} levels`);
  try {
    return fn();
  } finally {
    s.depth--;
  }
}
