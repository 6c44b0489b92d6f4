import { EsError } from '../../core/errors.ts';
import type { AppPrivilegeRecord, SecurityStore } from '../../store/security-store.ts';
import { tokenName } from '../../api/body.ts';
import { compilePatterns } from './patterns.ts';
import { validateApplicationName, validatePrivilegeName, validatePrivilegeOrActionName } from './application-names.ts';

/**
 * The application privileges API (ES's NativePrivilegeStore and its request rules). Every change calls
 * `onChange`, since roles resolve application privileges to actions when they are compiled.
 */
export class AppPrivilegeManagement {
  readonly #store: SecurityStore;
  readonly #onChange: () => void;

  constructor(store: SecurityStore, onChange: () => void) {
    this.#store = store;
    this.#onChange = onChange;
  }

  /** `PUT /_security/privilege`: `{app: {name: {actions, metadata}}}` → the records, validated. */
  parsePut(body: unknown): AppPrivilegeRecord[] {
    if (body === undefined) throw new EsError('parse', 'request body is required');
    if (!isObject(body)) throw new EsError('parse', `expected an object, but found [${tokenName(body)}] instead`);
    const records: AppPrivilegeRecord[] = [];
    for (const [application, privileges] of Object.entries(body)) {
      if (!isObject(privileges)) throw new EsError('parse', `expected the value for [${application}] to be an object, but found ${tokenName(privileges)} instead`);
      for (const [name, p] of Object.entries(privileges)) records.push(parsePrivilege(application, name, p));
    }
    const problems: string[] = [];
    for (const r of records) {
      const appError = validateApplicationName(r.application, false);
      if (appError) problems.push(appError);
      const nameError = validatePrivilegeName(r.name);
      if (nameError) problems.push(nameError);
      if (r.actions.length === 0) problems.push('Application privileges must have at least one action');
      for (const a of r.actions) {
        if (!/[/*:]/.test(a)) problems.push(`action [${a}] must contain one of [/*:]`);
        const e = validatePrivilegeOrActionName(a);
        if (e) problems.push(e);
      }
      if (Object.keys(r.metadata).some((k) => k.startsWith('_'))) problems.push(`metadata keys may not start with [_] (in privilege ${r.application} ${r.name})`);
    }
    if (records.length === 0) problems.push('At least one application privilege must be provided');
    if (problems.length) throw new EsError('validation', `Validation Failed: ${problems.map((p, i) => `${i + 1}: ${p};`).join('')}`);
    return records;
  }

  /** Stores the privileges; returns `{app: {name: {created}}}`. */
  async put(records: readonly AppPrivilegeRecord[]): Promise<Record<string, Record<string, { created: boolean }>>> {
    const out: Record<string, Record<string, { created: boolean }>> = {};
    try {
      for (const r of records) {
        const { before } = await this.#store.updateAppPrivilege(r.application, r.name, () => r);
        (out[r.application] ??= {})[r.name] = { created: before === null };
      }
    } finally {
      this.#onChange();
    }
    return out;
  }

  /** The privileges of the application (a name or a `*` pattern; all when empty) and names (all when empty). */
  async get(application: string, names: readonly string[]): Promise<AppPrivilegeRecord[]> {
    const all = await this.#store.listAppPrivileges(application && !application.includes('*') ? [application] : undefined);
    const appMatch = application ? compilePatterns([application]) : () => true;
    return all.filter((r) => appMatch(r.application) && (names.length === 0 || names.includes(r.name)));
  }

  /** Deletes the named privileges of one application; returns which were found. */
  async delete(application: string, names: readonly string[]): Promise<Record<string, boolean>> {
    const found: Record<string, boolean> = {};
    try {
      for (const name of names) {
        const { before } = await this.#store.updateAppPrivilege(application, name, (e) => (e ? null : undefined));
        found[name] = before !== null;
      }
    } finally {
      this.#onChange();
    }
    return found;
  }

  clearCache(): void {
    this.#onChange();
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

const FIELDS = new Set(['application', 'name', 'actions', 'metadata']);

function parsePrivilege(application: string, name: string, p: unknown): AppPrivilegeRecord {
  if (!isObject(p)) throw new EsError('parse', `expected the value for [${application}.${name}] to be an object, but found ${tokenName(p)} instead`);
  let actions: string[] = [];
  let metadata: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(p)) {
    if (!FIELDS.has(k)) throw new EsError('x_content_parse', `[application privilege] unknown field [${k}]`);
    if (k === 'application' && v !== application) {
      throw new EsError('illegal_argument', `privilege application [${String(v)}] in source does not match the provided application [${application}]`);
    }
    if (k === 'name' && v !== name) throw new EsError('illegal_argument', `privilege name [${String(v)}] in source does not match the provided name [${name}]`);
    if (k === 'actions') {
      const list = typeof v === 'string' ? [v] : v;
      if (!Array.isArray(list) || !list.every((a) => typeof a === 'string')) {
        throw new EsError('x_content_parse', `[application privilege] actions doesn't support values of type: ${tokenName(v)}`);
      }
      actions = list as string[];
    }
    if (k === 'metadata') {
      if (!isObject(v)) throw new EsError('x_content_parse', `[application privilege] metadata doesn't support values of type: ${tokenName(v)}`);
      metadata = v;
    }
  }
  return { application, name, actions, metadata };
}
