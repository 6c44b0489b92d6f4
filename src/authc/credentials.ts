import type { Credentials } from '../core/request.ts';
import { Secret } from '../core/secret.ts';
import { EsError } from '../core/errors.ts';
import { javaBase64Decode } from '../lib/java-base64.ts';

const UTF8 = new TextDecoder('utf-8', { fatal: false });

const hasScheme = (v: string, scheme: string) => v.length >= scheme.length && v.slice(0, scheme.length).toLowerCase() === scheme.toLowerCase();

/**
 * The one value of a single-valued credential header. Several different values are a 400, as in ES
 * ("multiple values for single-valued header [Authorization]."); repeats of the same value are one.
 */
export function singleHeader(values: readonly string[] | undefined, name: string): string | undefined {
  if (!values || values.length === 0) return undefined;
  if (values.length === 1) return values[0];
  const distinct = [...new Set(values)];
  if (distinct.length > 1) throw new EsError('illegal_argument', `multiple values for single-valued header [${name}].`);
  return distinct[0];
}

/**
 * Parses an `Authorization` (or `es-secondary-authorization`) value into credentials.
 * Unknown schemes give `none` (ES ignores them); a known scheme with a malformed value is a 401.
 */
export function parseAuthorization(value: string | undefined): Credentials {
  if (value === undefined || value === '') return { kind: 'none' };
  if (hasScheme(value, 'Basic ')) return parseBasic(value.slice(6));
  if (hasScheme(value, 'ApiKey ')) return parseApiKey(value.slice(7));
  if (hasScheme(value, 'Bearer ')) {
    const token = value.slice(7).trim();
    if (token === '') throw malformed('invalid bearer token');
    return { kind: 'bearer', token: new Secret(token) };
  }
  if (hasScheme(value, 'Negotiate ')) {
    const token = value.slice(10).trim();
    if (token === '') throw malformed('invalid negotiate authentication header value');
    return { kind: 'negotiate', token: new Secret(token) };
  }
  return { kind: 'none' };
}

function parseBasic(encoded: string): Credentials {
  if (encoded.length === 0) throw malformed('invalid basic authentication header value');
  const bytes = javaBase64Decode(encoded.trim());
  if (!bytes.ok) throw malformed('invalid basic authentication header encoding', bytes.error);
  const decoded = UTF8.decode(bytes.bytes);
  const i = decoded.indexOf(':');
  if (i < 0) throw malformed('invalid basic authentication header value');
  return { kind: 'basic', username: decoded.slice(0, i), password: new Secret(decoded.slice(i + 1)) };
}

/**
 * `ApiKey base64(id:key)`. As in ES, a value that cannot be read is not refused here: the API key
 * authenticator reports why ("API key: Illegal base64 character 3a") and the chain goes on. An empty value
 * is no credentials at all.
 */
function parseApiKey(encoded: string): Credentials {
  const value = encoded.trim();
  if (value === '') return { kind: 'none' };
  const invalid = (reason: string): Credentials => ({ kind: 'api_key', id: '', key: new Secret(''), invalid: reason });
  const decoded = javaBase64Decode(value);
  if (!decoded.ok) return invalid(decoded.error);
  const text = UTF8.decode(decoded.bytes);
  const i = text.indexOf(':');
  if (i < 1) return invalid('invalid ApiKey value');
  return { kind: 'api_key', id: text.slice(0, i), key: new Secret(text.slice(i + 1)) };
}

/** A malformed credential header: the chain renders it as a 401 with the challenges (and the decoder's reason, as ES). */
function malformed(reason: string, cause?: string): EsError {
  return new EsError('authentication_failed', reason, cause === undefined ? {} : { causedBy: new EsError('illegal_argument', cause) });
}

/** The principal ES names in "unable to authenticate user [...]" for these credentials. */
export function principalOf(c: Credentials): string {
  switch (c.kind) {
    case 'basic':
      return c.username;
    case 'api_key':
      return c.id;
    case 'bearer':
      return '_bearer_token';
    case 'negotiate':
      return '<Kerberos Token>';
    case 'none':
      return '';
  }
}
