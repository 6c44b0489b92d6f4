import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { USAGE, wantsHelp } from './usage.ts';

describe('usage texts', () => {
  it('every command has one that starts with its usage line and lists -h', () => {
    for (const [command, text] of Object.entries(USAGE)) {
      assert.ok(text.startsWith(`usage: portcullis ${command}`), command);
      assert.match(text, /-h, --help/, command);
    }
  });
  it('wantsHelp: -h or --help before --', () => {
    assert.equal(wantsHelp(['-u', 'elastic', '--help']), true);
    assert.equal(wantsHelp(['-h']), true);
    assert.equal(wantsHelp(['--', '--help']), false);
    assert.equal(wantsHelp(['-u', 'elastic']), false);
  });
});
