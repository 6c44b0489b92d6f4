import type { AuthorizationEngine } from './engine.ts';
import type { RoleManagement } from './roles/role-management.ts';
import type { AppPrivilegeManagement } from './privileges/app-privilege-management.ts';

/** What the roles and privileges endpoints use (built in app.ts). */
export interface AuthzServices {
  readonly engine: AuthorizationEngine;
  readonly roles: RoleManagement;
  readonly privileges: AppPrivilegeManagement;
}
