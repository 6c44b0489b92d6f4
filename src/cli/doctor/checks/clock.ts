import { ok, warn, type Check } from '../report.ts';
import { ago } from './api-key.ts';

export const SKEW_WARN_MS = 30_000;

/**
 * This machine's clock against the server's `Date` header. The header has one-second resolution and the
 * server wrote it somewhere between sending and receiving, so the tolerance is the round trip plus 1 s.
 */
export function classifyClock(dateHeader: string | undefined, localSentMs: number, localReceivedMs: number): Check {
  const server = dateHeader ? Date.parse(dateHeader) : Number.NaN;
  if (Number.isNaN(server)) return ok('clock', 'not checked: the server sends no Date header');
  const local = (localSentMs + localReceivedMs) / 2;
  const slack = (localReceivedMs - localSentMs) / 2 + 1_000;
  const skew = local - (server + 500);
  if (Math.abs(skew) <= Math.max(SKEW_WARN_MS, slack)) return ok('clock', `this machine's clock agrees with the server's (within ${Math.max(1, Math.round(Math.abs(skew) / 1000))} s)`);
  const dir = skew > 0 ? 'ahead of' : 'behind';
  return warn(
    'clock',
    `this machine's clock is ${ago(Math.abs(skew))} ${dir} the server's. Expiry is decided by the server's clock: an API key or token expires by the server's time, not yours, so keys you think still valid can be refused (or the reverse); JWTs and SAML assertions made on a skewed machine are refused as expired or not yet valid`,
    'synchronise clocks with NTP on this machine and on the servers (timedatectl / chrony)',
  );
}
