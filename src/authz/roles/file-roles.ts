import { readFileSync, watchFile, unwatchFile, type Stats } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import type { Logger } from 'pino';
import type { RoleDescriptor } from '../../core/role-descriptor.ts';
import { parseRoleDescriptor } from './role-descriptor-parser.ts';
import { validateName } from '../../authc/users/validation.ts';
import { isReservedRole } from './reserved-roles.ts';
import { MAX_ROLE_NAME_LENGTH } from './role-names.ts';

export interface FileRolesSource {
  get(name: string): RoleDescriptor | undefined;
  names(): readonly string[];
}

/**
 * Parses a `roles.yml` text as ES's FileRolesStore does: each top-level key is a role; a role with an invalid
 * name or descriptor is skipped (with the reason in `skipped`), the others are kept. Throws when the text is
 * not YAML or not a map.
 */
export function parseRolesFile(text: string): { roles: Map<string, RoleDescriptor>; skipped: { role: string; reason: string }[] } {
  const doc = text.trim() === '' ? {} : parseYaml(text);
  if (doc === null || doc === undefined) return { roles: new Map(), skipped: [] };
  if (typeof doc !== 'object' || Array.isArray(doc)) throw new Error('expected a map of role names to role definitions');
  const roles = new Map<string, RoleDescriptor>();
  const skipped: { role: string; reason: string }[] = [];
  for (const [name, body] of Object.entries(doc as Record<string, unknown>)) {
    const nameError = validateName('Role', name, MAX_ROLE_NAME_LENGTH) ?? (isReservedRole(name) ? `Role [${name}] is reserved and may not be used.` : null);
    if (nameError) {
      skipped.push({ role: name, reason: `invalid role name - ${nameError}` });
      continue;
    }
    try {
      roles.set(name, parseRoleDescriptor(name, body ?? {}));
    } catch (e) {
      const cause = (e as { fields?: { caused_by?: { reason?: string } } }).fields?.caused_by?.reason;
      skipped.push({ role: name, reason: cause ? `${(e as Error).message}: ${cause}` : (e as Error).message });
    }
  }
  return { roles, skipped };
}

/**
 * The roles of `roles.yml` in the config dir, watched: a change reloads the file; a file that cannot be read
 * or parsed keeps the last good roles and logs why; a missing file means no file roles.
 */
export class FileRolesStore implements FileRolesSource {
  readonly #path: string;
  readonly #log: Logger;
  readonly #listeners = new Set<() => void>();
  #roles = new Map<string, RoleDescriptor>();
  #watching = false;

  constructor(path: string, log: Logger) {
    this.#path = path;
    this.#log = log;
    this.reload();
  }

  get(name: string): RoleDescriptor | undefined {
    return this.#roles.get(name);
  }

  names(): readonly string[] {
    return [...this.#roles.keys()];
  }

  onChange(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Reads the file again; returns whether the roles were replaced. */
  reload(): boolean {
    let text: string;
    try {
      text = readFileSync(this.#path, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return this.#replace(new Map());
      this.#log.error({ file: this.#path, err: (e as Error).message }, 'failed to read roles file; keeping the roles loaded before');
      return false;
    }
    let parsed: ReturnType<typeof parseRolesFile>;
    try {
      parsed = parseRolesFile(text);
    } catch (e) {
      this.#log.error({ file: this.#path, err: (e as Error).message }, 'failed to parse roles file; keeping the roles loaded before');
      return false;
    }
    for (const s of parsed.skipped) {
      this.#log.error({ file: this.#path, role: s.role, reason: s.reason }, `invalid role definition [${s.role}] in roles file [${this.#path}]. skipping role...`);
    }
    return this.#replace(parsed.roles);
  }

  /** Polls the file for changes (ES's resource watcher); `intervalMs` as `resource.reload.interval.high`. */
  start(intervalMs = 1000): void {
    if (this.#watching) return;
    this.#watching = true;
    watchFile(this.#path, { interval: intervalMs, persistent: false }, (curr: Stats, prev: Stats) => {
      if (curr.mtimeMs === prev.mtimeMs && curr.size === prev.size && curr.ino === prev.ino) return;
      if (this.reload()) this.#log.info({ file: this.#path, roles: this.#roles.size }, 'reloaded roles file');
    });
  }

  stop(): void {
    if (this.#watching) unwatchFile(this.#path);
    this.#watching = false;
  }

  #replace(next: Map<string, RoleDescriptor>): boolean {
    const changed = JSON.stringify([...next]) !== JSON.stringify([...this.#roles]);
    this.#roles = next;
    if (changed) for (const l of this.#listeners) l();
    return changed;
  }
}
