import type { AuthenticatorChain } from '../authc/chain.ts';
import type { UserManagement } from '../authc/users/user-management.ts';
import type { HashAlgorithm } from '../authc/hashing/index.ts';
import type { Authorizer } from '../authz/authorizer.ts';

/** The services handlers use; built once in app.ts. */
export interface Services {
  readonly chain: AuthenticatorChain;
  readonly users: UserManagement;
  readonly authorizer: Authorizer;
  /** `xpack.security.authc.password_hashing.algorithm`. */
  readonly passwordHasher: HashAlgorithm;
  readonly node: { readonly id: string; readonly name: string; readonly clusterName: string };
}
