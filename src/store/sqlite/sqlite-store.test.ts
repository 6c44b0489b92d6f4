import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import { storeContract } from '../contract.ts';
import { SqliteStore } from './sqlite-store.ts';

const dir = mkdtempSync(join(tmpdir(), 'portcullis-store-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
let current = '';
storeContract(
  'sqlite',
  async () => {
    current = join(dir, `store-${n++}.db`);
    return new SqliteStore(current);
  },
  async () => new SqliteStore(current),
);
storeContract('sqlite in memory', async () => new SqliteStore(':memory:'));
