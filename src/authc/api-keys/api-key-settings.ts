import type { Settings } from '../../config/load.ts';
import { SettingsError } from '../../config/load.ts';
import { parseHashAlgorithm, type HashAlgorithm } from '../hashing/index.ts';

export interface ApiKeySettings {
  readonly enabled: boolean;
  readonly cacheTtlMs: number;
  readonly cacheMaxKeys: number;
  readonly cacheHash: HashAlgorithm;
  /** How a key's secret is stored. Default ssha256: a 128-bit random secret needs no slow hash. */
  readonly hashing: HashAlgorithm;
  readonly retentionMs: number;
  readonly deleteIntervalMs: number;
}

const PREFIX = 'xpack.security.authc.api_key.';

export function apiKeySettings(settings: Settings): ApiKeySettings {
  const algo = (key: string, allowed: (a: HashAlgorithm) => boolean) => {
    const name = settings.get<string>(PREFIX + key);
    const a = parseHashAlgorithm(name);
    if (!a || !allowed(a)) throw new SettingsError(`invalid value for setting [${PREFIX}${key}] in [${settings.source}]: unsupported hashing algorithm [${name}]`);
    return a;
  };
  return {
    enabled: settings.get<boolean>(PREFIX + 'enabled'),
    cacheTtlMs: settings.get<number>(PREFIX + 'cache.ttl'),
    cacheMaxKeys: settings.get<number>(PREFIX + 'cache.max_keys'),
    cacheHash: algo('cache.hash_algo', (a) => a.forCache),
    hashing: algo('hashing.algorithm', (a) => a.forStoredTokens),
    retentionMs: settings.get<number>(PREFIX + 'delete.retention_period'),
    deleteIntervalMs: settings.get<number>(PREFIX + 'delete.interval'),
  };
}
