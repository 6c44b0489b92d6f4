// Fixtures for the audit unit tests: authentications of each kind, a request, a logger that keeps lines.
import { Writable } from 'node:stream';
import pino, { type Logger } from 'pino';
import { makeUser } from '../core/user.ts';
import type { Authentication } from '../core/authentication.ts';
import type { AuditRequest } from './request-fields.ts';
import type { AuditConfig } from './settings.ts';

export const request = (over: Partial<AuditRequest> = {}): AuditRequest => ({
  id: 'nHV3UMOoSiu-TaSPWCfxGg',
  method: 'POST',
  uri: '/twitter/_search?pretty',
  remoteAddress: '::1',
  remotePort: 51014,
  headers: {},
  ...over,
});

export const realmAuth = (username = 'elastic', roles = ['superuser'], realm = { name: 'reserved', type: 'reserved' }): Authentication => ({
  user: makeUser(username, { roles }),
  authenticatedBy: realm,
  lookedUpBy: realm,
  type: 'realm',
});

export const apiKeyAuth = (): Authentication => ({
  user: makeUser('elastic', { roles: [] }),
  authenticatedBy: { name: '_es_api_key', type: '_es_api_key' },
  lookedUpBy: { name: '_es_api_key', type: '_es_api_key' },
  type: 'api_key',
  apiKey: { id: 'VuaCfGcBCdbkQm-e5aOx', name: 'my-key', roleDescriptors: {}, limitedBy: {} },
  apiKeyOwner: { username: 'elastic', realm: 'reserved', realmType: 'reserved' },
});

export const runAsAuth = (): Authentication => ({
  user: makeUser('jacknich', { roles: ['reader'] }),
  authenticatedBy: { name: 'default_native', type: 'native' },
  lookedUpBy: { name: 'default_file', type: 'file' },
  type: 'realm',
  authenticatingUser: makeUser('admin', { roles: ['superuser'] }),
});

export function captureLog(): { log: Logger; lines: () => Record<string, unknown>[] } {
  const out: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      out.push(String(chunk));
      cb();
    },
  });
  return { log: pino({ level: 'debug' }, stream), lines: () => out.join('').split('\n').filter(Boolean).map((l) => JSON.parse(l)) };
}

export const baseConfig = (over: Partial<AuditConfig> = {}): AuditConfig => ({
  enabled: true,
  outputs: ['logfile'],
  include: ['_all'],
  exclude: [],
  emitRequestBody: false,
  emit: { nodeName: false, nodeId: true, hostAddress: false, hostName: false, clusterName: false, clusterUuid: true },
  ignoreFilters: {},
  overflow: 'reject',
  logfile: { dir: '/nonexistent', name: 'test', maxSizeBytes: 0, daily: true, maxFiles: 5, maxQueue: 100 },
  index: { bulkSize: 100, flushIntervalMs: 50, maxQueue: 100 },
  ...over,
});
