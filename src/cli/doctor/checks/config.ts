import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fail, ok, warn, type Check } from '../report.ts';
import type { DoctorEnv } from '../env.ts';
import { chooseCredential, type Credential } from '../credential.ts';
import type { Target } from '../probe.ts';
import { normalizeFingerprint, type TlsContext } from './tls.ts';

export interface Config {
  readonly target: Target;
  readonly credential: Credential;
  readonly trust: TlsContext['trust'];
}

/** Reads the connection settings into a target and a credential, or says what is missing. */
export function checkConfig(env: DoctorEnv, timeoutMs: number): { checks: Check[]; config?: Config } {
  const checks: Check[] = [];
  const where = env.dotenvPath ? `the environment or ${env.dotenvPath}` : 'the environment (no .env file here)';
  if (env.dotenvError) checks.push(warn('config', env.dotenvError, 'make the .env file readable'));
  if (!env.url) {
    checks.push(fail('config', `ELASTICSEARCH_URL is not set in ${where}`, 'add a line such as ELASTICSEARCH_URL=https://localhost:9200 to the .env file in this directory'));
    return { checks };
  }
  let url: URL;
  try {
    url = new URL(env.url.value);
  } catch {
    checks.push(fail('config', `ELASTICSEARCH_URL is not a URL`, 'write it as https://host:port'));
    return { checks };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    checks.push(fail('config', `ELASTICSEARCH_URL uses the scheme "${url.protocol}"; only http: and https: work`, 'write it as https://host:port'));
    return { checks };
  }
  const urlUser = url.username ? { username: decodeURIComponent(url.username), password: decodeURIComponent(url.password) } : undefined;
  url.username = '';
  url.password = '';
  const choice = chooseCredential(env, urlUser);
  const problems: string[] = [];
  if (choice.incomplete) problems.push(choice.incomplete);
  let ca: string | undefined;
  let fingerprint: string | undefined;
  let clientCert: string | undefined;
  let clientKey: string | undefined;
  const read = (v: { value: string; name: string }) => {
    try {
      return readFileSync(resolve(v.value), 'utf8');
    } catch (e) {
      problems.push(`${v.name} names a file that cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'}): ${v.value}`);
      return undefined;
    }
  };
  if (env.caCert) ca = read(env.caCert);
  if (env.caFingerprint) {
    fingerprint = normalizeFingerprint(env.caFingerprint.value) ?? undefined;
    if (!fingerprint) problems.push(`${env.caFingerprint.name} is not a SHA-256 fingerprint (64 hex digits, colons allowed)`);
  }
  if (env.clientCert) clientCert = read(env.clientCert);
  if (env.clientKey) clientKey = read(env.clientKey);
  if (Boolean(env.clientCert) !== Boolean(env.clientKey)) problems.push('a client certificate needs both ELASTICSEARCH_CLIENT_CERT and ELASTICSEARCH_CLIENT_KEY');
  if (url.protocol === 'http:' && (ca || fingerprint)) checks.push(warn('config', 'a CA certificate or fingerprint is set, but ELASTICSEARCH_URL uses http://: it is not used', 'use https:// if the server has TLS on'));
  if (problems.length > 0) {
    checks.push(fail('config', problems.join('; '), 'fix the variables named above in the .env file in this directory'));
    return { checks };
  }
  const trust: TlsContext['trust'] = fingerprint ? { kind: 'fingerprint', value: fingerprint } : ca ? { kind: 'ca', name: env.caCert!.name } : { kind: 'system' };
  const c = choice.credential;
  const how = { api_key: 'an API key', bearer: 'a bearer token', basic: `Basic authentication as [${c.kind === 'basic' ? c.username : ''}]`, header: 'a raw Authorization header', none: 'no credentials' }[c.kind];
  const source = sourceOf(env, c);
  checks.push(ok('config', `${url.origin}${url.pathname === '/' ? '' : url.pathname}; ${how}${c.kind === 'none' ? '' : ` from ${c.from}${source}`}${clientCert ? '; a client certificate' : ''}${url.protocol === 'https:' ? `; trusting ${trust.kind === 'ca' ? trust.name : trust.kind === 'fingerprint' ? 'the pinned fingerprint' : 'the system CAs'}` : ''}`));
  if (choice.ignored.length > 0) checks.push(warn('config', `also set and ignored: ${choice.ignored.join(', ')}`, 'keep one credential per environment, so that what you test is what your client uses'));
  if (urlUser) checks.push(warn('config', 'ELASTICSEARCH_URL holds credentials; they end up in logs and shell history', 'move them to ELASTICSEARCH_USERNAME and ELASTICSEARCH_PASSWORD'));
  return { checks, config: { target: { url, ca, fingerprint, clientCert, clientKey, timeoutMs }, credential: c, trust } };
}

function sourceOf(env: DoctorEnv, c: Credential): string {
  const v = c.kind === 'api_key' ? env.apiKey : c.kind === 'bearer' ? env.bearer : c.kind === 'header' ? env.authHeader : c.kind === 'basic' ? env.password : undefined;
  return v ? ` (${v.source})` : '';
}
