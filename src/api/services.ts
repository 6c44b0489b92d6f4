import type { AuthenticatorChain } from '../authc/chain.ts';
import type { UserManagement } from '../authc/users/user-management.ts';
import type { HashAlgorithm } from '../authc/hashing/index.ts';
import type { Authorizer } from '../authz/authorizer.ts';
import type { ApiKeyService } from '../authc/api-keys/api-key-service.ts';
import type { DescriptorParser } from '../authc/api-keys/api-key-requests.ts';
import type { Authentication } from '../core/authentication.ts';
import type { RequestInfo } from '../core/request.ts';
import type { Secret } from '../core/secret.ts';

/** What the API key endpoints use. */
export interface ApiKeyServices {
  readonly service: ApiKeyService;
  readonly parseDescriptor: DescriptorParser;
  /** Authenticates the user named in a grant request (realms only), with optional run-as. */
  authenticateGrantee(username: string, password: Secret, request: RequestInfo, runAs?: string): Promise<Authentication>;
  clearCache(ids?: readonly string[]): void;
}

/** The services handlers use; built once in app.ts. */
export interface Services {
  readonly chain: AuthenticatorChain;
  readonly users: UserManagement;
  readonly authorizer: Authorizer;
  readonly apiKeys: ApiKeyServices;
  /** `xpack.security.authc.password_hashing.algorithm`. */
  readonly passwordHasher: HashAlgorithm;
  readonly node: { readonly id: string; readonly name: string; readonly clusterName: string };
}
