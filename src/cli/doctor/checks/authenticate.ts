import { fail, ok, warn, type Check } from '../report.ts';
import type { HttpResult } from '../probe.ts';
import type { Credential } from '../credential.ts';

/** Users every Elasticsearch (and Portcullis) has: a refused password for one of them is a wrong password. */
export const BUILT_IN_USERS: ReadonlySet<string> = new Set(['elastic', 'kibana_system', 'kibana', 'logstash_system', 'beats_system', 'apm_system', 'remote_monitoring_user']);

export interface AuthenticateFacts {
  readonly credential: Credential;
  /** The API key id the value names, if it names one. */
  readonly apiKeyId: string | null;
  /** Schemes the server's 401 challenges offer. */
  readonly offered: readonly string[];
  /** What a privileged lookup found about the user (see the `user` check), when one was possible. */
  readonly user?: 'exists' | 'disabled' | 'missing';
}

export interface AuthenticateOutcome {
  readonly check: Check;
  readonly authenticated: boolean;
}

/** `GET /_security/_authenticate` with the configured credentials, in words: who answered, or why it is a 401. */
export function classifyAuthenticate(r: HttpResult, f: AuthenticateFacts): AuthenticateOutcome {
  const no = (message: string, fix: string | null): AuthenticateOutcome => ({ check: fail('authenticate', message, fix), authenticated: false });
  if (!r.ok) {
    if (r.code === 'ERR_INVALID_CHAR' || r.code === 'ERR_HTTP_INVALID_HEADER_VALUE') {
      return no('the Authorization header cannot be sent at all: its value contains a line break or another control character', 'remove the line break (often a trailing newline from echo or a copied file) from the variable');
    }
    return no(`the request failed (${r.code}: ${r.message})`, null);
  }
  if (r.status === 200) {
    const j = r.json ?? {};
    if (j.authentication_type === 'anonymous' && f.credential.kind !== 'none') {
      return no(`the server ignored the credentials and ran the request as the anonymous user [${j.username}]`, 'use a scheme the server accepts ("Basic", "ApiKey", "Bearer")');
    }
    const realm = j.authentication_realm ? `${j.authentication_realm.name} (type ${j.authentication_realm.type})` : 'an unnamed realm';
    const key = j.api_key ? `, API key [${j.api_key.name ?? ''}] id [${j.api_key.id}]` : '';
    const roles = Array.isArray(j.roles) && j.roles.length ? `, roles [${j.roles.join(', ')}]` : '';
    return { check: ok('authenticate', `authenticated as [${j.username}] by realm ${realm}; authentication_type: ${j.authentication_type ?? '?'}${key}${roles}`), authenticated: true };
  }
  if (r.status === 403) {
    return { check: warn('authenticate', 'authenticated, but the user may not call _authenticate (403)', 'check the user\'s roles'), authenticated: true };
  }
  if (r.status !== 401) {
    const reason = reasonOf(r) ?? '';
    if (/no handler found for uri \[[^\]]*_security|security must be (explicitly )?enabled|security is (not enabled|disabled)/i.test(reason)) {
      return no(`this server has no security layer (${reason}): it authenticates nobody, so it is not what answers your 401s`, 'point ELASTICSEARCH_URL at the secured endpoint (Portcullis, or Elasticsearch with xpack.security.enabled: true)');
    }
    return no(`_authenticate answered HTTP ${r.status}${reason ? `: ${reason}` : ''}`, null);
  }
  return explain401(r, f);
}

function reasonOf(r: Extract<HttpResult, { ok: true }>): string | undefined {
  const e = r.json?.error;
  return typeof e === 'string' ? e : typeof e?.reason === 'string' ? e.reason : undefined;
}

function explain401(r: Extract<HttpResult, { ok: true }>, f: AuthenticateFacts): AuthenticateOutcome {
  const no = (message: string, fix: string | null): AuthenticateOutcome => ({ check: fail('authenticate', message, fix), authenticated: false });
  const error = r.json?.error;
  if (!error || typeof error !== 'object' || typeof error.type !== 'string') {
    return no('the 401 did not come from Elasticsearch (its body is not an Elasticsearch error): something in front of it (a proxy, a load balancer) refused the request', 'check the proxy\'s own authentication, or connect to Elasticsearch directly');
  }
  const reason = String(error.reason ?? '');
  const extra = String(error.additional_unsuccessful_credentials ?? '');
  const c = f.credential;
  const key = f.apiKeyId ? ` [${f.apiKeyId}]` : '';
  if (/missing authentication credentials/i.test(reason)) {
    if (c.kind === 'none') {
      return no('no credentials were sent, and anonymous access is disabled', 'add ELASTICSEARCH_API_KEY (or ELASTICSEARCH_USERNAME and ELASTICSEARCH_PASSWORD) to the .env file in this directory; never paste secrets into a chat or a command line');
    }
    return no(
      `the server saw no credentials: the header's scheme is not one it accepts${f.offered.length ? ` (it offers ${f.offered.join(', ')})` : ''}, or something on the way dropped the Authorization header`,
      'use "ApiKey", "Basic" or "Bearer" (the one matching your credential); if the scheme is right, check proxies between you and the server',
    );
  }
  if (/api key is expired/i.test(extra + reason)) return no(`the API key${key} has expired`, 'create a new API key (POST /_security/api_key, with an "expiration" long enough) and use its "encoded" value');
  if (/has been invalidated/i.test(extra + reason)) return no(`the API key${key} has been invalidated (revoked)`, 'create a new API key; find who invalidated it in the audit log (invalidate_apikeys events)');
  if (/unable to find apikey/i.test(extra + reason)) {
    return no(`no API key with id${key} exists on this server: the value was made for another cluster, the key was deleted, or its id part is wrong`, 'check ELASTICSEARCH_URL points at the cluster that created the key, or create a new key');
  }
  if (/invalid credentials for API key/i.test(extra + reason)) return no(`the API key id${key} exists, but the secret part is wrong`, 'use the "encoded" value exactly as the create API key response gave it');
  if (/API key/i.test(extra) && /disabled/i.test(extra)) return no('API keys are disabled on this server (xpack.security.authc.api_key.enabled: false)', 'use another credential');
  const unreadableKey = /^API key: (invalid ApiKey value|Illegal base64|Last unit|Input byte array)/.test(extra);
  if (unreadableKey || /invalid ApiKey value|invalid basic authentication header|invalid bearer token|invalid negotiate/i.test(reason)) {
    return no(`the server could not read the header: ${unreadableKey ? extra : reason}`, 'see the credential_shape check for what is wrong with the value');
  }
  const user = /unable to authenticate user \[([^\]]*)\]/.exec(reason)?.[1];
  if (user !== undefined && c.kind === 'basic') {
    if (f.user === 'disabled') return no(`the user [${user}] exists but is disabled`, `enable it: POST /_security/user/${user}/_enable`);
    if (f.user === 'missing') {
      return no(`no realm knows the user [${user}]: it does not exist in the native realm (and no other realm accepted it)`, 'check the username; create the user (PUT /_security/user/<name>), or point the client at the realm that holds it (file, LDAP …)');
    }
    if (f.user === 'exists' || BUILT_IN_USERS.has(user)) {
      return no(`the password of [${user}] is wrong (the user exists${BUILT_IN_USERS.has(user) ? ': it is a built-in user' : ''})`, `set the right ELASTICSEARCH_PASSWORD, or reset it (${user === 'elastic' ? 'portcullis reset-password -u elastic, or elasticsearch-reset-password -u elastic' : `POST /_security/user/${user}/_password`})`);
    }
    return no(
      `the user [${user}] was not authenticated by any realm: either the password is wrong or no realm has this user (Elasticsearch does not say which, so as not to reveal which users exist)`,
      'check ELASTICSEARCH_USERNAME and ELASTICSEARCH_PASSWORD; set PORTCULLIS_DOCTOR_API_KEY to a key with the read_security privilege to let the doctor tell which, or look for realm_authentication_failed events in the audit log',
    );
  }
  if (c.kind === 'bearer' || (c.kind === 'header' && /^bearer/i.test(c.value.reveal().trim()))) {
    return no(`the bearer token was refused: ${reason}${extra ? ` (${extra})` : ''}`, 'the token may have expired (access tokens live 20 minutes by default) or been invalidated; get a new one. A JWT also needs a JWT realm that trusts its issuer');
  }
  return no(`authentication failed: ${reason}${extra ? ` (${extra})` : ''}`, null);
}
