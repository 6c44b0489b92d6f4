import { EsError, illegalArgument, validationError } from '../../core/errors.ts';
import { kindOf, type SortKey, type Value } from '../../store/query.ts';
import { USER_FIELDS, type UserQuery } from '../../store/user-query.ts';
import { checkField, fieldValue } from '../query/field-values.ts';
import { parseQuery } from '../query/parse-query.ts';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

const REQUEST = 'query_user_request_payload';
const FIELDS = new Set(['query', 'from', 'size', 'sort', 'search_after']);
const MAX_RESULT_WINDOW = 10_000;
const parseFailure = (reason: string) => new EsError('x_content_parse', `[1:2] [${REQUEST}] ${reason}`);

/** The body of `_query/user` (query, from, size, sort, search_after), parsed and validated as ES does. */
export function parseUserQueryRequest(body: unknown, now: number): UserQuery {
  if (body !== undefined && !isObject(body)) throw new EsError('parse', 'request body must be an object');
  const o: Json = body ?? {};
  for (const k of Object.keys(o)) if (!FIELDS.has(k)) throw parseFailure(`unknown field [${k}]`);
  if (o.query !== undefined && !isObject(o.query)) throw parseFailure('failed to parse field [query]');
  const from = integer(o.from, 'from');
  const size = integer(o.size, 'size');
  const problems: string[] = [];
  if (from !== undefined && from < 0) problems.push(`[from] parameter cannot be negative but was [${from}]`);
  if (size !== undefined && size < 0) problems.push(`[size] parameter cannot be negative but was [${size}]`);
  if (problems.length) throw validationError(problems);
  const query = parseQuery(o.query, now, USER_FIELDS);
  const sort = parseSort(o.sort);
  const window = (from ?? 0) + (size ?? 10);
  if (window > MAX_RESULT_WINDOW) {
    throw illegalArgument(
      `Result window is too large, from + size must be less than or equal to: [${MAX_RESULT_WINDOW}] but was [${window}]. See the scroll api for a more efficient way to request large data sets. This limit can be set by changing the [index.max_result_window] index level setting.`,
    );
  }
  return { query, from: from ?? 0, size: size ?? 10, sort, searchAfter: parseSearchAfter(o.search_after, sort, now) };
}

function integer(v: unknown, name: string): number | undefined {
  if (v === undefined || v === null) return undefined;
  const n = typeof v === 'string' && /^-?\d+$/.test(v.trim()) ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isInteger(n)) throw parseFailure(`failed to parse field [${name}]`);
  return n;
}

/** ES's field sort list: `"field"` or `{ "field": { "order": … } }`; text fields have no doc values to sort on. */
function parseSort(v: unknown): SortKey[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw parseFailure(`sort doesn't support values of type: ${v === null ? 'VALUE_NULL' : typeof v === 'object' ? 'START_OBJECT' : typeof v === 'string' ? 'VALUE_STRING' : 'VALUE_NUMBER'}`);
  return v.map((item): SortKey => {
    if (typeof item === 'string') return { field: sortField(item), order: 'asc' };
    if (!isObject(item) || Object.keys(item).length !== 1) throw illegalArgument('mal-formatted sort object');
    const [field, spec] = Object.entries(item)[0];
    if (!isObject(spec)) throw parseFailure('failed to parse field [sort]');
    for (const k of Object.keys(spec)) if (k !== 'order' && k !== 'missing' && k !== 'unmapped_type' && k !== 'format') throw parseFailure('failed to parse field [sort]');
    const order = spec.order ?? 'asc';
    if (order !== 'asc' && order !== 'desc') throw illegalArgument(`Unknown SortOrder [${String(order)}]`);
    return { field: sortField(field), order };
  });
}

function sortField(f: string): string {
  if (f === '_doc') return USER_FIELDS.docSort;
  const field = checkField(f, USER_FIELDS);
  if (USER_FIELDS.unsortable?.has(field) || kindOf(USER_FIELDS, field) === 'text') throw illegalArgument(`sorting is not supported for field [${field}]`);
  return field;
}

function parseSearchAfter(v: unknown, sort: readonly SortKey[], now: number): Value[] | undefined {
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v)) throw parseFailure('failed to parse field [search_after]');
  if (sort.length === 0) throw illegalArgument('Sort must contain at least one field.');
  if (v.length !== sort.length) throw illegalArgument(`search_after has ${v.length} value(s) but sort has ${sort.length}.`);
  return v.map((x, i) => fieldValue(sort[i].field, x, now, USER_FIELDS));
}
