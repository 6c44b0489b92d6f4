/**
 * The smallest Reflect metadata API that @peculiar/x509 needs.
 *
 * @peculiar/x509 v2 registers its algorithm providers through tsyringe, which throws at import time
 * ("tsyringe requires a reflect polyfill") unless `Reflect.getMetadata` exists. `reflect-metadata` is not
 * one of our dependencies, so this module installs the five functions tsyringe and tslib's `__metadata`
 * call, and only when nothing else has installed them first. Metadata lives in a WeakMap keyed by the
 * decorated object, so it never keeps anything alive.
 *
 * Import order matters: `./x509.ts` imports this module before `@peculiar/x509`, and every file in the
 * project should import x509 through `./x509.ts`, never directly.
 */

type MetadataKey = unknown;
type PropertyKey = string | symbol | undefined;
type Table = Map<PropertyKey, Map<MetadataKey, unknown>>;

interface ReflectMetadataApi {
  defineMetadata(key: MetadataKey, value: unknown, target: object, property?: PropertyKey): void;
  getOwnMetadata(key: MetadataKey, target: object, property?: PropertyKey): unknown;
  getMetadata(key: MetadataKey, target: object, property?: PropertyKey): unknown;
  hasOwnMetadata(key: MetadataKey, target: object, property?: PropertyKey): boolean;
  hasMetadata(key: MetadataKey, target: object, property?: PropertyKey): boolean;
  metadata(key: MetadataKey, value: unknown): (target: object, property?: PropertyKey) => void;
}

const tables = new WeakMap<object, Table>();

function ownMap(target: object, property: PropertyKey, create: boolean): Map<MetadataKey, unknown> | undefined {
  let table = tables.get(target);
  if (!table) {
    if (!create) return undefined;
    table = new Map();
    tables.set(target, table);
  }
  let map = table.get(property);
  if (!map && create) {
    map = new Map();
    table.set(property, map);
  }
  return map;
}

function findOwner(key: MetadataKey, target: object, property: PropertyKey): object | null {
  for (let t: object | null = target; t !== null; t = Object.getPrototypeOf(t)) {
    if (ownMap(t, property, false)?.has(key)) return t;
  }
  return null;
}

const api: ReflectMetadataApi = {
  defineMetadata(key, value, target, property) {
    ownMap(target, property, true)!.set(key, value);
  },
  getOwnMetadata(key, target, property) {
    return ownMap(target, property, false)?.get(key);
  },
  getMetadata(key, target, property) {
    const owner = findOwner(key, target, property);
    return owner === null ? undefined : ownMap(owner, property, false)!.get(key);
  },
  hasOwnMetadata(key, target, property) {
    return ownMap(target, property, false)?.has(key) ?? false;
  },
  hasMetadata(key, target, property) {
    return findOwner(key, target, property) !== null;
  },
  metadata(key, value) {
    return (target, property) => api.defineMetadata(key, value, target, property);
  },
};

const reflect = Reflect as unknown as Partial<ReflectMetadataApi>;
if (typeof reflect.getMetadata !== 'function') {
  for (const [name, fn] of Object.entries(api)) {
    Object.defineProperty(Reflect, name, { value: fn, writable: true, configurable: true });
  }
}

export {};
