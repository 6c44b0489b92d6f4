import { EsError } from '../core/errors.ts';
import type { Route } from './routes.ts';
import type { Handler } from './types.ts';

const SEC = 'cluster:admin/xpack/security';

/** The Elasticsearch security features the gateway does not have, as `es.disabled.feature` names them, and why. */
const FEATURES = {
  role_mappings: 'role mappings are not enabled: the gateway has no realm that maps users to roles (only the reserved, native and file realms)',
  saml: 'SAML authentication is not enabled: the gateway has no SAML realm',
  oidc: 'OpenID Connect authentication is not enabled: the gateway has no OpenID Connect realm',
  pki_delegation: 'PKI delegation is not enabled: the gateway has no PKI realm',
  cross_cluster_api_keys: 'cross-cluster API keys are not enabled: the gateway does not serve cross-cluster access',
} as const;
type Feature = keyof typeof FEATURES;

/**
 * ES's error for a security feature that is off (FeatureNotEnabledException, as for API keys or tokens
 * when disabled): 400 `feature_not_enabled_exception` with the feature in `es.disabled.feature`.
 * Never forwarded: the cluster behind the gateway runs without security.
 */
export function featureNotEnabled(feature: Feature): EsError {
  return new EsError('bad_request', FEATURES[feature], { type: 'feature_not_enabled_exception', fields: { 'es.disabled.feature': feature } });
}

const unavailable =
  (feature: Feature): Handler =>
  async () => {
    throw featureNotEnabled(feature);
  };

const route = (methods: string[], path: string, action: string, feature: Feature): Route => ({ methods, path, action, handler: unavailable(feature) });

/**
 * The `_security` endpoints of ES 9.1 for features the gateway does not have (besides enrollment): routed
 * with ES's methods and action names, so the caller's privileges are checked as ES checks them (a 403
 * first), then answered with ES's feature-not-enabled error.
 */
export const UNAVAILABLE_ROUTES: readonly Route[] = [
  route(['GET'], '/_security/role_mapping', `${SEC}/role_mapping/get`, 'role_mappings'),
  route(['GET'], '/_security/role_mapping/{name}', `${SEC}/role_mapping/get`, 'role_mappings'),
  route(['PUT', 'POST'], '/_security/role_mapping/{name}', `${SEC}/role_mapping/put`, 'role_mappings'),
  route(['DELETE'], '/_security/role_mapping/{name}', `${SEC}/role_mapping/delete`, 'role_mappings'),
  route(['POST'], '/_security/saml/prepare', `${SEC}/saml/prepare`, 'saml'),
  route(['POST'], '/_security/saml/authenticate', `${SEC}/saml/authenticate`, 'saml'),
  route(['POST'], '/_security/saml/logout', `${SEC}/saml/logout`, 'saml'),
  route(['POST'], '/_security/saml/invalidate', `${SEC}/saml/invalidate`, 'saml'),
  route(['POST'], '/_security/saml/complete_logout', `${SEC}/saml/complete_logout`, 'saml'),
  route(['GET'], '/_security/saml/metadata/{realm}', 'cluster:monitor/xpack/security/saml/metadata', 'saml'),
  route(['POST'], '/_security/oidc/prepare', `${SEC}/oidc/prepare`, 'oidc'),
  route(['POST'], '/_security/oidc/authenticate', `${SEC}/oidc/authenticate`, 'oidc'),
  route(['POST'], '/_security/oidc/logout', `${SEC}/oidc/logout`, 'oidc'),
  route(['POST'], '/_security/delegate_pki', `${SEC}/delegate_pki`, 'pki_delegation'),
  route(['POST'], '/_security/cross_cluster/api_key', `${SEC}/cross_cluster/api_key/create`, 'cross_cluster_api_keys'),
  route(['PUT'], '/_security/cross_cluster/api_key/{id}', `${SEC}/cross_cluster/api_key/update`, 'cross_cluster_api_keys'),
];
