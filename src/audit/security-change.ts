/**
 * `security_config_change` events: what a `_security` API call changes, as ES's audit trail records it
 * (`event.action` such as `put_user`, and a `put`/`delete`/`change`/`create`/`invalidate` object). Built
 * only from names, flags and descriptors: a password is `has_password`, a token `has_access_token`.
 */

export type ChangeField = 'put' | 'delete' | 'change' | 'create' | 'invalidate';

export interface SecurityChange {
  readonly action: string;
  readonly field: ChangeField;
  readonly value: Readonly<Record<string, unknown>>;
}

export interface SecurityChangeInput {
  /** ES's action name of the endpoint (`cluster:admin/xpack/security/user/put`). */
  readonly action: string;
  /** The request path (tells `_enable` from `_disable`). */
  readonly path: string;
  /** Path parameters of the route. */
  readonly params: Readonly<Record<string, string>>;
  /** The parsed JSON body, if any. */
  readonly body: unknown;
  /** The API's reply body: only the new API key's `id` and a generated service token's `name` are read. */
  readonly result?: unknown;
  /** The caller, for calls on one's own account (change password without a username). */
  readonly username?: string;
}

const SEC = 'cluster:admin/xpack/security/';
type Obj = Record<string, unknown>;
type Builder = (i: SecurityChangeInput, b: Obj) => SecurityChange[];

const one = (action: string, field: ChangeField, value: Obj): SecurityChange[] => [{ action, field, value }];

const BUILDERS: Readonly<Record<string, Builder>> = {
  [`${SEC}user/put`]: (i, b) => one('put_user', 'put', { user: putUser(userName(i), b) }),
  [`${SEC}user/delete`]: (i) => one('delete_user', 'delete', { user: { name: userName(i) } }),
  [`${SEC}user/change_password`]: (i) => one('change_password', 'change', { password: { user: { name: userName(i) } } }),
  [`${SEC}user/set_enabled`]: (i) => {
    const on = !/\/_disable\/?$/.test(i.path);
    return one(on ? 'change_enable_user' : 'change_disable_user', 'change', { [on ? 'enable' : 'disable']: { user: { name: userName(i) } } });
  },
  [`${SEC}role/put`]: (i, b) => one('put_role', 'put', { role: { name: i.params.name, role_descriptor: roleDescriptor(b) } }),
  [`${SEC}role/delete`]: (i) => one('delete_role', 'delete', { role: { name: i.params.name } }),
  [`${SEC}role/bulk_put`]: (_i, b) =>
    Object.entries(obj(b.roles)).map(([name, d]) => ({ action: 'put_role', field: 'put' as const, value: { role: { name, role_descriptor: roleDescriptor(obj(d)) } } })),
  [`${SEC}role/bulk_delete`]: (_i, b) => strings(b.names).map((name) => ({ action: 'delete_role', field: 'delete' as const, value: { role: { name } } })),
  [`${SEC}role_mapping/put`]: (i, b) => one('put_role_mapping', 'put', { role_mapping: roleMapping(i.params.name, b) }),
  [`${SEC}role_mapping/delete`]: (i) => one('delete_role_mapping', 'delete', { role_mapping: { name: i.params.name } }),
  [`${SEC}api_key/create`]: (i, b) => one('create_apikey', 'create', { apikey: newApiKey(i, b, 'rest') }),
  [`${SEC}cross_cluster/api_key/create`]: (i, b) => one('create_apikey', 'create', { apikey: newApiKey(i, b, 'cross_cluster') }),
  [`${SEC}api_key/grant`]: (i, b) => one('create_apikey', 'create', { apikey: newApiKey(i, obj(b.api_key), 'rest'), grant: grant(b) }),
  [`${SEC}api_key/update`]: (i, b) => (i.params.id === undefined && Array.isArray(b.ids) ? bulkUpdate(b) : update(i.params.id, b, 'rest')),
  [`${SEC}api_key/bulk_update`]: (_i, b) => bulkUpdate(b),
  [`${SEC}cross_cluster/api_key/update`]: (i, b) => update(i.params.id, b, 'cross_cluster'),
  [`${SEC}api_key/invalidate`]: (_i, b) => one('invalidate_apikeys', 'invalidate', { apikeys: invalidation(b) }),
  [`${SEC}privilege/put`]: (_i, b) => one('put_privileges', 'put', { privileges: privileges(b) }),
  [`${SEC}privilege/delete`]: (i) =>
    one('delete_privileges', 'delete', { privileges: { application: i.params.application, privileges: (i.params.name ?? '').split(',').filter(Boolean) } }),
  [`${SEC}service_account/token/create`]: (i) => one('create_service_token', 'create', { service_token: serviceToken(i) }),
  [`${SEC}service_account/token/delete`]: (i) => one('delete_service_token', 'delete', { service_token: serviceToken(i) }),
  [`${SEC}profile/activate`]: (_i, b) => one('activate_user_profile', 'put', { grant: grant(b) }),
  [`${SEC}profile/put/data`]: (i, b) => one('update_user_profile_data', 'put', { uid: i.params.uid, labels: b.labels ?? {}, data: b.data ?? {} }),
  [`${SEC}profile/set_enabled`]: (i) => {
    const on = !/\/_disable\/?$/.test(i.path);
    return one(on ? 'change_enable_user_profile' : 'change_disable_user_profile', 'change', { [on ? 'enable' : 'disable']: { uid: i.params.uid } });
  },
};

/** The ES action names audited as security configuration changes. */
export const SECURITY_CHANGE_ACTIONS: ReadonlySet<string> = new Set(Object.keys(BUILDERS));

/** The change events for one successful call (none when the action changes no security configuration). */
export function securityChanges(input: SecurityChangeInput): SecurityChange[] {
  const build = BUILDERS[input.action];
  return build ? build(input, obj(input.body)) : [];
}

function obj(v: unknown): Obj {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {};
}

function strings(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

const userName = (i: SecurityChangeInput) => i.params.username ?? i.params.name ?? i.username ?? '';

function putUser(name: string, b: Obj): Obj {
  const user: Obj = { name, enabled: b.enabled !== false, roles: strings(b.roles) };
  if (typeof b.full_name === 'string') user.full_name = b.full_name;
  if (typeof b.email === 'string') user.email = b.email;
  user.has_password = b.password !== undefined || b.password_hash !== undefined;
  if (Object.keys(obj(b.metadata)).length > 0) user.metadata = b.metadata;
  return user;
}

/** A role descriptor the way ES's audit trail writes one (queries as strings, defaults left out). */
export function roleDescriptor(d: Obj): Obj {
  const out: Obj = { cluster: strings(d.cluster) };
  if (Object.keys(obj(d.global)).length > 0) out.global = d.global;
  out.indices = (Array.isArray(d.indices) ? d.indices : []).map((ip) => indicesPrivileges(obj(ip)));
  out.applications = Array.isArray(d.applications) ? d.applications : [];
  out.run_as = strings(d.run_as);
  if (Object.keys(obj(d.metadata)).length > 0) out.metadata = d.metadata;
  return out;
}

function indicesPrivileges(ip: Obj): Obj {
  const out: Obj = { names: strings(ip.names), privileges: strings(ip.privileges) };
  const fls = obj(ip.field_security);
  if (Object.keys(fls).length > 0) {
    out.field_security = { grant: fls.grant === undefined ? ['*'] : strings(fls.grant), ...(fls.except === undefined ? {} : { except: strings(fls.except) }) };
  }
  if (ip.query !== undefined && ip.query !== null) out.query = typeof ip.query === 'string' ? ip.query : JSON.stringify(ip.query);
  if (ip.allow_restricted_indices === true) out.allow_restricted_indices = true;
  return out;
}

function descriptors(v: unknown): Obj[] {
  return Object.values(obj(v)).map((d) => roleDescriptor(obj(d)));
}

function newApiKey(i: SecurityChangeInput, b: Obj, type: string): Obj {
  const key: Obj = {
    id: typeof obj(i.result).id === 'string' ? obj(i.result).id : null,
    name: typeof b.name === 'string' ? b.name : null,
    type,
    expiration: typeof b.expiration === 'string' ? b.expiration : null,
    role_descriptors: descriptors(type === 'cross_cluster' ? b.access : b.role_descriptors),
  };
  if (Object.keys(obj(b.metadata)).length > 0) key.metadata = b.metadata;
  return key;
}

function updateFields(b: Obj, type: string): Obj {
  const out: Obj = { type };
  if (b.role_descriptors !== undefined) out.role_descriptors = descriptors(b.role_descriptors);
  if (b.metadata !== undefined) out.metadata = b.metadata;
  out.expiration = typeof b.expiration === 'string' ? b.expiration : null;
  return out;
}

function update(id: string | undefined, b: Obj, type: string): SecurityChange[] {
  return one('change_apikey', 'change', { apikey: { id: id ?? null, ...updateFields(b, type) } });
}

function bulkUpdate(b: Obj): SecurityChange[] {
  return one('change_apikeys', 'change', { apikeys: { ids: strings(b.ids), ...updateFields(b, 'rest') } });
}

function invalidation(b: Obj): Obj {
  const out: Obj = {};
  const ids = [...strings(b.ids), ...strings(b.id)];
  if (ids.length > 0) out.ids = ids;
  if (typeof b.name === 'string' && b.name !== '') out.name = b.name;
  out.owned_by_authenticated_user = b.owner === true;
  const username = typeof b.username === 'string' && b.username !== '' ? b.username : undefined;
  const realm = typeof b.realm_name === 'string' && b.realm_name !== '' ? b.realm_name : undefined;
  if (username !== undefined || realm !== undefined) out.user = { name: username ?? null, realm: realm ?? null };
  return out;
}

function grant(b: Obj): Obj {
  const out: Obj = { type: typeof b.grant_type === 'string' ? b.grant_type : null };
  if (typeof b.username === 'string') out.user = { name: b.username, has_password: b.password !== undefined };
  if (b.access_token !== undefined) out.has_access_token = true;
  if (typeof b.run_as === 'string') out.run_as = b.run_as;
  return out;
}

function roleMapping(name: string | undefined, b: Obj): Obj {
  const out: Obj = { name: name ?? null };
  if (strings(b.roles).length > 0) out.roles = strings(b.roles);
  if (Array.isArray(b.role_templates) && b.role_templates.length > 0) out.role_templates = b.role_templates;
  out.rules = b.rules ?? null;
  out.enabled = b.enabled !== false;
  if (Object.keys(obj(b.metadata)).length > 0) out.metadata = b.metadata;
  return out;
}

function privileges(b: Obj): Obj[] {
  const out: Obj[] = [];
  for (const [application, names] of Object.entries(b)) {
    for (const [name, p] of Object.entries(obj(names))) {
      const priv = obj(p);
      out.push({ application, name, actions: strings(priv.actions), metadata: priv.metadata ?? {} });
    }
  }
  return out;
}

function serviceToken(i: SecurityChangeInput): Obj {
  // A token created without a name gets one generated: read it (and only it) from the reply.
  const generated = obj(obj(i.result).token).name;
  const name = i.params.name ?? (typeof generated === 'string' ? generated : null);
  return { namespace: i.params.namespace ?? null, service: i.params.service ?? null, name };
}
