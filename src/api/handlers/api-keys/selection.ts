import type { KeySelection } from '../../../authc/api-keys/api-key-requests.ts';
import { unknownField } from '../../../authc/api-keys/api-key-requests.ts';
import { requireObjectBody, stringArray, stringField, wrongType } from '../../body.ts';
import { EsError } from '../../../core/errors.ts';

function bool(v: string | null, name: string): boolean {
  if (v === null) return false;
  if (v === '' || v === 'true') return true;
  if (v === 'false') return false;
  throw new EsError('illegal_argument', `Failed to parse value [${v}] as only [true] or [false] are allowed.`, { fields: { param: name } });
}

/** The get API's selection from the query string. */
export function getSelection(q: URLSearchParams): KeySelection & { activeOnly: boolean; withLimitedBy: boolean } {
  const id = q.get('id');
  return {
    ids: id === null || id === '' ? undefined : [id],
    name: q.get('name') ?? undefined,
    username: q.get('username') ?? undefined,
    realmName: q.get('realm_name') ?? undefined,
    owner: bool(q.get('owner'), 'owner'),
    activeOnly: bool(q.get('active_only'), 'active_only'),
    withLimitedBy: bool(q.get('with_limited_by'), 'with_limited_by'),
  };
}

/** The invalidate API's selection from its body (`id` or `ids`, `name`, `username`, `realm_name`, `owner`). */
export function invalidateSelection(body: unknown): KeySelection {
  const o = requireObjectBody(body);
  let ids: string[] | undefined;
  const sel: { -readonly [K in keyof KeySelection]: KeySelection[K] } = { owner: false };
  for (const [field, v] of Object.entries(o)) {
    if (field === 'id') {
      if (ids !== undefined) throw new EsError('illegal_argument', 'Must use either [id] or [ids], not both at the same time');
      const id = stringField('id', v, true);
      ids = id ? [id] : undefined;
    } else if (field === 'ids') {
      if (ids !== undefined) throw new EsError('illegal_argument', 'Must use either [id] or [ids], not both at the same time');
      ids = stringArray('ids', v);
    } else if (field === 'name') sel.name = stringField('name', v, true) ?? undefined;
    else if (field === 'username') sel.username = stringField('username', v, true) ?? undefined;
    else if (field === 'realm_name') sel.realmName = stringField('realm_name', v, true) ?? undefined;
    else if (field === 'owner') {
      if (typeof v !== 'boolean') throw wrongType('owner', 'boolean', v);
      sel.owner = v;
    } else throw unknownField('invalidate_api_key', field);
  }
  sel.ids = ids;
  return sel;
}
