import { EsError } from '../../../core/errors.ts';
import { ok, type Handler } from '../../types.ts';
import { RolePermission } from '../../../authz/role-permission.ts';

/** GET /_security/user/_privileges — the caller's privileges, merged across roles as ES merges them. */
export const getUserPrivileges: Handler = async (ctx) => {
  const permission = await ctx.services.authz.engine.permissionFor(ctx.authentication);
  if (!(permission instanceof RolePermission)) {
    throw new EsError(
      'illegal_argument',
      'Cannot retrieve privileges for API keys with assigned role descriptors. Please use the Get API key information API https://ela.st/es-api-get-api-key',
      { causedBy: new EsError('illegal_argument', 'cannot retrieve cluster permission on limited role', { type: 'unsupported_operation_exception' }) },
    );
  }
  const global = permission.global.flatMap((g) =>
    Object.entries(g).flatMap(([category, ops]) => Object.entries(ops as Record<string, unknown>).map(([op, body]) => ({ [category]: { [op]: body } }))),
  );
  return ok({
    cluster: permission.clusterNames,
    global,
    indices: permission.indexGroups,
    applications: permission.applications,
    run_as: permission.runAsPatterns,
  });
};
