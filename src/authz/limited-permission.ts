import type { CompiledPermission } from './role-permission.ts';

/**
 * An API key's permission: what both its own role descriptors and its `limited_by` snapshot allow (ES's
 * LimitedRole). Every check is the AND of the two; the role names are the key's own.
 */
export class LimitedPermission implements CompiledPermission {
  readonly #base: CompiledPermission;
  readonly #limitedBy: CompiledPermission;
  readonly roleNames: readonly string[];

  constructor(base: CompiledPermission, limitedBy: CompiledPermission) {
    this.#base = base;
    this.#limitedBy = limitedBy;
    this.roleNames = base.roleNames;
  }

  get base(): CompiledPermission {
    return this.#base;
  }

  get limitedBy(): CompiledPermission {
    return this.#limitedBy;
  }

  cluster(action: string): boolean {
    return this.#base.cluster(action) && this.#limitedBy.cluster(action);
  }

  clusterIfOwnApiKey(action: string): boolean {
    return this.#base.clusterIfOwnApiKey(action) && this.#limitedBy.clusterIfOwnApiKey(action);
  }

  index(action: string, name: string, restricted: boolean): boolean {
    return this.#base.index(action, name, restricted) && this.#limitedBy.index(action, name, restricted);
  }

  runAs(username: string): boolean {
    return this.#base.runAs(username) && this.#limitedBy.runAs(username);
  }

  coversEveryIndex(actions: readonly string[]): boolean {
    return this.#base.coversEveryIndex(actions) && this.#limitedBy.coversEveryIndex(actions);
  }

  restrictsDocumentsOrFields(action: string, name: string): boolean {
    return this.#base.restrictsDocumentsOrFields(action, name) || this.#limitedBy.restrictsDocumentsOrFields(action, name);
  }

  hasClusterPrivilege(privilege: string): boolean {
    return this.#base.hasClusterPrivilege(privilege) && this.#limitedBy.hasClusterPrivilege(privilege);
  }

  hasIndexPrivilege(pattern: string, allowRestricted: boolean, privilege: string): boolean {
    return this.#base.hasIndexPrivilege(pattern, allowRestricted, privilege) && this.#limitedBy.hasIndexPrivilege(pattern, allowRestricted, privilege);
  }

  manageApplications(applications: readonly string[]): boolean {
    return this.#base.manageApplications(applications) && this.#limitedBy.manageApplications(applications);
  }

  hasApplicationPrivilege(application: string, resource: string, actions: readonly string[]): boolean {
    return this.#base.hasApplicationPrivilege(application, resource, actions) && this.#limitedBy.hasApplicationPrivilege(application, resource, actions);
  }
}
