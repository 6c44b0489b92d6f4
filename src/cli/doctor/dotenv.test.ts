import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDotenv } from './dotenv.ts';
import { readDoctorEnv } from './env.ts';
import { Secret } from '../../core/secret.ts';

test('.env: KEY=value, export, comments, quotes, escapes, CRLF, multi-line double quotes', () => {
  const text = [
    '# comment',
    'A=plain value   # trailing comment',
    'export B=exported',
    "C='single # not a comment \\n kept'",
    'D="double\\nline\\t\\"q\\""',
    'E=',
    '  F = spaced',
    'G="multi',
    'line"',
    'not a line',
    'H=a#b',
  ].join('\r\n');
  assert.deepEqual(parseDotenv(text), {
    A: 'plain value',
    B: 'exported',
    C: 'single # not a comment \\n kept',
    D: 'double\nline\t"q"',
    E: '',
    F: 'spaced',
    G: 'multi\nline',
    H: 'a#b',
  });
});

test('the environment wins over .env; secrets come back wrapped; the seed\'s alias names work', () => {
  const dir = mkdtempSync(join(tmpdir(), 'doctor-env-'));
  try {
    const file = join(dir, '.env');
    writeFileSync(file, 'ELASTICSEARCH_URL=https://from-file:9200\nELASTICSEARCH_API_KEY=file-key\nCA_CERT=/ca.pem\n');
    const env = readDoctorEnv({ ELASTICSEARCH_URL: 'https://from-env:9200', ELASTICSEARCH_PASSWORD: '' }, file);
    assert.equal(env.url!.value, 'https://from-env:9200');
    assert.equal(env.url!.source, 'environment');
    assert.ok(env.apiKey!.value instanceof Secret);
    assert.equal(env.apiKey!.source, '.env');
    assert.equal(env.caCert!.value, '/ca.pem');
    assert.equal(env.caCert!.name, 'CA_CERT');
    assert.equal(env.password, undefined, 'an empty variable is unset');
    assert.equal(env.dotenvPath, file);
    assert.equal(readDoctorEnv({}, join(dir, 'missing')).dotenvPath, null);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
