import { fail, ok, warn, type Check } from '../report.ts';
import type { HttpResult } from '../probe.ts';

const DAY = 86_400_000;

/**
 * The key's record (`GET /_security/api_key?id=…`), read with the key itself when it authenticates or with
 * the helper key: its expiry and invalidation, judged by the server's clock when known.
 */
export function classifyApiKey(id: string, r: HttpResult, nowMs: number, readWith: 'the key itself' | 'PORTCULLIS_DOCTOR_API_KEY'): Check {
  if (!r.ok) return warn('api_key', `could not read API key [${id}] (${r.code})`, null);
  if (r.status === 401 || r.status === 403) {
    return warn('api_key', `${readWith} may not read API key [${id}] (HTTP ${r.status})`, readWith === 'the key itself' ? null : 'give the helper key the manage_api_key or read_security privilege');
  }
  const k = r.status === 200 ? (r.json?.api_keys ?? []).find((x: { id?: string }) => x.id === id) : undefined;
  if (r.status === 404 || (r.status === 200 && !k)) {
    return fail('api_key', `there is no API key with id [${id}] on this server`, 'the value belongs to another cluster or the key was deleted: create a new key here');
  }
  if (r.status !== 200) return warn('api_key', `reading API key [${id}] answered HTTP ${r.status}`, null);
  const what = `API key [${k.name ?? ''}] id [${id}] of user [${k.username ?? '?'}] (realm ${k.realm ?? '?'})`;
  if (k.invalidated) {
    const when = typeof k.invalidation === 'number' ? ` on ${new Date(k.invalidation).toISOString()}` : '';
    return fail('api_key', `${what} was invalidated${when}`, 'create a new API key; invalidate_apikeys events in the audit log say who revoked it');
  }
  if (typeof k.expiration === 'number') {
    const at = new Date(k.expiration).toISOString();
    if (k.expiration <= nowMs) return fail('api_key', `${what} expired at ${at} (${ago(nowMs - k.expiration)} ago by the server's clock)`, 'create a new API key with a longer "expiration"');
    if (k.expiration - nowMs < 7 * DAY) return warn('api_key', `${what} expires at ${at} (in ${ago(k.expiration - nowMs)})`, 'rotate it before then: create a new key, switch clients over, invalidate the old one');
    return ok('api_key', `${what} is valid until ${at}`);
  }
  return ok('api_key', `${what} is valid and never expires`);
}

export function ago(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 120) return `${s} s`;
  if (s < 7200) return `${Math.round(s / 60)} min`;
  if (s < 2 * 86400) return `${Math.round(s / 3600)} h`;
  return `${Math.round(s / 86400)} days`;
}
