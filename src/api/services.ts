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
export type GrantAction = 'api_key' | 'token' | 'profile';

/** What the API key endpoints use. */
export interface ApiKeyServices {
  readonly service: ApiKeyService;
  readonly parseDescriptor: DescriptorParser;
  /** Authenticates the user named in a grant request (an API key grant, an OAuth2 password grant), with optional run-as; a failure is audited. */
  authenticateGrantee(username: string, password: Secret, request: RequestInfo, grant: GrantAction, runAs?: string): Promise<Authentication>;
  /** Authenticates the user of an access token named in a grant request, with optional run-as. */
  authenticateGranteeToken(accessToken: Secret, request: RequestInfo, runAs?: string, grant?: GrantAction): Promise<Authentication>;
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
  /** User profiles (`_security/profile/*`). */
  readonly profiles: import('../authc/profiles/profile-service.ts').ProfileService;
  readonly node: { readonly id: string; readonly name: string; readonly clusterName: string };
  readonly face: FaceServices;
  /** The enroll API (`_security/enroll/*`); absent: enrollment is off. */
  readonly enrollment?: EnrollmentServices;
}

/** The upstream's `GET /` (fetched with the gateway's service credential), for the Elasticsearch face. */
export interface UpstreamMain {
  /** The upstream is Elasticsearch (a `build_flavor`, no `distribution`), not OpenSearch. */
  readonly isElasticsearch: boolean;
  readonly name: string;
  readonly clusterName: string;
  readonly clusterUuid: string;
  /** The upstream's answer as it wrote it. */
  readonly body: Readonly<Record<string, unknown>>;
}

/** A realm in the chain, as `_xpack/usage` lists it. */
export interface RealmSummary {
  readonly type: string;
  readonly name: string;
  readonly order: number;
  /** The realm's own usage stats besides name and order (ES: `cache: {size}`, `size`). */
  usageStats(): Promise<Record<string, unknown>>;
}

/** What the gateway itself provides of ES's security features (for `_xpack`, `_xpack/usage`, `_license`). */
export interface SecurityFeatures {
  readonly realms: readonly RealmSummary[];
  /** Realm types the gateway implements (besides `reserved`). */
  readonly realmTypes: readonly string[];
  readonly tokenService: boolean;
  readonly apiKeyService: boolean;
  readonly audit: { readonly enabled: boolean; readonly outputs: readonly string[] };
  readonly anonymous: boolean;
  readonly httpSsl: boolean;
  /** The roles of `roles.yml`, as loaded now. */
  fileRoles(): readonly import('../core/role-descriptor.ts').RoleDescriptor[];
}

/** The Elasticsearch face: `GET /`, `_xpack`, `_license`. */
export interface FaceServices {
  /** `portcullis.elasticsearch.version`: the ES version the gateway implements. */
  readonly version: string;
  /** The upstream's `GET /`, cached for a few seconds; a 502/504 EsError when it cannot be reached. */
  upstreamMain(): Promise<UpstreamMain>;
  /** A read of the gateway's own on the upstream (service credential): status and parsed JSON body. */
  upstreamGet(path: string): Promise<{ readonly status: number; readonly body: unknown }>;
  readonly security: SecurityFeatures;
  /** The gateway's licence identity: a stable uid and the time it was first issued (the data directory's). */
  readonly license: { readonly uid: string; readonly issueDateMillis: number };
}
