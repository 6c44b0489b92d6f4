import { EsError } from '../../core/errors.ts';
import type { ApplicationPrivileges, IndicesPrivileges, RoleDescriptor } from '../../core/role-descriptor.ts';
import { tokenName } from '../../api/body.ts';
import { REMOTE_CLUSTER_PRIVILEGES, validateRoleDescriptor } from './role-descriptor-validator.ts';
import { validateDlsQuery } from './dls-query.ts';
import { roleNameFormatError } from './role-names.ts';

export interface ParseRoleOptions {
  /** Role descriptors of an API key (`role_descriptors`): `restriction` is allowed. */
  readonly forApiKey?: boolean;
  /** Leave out ES's request validation (privilege names, metadata keys …): only parse. */
  readonly skipValidation?: boolean;
}

type Json = Record<string, unknown>;

/**
 * Parses a role descriptor as ES's `RoleDescriptor.parse` does, then validates it as ES's
 * `RoleDescriptorRequestValidator` does. Throws ES's 400s: `parse_exception` for the shape,
 * `validation_exception` for a malformed role name, `action_request_validation_exception` for invalid
 * privileges, `illegal_argument_exception` for prohibited DLS queries.
 * The result is canonical: index `names` are arrays, `query` is a string, absent lists are empty.
 */
export function parseRoleDescriptor(name: string, json: unknown, opts: ParseRoleOptions = {}): RoleDescriptor {
  const nameError = roleNameFormatError(name);
  if (nameError) throw new EsError('validation', `Validation Failed: 1: ${nameError};`, { type: 'validation_exception' });
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    throw parseError(`failed to parse role [${name}]. expected an object but found [${tokenName(json)}] instead`);
  }
  const out: {
    cluster: string[];
    indices: IndicesPrivileges[];
    applications: ApplicationPrivileges[];
    run_as: string[];
    metadata: Json;
    global?: Json;
    remote_indices?: unknown[];
    remote_cluster?: unknown[];
    restriction?: Json;
    description?: string;
  } = { cluster: [], indices: [], applications: [], run_as: [], metadata: {} };
  for (const [field, v] of Object.entries(json as Json)) {
    switch (field) {
      case 'cluster':
        out.cluster = readStringArray(name, field, v, true) ?? [];
        break;
      case 'index':
      case 'indices':
        out.indices = parseIndices(name, field, v);
        break;
      case 'applications':
      case 'application':
        out.applications = parseApplications(name, field, v);
        break;
      case 'run_as':
        out.run_as = readStringArray(name, field, v, true) ?? [];
        break;
      case 'global':
        if (v !== null) out.global = parseGlobal(v);
        break;
      case 'metadata':
        if (!isObject(v)) throw parseError(`expected field [metadata] to be of type object, but found [${tokenName(v)}] instead`);
        out.metadata = v;
        break;
      case 'transient_metadata':
        if (!isObject(v)) throw parseError(`failed to parse role [${name}]. unexpected field [${field}]`);
        break;
      case 'remote_indices':
        out.remote_indices = parseRemoteIndices(name, v);
        break;
      case 'remote_cluster':
        out.remote_cluster = parseRemoteCluster(name, v);
        break;
      case 'restriction':
        if (!opts.forApiKey) throw parseError(`failed to parse role [${name}]. unexpected field [${field}]`);
        out.restriction = parseRestriction(name, v);
        break;
      case 'description':
        // ES reads it as text: numbers and booleans become their text
        if (typeof v === 'number' || typeof v === 'boolean') out.description = String(v);
        else if (typeof v !== 'string') throw new EsError('illegal_argument', `Expected text but found ${tokenName(v)}`);
        else out.description = v;
        break;
      case 'type':
        break;
      default:
        throw parseError(`failed to parse role [${name}]. unexpected field [${field}]`);
    }
  }
  const descriptor: RoleDescriptor = out;
  if (!opts.skipValidation) {
    const problems = validateRoleDescriptor(descriptor);
    if (problems.length) throw new EsError('validation', `Validation Failed: ${problems.map((p, i) => `${i + 1}: ${p};`).join('')}`);
    descriptor.indices?.forEach((group, i) => validateDlsQuery(group, i));
  }
  return descriptor;
}

function parseError(reason: string, cause?: { type: string; reason: string }): EsError {
  return new EsError('parse', reason, cause ? { fields: { caused_by: cause } } : {});
}

function isObject(v: unknown): v is Json {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** ES's `XContentUtils.readStringArray`, its errors wrapped as `failed to parse role [name]`. */
export function readStringArray(role: string, field: string, v: unknown, allowNull: boolean): string[] | null {
  const fail = (reason: string) => parseError(`failed to parse role [${role}]`, { type: 'parse_exception', reason });
  if (v === null) {
    if (allowNull) return null;
    throw fail(`could not parse [${field}] field. expected a string array but found null value instead`);
  }
  if (!Array.isArray(v)) throw fail(`could not parse [${field}] field. expected a string array but found [${tokenName(v)}] value instead`);
  for (const x of v) {
    if (typeof x !== 'string') throw fail(`could not parse [${field}] field. expected a string array but one of the value in the array is [${tokenName(x)}]`);
  }
  return v as string[];
}

/** An `indices` array as role descriptors and `_has_privileges` bodies write it. */
export function parseIndices(role: string, field: string, v: unknown): IndicesPrivileges[] {
  if (!Array.isArray(v)) {
    throw parseError(`failed to parse indices privileges for role [${role}]. expected field [${field}] value to be an array, but found [${tokenName(v)}] instead`);
  }
  return v.map((entry) => parseIndex(role, field, entry));
}

function parseIndex(role: string, arrayField: string, entry: unknown, remote = false): IndicesPrivileges & { clusters?: string[] } {
  const what = remote ? 'remote indices' : 'indices';
  const fail = (reason: string) => parseError(`failed to parse ${what} privileges for role [${role}]. ${reason}`);
  if (!isObject(entry)) throw fail(`expected field [${arrayField}] value to be an array of objects, but found an array element of type [${tokenName(entry)}]`);
  let names: string[] | undefined;
  let privileges: string[] | undefined;
  let query: string | undefined;
  let grant: string[] | undefined;
  let except: string[] | undefined;
  let allowRestricted = false;
  let clusters: string[] | undefined;
  for (const [field, v] of Object.entries(entry)) {
    if (field === 'names') {
      if (typeof v === 'string') names = [v];
      else if (Array.isArray(v)) {
        names = readStringArray(role, field, v, false)!;
        if (names.length === 0) throw fail(`[${field}] cannot be an empty array`);
      } else throw fail(`expected field [${field}] value to be a string or an array of strings, but found [${tokenName(v)}] instead`);
    } else if (field === 'allow_restricted_indices') {
      if (typeof v !== 'boolean') throw fail(`expected field [${field}] value to be a boolean, but found [${tokenName(v)}] instead`);
      allowRestricted = v;
    } else if (field === 'query') {
      if (isObject(v)) query = JSON.stringify(v);
      else if (typeof v === 'string') query = v === '' ? undefined : v;
      else if (v !== null) throw fail(`expected field [${field}] value to be null, a string, an array, or an object, but found [${tokenName(v)}] instead`);
    } else if (field === 'field_security') {
      if (!isObject(v)) throw fail(`expected START_OBJECT but got ${tokenName(v)} in "field_security".`);
      const keys = Object.keys(v);
      if (keys.length === 0) throw fail(`"field_security" must not be empty.`);
      for (const k of keys) {
        if (k === 'grant') {
          grant = readStringArray(role, k, v[k], true) ?? undefined;
          if (grant === undefined) throw fail('grant must not be null.');
        } else if (k === 'except') {
          except = readStringArray(role, k, v[k], true) ?? undefined;
          if (except === undefined) throw fail('except must not be null.');
        } else throw fail(`"field_security" only accepts options grant and except, but got: ${k}`);
      }
    } else if (field === 'privileges') {
      privileges = readStringArray(role, field, v, true) ?? undefined;
    } else if (field === 'fields') {
      throw parseError(`["fields": [...]] format has changed for field permissions in role [${role}], use ["field_security": {"grant":[...],"except":[...]}] instead`);
    } else if (field === 'transient_metadata') {
      if (!isObject(v)) throw parseError(`failed to parse transient metadata for role [${role}]. expected START_OBJECT but got ${tokenName(v)} in "transient_metadata".`);
    } else if (remote && field === 'clusters') {
      clusters = readStringArray(role, field, v, false)!;
    } else throw fail(`unexpected field [${field}]`);
  }
  if (names === undefined) throw fail('missing required [names] field');
  if (privileges === undefined) throw fail('missing required [privileges] field');
  if (except !== undefined && grant === undefined) throw fail('field_security requires grant if except is given');
  const group: { -readonly [K in keyof IndicesPrivileges]: IndicesPrivileges[K] } & { clusters?: string[] } = { names, privileges };
  if (grant !== undefined || except !== undefined) group.field_security = except === undefined ? { grant } : { grant, except };
  if (query !== undefined) group.query = query;
  group.allow_restricted_indices = allowRestricted;
  if (remote) {
    if (clusters === undefined) throw parseError(`failed to parse remote indices privileges for role [${role}]. missing required [clusters] field`);
    group.clusters = clusters;
  }
  return group;
}

function parseRemoteIndices(role: string, v: unknown): unknown[] {
  if (!Array.isArray(v)) {
    throw parseError(`failed to parse remote indices privileges for role [${role}]. expected field [remote_indices] value to be an array, but found [${tokenName(v)}] instead`);
  }
  return v.map((e) => parseIndex(role, 'remote_indices', e, true));
}

function parseRemoteCluster(role: string, v: unknown): unknown[] {
  if (!Array.isArray(v)) {
    throw parseError(`failed to parse remote_cluster for role [${role}]. expected field [remote_cluster] value to be an array, but found [${tokenName(v)}] instead`);
  }
  const fail = (reason: string) => parseError(`failed to parse remote_cluster for role [${role}]. ${reason}`);
  return v.map((e) => {
    if (!isObject(e)) throw fail('expected field [remote_cluster] value to be an array of objects');
    for (const k of Object.keys(e)) if (k !== 'privileges' && k !== 'clusters') throw fail(`unexpected field [${k}]`);
    const privileges = e.privileges === undefined ? null : readStringArray(role, 'privileges', e.privileges, true);
    const clusters = e.clusters === undefined ? null : readStringArray(role, 'clusters', e.clusters, true);
    // ES's messages, trailing space included
    if (privileges && !clusters) throw fail('[clusters] must be defined when [privileges] are defined ');
    if (clusters && !privileges) throw fail('[privileges] must be defined when [clusters] are defined ');
    if (privileges?.some((p) => !REMOTE_CLUSTER_PRIVILEGES.includes(p))) {
      throw fail(`[${REMOTE_CLUSTER_PRIVILEGES.join(', ')}] are the only values allowed for [privileges] within [remote_cluster]. Found [${privileges.join(', ')}]`);
    }
    if (!privileges?.length || !clusters?.length) throw new EsError('illegal_argument', 'remote cluster groups must not be null or empty');
    return { privileges, clusters };
  });
}

/** An `applications` array as role descriptors and `_has_privileges` bodies write it. */
export function parseApplications(role: string, field: string, v: unknown): ApplicationPrivileges[] {
  const fail = (reason: string) => parseError(`failed to parse application privileges for role [${role}]. ${reason}`);
  if (!Array.isArray(v)) throw fail(`expected field [${field}] value to be an array, but found [${tokenName(v)}] instead`);
  return v.map((entry) => {
    if (!isObject(entry)) throw fail(`expected field [${field}] value to be an array of objects, but found an array element of type [${tokenName(entry)}]`);
    let application: string | undefined;
    let privileges: string[] | undefined;
    let resources: string[] | undefined;
    for (const [k, x] of Object.entries(entry)) {
      if (k === 'application') {
        if (typeof x !== 'string') throw parseError(`[application] application doesn't support values of type: ${tokenName(x)}`, undefined);
        application = x;
      } else if (k === 'privileges') privileges = stringList('privileges', x);
      else if (k === 'resources') resources = stringList('resources', x);
      else throw new EsError('x_content_parse', `[application] unknown field [${k}]`);
    }
    if (resources === undefined) throw fail('missing required [resources] field');
    if (privileges === undefined) throw fail('missing required [privileges] field');
    return { application: application ?? '', privileges, resources };
  });
}

/** ObjectParser's string arrays: a single string is accepted as a one-element array. */
function stringList(field: string, v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v as string[];
  throw new EsError('x_content_parse', `[application] ${field} doesn't support values of type: ${tokenName(v)}`);
}

/** `global`: ES's configurable cluster privileges, `{application: {manage: {applications: [...]}}}` and friends. */
function parseGlobal(v: unknown): Json {
  if (!isObject(v)) throw parseError(`failed to parse [global]: expected an object but found [${tokenName(v)}] instead`);
  const known: Record<string, Record<string, string>> = {
    application: { manage: 'applications' },
    profile: { write: 'applications' },
    role: { manage: 'indices' },
  };
  for (const [category, body] of Object.entries(v)) {
    const ops = known[category];
    if (!ops) throw parseError(`failed to parse privilege. unexpected field [${category}]`);
    if (!isObject(body)) throw parseError(`failed to parse privilege. expected an object for [${category}]`);
    for (const [op, inner] of Object.entries(body)) {
      if (!ops[op]) throw parseError(`failed to parse privilege. unexpected field [${op}]`);
      if (!isObject(inner)) throw parseError(`failed to parse privilege. expected an object for [${category}.${op}]`);
      const field = ops[op];
      if (category === 'role') continue;
      for (const k of Object.keys(inner)) if (k !== field) throw parseError(`failed to parse privilege. unexpected field [${k}]`);
      const list = inner[field];
      if (!Array.isArray(list) || !list.every((x) => typeof x === 'string')) {
        throw parseError(`failed to parse privilege. expected an array of strings for [${field}]`);
      }
    }
  }
  return v;
}

const WORKFLOWS = ['search_application_query'];

function parseRestriction(role: string, v: unknown): Json {
  if (!isObject(v)) throw parseError(`failed to parse restriction for role [${role}]. expected an object but found [${tokenName(v)}] instead`);
  let workflows: string[] | undefined;
  for (const [k, x] of Object.entries(v)) {
    if (k !== 'workflows') throw parseError(`failed to parse restriction for role [${role}]. unexpected field [${k}]`);
    if (x === null) throw parseError(`failed to parse restriction for role [${role}]. could not parse [workflows] field. expected a string array but found null value instead`);
    if (!Array.isArray(x) || !x.every((s) => typeof s === 'string')) {
      throw parseError(`failed to parse restriction for role [${role}]. could not parse [workflows] field. expected a string array but found [${tokenName(x)}] value instead`);
    }
    if (x.length === 0) throw parseError(`failed to parse restriction for role [${role}]. [workflows] cannot be an empty array`);
    workflows = x as string[];
  }
  if (workflows === undefined) throw parseError(`failed to parse restriction for role [${role}]. missing required [workflows] field`);
  for (const w of workflows) {
    if (!WORKFLOWS.includes(w.toLowerCase())) {
      throw new EsError('validation', `Validation Failed: 1: Unknown workflow [${w}]. A workflow must be one of the predefined workflow names [${WORKFLOWS.join(',')}].;`);
    }
  }
  return { workflows };
}
