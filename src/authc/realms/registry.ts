import type { Clock } from '../../core/clock.ts';
import type { SecurityStore } from '../../store/security-store.ts';
import type { RealmConfig } from '../../config/load.ts';
import { CACHING_REALM_SETTINGS, type SettingDef } from '../../config/schema.ts';
import { parseHashAlgorithm } from '../hashing/index.ts';
import type { CacheSettings } from '../cache/caching-authenticator.ts';
import type { Realm } from '../realm.ts';
import { NativeRealm } from './native/native-realm.ts';
import { FileRealm } from './file/file-realm.ts';
import type { Logger } from 'pino';

export interface RealmDeps {
  readonly store: SecurityStore;
  readonly clock: Clock;
  readonly configDir: string;
  readonly log: Logger;
}

export interface RealmType {
  /** The realm type's own settings, besides `order`, `enabled` and `authentication.enabled`. */
  readonly settings: Readonly<Record<string, SettingDef>>;
  readonly create: (config: RealmConfig, deps: RealmDeps) => Realm;
}

/** Every realm type the gateway knows: adding a realm type is one line here. */
export const REALM_TYPES: Readonly<Record<string, RealmType>> = {
  file: {
    settings: CACHING_REALM_SETTINGS,
    create: (c, d) => new FileRealm(c.name, c.order, d.configDir, cacheSettings(c.settings, `file.${c.name}`), d.clock, d.log),
  },
  native: {
    settings: CACHING_REALM_SETTINGS,
    create: (c, d) => new NativeRealm(c.name, c.order, d.store, cacheSettings(c.settings, `native.${c.name}`), d.clock),
  },
};

/** ES 8 puts these in the chain unless they are configured or disabled explicitly. */
export const DEFAULT_REALMS = [
  { type: 'file', name: 'default_file' },
  { type: 'native', name: 'default_native' },
] as const;

/** Reads a caching realm's `cache.*` settings; an unknown hash algorithm is a configuration error. */
export function cacheSettings(s: ReadonlyMap<string, unknown>, where: string): CacheSettings {
  const algoName = String(s.get('cache.hash_algo') ?? 'ssha256');
  const hashAlgo = parseHashAlgorithm(algoName);
  if (!hashAlgo) throw new Error(`invalid value for setting [xpack.security.authc.realms.${where}.cache.hash_algo]: unknown hashing algorithm [${algoName}]`);
  return { ttlMs: (s.get('cache.ttl') as number) ?? 1_200_000, maxUsers: (s.get('cache.max_users') as number) ?? 100_000, hashAlgo };
}

export function realmSchemas(): Record<string, Readonly<Record<string, SettingDef>>> {
  return Object.fromEntries(Object.entries(REALM_TYPES).map(([t, def]) => [t, def.settings]));
}
