import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import { storeContract } from '../contract.ts';
import { profileContract } from '../contract-profiles.ts';
import { userQueryContract } from '../contract-user-query.ts';
import { SqliteStore } from './sqlite-store.ts';

const dir = mkdtempSync(join(tmpdir(), 'portcullis-store-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
let current = '';
const open = async () => {
  current = join(dir, `store-${n++}.db`);
  return new SqliteStore(current);
};
const reopen = async () => new SqliteStore(current);
storeContract('sqlite', open, reopen);
storeContract('sqlite in memory', async () => new SqliteStore(':memory:'));
profileContract('sqlite', open, reopen);
userQueryContract('sqlite', open);
