/**
 * The query DSL subset of ES's security query APIs (`_query/api_key`, `_query/user`), backend-neutral:
 * what the shared parser (authc/query) produces and each store backend evaluates. Which fields a query may
 * name, and of which kind, is each API's `QueryFields`.
 */
export type Field = string;
export type Value = string | number | boolean;

export type Query =
  | { readonly kind: 'all' }
  | { readonly kind: 'none' }
  | { readonly kind: 'term'; readonly field: Field; readonly value: Value; readonly caseInsensitive?: boolean }
  | { readonly kind: 'terms'; readonly field: Field; readonly values: readonly Value[] }
  | { readonly kind: 'prefix'; readonly field: Field; readonly value: string; readonly caseInsensitive?: boolean }
  | { readonly kind: 'wildcard'; readonly field: Field; readonly pattern: string; readonly caseInsensitive?: boolean }
  | { readonly kind: 'range'; readonly field: Field; readonly gt?: Value; readonly gte?: Value; readonly lt?: Value; readonly lte?: Value }
  | { readonly kind: 'exists'; readonly field: Field }
  | { readonly kind: 'bool'; readonly must: readonly Query[]; readonly should: readonly Query[]; readonly mustNot: readonly Query[]; readonly minimumShouldMatch: number };

export interface SortKey {
  readonly field: Field;
  readonly order: 'asc' | 'desc';
}

/**
 * `keyword`, `date` (epoch milliseconds), `boolean`, or `text`: analyzed as ES's standard analyzer does
 * (lowercased words), so `term`/`prefix`/`wildcard` match one word and `match` any word of the query.
 */
export type FieldKind = 'keyword' | 'date' | 'boolean' | 'text';

/** The fields one query API allows, as ES's field name translators for it. */
export interface QueryFields {
  readonly fields: Readonly<Record<string, FieldKind>>;
  /** A flattened object field (`metadata`): any `<name>.<path>` is a keyword. */
  readonly flattened?: string;
  /** Fields ES cannot sort on (no doc values): `sorting is not supported for field [x]`. */
  readonly unsortable?: ReadonlySet<string>;
  /** The fields `simple_query_string` searches without `fields` (ES: every allowed field). */
  readonly defaultFields: readonly string[];
  /** The `ids` query over the API's document ids. */
  ids(values: readonly string[]): Query;
  /** What `_doc` sorts by. */
  readonly docSort: Field;
}

export function kindOf(schema: QueryFields, field: Field): FieldKind | null {
  if (Object.hasOwn(schema.fields, field)) return schema.fields[field];
  const f = schema.flattened;
  if (f !== undefined && field.startsWith(`${f}.`) && field.length > f.length + 1) return 'keyword';
  return null;
}

/** The words ES's standard analyzer makes of a text (lowercased; `.`, `'` and `_` inside a word keep it whole). */
export function analyze(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}_]+(?:['.][\p{L}\p{N}_]+)*/gu) ?? [];
}
