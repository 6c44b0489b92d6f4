/**
 * ES's IndicesAndAliasesResolver for one permission: an index expression (`a,logs-*,-logs-old,<x-{now/d}>`)
 * becomes the authorized concrete names it stands for. Wildcards and `_all` expand against the upstream's
 * metadata and silently drop what the permission does not grant; explicit names that are not granted are
 * reported as denied (a 403), or dropped with `ignore_unavailable`.
 *
 * Cost: per (permission, actions, metadata version) one table of allowed names, filled lazily; per
 * expression one cached expansion. A repeated request costs two map look-ups, whatever the number of
 * indices or roles.
 */
import type { Permission } from '../permission.ts';
import type { IndexMetadata, Abstraction } from './metadata.ts';
import { isRestrictedIndex } from './restricted.ts';
import { isDateMath, resolveDateMath } from './date-math.ts';
import { type IndicesOptions, optionsKey } from './options.ts';
import { compileWildcard, STAR_ONLY } from '../../lib/patterns/wildcard.ts';

/** ES's placeholder for "no index": `*,-*` resolves to nothing. */
export const NO_INDICES = '*,-*';

export interface Expansion {
  /** Authorized names, in request order, without duplicates. */
  readonly names: readonly string[];
  /** Explicit names the permission does not grant (the request is refused). */
  readonly denied: readonly string[];
  /** True when the expression must be replaced by `names` (wildcards, date math, drops). */
  readonly rewrite: boolean;
  /** The replacement expression: `names` joined, or NO_INDICES when empty. */
  readonly expression: string;
  /**
   * A shorter equivalent for when `expression` is too long for a URL: the request's own wildcards when
   * they matched nothing unauthorized, or with `-name` exclusions of what was dropped. Null when none is safe.
   */
  readonly compact: string | null;
  /** Names that were dropped because the permission does not grant them (wildcard matches). */
  readonly dropped: number;
}

const MAX_EXPANSIONS_PER_TABLE = 512;
/** Beyond this many dropped names a `-name` exclusion list is no shorter than the names themselves. */
const MAX_EXCLUSIONS = 512;

/** Allowed-name table for one (permission, actions) at one metadata version. */
class NameTable {
  readonly version: number;
  readonly #state: Uint8Array; // 0 unknown, 1 allowed, 2 not allowed
  readonly expansions = new Map<string, Expansion>();
  readonly #extra = new Map<string, boolean>();
  /** The table this one replaces (same permission and actions, older metadata): its answers carry over by name. */
  #previous: NameTable | null;

  readonly permission: Permission;
  readonly actions: readonly string[];
  readonly metadata: IndexMetadata;

  constructor(permission: Permission, actions: readonly string[], metadata: IndexMetadata, previous: NameTable | null = null) {
    this.#previous = previous;
    if (previous) previous.#previous = null; // keep one generation, never a chain
    this.permission = permission;
    this.actions = actions;
    this.metadata = metadata;
    this.version = metadata.version;
    this.#state = new Uint8Array(metadata.size);
  }

  allowedAt(i: number): boolean {
    const s = this.#state[i];
    if (s !== 0) return s === 1;
    const e = this.metadata.entries[i];
    const prior = this.#previous?.known(e.name);
    const ok = prior ?? this.#check(e.name, e.restricted, e.dataStream);
    this.#state[i] = ok ? 1 : 2;
    return ok;
  }

  allowed(name: string): boolean {
    const i = this.metadata.indexOf(name);
    if (i >= 0) return this.allowedAt(i);
    let v = this.#extra.get(name);
    if (v === undefined) {
      v = this.#check(name, isRestrictedIndex(name));
      if (this.#extra.size > 10_000) this.#extra.clear();
      this.#extra.set(name, v);
    }
    return v;
  }

  /** The answer already computed for `name`, if any (no new permission check). */
  known(name: string): boolean | undefined {
    const i = this.metadata.indexOf(name);
    if (i >= 0) {
      const s = this.#state[i];
      return s === 0 ? undefined : s === 1;
    }
    return this.#extra.get(name);
  }

  /** A backing index is granted what its name or its data stream's name is granted (each action on its own). */
  #check(name: string, restricted: boolean, dataStream?: string): boolean {
    for (const a of this.actions) {
      if (this.permission.index(a, name, restricted)) continue;
      if (dataStream === undefined || !this.permission.index(a, dataStream, isRestrictedIndex(dataStream))) return false;
    }
    return true;
  }
}

const tables = new WeakMap<Permission, Map<string, NameTable>>();

function tableFor(permission: Permission, actions: readonly string[], metadata: IndexMetadata): NameTable {
  let byActions = tables.get(permission);
  if (!byActions) tables.set(permission, (byActions = new Map()));
  const key = actions.length === 1 ? actions[0] : actions.join('|');
  let t = byActions.get(key);
  if (!t || t.version !== metadata.version || t.metadata !== metadata) {
    t = new NameTable(permission, actions, metadata, t ?? null);
    byActions.set(key, t);
  }
  return t;
}

/** Whether the permission grants all `actions` on `name` (a concrete name, alias or data stream). */
export function isAuthorized(permission: Permission, actions: readonly string[], name: string, metadata: IndexMetadata): boolean {
  return tableFor(permission, actions, metadata).allowed(name);
}

/** Whether any name in the metadata is granted (ES's "authorized for any index" for composite requests). */
export function anyAuthorized(permission: Permission, actions: readonly string[], metadata: IndexMetadata): boolean {
  const t = tableFor(permission, actions, metadata);
  const cached = t.expansions.get('\u0000any');
  if (cached) return cached.names.length > 0;
  let found = '';
  for (let i = 0; i < metadata.size && !found; i++) if (t.allowedAt(i)) found = metadata.names[i];
  t.expansions.set('\u0000any', { names: found ? [found] : [], denied: [], rewrite: false, expression: '', compact: null, dropped: 0 });
  return found !== '';
}

/**
 * Resolves `expression` (the comma-separated list as the request carries it; '' means all) for `actions`.
 * `wildcards: false` is for APIs that take one concrete name: `*` there is just a character.
 */
export function expandExpression(
  permission: Permission,
  actions: readonly string[],
  expression: string,
  options: IndicesOptions,
  metadata: IndexMetadata,
  now: number,
  wildcards = true,
): Expansion {
  const t = tableFor(permission, actions, metadata);
  const dateMath = expression.includes('<');
  const key = `${+wildcards}${optionsKey(options)}${expression}`;
  if (!dateMath) {
    const hit = t.expansions.get(key);
    if (hit) return hit;
  }
  const result = compute(t, expression, options, now, wildcards);
  if (!dateMath) {
    if (t.expansions.size >= MAX_EXPANSIONS_PER_TABLE) t.expansions.clear();
    t.expansions.set(key, result);
  }
  return result;
}

function compute(t: NameTable, expression: string, options: IndicesOptions, now: number, wildcards: boolean): Expansion {
  const parts = expression === '' ? ['_all'] : expression.split(',');
  const out = new Set<string>();
  const denied: string[] = [];
  const resolvedParts: string[] = [];
  let rewrite = false;
  let sawWildcard = false;
  let dropped = 0;
  let droppedExplicit = false;
  const droppedNames: string[] = [];
  for (const raw of parts) {
    if (raw === '') continue;
    if (wildcards && sawWildcard && raw.length > 1 && raw[0] === '-') {
      const pattern = resolveDateMath(raw.slice(1), now);
      const m = matcher(pattern);
      for (const n of [...out]) if (m(n)) out.delete(n);
      rewrite = true;
      resolvedParts.push('-' + pattern);
      continue;
    }
    const name = resolveDateMath(raw, now);
    if (name !== raw) rewrite = true;
    resolvedParts.push(name);
    if (wildcards && (name === '_all' || name.includes('*'))) {
      sawWildcard = true;
      rewrite = true;
      const r = expandWildcard(t, name === '_all' ? '*' : name, options, out, droppedNames);
      dropped += r;
      continue;
    }
    if (t.allowed(name)) out.add(name);
    else if (options.ignoreUnavailable) {
      rewrite = true;
      droppedExplicit = true;
    } else denied.push(name);
  }
  const names = [...out];
  const joined = names.length ? names.join(',') : NO_INDICES;
  let compact: string | null = null;
  if (rewrite && !droppedExplicit && sawWildcard) {
    const base = resolvedParts.join(',');
    compact = dropped === 0 ? base : dropped === droppedNames.length ? base + ',' + droppedNames.map((n) => '-' + n).join(',') : null;
  }
  return { names, denied, rewrite, expression: rewrite ? joined : expression, compact, dropped };
}

/** Adds the authorized matches of one wildcard; returns how many visible matches authorization dropped. */
function expandWildcard(t: NameTable, pattern: string, options: IndicesOptions, out: Set<string>, droppedNames: string[]): number {
  const md = t.metadata;
  const star = pattern.indexOf('*');
  const prefix = pattern.slice(0, star);
  const [from, to] = md.prefixRange(prefix);
  const pureSuffix = star === pattern.length - 1; // `prefix*`
  const match = pureSuffix ? null : compileWildcard(pattern, STAR_ONLY); // linear: no backtracking on `*a*a*a…`
  const dotPattern = pattern.charCodeAt(0) === 0x2e;
  let dropped = 0;
  for (let i = from; i < to; i++) {
    const e = md.entries[i];
    if (match && !match(e.name)) continue;
    if (!visible(e, options, dotPattern)) continue;
    if (t.allowedAt(i)) out.add(e.name);
    else {
      dropped++;
      if (droppedNames.length < MAX_EXCLUSIONS) droppedNames.push(e.name);
    }
  }
  return dropped;
}

function visible(e: Abstraction, o: IndicesOptions, dotPattern: boolean): boolean {
  if (o.dataStreamsOnly && e.kind !== 'data_stream') return false;
  if (o.aliasesOnly && e.kind !== 'alias') return false;
  if (e.kind === 'alias' && !o.aliases) return false;
  if (e.hidden && !o.hidden && !(dotPattern && e.name.charCodeAt(0) === 0x2e)) return false;
  if (e.kind === 'index') return e.closed ? o.closed : o.open;
  return o.open || o.closed;
}

/** ES's `Regex.simpleMatch` for an exclusion (`-logs-old*`): only `*` is special. */
function matcher(pattern: string): (n: string) => boolean {
  return compileWildcard(pattern, STAR_ONLY);
}

export { isDateMath };
