import { EsError } from '../../core/errors.ts';
import type { RoleDescriptor } from '../../core/role-descriptor.ts';
import type { RoleRecord, SecurityStore } from '../../store/security-store.ts';
import { parseRoleDescriptor } from './role-descriptor-parser.ts';
import { validateRoleDescriptor } from './role-descriptor-validator.ts';
import { validateDlsQuery } from './dls-query.ts';
import { nativeRoleNameError } from './role-names.ts';
import { RESERVED_ROLES, isReservedRole } from './reserved-roles.ts';

export interface NamedRole {
  readonly name: string;
  readonly descriptor: RoleDescriptor;
}

export type BulkOutcome = 'created' | 'updated' | 'noop';

/**
 * The roles API's rules (native roles store): parse and validate as ES does, keep reserved names out, and
 * tell `onChange` which roles changed so compiled permissions are dropped.
 */
export class RoleManagement {
  readonly #store: SecurityStore;
  readonly #onChange: (names: readonly string[]) => void;

  constructor(store: SecurityStore, onChange: (names: readonly string[]) => void) {
    this.#store = store;
    this.#onChange = onChange;
  }

  /** Parses and validates a role for the roles API (ES: RoleDescriptor.parse, then PutRoleRequest.validate, then the DLS check). */
  parse(name: string, body: unknown): RoleDescriptor {
    const d = parseRoleDescriptor(name, body, { skipValidation: true });
    const problems = [nativeRoleNameError(name), ...validateRoleDescriptor(d)].filter((p): p is string => p !== null);
    if (problems.length) throw new EsError('validation', `Validation Failed: ${problems.map((p, i) => `${i + 1}: ${p};`).join('')}`);
    d.indices?.forEach((g, i) => validateDlsQuery(g, i));
    return d;
  }

  async putRole(name: string, descriptor: RoleDescriptor): Promise<BulkOutcome> {
    let outcome = 'created' as BulkOutcome;
    await this.#store.updateRole(name, (existing) => {
      if (existing && JSON.stringify(existing.descriptor) === JSON.stringify(descriptor)) {
        outcome = 'noop';
        return undefined;
      }
      outcome = existing ? 'updated' : 'created';
      return { name, descriptor };
    });
    if (outcome !== 'noop') this.#onChange([name]);
    return outcome;
  }

  async deleteRole(name: string): Promise<boolean> {
    if (isReservedRole(name)) throw new EsError('illegal_argument', `role [${name}] is a reserved role and cannot be deleted`);
    const { before } = await this.#store.updateRole(name, (existing) => (existing ? null : undefined));
    if (before) this.#onChange([name]);
    return before !== null;
  }

  /** Built-in roles and native roles (ES's get roles API does not show file roles): all, or those named. */
  async getRoles(names?: readonly string[]): Promise<NamedRole[]> {
    const reserved = Object.keys(RESERVED_ROLES)
      .filter((n) => names === undefined || names.includes(n))
      .sort()
      .map((n) => ({ name: n, descriptor: RESERVED_ROLES[n] }));
    const native = await this.#store.listRoles(names?.filter((n) => !isReservedRole(n)));
    return [...reserved, ...native.map((r: RoleRecord) => ({ name: r.name, descriptor: r.descriptor }))];
  }

  /** The native roles (what the query roles API searches). */
  async nativeRoles(): Promise<NamedRole[]> {
    return (await this.#store.listRoles()).map((r) => ({ name: r.name, descriptor: r.descriptor }));
  }

  /** For `_clear_cache`: the compiled permissions of these roles (or all) are dropped. */
  clearCache(names: readonly string[]): void {
    this.#onChange(names);
  }
}
