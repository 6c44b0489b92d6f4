import { Secret } from '../../core/secret.ts';
import type { DoctorEnv } from './env.ts';

/** The credential the doctor sends, chosen from the variables in the order Elastic's clients prefer. */
export type Credential =
  | { readonly kind: 'api_key'; readonly value: Secret; readonly from: string }
  | { readonly kind: 'bearer'; readonly value: Secret; readonly from: string }
  | { readonly kind: 'basic'; readonly username: string; readonly password: Secret; readonly from: string }
  | { readonly kind: 'header'; readonly value: Secret; readonly from: string }
  | { readonly kind: 'none'; readonly from: string };

export interface CredentialChoice {
  readonly credential: Credential;
  /** Other credentials that were configured too, and are ignored (named, never shown). */
  readonly ignored: readonly string[];
  /** A half-configured credential (a username without a password, …). */
  readonly incomplete?: string;
}

export function chooseCredential(env: DoctorEnv, urlUser?: { username: string; password: string }): CredentialChoice {
  const options: Credential[] = [];
  if (env.authHeader) options.push({ kind: 'header', value: env.authHeader.value, from: env.authHeader.name });
  if (env.apiKey) options.push({ kind: 'api_key', value: env.apiKey.value, from: env.apiKey.name });
  if (env.bearer) options.push({ kind: 'bearer', value: env.bearer.value, from: env.bearer.name });
  let incomplete: string | undefined;
  if (env.username && env.password) {
    options.push({ kind: 'basic', username: env.username.value, password: env.password.value, from: `${env.username.name}/${env.password.name}` });
  } else if (env.username || env.password) {
    incomplete = env.username ? `${env.username.name} is set but ELASTICSEARCH_PASSWORD is not` : `${env.password!.name} is set but ELASTICSEARCH_USERNAME is not`;
  } else if (urlUser) {
    options.push({ kind: 'basic', username: urlUser.username, password: new Secret(urlUser.password), from: 'the user info in ELASTICSEARCH_URL' });
  }
  const [credential = { kind: 'none', from: 'no credential variable' } as Credential, ...rest] = options;
  return { credential, ignored: rest.map((c) => c.from), incomplete };
}

/** The `Authorization` value for a credential (undefined for none). */
export function authorizationOf(c: Credential): string | undefined {
  switch (c.kind) {
    case 'api_key':
      return `ApiKey ${c.value.reveal()}`;
    case 'bearer':
      return `Bearer ${c.value.reveal()}`;
    case 'basic':
      return `Basic ${Buffer.from(`${c.username}:${c.password.reveal()}`).toString('base64')}`;
    case 'header':
      return c.value.reveal();
    case 'none':
      return undefined;
  }
}

/** Strict standard base64 (what Elasticsearch's decoder accepts), decoded as text; null otherwise. */
export function decodeBase64Text(s: string): string | null {
  if (s.length === 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(s) || s.length % 4 === 1) return null;
  const bytes = Buffer.from(s, 'base64');
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  return /^[\x20-\x7e]*$/.test(text) ? text : null;
}

/** The id of an encoded API key (`base64(id:api_key)`), or null when the value is not one. */
export function encodedApiKeyId(value: string): string | null {
  const text = decodeBase64Text(value);
  if (!text) return null;
  const i = text.indexOf(':');
  return i > 0 && i < text.length - 1 && /^[\w-]+$/.test(text.slice(0, i)) ? text.slice(0, i) : null;
}

export const isJwt = (v: string) => /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(v) && v.startsWith('eyJ');
