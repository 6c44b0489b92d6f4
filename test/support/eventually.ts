import assert from 'node:assert/strict';

/**
 * Polls `check` every 100 ms until it gives a value other than `undefined`/`false`, for at most `seconds`;
 * for effects that take a moment (file reloads, audit flushes). Fails naming `what`.
 */
export async function eventually<T>(check: () => T | Promise<T>, what: string, seconds = 6): Promise<Exclude<T, false | undefined>> {
  for (let i = 0; i < seconds * 10; i++) {
    const v = await check();
    if (v !== undefined && v !== false) return v as Exclude<T, false | undefined>;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.fail(`not within ${seconds} s: ${what}`);
}
