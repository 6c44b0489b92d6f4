import { AUDIT_EVENT_NAMES, DEFAULT_AUDIT_EVENTS } from '../config/schema.ts';

/** The audit event kinds (`xpack.security.audit.logfile.events.include` / `exclude` values), as ES names them. */
export const AUDIT_LEVELS = AUDIT_EVENT_NAMES;
export type AuditLevel = (typeof AUDIT_LEVELS)[number];

export const DEFAULT_INCLUDE: readonly AuditLevel[] = DEFAULT_AUDIT_EVENTS;

/** Parses a list of event names (`_all` means every one); throws ES's message for an unknown name. */
export function parseLevels(names: readonly string[]): Set<AuditLevel> {
  const out = new Set<AuditLevel>();
  for (const raw of names) {
    const name = raw.trim().toLowerCase();
    if (name === '_all') for (const l of AUDIT_LEVELS) out.add(l);
    else if ((AUDIT_LEVELS as readonly string[]).includes(name)) out.add(name as AuditLevel);
    else throw new Error(`invalid event name specified [${raw}]`);
  }
  return out;
}

/** The events written: the included ones minus the excluded ones. */
export function enabledLevels(include: readonly string[], exclude: readonly string[]): ReadonlySet<AuditLevel> {
  const on = parseLevels(include);
  for (const l of parseLevels(exclude)) on.delete(l);
  return on;
}
