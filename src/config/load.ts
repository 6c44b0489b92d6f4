import { readFileSync } from 'node:fs';
import { resolve, dirname } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { Secret } from '../core/secret.ts';
import { SETTINGS, COMMON_REALM_SETTINGS, coerce, settingDef, type SettingDef } from './schema.ts';

const REALMS_PREFIX = 'xpack.security.authc.realms.';

export interface RealmConfig {
  readonly type: string;
  readonly name: string;
  readonly order: number;
  readonly enabled: boolean;
  /** The realm's own settings (key relative to the realm, e.g. `cache.ttl`), coerced, defaults filled. */
  readonly settings: ReadonlyMap<string, unknown>;
}

export interface Settings {
  /** Flat, coerced gateway settings with defaults filled (secret settings hold a Secret). */
  get<T = unknown>(key: string): T;
  /** The keys that have a value and start with `prefix` (for settings with a name segment, e.g. audit ignore filters). */
  keys(prefix: string): string[];
  readonly realms: readonly RealmConfig[];
  readonly configDir: string;
  readonly source: string;
}

/** A configuration mistake; its message is one line naming the key and the file. */
export class SettingsError extends Error {
  override name = 'SettingsError';
}

export interface LoadOptions {
  /** Path to portcullis.yml; a missing file is fine unless `required`. */
  file: string;
  required: boolean;
  /** Settings given on the command line or through the environment (flat keys), applied last. */
  overrides: Record<string, unknown>;
  /** Realm types the gateway knows, each with its own settings schema (besides the common ones). */
  realmSchemas: Readonly<Record<string, Readonly<Record<string, SettingDef>>>>;
  /** Realm types added to the chain unless configured or disabled (ES 8: file, then native). */
  defaultRealms: readonly { type: string; name: string }[];
}

export function loadSettings(opts: LoadOptions): Settings {
  const source = resolve(opts.file);
  const flat = new Map<string, unknown>();
  const text = readConfigFile(source, opts.required);
  if (text !== null) {
    let doc: unknown;
    try {
      doc = parseYaml(text);
    } catch (e) {
      throw new SettingsError(`cannot parse [${source}]: ${firstLine((e as Error).message)}`);
    }
    if (doc !== null && doc !== undefined && (typeof doc !== 'object' || Array.isArray(doc))) {
      throw new SettingsError(`[${source}] must hold a map of settings`);
    }
    flatten((doc ?? {}) as Record<string, unknown>, '', flat, source);
  }
  // File values are checked before command-line overrides replace them: a bad file is never hidden.
  for (const [key, raw] of flat) {
    const def = settingDef(key);
    if (def) coerceOrThrow(key, def, raw, source);
  }
  for (const [k, v] of Object.entries(opts.overrides)) if (v !== undefined) flat.set(k, v);

  const values = new Map<string, unknown>();
  const realmRaw = new Map<string, Map<string, unknown>>();
  for (const [key, raw] of flat) {
    if (key.startsWith(REALMS_PREFIX)) {
      collectRealmSetting(key, raw, realmRaw, opts, source);
      continue;
    }
    const def = settingDef(key);
    if (!def) throw new SettingsError(`unknown setting [${key}] in [${source}]`);
    values.set(key, coerceOrThrow(key, def, raw, source));
  }
  for (const [key, def] of Object.entries(SETTINGS)) {
    if (!values.has(key) && def.default !== undefined) values.set(key, coerceOrThrow(key, def, def.default, source));
  }
  const realms = buildRealms(realmRaw, opts, source);
  return Object.freeze({
    get: <T>(key: string) => values.get(key) as T,
    keys: (prefix: string) => [...values.keys()].filter((k) => k.startsWith(prefix)),
    realms,
    configDir: dirname(source),
    source,
  });
}

function readConfigFile(path: string, required: boolean): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT' && !required) return null;
    throw new SettingsError(`cannot read configuration file [${path}]: ${(e as NodeJS.ErrnoException).code ?? 'error'}`);
  }
}

/** Nested and flat dotted keys mean the same thing, as in elasticsearch.yml. */
function flatten(obj: Record<string, unknown>, prefix: string, out: Map<string, unknown>, source: string): void {
  for (const [k, v] of Object.entries(obj)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) flatten(v as Record<string, unknown>, key, out, source);
    else {
      if (out.has(key)) throw new SettingsError(`setting [${key}] is defined twice in [${source}]`);
      out.set(key, v);
    }
  }
}

function coerceOrThrow(key: string, def: SettingDef, raw: unknown, source: string): unknown {
  const r = coerce(def, raw);
  if ('error' in r) throw new SettingsError(`invalid value for setting [${key}] in [${source}]: ${r.error}`);
  const problem = def.check?.(r.value);
  if (problem) throw new SettingsError(`invalid value for setting [${key}] in [${source}]: ${problem}`);
  return def.type === 'secret' ? new Secret(String(r.value)) : r.value;
}

function collectRealmSetting(key: string, raw: unknown, realms: Map<string, Map<string, unknown>>, opts: LoadOptions, source: string): void {
  const parts = key.slice(REALMS_PREFIX.length).split('.');
  if (parts.length < 3) throw new SettingsError(`unknown setting [${key}] in [${source}]`);
  const [type, name, ...rest] = parts;
  const schema = opts.realmSchemas[type];
  if (!schema) {
    throw new SettingsError(`unknown realm type [${type}] in setting [${key}] in [${source}]; known types: [${Object.keys(opts.realmSchemas).join(', ')}]`);
  }
  const sub = rest.join('.');
  const def = COMMON_REALM_SETTINGS[sub] ?? schema[sub];
  if (!def) throw new SettingsError(`unknown setting [${key}] in [${source}]`);
  const id = `${type}.${name}`;
  if (!realms.has(id)) realms.set(id, new Map());
  realms.get(id)!.set(sub, coerceOrThrow(key, def, raw, source));
}

function buildRealms(raw: Map<string, Map<string, unknown>>, opts: LoadOptions, source: string): RealmConfig[] {
  const realms: RealmConfig[] = [];
  const names = new Map<string, string>();
  for (const [id, given] of raw) {
    const [type, name] = id.split('.');
    if (names.has(name)) throw new SettingsError(`found multiple realms configured with the same name [${name}] in [${source}]`);
    names.set(name, type);
    const order = given.get('order');
    const enabled = (given.get('enabled') ?? true) as boolean;
    if (order === undefined && enabled) {
      throw new SettingsError(`missing realm order for [${REALMS_PREFIX}${id}.order] in [${source}]`);
    }
    realms.push({ type, name, order: (order ?? Number.MAX_SAFE_INTEGER) as number, enabled, settings: withDefaults(type, given, opts, source) });
  }
  for (const internal of opts.defaultRealms.map((d) => d.type)) {
    const same = realms.filter((r) => r.type === internal);
    if (same.length > 1) {
      throw new SettingsError(
        `multiple [${internal}] realms are configured. [${internal}] is an internal realm and therefore there can only be one such realm configured in [${source}]`,
      );
    }
  }
  // ES 8: the file and native realms are in the chain unless configured (or disabled) explicitly.
  opts.defaultRealms.forEach((d, i) => {
    if (!opts.realmSchemas[d.type] || realms.some((r) => r.type === d.type)) return;
    if (names.has(d.name)) {
      throw new SettingsError(`found realm configured with name clashing with the [${d.name}] realm: [${REALMS_PREFIX}${names.get(d.name)}.${d.name}] in [${source}]`);
    }
    realms.push({ type: d.type, name: d.name, order: Number.MIN_SAFE_INTEGER + i, enabled: true, settings: withDefaults(d.type, new Map(), opts, source) });
  });
  const active = realms.filter((r) => r.enabled).sort((a, b) => a.order - b.order);
  for (let i = 1; i < active.length; i++) {
    if (active[i].order === active[i - 1].order) {
      throw new SettingsError(
        `found multiple realms configured with the same order [${active[i].order}]: [${active[i - 1].name}, ${active[i].name}] in [${source}]`,
      );
    }
  }
  return realms.sort((a, b) => a.order - b.order);
}

function withDefaults(type: string, given: Map<string, unknown>, opts: LoadOptions, source: string): Map<string, unknown> {
  const out = new Map(given);
  const schema = { ...COMMON_REALM_SETTINGS, ...opts.realmSchemas[type] };
  for (const [k, def] of Object.entries(schema)) {
    if (!out.has(k) && def.default !== undefined) out.set(k, coerceOrThrow(`${REALMS_PREFIX}${type}.${k}`, def, def.default, source));
  }
  return out;
}

function firstLine(s: string): string {
  return s.split('\n')[0];
}
