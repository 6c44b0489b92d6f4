import { randomBytes } from 'node:crypto';
import { open, readdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Writes `data` so that `path` is, at every instant, either absent/old or complete/new: the bytes go to
 * a temp file in the same directory (created exclusively, with `mode` from the first byte), are fsynced,
 * then renamed over `path`; the directory is fsynced so the rename itself survives a crash.
 */
export async function writeFileAtomic(path: string, data: string, mode: number): Promise<void> {
  const dir = dirname(path);
  const temp = join(dir, `.${basename(path)}.${randomBytes(8).toString('hex')}.tmp`);
  const handle = await open(temp, 'wx', mode);
  try {
    await handle.writeFile(data);
    await handle.chmod(mode); // the umask may have cleared bits we asked for; never adds any
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(temp, { force: true });
    throw error;
  }
  await handle.close();
  try {
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await syncDirectory(dir);
}

/** Removes the temp files a crash left behind while writing any of `names` in `dir` (they may hold keys). */
export async function removeStaleTempFiles(dir: string, names: string[]): Promise<void> {
  const stale = (entry: string) =>
    names.some((name) => entry.startsWith(`.${name}.`) && /^[0-9a-f]{16}\.tmp$/.test(entry.slice(name.length + 2)));
  for (const entry of await readdir(dir)) {
    if (stale(entry)) await rm(join(dir, entry), { force: true });
  }
}

async function syncDirectory(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch {
    // directories cannot be opened or fsynced on some platforms (Windows); the rename is still atomic
  } finally {
    await handle?.close();
  }
}
