import { fail, ok, warn, type Check } from '../report.ts';
import { decodeBase64Text, encodedApiKeyId, isJwt, type Credential } from '../credential.ts';

/** A shape problem, with the header that would fix it when one can be derived (the doctor tries it). */
export interface Shape {
  readonly check: Check;
  /** The corrected `Authorization` value and what was corrected, when the value is fixable. */
  readonly corrected?: { readonly header: string; readonly what: string };
}

const ID = 'credential_shape';
const SCHEME = /^(ApiKey|Bearer|Basic|Negotiate)\s+/i;

/** Classifies the credential's value without sending it: the mistakes that turn into a 401. */
export function classifyShape(c: Credential): Shape {
  switch (c.kind) {
    case 'api_key':
      return apiKeyShape(c.value.reveal(), c.from);
    case 'bearer':
      return bearerShape(c.value.reveal(), c.from);
    case 'basic':
      return basicShape(c.username, c.password.reveal(), c.from);
    case 'header':
      return headerShape(c.value.reveal(), c.from);
    case 'none':
      return { check: ok(ID, 'no credentials configured: only anonymous access can be checked') };
  }
}

function whitespace(v: string): string | null {
  if (/[\r\n]/.test(v)) return 'contains a line break';
  if (/^\s|\s$/.test(v)) return /\s$/.test(v) ? 'ends with whitespace' : 'starts with whitespace';
  if (/[\t\x00-\x1f]/.test(v)) return 'contains a control character';
  return null;
}

export function apiKeyShape(raw: string, from: string): Shape {
  const space = whitespace(raw);
  let v = raw.trim();
  const prefix = SCHEME.exec(v);
  if (prefix) v = v.slice(prefix[0].length).trim();
  const fixes: string[] = [];
  if (space) fixes.push(`${from} ${space}`);
  if (prefix) fixes.push(`${from} includes the "${prefix[1]} " prefix (the header becomes "ApiKey ${prefix[1]} …")`);
  const id = encodedApiKeyId(v);
  if (id) {
    if (fixes.length === 0) return { check: ok(ID, `${from} is an encoded API key (base64 of id:api_key) for key id [${id}]`) };
    return fixed(fixes, `ApiKey ${v}`, 'the value without the extra characters', `set ${from} to the encoded value alone, on one line, without a prefix`);
  }
  if (v.includes(':')) {
    const keyId = v.slice(0, v.indexOf(':'));
    return fixed(
      [...fixes, `${from} holds "id:api_key" as plain text (key id [${keyId}]): the header needs it base64-encoded`],
      `ApiKey ${Buffer.from(v).toString('base64')}`,
      'the value base64-encoded',
      `use the "encoded" field of the create API key response, or: printf '%s' 'id:api_key' | base64`,
    );
  }
  if (isJwt(v)) {
    return fixed([...fixes, `${from} holds a JWT, which is a bearer token, not an API key`], `Bearer ${v}`, 'the value sent as "Bearer"', 'set it as ELASTICSEARCH_BEARER_TOKEN instead (Authorization: Bearer …)');
  }
  if (/^[A-Za-z0-9_-]{20}$/.test(v)) {
    return { check: fail(ID, [...fixes, `${from} looks like an API key's id alone (20 characters, key id [${v}]): the header needs id and secret together`].join('; '), encodedFix(from)) };
  }
  if (/^[A-Za-z0-9_-]{22}$/.test(v)) {
    return { check: fail(ID, [...fixes, `${from} looks like the raw "api_key" secret alone (22 characters): the header needs the key's id too`].join('; '), encodedFix(from)) };
  }
  if (decodeBase64Text(v) === null && /^[A-Za-z0-9+/=_-]{24,}$/.test(v)) {
    return fixed([...fixes, `${from} is base64 that does not decode to "id:api_key": it looks like an access token, not an API key`], `Bearer ${v}`, 'the value sent as "Bearer"', 'if it is an access token, set it as ELASTICSEARCH_BEARER_TOKEN; if it is an API key, use its "encoded" value');
  }
  return { check: fail(ID, [...fixes, `${from} is not an API key value (neither the encoded key nor id:api_key)`].join('; '), encodedFix(from)) };
}

const encodedFix = (from: string) =>
  `set ${from} to the "encoded" value of the create API key response (base64 of "id:api_key"); if you only kept the id, create a new key: the secret is shown once`;

export function bearerShape(raw: string, from: string): Shape {
  const space = whitespace(raw);
  let v = raw.trim();
  const prefix = SCHEME.exec(v);
  if (prefix) v = v.slice(prefix[0].length).trim();
  const fixes: string[] = [];
  if (space) fixes.push(`${from} ${space}`);
  if (prefix) fixes.push(`${from} includes the "${prefix[1]} " prefix`);
  const id = encodedApiKeyId(v);
  if (id) {
    return fixed([...fixes, `${from} holds an encoded API key (key id [${id}]): API keys go in "Authorization: ApiKey", not "Bearer"`], `ApiKey ${v}`, 'the value sent as "ApiKey"', 'set it as ELASTICSEARCH_API_KEY instead');
  }
  if (fixes.length > 0) return fixed(fixes, `Bearer ${v}`, 'the value without the extra characters', `set ${from} to the token alone, on one line, without a prefix`);
  return { check: ok(ID, `${from} is ${isJwt(v) ? 'a JWT' : 'an opaque bearer token'}`) };
}

export function basicShape(username: string, password: string, from: string): Shape {
  if (username.includes(':')) return { check: fail(ID, `the username contains ":", which Basic authentication cannot carry`, 'use a username without ":"') };
  const fixes: string[] = [];
  const uSpace = whitespace(username);
  const pSpace = whitespace(password);
  if (uSpace) fixes.push(`ELASTICSEARCH_USERNAME ${uSpace}`);
  if (pSpace) fixes.push(`ELASTICSEARCH_PASSWORD ${pSpace} (it is sent as part of the password)`);
  if (fixes.length === 0) return { check: ok(ID, `${from}: username [${username}] and a password of ${password.length} characters`) };
  const header = `Basic ${Buffer.from(`${username.trim()}:${password.trim()}`).toString('base64')}`;
  return { check: warn(ID, fixes.join('; '), 'remove the surrounding whitespace or line break from the variable'), corrected: { header, what: 'the values trimmed' } };
}

export function headerShape(raw: string, from: string): Shape {
  const v = raw.trim();
  const space = /[\r\n]/.test(raw) || /\s$/.test(raw) ? whitespace(raw) : null;
  const m = /^(\S+)\s+([\s\S]*)$/.exec(v);
  if (!m) {
    if (encodedApiKeyId(v)) return fixed([`${from} has no scheme: it looks like an encoded API key`], `ApiKey ${v}`, 'the "ApiKey " scheme added', `write it as "ApiKey ${'<encoded>'}"`);
    return { check: fail(ID, `${from} has no scheme ("Basic", "ApiKey" or "Bearer" followed by a value)`, 'write the header value as "<scheme> <credentials>"') };
  }
  const [, scheme, rest] = m;
  const lower = scheme.toLowerCase();
  const after = raw.slice(raw.indexOf(scheme) + scheme.length + 1); // the value as configured, whitespace included
  if (lower === 'apikey') return apiKeyShape(after, from);
  if (lower === 'bearer') return bearerShape(after, from);
  if (lower === 'basic') {
    const text = decodeBase64Text(rest.trim());
    if (text !== null && text.includes(':')) {
      if (!space) return { check: ok(ID, `${from} is Basic credentials for user [${text.slice(0, text.indexOf(':'))}]`) };
      return fixed([`${from} ${space}`], `Basic ${rest.trim()}`, 'the value trimmed', 'remove the whitespace or line break');
    }
    if (rest.includes(':')) {
      return fixed([`${from} is "Basic user:password" in plain text: Basic needs base64("user:password")`], `Basic ${Buffer.from(rest.trim()).toString('base64')}`, 'the credentials base64-encoded', 'encode it: printf %s "user:password" | base64 (or use curl -u)');
    }
    return { check: fail(ID, `${from} is "Basic" followed by something that is not base64("user:password")`, 'use base64 of "user:password" after "Basic "') };
  }
  return {
    check: fail(ID, `${from} uses the "${scheme}" scheme, which Elasticsearch does not know: it ignores the header and sees no credentials`, 'use "Basic", "ApiKey" or "Bearer"'),
  };
}

function fixed(problems: string[], header: string, what: string, fix: string): Shape {
  return { check: fail(ID, problems.join('; '), fix), corrected: { header, what } };
}
