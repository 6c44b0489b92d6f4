import { EsError } from '../../../core/errors.ts';
import type { ApplicationPrivileges, IndicesPrivileges } from '../../../core/role-descriptor.ts';
import { tokenName } from '../../body.ts';
import { ok, type Handler } from '../../types.ts';
import type { Services } from '../../services.ts';
import { parseApplications, parseIndices, readStringArray } from '../../../authz/roles/role-descriptor-parser.ts';
import { resolveClusterPrivilege, unknownClusterPrivilegeMessage } from '../../../authz/privileges/cluster-privileges.ts';
import { resolveIndexPrivilege, unknownIndexPrivilegeMessage } from '../../../authz/privileges/index-privileges.ts';
import { isValidPrivilegeName, validateApplicationName } from '../../../authz/privileges/application-names.ts';

export interface PrivilegesToCheck {
  readonly cluster: string[];
  readonly index: IndicesPrivileges[];
  readonly application: ApplicationPrivileges[];
}

/** ES's RoleDescriptor.parsePrivilegesToCheck plus HasPrivilegesRequest.validate. */
export function parseCheck(username: string, body: unknown): PrivilegesToCheck {
  if (body === undefined) throw new EsError('parse', 'request body is required');
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new EsError('parse', `failed to parse privileges check [${username}]. expected an object but found [${tokenName(body)}] instead`);
  }
  let cluster: string[] | null = null;
  let index: IndicesPrivileges[] | null = null;
  let application: ApplicationPrivileges[] | null = null;
  for (const [k, v] of Object.entries(body)) {
    if (k === 'cluster') cluster = readStringArray(username, k, v, true);
    else if (k === 'index') index = parseIndices(username, k, v);
    else if (k === 'application' || k === 'applications') application = parseApplications(username, k, v);
    else throw new EsError('parse', `failed to parse privileges check [${username}]. unexpected field [${k}]`);
  }
  if (cluster === null && index === null && application === null) {
    throw new EsError('parse', `failed to parse privileges check [${username}]. All privilege fields [cluster,index,applications] are missing`);
  }
  if (index?.some((i) => i.field_security)) throw new EsError('parse', 'Field [field_security] is not supported in a has_privileges request');
  if (index?.some((i) => i.query !== undefined)) throw new EsError('parse', 'Field [query] is not supported in a has_privileges request');
  const problems: string[] = [];
  for (const i of index ?? []) {
    if (i.names.length === 0) problems.push('indices privileges must refer to at least one index name');
    if (i.privileges.length === 0) problems.push('indices privileges must define at least one privilege');
  }
  for (const a of application ?? []) {
    const e = validateApplicationName(a.application, false);
    if (e) problems.push(e);
    if (a.resources.length === 0) problems.push(`application privileges must refer to at least one resource`);
    if (a.privileges.length === 0) problems.push(`application privileges must define at least one privilege`);
  }
  if (!cluster?.length && !index?.length && !application?.length) problems.push('must specify at least one privilege');
  if (problems.length) throw new EsError('validation', `Validation Failed: ${problems.map((p, i) => `${i + 1}: ${p};`).join('')}`);
  return { cluster: cluster ?? [], index: index ?? [], application: application ?? [] };
}

/** GET|POST /_security/user[/{username}]/_has_privileges — whether the caller holds each requested privilege. */
export const hasPrivileges: Handler = async (ctx) => {
  const self = ctx.authentication.user.username;
  const username = ctx.params.username ?? self;
  const check = parseCheck(`${username}/has_privileges`, await ctx.body());
  if (username !== self) throw new EsError('illegal_argument', 'users may only check the privileges of their own account');
  checkPrivilegeNames(check);
  const engine = ctx.services.authz.engine;
  const result = await evaluateCheck(await engine.permissionFor(ctx.authentication), check, () => engine.appPrivileges());
  return ok({ username, has_all_requested: result.all, cluster: result.cluster, index: result.index, application: result.application });
};

/** Unknown cluster or index privilege names are a 400, with ES's list of the known ones. */
export function checkPrivilegeNames(check: PrivilegesToCheck): void {
  for (const c of check.cluster) if (!resolveClusterPrivilege(c)) throw new EsError('illegal_argument', unknownClusterPrivilegeMessage(c));
  for (const i of check.index) for (const p of i.privileges) if (!resolveIndexPrivilege(p)) throw new EsError('illegal_argument', unknownIndexPrivilegeMessage(p));
}

type Permission = Awaited<ReturnType<Services['authz']['engine']['permissionFor']>>;
type StoredPrivileges = Awaited<ReturnType<Services['authz']['engine']['appPrivileges']>>;

/** Each requested privilege against a permission, and whether all are held. */
export async function evaluateCheck(permission: Permission, check: PrivilegesToCheck, stored: () => Promise<StoredPrivileges>) {
  let all = true;
  const cluster: Record<string, boolean> = {};
  for (const c of check.cluster) all = (cluster[c] = permission.hasClusterPrivilege(c)) && all;
  const index: Record<string, Record<string, boolean>> = {};
  for (const i of check.index) {
    for (const name of i.names) {
      const entry = (index[name] ??= {});
      for (const p of i.privileges) all = (entry[p] = permission.hasIndexPrivilege(name, i.allow_restricted_indices === true, p)) && all;
    }
  }
  const apps = check.application.length ? await stored() : [];
  const application: Record<string, Record<string, Record<string, boolean>>> = {};
  for (const a of check.application) {
    const app = (application[a.application] ??= {});
    for (const resource of a.resources) {
      const entry = (app[resource] ??= {});
      for (const p of a.privileges) {
        const actions = isValidPrivilegeName(p) ? (apps.find((s) => s.application === a.application && s.name === p)?.actions ?? []) : [p];
        all = (entry[p] = permission.hasApplicationPrivilege(a.application, resource, actions)) && all;
      }
    }
  }
  return { all, cluster, index, application };
}
