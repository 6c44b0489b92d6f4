import { makeUser, type User } from '../../../core/user.ts';

interface ReservedUserDef {
  readonly roles: readonly string[];
  readonly deprecatedReason?: string;
}

/** Elasticsearch's built-in users and the roles they hold. */
export const RESERVED_USERS: Readonly<Record<string, ReservedUserDef>> = {
  elastic: { roles: ['superuser'] },
  kibana: { roles: ['kibana_system'], deprecatedReason: 'Please use the [kibana_system] user instead.' },
  kibana_system: { roles: ['kibana_system'] },
  logstash_system: { roles: ['logstash_system'] },
  beats_system: { roles: ['beats_system'] },
  apm_system: { roles: ['apm_system'] },
  remote_monitoring_user: { roles: ['remote_monitoring_collector', 'remote_monitoring_agent'] },
};

export const RESERVED_REALM = { name: 'reserved', type: 'reserved' } as const;

export function isReservedUsername(username: string): boolean {
  return Object.hasOwn(RESERVED_USERS, username);
}

export function reservedUser(username: string, enabled: boolean): User {
  const def = RESERVED_USERS[username];
  const metadata: Record<string, unknown> = { _reserved: true };
  if (def.deprecatedReason) {
    metadata._deprecated = true;
    metadata._deprecated_reason = def.deprecatedReason;
  }
  return makeUser(username, { roles: def.roles, metadata, enabled });
}
