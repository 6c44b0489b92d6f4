/**
 * The body grammar's node language: what a forwarded body may contain, position by position. Objects are
 * closed (an undeclared field is refused); a position that names indices says so (`index`), one the gateway
 * will not forward says why (`refused`), query-DSL parts are delegated to the DSL walker (`dsl`).
 */
import type { DslKind } from '../dsl/index.ts';
import type { IndicesOptions } from '../indices/options.ts';

/** What the names at an index position are authorized for. */
export interface IndexRole {
  /** Actions the names must be granted (the first is named in a denial). */
  readonly actions: readonly string[];
  /** One concrete name (no wildcards), as single-index APIs take. */
  readonly single: boolean;
  /**
   * `auto`: the resolver adds a target for it (generic routes). `resolver`: the route's own resolver reads it
   * (mget items, alias actions, reindex source/dest, create-index aliases).
   */
  readonly by: 'auto' | 'resolver';
  readonly options?: IndicesOptions;
}

export type Node =
  /** Any JSON value that names nothing the gateway authorizes (documents, settings values, metadata). */
  | { readonly t: 'any' }
  /** A string, number, boolean or null. */
  | { readonly t: 'scalar' }
  /** A closed object: every field declared. `name` is what errors call it. */
  | {
      readonly t: 'object';
      readonly name: string;
      readonly fields: Readonly<Record<string, Node>>;
      /** Undeclared fields, taken together, are this node (e.g. the search part of an update-by-query body). */
      readonly rest?: Node;
      /** A scalar stands for the object (`"script": "ctx…"`). */
      readonly orScalar?: boolean;
    }
  | { readonly t: 'array'; readonly of: Node }
  /** One value or an array of them. */
  | { readonly t: 'many'; readonly of: Node }
  /** An object with free keys (keys may be index names: `keys`). */
  | { readonly t: 'map'; readonly of: Node; readonly keys?: IndexRole }
  /** Index, alias or data stream names: a string (comma list) or an array of strings. */
  | { readonly t: 'index'; readonly role: IndexRole }
  /** Accepted by an engine, not forwarded by the gateway. */
  | { readonly t: 'refused'; readonly reason: string }
  /** A query-DSL part, walked by `walkDsl`. */
  | { readonly t: 'dsl'; readonly dsl: DslKind };

export const any: Node = { t: 'any' };
export const scalar: Node = { t: 'scalar' };
export const obj = (name: string, fields: Record<string, Node>, o: { orScalar?: boolean; rest?: Node } = {}): Node => ({ t: 'object', name, fields, ...o });
export const arr = (of: Node): Node => ({ t: 'array', of });
export const many = (of: Node): Node => ({ t: 'many', of });
export const map = (of: Node, keys?: IndexRole): Node => ({ t: 'map', of, keys });
export const index = (role: IndexRole): Node => ({ t: 'index', role });
export const refused = (reason: string): Node => ({ t: 'refused', reason });
export const dsl = (kind: DslKind): Node => ({ t: 'dsl', dsl: kind });

/** Fields that are all scalars (flags, numbers, names that are not index names). */
export function scalars(names: string): Record<string, Node> {
  return Object.fromEntries(names.split(/\s+/).filter(Boolean).map((n) => [n, scalar]));
}

/** Fields that take any inert JSON value. */
export function inert(names: string): Record<string, Node> {
  return Object.fromEntries(names.split(/\s+/).filter(Boolean).map((n) => [n, any]));
}
