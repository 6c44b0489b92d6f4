import type { RoleDescriptor } from '../../core/role-descriptor.ts';
import type { SecurityStore } from '../../store/security-store.ts';
import type { ResolvedRoles, RoleResolver } from '../role-resolver.ts';
import type { FileRolesSource } from './file-roles.ts';
import { reservedRole } from './reserved-roles.ts';

/** ES's CompositeRolesStore order: built-in roles, then `roles.yml`, then the native store. Missing names are reported, not failed. */
export class CompositeRoleResolver implements RoleResolver {
  readonly #store: SecurityStore;
  readonly #file: FileRolesSource;

  constructor(store: SecurityStore, file: FileRolesSource) {
    this.#store = store;
    this.#file = file;
  }

  async resolve(names: readonly string[]): Promise<ResolvedRoles> {
    const descriptors: Record<string, RoleDescriptor> = {};
    const fromStore: string[] = [];
    for (const name of new Set(names)) {
      const d = reservedRole(name) ?? this.#file.get(name);
      if (d) descriptors[name] = d;
      else fromStore.push(name);
    }
    const stored = fromStore.length ? await this.#store.listRoles(fromStore) : [];
    for (const r of stored) descriptors[r.name] = r.descriptor;
    return { descriptors, missing: fromStore.filter((n) => !Object.hasOwn(descriptors, n)) };
  }
}
