import { REDACTION_MARKER } from '../core/secret.ts';

/**
 * Keys whose values are credentials in Elasticsearch request bodies: passwords and hashes (users, change
 * password, grant, token), tokens (OAuth2 token/refresh/invalidate, grant, Kerberos), SAML/OIDC responses,
 * and secure-settings passwords. Compared case-insensitively.
 */
const SECRET_KEYS: ReadonlySet<string> = new Set([
  'password',
  'password_hash',
  'passwordhash',
  'new_password',
  'secure_settings_password',
  'access_token',
  'refresh_token',
  'token',
  'kerberos_ticket',
  'client_secret',
  'secret',
  'encoded',
  'api_key',
  'content',
  'redirect_uri',
  'state',
  'nonce',
  'id_token',
  'client_authentication',
  'credentials',
]);

/** Outside `_security` (bodies are recorded as sent, as in ES), only these: e.g. `_nodes/reload_secure_settings`. */
const ANY_PATH_SECRET_KEYS: ReadonlySet<string> = new Set(['password', 'secure_settings_password', 'access_token', 'refresh_token', 'client_secret']);

const SECURITY_PATH = /^\/_security(\/|$)/;

/**
 * The body as the audit trail may record it (`request.body` with `emit_request_body`): every value under a
 * credential key replaced by the redaction marker, at any depth (objects under such a key, such as the
 * grant API's `api_key` descriptor, are searched instead). `_security` bodies are searched for every
 * credential key; a `_security` body that is not JSON is withheld whole, as it cannot be searched.
 */
export function redactRequestBody(path: string, body: string): string {
  const trimmed = body.trim();
  if (trimmed === '') return '';
  const security = SECURITY_PATH.test(path);
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch {
    return security ? REDACTION_MARKER : body;
  }
  return JSON.stringify(redactValue(parsed, security ? SECRET_KEYS : ANY_PATH_SECRET_KEYS));
}

function redactValue(v: unknown, keys: ReadonlySet<string>): unknown {
  if (Array.isArray(v)) return v.map((x) => redactValue(x, keys));
  if (v === null || typeof v !== 'object') return v;
  const out: Record<string, unknown> = {};
  for (const [k, value] of Object.entries(v)) {
    const secret = keys.has(k.toLowerCase());
    out[k] = secret && (value === null || typeof value !== 'object') ? REDACTION_MARKER : redactValue(value, keys);
  }
  return out;
}
