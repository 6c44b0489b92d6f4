import type { Clock } from '../../core/clock.ts';
import type { SecurityStore } from '../../store/security-store.ts';
import type { Logger } from 'pino';

/**
 * Removes keys invalidated or expired more than `retentionMs` ago, at start and every `intervalMs`
 * (ES's `xpack.security.authc.api_key.delete.*`). Returns a function that stops it.
 */
export function startApiKeyRetention(store: SecurityStore, clock: Clock, log: Logger, retentionMs: number, intervalMs: number): () => void {
  const run = async () => {
    try {
      const n = await store.deleteApiKeysRetiredBefore(clock.now() - retentionMs);
      if (n > 0) log.info({ removed: n }, 'removed retired API keys');
    } catch (e) {
      log.error({ err: { message: (e as Error).message } }, 'API key retention failed');
    }
  };
  void run();
  const timer = setInterval(run, Math.max(intervalMs, 1_000));
  timer.unref();
  return () => clearInterval(timer);
}
