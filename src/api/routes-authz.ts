import type { Route } from './routes.ts';
import type { HandlerContext } from './types.ts';
import type { ActionContext } from '../authz/authorizer.ts';
import { putRole } from './handlers/roles/put-role.ts';
import { getRoles } from './handlers/roles/get-roles.ts';
import { deleteRole } from './handlers/roles/delete-role.ts';
import { bulkPutRoles, bulkDeleteRoles } from './handlers/roles/bulk-roles.ts';
import { queryRoles } from './handlers/roles/query-roles.ts';
import { clearRolesCache } from './handlers/roles/clear-roles-cache.ts';
import { putPrivileges } from './handlers/privileges/put-privileges.ts';
import { getPrivileges } from './handlers/privileges/get-privileges.ts';
import { deletePrivileges } from './handlers/privileges/delete-privileges.ts';
import { getBuiltinPrivileges } from './handlers/privileges/builtin-privileges.ts';
import { clearPrivilegesCache } from './handlers/privileges/clear-privileges-cache.ts';
import { hasPrivileges } from './handlers/privileges/has-privileges.ts';
import { getUserPrivileges } from './handlers/privileges/get-user-privileges.ts';

const ROLE = 'cluster:admin/xpack/security/role';
const PRIVILEGE = 'cluster:admin/xpack/security/privilege';
const USER = 'cluster:admin/xpack/security/user';

/** The applications an application privilege request names (for `global.application.manage`). */
const applicationsOf = (from: (ctx: HandlerContext) => Promise<string[]>) => async (ctx: HandlerContext): Promise<ActionContext> => {
  try {
    return { applications: await from(ctx) };
  } catch {
    return { applications: [] };
  }
};
const bodyApplications = applicationsOf(async (ctx) => {
  const body = await ctx.body();
  return body && typeof body === 'object' && !Array.isArray(body) ? Object.keys(body) : [];
});
const paramApplication = applicationsOf(async (ctx) => (ctx.params.application ? [ctx.params.application] : []));

/** The roles and privileges endpoints (spread into ROUTES). */
export const AUTHZ_ROUTES: readonly Route[] = [
  { methods: ['GET'], path: '/_security/role', action: `${ROLE}/get`, handler: getRoles },
  { methods: ['POST'], path: '/_security/role', action: `${ROLE}/bulk_put`, handler: bulkPutRoles },
  { methods: ['DELETE'], path: '/_security/role', action: `${ROLE}/bulk_delete`, handler: bulkDeleteRoles },
  { methods: ['GET'], path: '/_security/role/{name}', action: `${ROLE}/get`, handler: getRoles },
  { methods: ['PUT', 'POST'], path: '/_security/role/{name}', action: `${ROLE}/put`, handler: putRole },
  { methods: ['DELETE'], path: '/_security/role/{name}', action: `${ROLE}/delete`, handler: deleteRole },
  { methods: ['POST'], path: '/_security/role/{name}/_clear_cache', action: 'cluster:admin/xpack/security/roles/cache/clear', handler: clearRolesCache },
  { methods: ['GET', 'POST'], path: '/_security/_query/role', action: `${ROLE}/query`, handler: queryRoles },

  { methods: ['PUT', 'POST'], path: '/_security/privilege', action: `${PRIVILEGE}/put`, handler: putPrivileges, context: bodyApplications },
  { methods: ['GET'], path: '/_security/privilege', action: `${PRIVILEGE}/get`, handler: getPrivileges, context: paramApplication },
  { methods: ['GET'], path: '/_security/privilege/_builtin', action: `${PRIVILEGE}/builtin/get`, handler: getBuiltinPrivileges },
  { methods: ['GET'], path: '/_security/privilege/{application}', action: `${PRIVILEGE}/get`, handler: getPrivileges, context: paramApplication },
  { methods: ['GET'], path: '/_security/privilege/{application}/{name}', action: `${PRIVILEGE}/get`, handler: getPrivileges, context: paramApplication },
  { methods: ['DELETE'], path: '/_security/privilege/{application}/{name}', action: `${PRIVILEGE}/delete`, handler: deletePrivileges, context: paramApplication },
  { methods: ['POST'], path: '/_security/privilege/{application}/_clear_cache', action: `${PRIVILEGE}/cache/clear`, handler: clearPrivilegesCache },

  { methods: ['GET'], path: '/_security/user/_privileges', action: `${USER}/list_privileges`, handler: getUserPrivileges, selfWhenMissing: true },
  { methods: ['GET', 'POST'], path: '/_security/user/_has_privileges', action: `${USER}/has_privileges`, handler: hasPrivileges, selfWhenMissing: true },
  { methods: ['GET', 'POST'], path: '/_security/user/{username}/_has_privileges', action: `${USER}/has_privileges`, handler: hasPrivileges, targetUserParam: 'username' },
];
