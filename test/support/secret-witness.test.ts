// The witness that every end-to-end gateway is checked with must catch a leak, and must not flag ids.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SecretWitness } from './secret-witness.ts';

test('secrets sent and received are found in the JSON log and the audit log; ids are not secrets', () => {
  const dir = mkdtempSync(join(tmpdir(), 'witness-'));
  try {
    const w = new SecretWitness();
    w.collectRequest({ auth: ['joe', 'joe-password-1'], headers: { Authorization: `ApiKey ${Buffer.from('keyid123:key-secret-99').toString('base64')}` }, body: { password: 'body-password-2' } });
    w.collectResponse({ id: 'VuaCfGcBCdbkQm-e5aOx', api_key: 'ui2lp2axTNmsyakw9tvNnw', token: { value: 'AAEAAWVsYXN0aWMv' } });
    w.assertAbsent('{"msg":"listening","user":"joe","id":"VuaCfGcBCdbkQm-e5aOx","principal":"keyid123"}', dir);
    for (const leaked of ['joe-password-1', 'key-secret-99', 'body-password-2', 'ui2lp2axTNmsyakw9tvNnw', 'AAEAAWVsYXN0aWMv']) {
      assert.throws(() => w.assertAbsent(`{"x":"${leaked}"}`, dir), /a secret .* reached the JSON log/);
    }
    mkdirSync(join(dir, 'logs'));
    writeFileSync(join(dir, 'logs', 'portcullis_audit.json'), '{"request.body":"joe-password-1"}\n');
    assert.throws(() => w.assertAbsent('', dir), /reached the audit log/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('an id the gateway published is not a secret even when it was sent alone as an API key', () => {
  const w = new SecretWitness();
  const id = 'MZxhQVeORIiQNRhniyE6'; // decodes, by chance, to bytes that contain a colon
  w.collectResponse({ id, api_key: 'the-real-secret-value' });
  w.collectRequest({ headers: { Authorization: `ApiKey ${id}` } });
  w.assertAbsent(`{"apikey.id":"${id}"}`, '/nonexistent');
  assert.throws(() => w.assertAbsent('the-real-secret-value', '/nonexistent'), /reached the JSON log/);
});
