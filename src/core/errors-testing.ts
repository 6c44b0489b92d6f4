// For unit tests: the EsError a call throws, checked by type, reason and (when given) its causedBy's reason.
import assert from 'node:assert/strict';
import { EsError } from './errors.ts';

export function fails(fn: () => unknown, type: string, reason: string, cause?: string): void {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof EsError, String(e));
    assert.equal(e.type, type);
    assert.equal(e.message, reason);
    if (cause !== undefined) assert.equal(e.causedBy?.message, cause);
    return;
  }
  assert.fail('no error');
}
