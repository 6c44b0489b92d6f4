import type { KeySelection } from '../../../authc/api-keys/api-key-requests.ts';
import { fieldParseError, requireObjectBody, unknownFieldError, valueTypeError } from '../../body.ts';
import { EsError } from '../../../core/errors.ts';

function bool(v: string | null): boolean {
  if (v === null) return false;
  if (v === '' || v === 'true') return true;
  if (v === 'false') return false;
  throw new EsError('illegal_argument', `Failed to parse value [${v}] as only [true] or [false] are allowed.`);
}

/** The get API's selection from the query string. */
export function getSelection(q: URLSearchParams): KeySelection & { activeOnly: boolean; withLimitedBy: boolean } {
  const id = q.get('id');
  return {
    ids: id === null || id === '' ? undefined : [id],
    name: q.get('name') ?? undefined,
    username: q.get('username') ?? undefined,
    realmName: q.get('realm_name') ?? undefined,
    owner: bool(q.get('owner')),
    activeOnly: bool(q.get('active_only')),
    withLimitedBy: bool(q.get('with_limited_by')),
  };
}

const INVALIDATE_FIELDS = ['ids', 'name', 'owner', 'realm_name', 'username'];
const PARSER = 'invalidate_api_key';

/** The invalidate API's selection from its body (`ids`, `name`, `username`, `realm_name`, `owner`), parsed as ES 9 does. */
export function invalidateSelection(body: unknown): KeySelection {
  const o = requireObjectBody(body);
  const sel: { -readonly [K in keyof KeySelection]: KeySelection[K] } = { owner: false };
  const text = (field: string, v: unknown) => {
    if (v !== null && typeof v !== 'string') throw valueTypeError(PARSER, o, field, v);
    return v ?? undefined;
  };
  for (const [field, v] of Object.entries(o)) {
    if (field === 'ids') {
      // A string array; one string is a one-element array (ES's string-array fields).
      if (typeof v === 'string') sel.ids = [v];
      else if (Array.isArray(v) && v.every((x) => typeof x === 'string')) sel.ids = v as string[];
      else throw valueTypeError(PARSER, o, 'ids', v);
    } else if (field === 'name') sel.name = text(field, v);
    else if (field === 'username') sel.username = text(field, v);
    else if (field === 'realm_name') sel.realmName = text(field, v);
    else if (field === 'owner') {
      if (typeof v === 'boolean') sel.owner = v;
      else if (v === 'true' || v === 'false') sel.owner = v === 'true';
      else throw fieldParseError(PARSER, o, 'owner', new EsError('illegal_argument', `Failed to parse value [${String(v)}] as only [true] or [false] are allowed.`));
    } else throw unknownFieldError(PARSER, o, field, INVALIDATE_FIELDS);
  }
  return sel;
}
