import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRoleDescriptor } from './role-descriptor-parser.ts';
import { MAX_PATTERN_LENGTH, MAX_PATTERNS_PER_DESCRIPTOR } from './pattern-limits.ts';
import { EsError } from '../../core/errors.ts';

const refuses = (body: unknown, message: RegExp, forApiKey = false) =>
  assert.throws(
    () => parseRoleDescriptor('r', body, { forApiKey }),
    (e: unknown) => e instanceof EsError && e.status === 400 && /^Validation Failed: 1: /.test(e.message) && message.test(e.message),
  );

test('role and API key descriptors with regexes RE2 cannot run, or invalid ones, are 400s', () => {
  refuses({ indices: [{ names: ['/logs-~(secret)/'], privileges: ['read'] }] }, /invalid regular expression pattern \[\/logs-~\(secret\)\/\]: the complement operator/, true);
  refuses({ indices: [{ names: ['/(a&b)*/'], privileges: ['read'] }] }, /intersection operator/);
  refuses({ indices: [{ names: ['/x{5000}/'], privileges: ['read'] }] }, /repetition counts above 1000/);
  refuses({ indices: [{ names: ['/((a{100}){100})/'], privileges: ['read'] }] }, /too complex|invalid repeat count/);
  refuses({ run_as: ['/(ab/'] }, /expected '\)' at position 3/);
  refuses({ applications: [{ application: 'app', privileges: ['read'], resources: ['/<name>/'] }] }, /'name' not found/);
  refuses({ indices: [{ names: ['/unterminated'], privileges: ['read'] }] }, /must also end with '\/'/);
});

test('the ReDoS pattern of the finding is accepted (RE2 runs it in linear time)', () => {
  const d = parseRoleDescriptor('r', { indices: [{ names: ['/(a|aa)+b/'], privileges: ['read'] }] }, { forApiKey: true });
  assert.deepEqual(d.indices?.[0].names, ['/(a|aa)+b/']);
});

test('pattern length and count bounds', () => {
  const long = 'a'.repeat(MAX_PATTERN_LENGTH + 1);
  refuses({ indices: [{ names: [long], privileges: ['read'] }] }, new RegExp(`is ${MAX_PATTERN_LENGTH + 1} characters long, the maximum is ${MAX_PATTERN_LENGTH}`));
  refuses({ run_as: [long] }, /the maximum is 2048/);
  const many = Array.from({ length: MAX_PATTERNS_PER_DESCRIPTOR + 1 }, (_, i) => `idx-${i}`);
  refuses({ indices: [{ names: many, privileges: ['read'] }] }, /at most 4096 name patterns, found \[4097\]/);
  const ok = parseRoleDescriptor('r', { indices: [{ names: many.slice(2), privileges: ['read'] }], run_as: ['a'.repeat(MAX_PATTERN_LENGTH)] });
  assert.equal((ok.indices?.[0]?.names.length ?? 0) + (ok.run_as?.length ?? 0), MAX_PATTERNS_PER_DESCRIPTOR);
});
