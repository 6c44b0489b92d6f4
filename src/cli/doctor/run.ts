import { fail, type Check, type Report } from './report.ts';
import type { DoctorEnv } from './env.ts';
import { authorizationOf, encodedApiKeyId, type Credential } from './credential.ts';
import { dnsProbe, httpProbe, tcpProbe, tlsProbe, type HttpResult, type Target } from './probe.ts';
import { checkConfig } from './checks/config.ts';
import { classifyShape } from './checks/credential-shape.ts';
import { classifyDns, classifyTcp } from './checks/reachability.ts';
import { classifyTls, expiryWarning } from './checks/tls.ts';
import { classifyPlainHttp } from './checks/scheme.ts';
import { classifyAnonymous, offeredSchemes } from './checks/anonymous.ts';
import { classifyAuthenticate } from './checks/authenticate.ts';
import { classifyApiKey } from './checks/api-key.ts';
import { classifyUserLookup, type UserFact } from './checks/user.ts';
import { classifyClock } from './checks/clock.ts';

export interface DoctorOptions {
  readonly env: DoctorEnv;
  readonly timeoutMs: number;
}

/**
 * The checks, in the order a request meets the problems: settings, the credential's shape, name lookup,
 * connection, TLS or scheme, anonymous access, authentication, the API key's state, the clock. A failure
 * that makes the later checks meaningless ends the run there.
 */
export async function runDoctor(o: DoctorOptions): Promise<Report> {
  const checks: Check[] = [];
  const offset = clockOffset(o.env.now?.value);
  const cfg = checkConfig(o.env, o.timeoutMs);
  checks.push(...cfg.checks);
  if (!cfg.config) return { url: null, authenticated: false, checks };
  const { target, credential, trust } = cfg.config;
  const url = `${target.url.origin}${target.url.pathname === '/' ? '' : target.url.pathname}`;
  const report = (authenticated: boolean): Report => ({ url, authenticated, checks });
  if (offset.problem) checks.push(offset.problem);

  const shape = classifyShape(credential);
  const shapeIndex = checks.push(shape.check) - 1;

  const dns = classifyDns(target.url, await dnsProbe(target.url));
  checks.push(dns);
  if (dns.status === 'fail') return report(false);
  const tcp = classifyTcp(target.url, await tcpProbe(target.url, o.timeoutMs), o.timeoutMs);
  checks.push(tcp);
  if (tcp.status === 'fail') return report(false);

  if (target.url.protocol === 'https:') {
    const verified = await tlsProbe(target, trust.kind !== 'fingerprint');
    const seen = verified.ok && trust.kind !== 'fingerprint' ? verified : await tlsProbe(target, false);
    const tls = classifyTls(verified, { url: target.url, trust, seen });
    checks.push(tls);
    if (tls.status === 'fail') return report(false);
    const expiring = expiryWarning(verified, Date.now() + offset.ms);
    if (expiring) checks.push(expiring);
  } else {
    const plain = await httpProbe(target, 'GET', path(target, '/'));
    const overTls = plain.ok ? null : await tlsProbe(target, false);
    const scheme = classifyPlainHttp(target.url, plain, overTls);
    checks.push(scheme);
    if (scheme.status === 'fail') return report(false);
  }

  const anonymous = await httpProbe(target, 'GET', path(target, '/_security/_authenticate'));
  const root = anonymous.ok && anonymous.status === 200 ? await httpProbe(target, 'GET', path(target, '/')) : null;
  checks.push(classifyAnonymous(anonymous, root));

  const header = authorizationOf(credential);
  const authn = credential.kind === 'none' ? anonymous : await httpProbe(target, 'GET', path(target, '/_security/_authenticate'), header);
  const keyId = apiKeyIdOf(credential);
  const helper = o.env.helperApiKey ? `ApiKey ${o.env.helperApiKey.value.reveal().trim()}` : undefined;
  let user: UserFact | undefined;
  if (credential.kind === 'basic' && authn.ok && authn.status === 401 && helper) {
    const lookup = classifyUserLookup(credential.username, await httpProbe(target, 'GET', path(target, `/_security/user/${encodeURIComponent(credential.username)}`), helper));
    checks.push(lookup.check);
    user = lookup.fact;
  }
  const outcome = classifyAuthenticate(authn, { credential, apiKeyId: keyId, offered: offeredSchemes(anonymous), user });
  checks.push(outcome.check);

  if (!outcome.authenticated && shape.corrected) {
    // The value's shape was wrong: show that the corrected value works (or does not), naming the cause.
    const tried = await httpProbe(target, 'GET', path(target, '/_security/_authenticate'), shape.corrected.header);
    const result = tried.ok && tried.status === 200 ? `with ${shape.corrected.what}, authentication succeeds as [${tried.json?.username}]` : `with ${shape.corrected.what}, the server still refuses it (HTTP ${tried.ok ? tried.status : tried.code})`;
    checks[shapeIndex] = { ...shape.check, message: `${shape.check.message}; ${result}` };
  }

  const serverNow = serverTime(authn) ?? Date.now() + offset.ms;
  if (keyId) {
    const readWith = outcome.authenticated ? header : helper;
    if (readWith) {
      const r = await httpProbe(target, 'GET', path(target, `/_security/api_key?id=${encodeURIComponent(keyId)}`), readWith);
      checks.push(classifyApiKey(keyId, r, serverNow, outcome.authenticated ? 'the key itself' : 'PORTCULLIS_DOCTOR_API_KEY'));
    }
  }

  const timed = authn.ok ? authn : anonymous;
  if (timed.ok) checks.push(classifyClock(header1(timed.headers.date), timed.sentAt + offset.ms, timed.receivedAt + offset.ms));
  return report(outcome.authenticated);
}

const path = (t: Target, p: string) => `${t.url.pathname.replace(/\/$/, '')}${p}`;

const header1 = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

function serverTime(r: HttpResult): number | undefined {
  if (!r.ok) return undefined;
  const t = Date.parse(header1(r.headers.date) ?? '');
  return Number.isNaN(t) ? undefined : t + (r.receivedAt - r.sentAt) / 2;
}

/** The key id a credential names: from the encoded value, from plain `id:key`, or the id alone. */
export function apiKeyIdOf(c: Credential): string | null {
  let v: string;
  if (c.kind === 'api_key') v = c.value.reveal().trim().replace(/^ApiKey\s+/i, '');
  else if (c.kind === 'header' && /^ApiKey\s/i.test(c.value.reveal().trim())) v = c.value.reveal().trim().replace(/^ApiKey\s+/i, '');
  else return null;
  const encoded = encodedApiKeyId(v);
  if (encoded) return encoded;
  if (/^[\w-]{20}:/.test(v)) return v.slice(0, 20);
  if (/^[\w-]{20}$/.test(v)) return v;
  return null;
}

/** `PORTCULLIS_DOCTOR_NOW` → how far "now" is from the real clock (a testing aid for clock skew). */
function clockOffset(now: string | undefined): { ms: number; problem?: Check } {
  if (now === undefined) return { ms: 0 };
  const t = /^\d+$/.test(now) ? Number(now) : Date.parse(now);
  if (Number.isNaN(t)) return { ms: 0, problem: fail('config', 'PORTCULLIS_DOCTOR_NOW is neither an ISO 8601 time nor epoch milliseconds', 'unset it (it only exists for testing)') };
  return { ms: t - Date.now() };
}
