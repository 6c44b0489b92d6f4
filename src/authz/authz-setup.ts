import { join } from 'node:path';
import type { Logger } from 'pino';
import type { SecurityStore } from '../store/security-store.ts';
import type { AuthzServices } from './authz-services.ts';
import { AuthorizationEngine } from './engine.ts';
import { EffectiveRoles } from './effective-roles.ts';
import { CompositeRoleResolver } from './roles/composite-role-resolver.ts';
import { FileRolesStore, type FileRolesSource } from './roles/file-roles.ts';
import { RoleManagement } from './roles/role-management.ts';
import { AppPrivilegeManagement } from './privileges/app-privilege-management.ts';

export interface Authorization {
  /** Built-in roles, then `roles.yml`, then the native store. */
  readonly resolver: CompositeRoleResolver;
  readonly engine: AuthorizationEngine;
  readonly services: AuthzServices;
  /** `roles.yml`, as loaded (for the security usage). */
  readonly fileRoles: FileRolesSource;
  /** Stops watching `roles.yml` and the store. */
  stop(): void;
}

/** Builds the authorization side: file roles (watched), role resolver, engine and the roles/privileges services. */
export function buildAuthorization(store: SecurityStore, configDir: string, log: Logger, anonymousRoles: readonly string[] = []): Authorization {
  const fileRoles = new FileRolesStore(join(configDir, 'roles.yml'), log);
  const resolver = new CompositeRoleResolver(store, fileRoles);
  const engine = new AuthorizationEngine(resolver, store, new EffectiveRoles(anonymousRoles));
  const invalidate = () => engine.invalidate();
  const stopFileListener = fileRoles.onChange(invalidate);
  fileRoles.start();
  // Another process changed roles or application privileges: every compiled permission may depend on them.
  const stopStoreWatch = store.watchExternalChanges((changes) => {
    if (changes === 'all' || changes.some((c) => c.kind === 'role' || c.kind === 'app_privilege')) invalidate();
  });
  return {
    resolver,
    engine,
    fileRoles,
    services: { engine, roles: new RoleManagement(store, invalidate), privileges: new AppPrivilegeManagement(store, invalidate) },
    stop: () => {
      stopFileListener();
      fileRoles.stop();
      stopStoreWatch();
    },
  };
}
