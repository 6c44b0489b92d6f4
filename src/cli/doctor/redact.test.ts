import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Secret } from '../../core/secret.ts';
import { Redactor } from './redact.ts';

test('every form of a configured secret is redacted, the API key id is kept', () => {
  const id = 'VuaCfGcBCdbkQm-e5aOx';
  const key = 'ui2lp2axTNmsyakw9tvNnw';
  const encoded = Buffer.from(`${id}:${key}`).toString('base64');
  const r = new Redactor([new Secret(`ApiKey ${encoded}\n`), new Secret('hunter2-password')], [['joe', new Secret('hunter2-password')]]);
  const basic = Buffer.from('joe:hunter2-password').toString('base64');
  const out = r.redact(`${encoded} ${key} ${id}:${key} hunter2-password ${basic} key id [${id}]`);
  for (const s of [encoded, key, 'hunter2-password', basic]) assert.equal(out.includes(s), false, s);
  assert.ok(out.includes(`key id [${id}]`));
});
