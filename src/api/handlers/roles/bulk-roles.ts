import { EsError, isEsError } from '../../../core/errors.ts';
import { requireObjectBody, tokenName } from '../../body.ts';
import { ok, type Handler } from '../../types.ts';

interface BulkResult {
  created?: string[];
  updated?: string[];
  noop?: string[];
  deleted?: string[];
  not_found?: string[];
  errors?: { count: number; details: Record<string, { type: string; reason: string }> };
}

function addError(out: BulkResult, name: string, e: unknown): void {
  if (!isEsError(e)) throw e;
  out.errors ??= { count: 0, details: {} };
  out.errors.count++;
  out.errors.details[name] = { type: e.type, reason: e.message };
}

function push(out: BulkResult, key: 'created' | 'updated' | 'noop' | 'deleted' | 'not_found', name: string): void {
  (out[key] ??= []).push(name);
}

/** POST /_security/role with `{"roles": {name: descriptor}}` → created / updated / noop / errors per role. */
export const bulkPutRoles: Handler = async (ctx) => {
  const body = requireObjectBody(await ctx.body());
  for (const k of Object.keys(body)) if (k !== 'roles') throw new EsError('x_content_parse', `[1:2] [bulk_put_roles_request] unknown field [${k}]`);
  const roles = body.roles;
  if (roles === null || typeof roles !== 'object' || Array.isArray(roles)) {
    throw new EsError('x_content_parse', `[bulk_put_roles_request] roles doesn't support values of type: ${tokenName(roles)}`);
  }
  const service = ctx.services.authz.roles;
  const out: BulkResult = {};
  for (const [name, descriptor] of Object.entries(roles as Record<string, unknown>)) {
    try {
      push(out, await service.putRole(name, service.parse(name, descriptor)), name);
    } catch (e) {
      addError(out, name, e);
    }
  }
  return ok(out);
};

/** DELETE /_security/role with `{"names": [...]}` → deleted / not_found / errors. */
export const bulkDeleteRoles: Handler = async (ctx) => {
  const body = requireObjectBody(await ctx.body());
  for (const k of Object.keys(body)) if (k !== 'names') throw new EsError('x_content_parse', `[1:2] [bulk_delete_roles_request] unknown field [${k}]`);
  const names = body.names;
  if (!Array.isArray(names) || !names.every((n) => typeof n === 'string')) {
    throw new EsError('x_content_parse', `[bulk_delete_roles_request] names doesn't support values of type: ${tokenName(names)}`);
  }
  if (names.length === 0) throw new EsError('validation', 'Validation Failed: 1: role names are missing;');
  const service = ctx.services.authz.roles;
  const out: BulkResult = {};
  for (const name of names as string[]) {
    try {
      push(out, (await service.deleteRole(name)) ? 'deleted' : 'not_found', name);
    } catch (e) {
      addError(out, name, e);
    }
  }
  return ok(out);
};
