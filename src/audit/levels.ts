/** The audit event kinds (`xpack.security.audit.logfile.events.include` / `exclude` values), as ES names them. */
export const AUDIT_LEVELS = [
  'anonymous_access_denied',
  'authentication_failed',
  'realm_authentication_failed',
  'access_granted',
  'access_denied',
  'tampered_request',
  'connection_granted',
  'connection_denied',
  'system_access_granted',
  'authentication_success',
  'run_as_granted',
  'run_as_denied',
  'security_config_change',
] as const;
export type AuditLevel = (typeof AUDIT_LEVELS)[number];

/** ES's default `events.include`: everything but the chatty `authentication_success`, `realm_authentication_failed` and system/connection-granted. */
export const DEFAULT_INCLUDE: readonly AuditLevel[] = [
  'access_denied',
  'access_granted',
  'anonymous_access_denied',
  'authentication_failed',
  'connection_denied',
  'tampered_request',
  'run_as_denied',
  'run_as_granted',
  'security_config_change',
];

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
