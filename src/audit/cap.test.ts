import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AUDIT_LIMITS, TRUNCATED, capEvent, capValue } from './cap.ts';
import { logfileLine, indexDocument } from './format.ts';
import { EVENT_FIELDS, type AuditEvent } from './fields.ts';

const bytes = (v: unknown) => Buffer.byteLength(typeof v === 'string' ? v : JSON.stringify(v));
const base = { '@timestamp': '2026-01-01T00:00:00.000Z', 'event.type': 'rest', 'event.action': 'access_granted', 'user.name': 'joe' };

test('a small event is written as it is (the same object)', () => {
  const e: AuditEvent = Object.freeze({ ...base, indices: ['a', 'b'] });
  assert.equal(capEvent(e), e);
});

test('1 MiB of metadata in a security change: the line stays within the event limit, with a marker', () => {
  const e: AuditEvent = { ...base, 'event.type': 'security_config_change', 'event.action': 'put_role', put: { role: { name: 'r', role_descriptor: { metadata: { blob: 'x'.repeat(1 << 20), other: 1 } } } } };
  const capped = capEvent(e);
  const line = logfileLine(capped);
  assert.ok(bytes(line) <= AUDIT_LIMITS.event, `line of ${bytes(line)} bytes`);
  assert.ok(bytes(capped.put) <= AUDIT_LIMITS.object);
  assert.ok(line.includes(TRUNCATED));
  assert.equal((capped.put as any).role.name, 'r', 'what fits is kept');
  assert.ok(bytes(JSON.stringify(indexDocument(capped))) <= AUDIT_LIMITS.event);
});

test('request.body, names and lists are each capped with a marker', () => {
  const e: AuditEvent = { ...base, 'request.body': 'b'.repeat(1 << 20), 'user.name': 'u'.repeat(100_000), indices: Array.from({ length: 10_000 }, (_, i) => `index-${i}`) };
  const c = capEvent(e);
  assert.ok(bytes(c['request.body']) <= AUDIT_LIMITS.body && (c['request.body'] as string).endsWith(TRUNCATED));
  assert.ok(bytes(c['user.name']) <= AUDIT_LIMITS.field && (c['user.name'] as string).startsWith('uuu'));
  const indices = c.indices as string[];
  assert.ok(bytes(indices) <= AUDIT_LIMITS.field);
  assert.equal(indices[0], 'index-0');
  assert.match(indices.at(-1)!, new RegExp(`^\\.\\.\\.\\[truncated\\] \\d+ more$`));
  assert.equal(Number(indices.at(-1)!.split(' ')[1]) + indices.length - 1, 10_000, 'the marker counts what was left out');
});

test('sizes count JSON escapes and UTF-8; a cut never splits a surrogate pair', () => {
  const control = capValue('\u0000'.repeat(50_000), 1024) as string;
  assert.ok(bytes(JSON.stringify(control)) <= 1024);
  const emoji = capValue('😀'.repeat(50_000), 1024) as string;
  assert.ok(bytes(JSON.stringify(emoji)) <= 1024);
  assert.ok(!/[\ud800-\udbff](?![\udc00-\udfff])/.test(emoji), 'no lone high surrogate');
});

test('an event with every field at its limit falls back to the smaller per-field limit', () => {
  const e: Record<string, unknown> = { ...base };
  for (const f of EVENT_FIELDS) e[f] = 'z'.repeat(10_000);
  const line = logfileLine(capEvent(e as AuditEvent));
  assert.ok(bytes(line) <= AUDIT_LIMITS.event, `line of ${bytes(line)} bytes`);
});
