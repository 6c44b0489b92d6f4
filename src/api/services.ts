import type { AuthenticatorChain } from '../authc/chain.ts';
import type { UserManagement } from '../authc/users/user-management.ts';
import type { HashAlgorithm } from '../authc/hashing/index.ts';
import type { Authorizer } from '../authz/authorizer.ts';
import type { AuthzServices } from '../authz/authz-services.ts';
import type { ApiKeyService } from '../authc/api-keys/api-key-service.ts';
import type { DescriptorParser } from '../authc/api-keys/api-key-requests.ts';
import type { Authentication } from '../core/authentication.ts';
import type { RequestInfo } from '../core/request.ts';
import type { Secret } from '../core/secret.ts';
import type { EnrollmentServices } from './handlers/enrollment/enroll.ts';

/** The token API's service, when the token service is enabled (`xpack.security.authc.token.enabled`). */
export interface TokenServices {
  readonly enabled: boolean;
  readonly service: import('../authc/tokens/token-service.ts').TokenService;
}

/** The request whose body carries a grant's credentials. */
export type GrantAction = 'api_key' | 'token';

/** What the API key endpoints use. */
export interface ApiKeyServices {
  readonly service: ApiKeyService;
  readonly parseDescriptor: DescriptorParser;
  /** Authenticates the user named in a grant request (an API key grant, an OAuth2 password grant), with optional run-as; a failure is audited. */
  authenticateGrantee(username: string, password: Secret, request: RequestInfo, grant: GrantAction, runAs?: string): Promise<Authentication>;
  /** Authenticates the user of an access token named in a grant request, with optional run-as. */
  authenticateGranteeToken(accessToken: Secret, request: RequestInfo, runAs?: string): Promise<Authentication>;
  clearCache(ids?: readonly string[]): void;
}

/** The services handlers use; built once in app.ts. */
export interface Services {
  readonly chain: AuthenticatorChain;
  readonly users: UserManagement;
  readonly authorizer: Authorizer;
  /** Roles, application privileges and the authorization engine. */
  readonly authz: AuthzServices;
  readonly apiKeys: ApiKeyServices;
  readonly tokens: TokenServices;
  readonly serviceAccounts: import('../authc/service-accounts/service-account-service.ts').ServiceAccountService;
  /** `xpack.security.authc.password_hashing.algorithm`. */
  readonly passwordHasher: HashAlgorithm;
  readonly node: { readonly id: string; readonly name: string; readonly clusterName: string };
  /** The enroll API (`_security/enroll/*`); absent: enrollment is off. */
  readonly enrollment?: EnrollmentServices;
}
