import assert from 'node:assert/strict';
import { test } from 'node:test';

test('the test upstream (PORTCULLIS_TEST_UPSTREAM) answers GET / with a version number', async () => {
  const url = process.env.PORTCULLIS_TEST_UPSTREAM;
  assert.ok(url, 'PORTCULLIS_TEST_UPSTREAM is set (run the tests with `npm test`)');
  const res = await fetch(url);
  assert.equal(res.status, 200);
  const body = (await res.json()) as { version?: { number?: string } };
  assert.match(body.version?.number ?? '', /^\d+\.\d+\.\d+/);
});
