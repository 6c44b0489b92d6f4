/**
 * ES's IndicesOptions as the REST layer reads them (`expand_wildcards`, `ignore_unavailable`,
 * `allow_no_indices`), with each action family's defaults.
 */
import { EsError } from '../../core/errors.ts';

export interface IndicesOptions {
  readonly open: boolean;
  readonly closed: boolean;
  readonly hidden: boolean;
  readonly ignoreUnavailable: boolean;
  readonly allowNoIndices: boolean;
  /** Whether wildcards may match aliases (false for e.g. delete index and close). */
  readonly aliases: boolean;
  /** Whether wildcards match data streams only (the `_data_stream` APIs: an index or alias there is a 404). */
  readonly dataStreamsOnly?: boolean;
  /** Whether wildcards match aliases only (the alias names of the get-aliases APIs). */
  readonly aliasesOnly?: boolean;
}

export const STRICT_EXPAND_OPEN: IndicesOptions = { open: true, closed: false, hidden: false, ignoreUnavailable: false, allowNoIndices: true, aliases: true };
/** Search, count, field caps: lenient about closed indices in wildcard expansions. */
export const STRICT_EXPAND_OPEN_FORBID_CLOSED = STRICT_EXPAND_OPEN;
/** Index admin APIs that also see closed indices (get settings/mappings, delete index, open). */
export const STRICT_EXPAND_OPEN_CLOSED: IndicesOptions = { ...STRICT_EXPAND_OPEN, closed: true };
/** Single concrete targets (document APIs, create index): no wildcards, must exist or be created. */
export const STRICT_SINGLE: IndicesOptions = { ...STRICT_EXPAND_OPEN, allowNoIndices: false };
export const LENIENT_EXPAND_OPEN: IndicesOptions = { ...STRICT_EXPAND_OPEN, ignoreUnavailable: true };

export interface QueryParams {
  get(name: string): string | undefined;
}

/** The options for a request: the action's defaults, overridden by the query string. */
export function indicesOptions(query: QueryParams, defaults: IndicesOptions): IndicesOptions {
  const expand = query.get('expand_wildcards');
  const ignoreUnavailable = query.get('ignore_unavailable');
  const allowNoIndices = query.get('allow_no_indices');
  const ignoreThrottled = query.get('ignore_throttled'); // accepted, no effect on resolution
  void ignoreThrottled;
  let out = defaults;
  if (expand !== undefined) {
    let open = false;
    let closed = false;
    let hidden = false;
    for (const raw of expand.split(',')) {
      const w = raw.trim().toLowerCase();
      if (w === 'open') open = true;
      else if (w === 'closed') closed = true;
      else if (w === 'hidden') hidden = true;
      else if (w === 'all') open = closed = hidden = true;
      else if (w === 'none') {
        /* nothing */
      } else throw new EsError('illegal_argument', `No enum constant org.elasticsearch.action.support.IndicesOptions.WildcardStates.${w.toUpperCase()}`);
    }
    out = { ...out, open, closed, hidden };
  }
  if (ignoreUnavailable !== undefined) out = { ...out, ignoreUnavailable: bool(ignoreUnavailable, 'ignore_unavailable') };
  if (allowNoIndices !== undefined) out = { ...out, allowNoIndices: bool(allowNoIndices, 'allow_no_indices') };
  return out;
}

function bool(v: string, name: string): boolean {
  if (v === '' || v === 'true') return true;
  if (v === 'false') return false;
  throw new EsError('illegal_argument', `Failed to parse value [${v}] as only [true] or [false] are allowed.`, { fields: { parameter: name } });
}

export function optionsKey(o: IndicesOptions): string {
  return `${+o.open}${+o.closed}${+o.hidden}${+o.ignoreUnavailable}${+o.allowNoIndices}${+o.aliases}${+(o.dataStreamsOnly === true)}${+(o.aliasesOnly === true)}`;
}
