import { createPrivateKey } from 'node:crypto';
import { chmod, lstat, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { EsError } from '../../core/errors.ts';
import { removeStaleTempFiles, writeFileAtomic } from '../../lib/atomic-write.ts';
import { firstCertificate, sha256Fingerprint } from './fingerprint.ts';
import { generateCa } from './generate-ca.ts';
import { generateHttpCertificate } from './generate-http-certificate.ts';
import { type PemPair, joinPem } from './pem-pair.ts';
import { defaultHttpSans } from './sans.ts';

export interface TlsMaterial {
  caCertPath: string;
  certPath: string;
  keyPath: string;
  /** true when this call generated anything (first start, or finishing one that crashed). */
  created: boolean;
  /** SHA-256 of the CA certificate, lower-case hex: what to print for clients (see sha256Fingerprint). */
  caFingerprint: string;
}

/** File names as Elasticsearch's auto-configuration uses them (`config/certs/http_ca.crt`). */
export const TLS_FILES = { caCert: 'http_ca.crt', caKey: 'http_ca.key', cert: 'http.crt', key: 'http.key' } as const;
type Paths = Record<keyof typeof TLS_FILES, string>;

const KEY_MODE = 0o600;
const CERT_MODE = 0o644;
const DIR_MODE = 0o700;

/**
 * First start: creates `<dir>/certs` (0700) with a CA and an HTTP certificate signed by it, for the
 * names in `defaultHttpSans()`. `http.crt` holds the leaf followed by the CA, so the server sends the
 * whole chain (clients pinning `caFingerprint` need the CA on the wire). Keys are 0600.
 *
 * Every file is written atomically, in the order CA key, CA cert, key, cert; `http.crt` last is the
 * "complete" mark. Later starts: if `http.crt` exists, the files are checked (key matches, leaf issued by
 * the CA) and reused, created=false. A start after a crash keeps a complete CA and only re-issues the leaf,
 * so a CA fingerprint already handed out stays valid. Not safe for two processes starting at once.
 */
export async function ensureTlsMaterial(dir: string): Promise<TlsMaterial> {
  const certsDir = join(dir, 'certs');
  await ensureDirectory(certsDir);
  await removeStaleTempFiles(certsDir, Object.values(TLS_FILES));
  const paths = Object.fromEntries(Object.entries(TLS_FILES).map(([k, name]) => [k, join(certsDir, name)])) as Paths;
  const caCertPath = paths.caCert;
  if (await isFile(paths.cert)) {
    return { caCertPath, certPath: paths.cert, keyPath: paths.key, created: false, caFingerprint: await checkExisting(paths) };
  }
  const ca = await existingOrNewCa(paths);
  const leaf = await generateHttpCertificate(ca, defaultHttpSans());
  await writeFileAtomic(paths.key, leaf.keyPem, KEY_MODE);
  await writeFileAtomic(paths.cert, joinPem(leaf.certPem, ca.certPem), CERT_MODE);
  return { caCertPath, certPath: paths.cert, keyPath: paths.key, created: true, caFingerprint: sha256Fingerprint(ca.certPem) };
}

async function existingOrNewCa(paths: Paths): Promise<PemPair> {
  const [hasCert, hasKey] = [await isFile(paths.caCert), await isFile(paths.caKey)];
  if (hasCert && hasKey) return { certPem: await readFile(paths.caCert, 'utf8'), keyPem: await readFile(paths.caKey, 'utf8') };
  if (hasCert) throw tlsState(`[${paths.caCert}] exists without its key [${paths.caKey}] and [${paths.cert}] is missing`);
  // nothing yet, or a crash between writing the CA key and the CA cert: nothing was handed out, start over
  const ca = await generateCa();
  await writeFileAtomic(paths.caKey, ca.keyPem, KEY_MODE);
  await writeFileAtomic(paths.caCert, ca.certPem, CERT_MODE);
  return ca;
}

/** Returns the CA fingerprint once the existing files are known to fit together. */
async function checkExisting(paths: Paths): Promise<string> {
  for (const path of [paths.key, paths.caCert]) {
    if (!(await isFile(path))) throw tlsState(`[${paths.cert}] exists but [${path}] is missing`);
  }
  const caPem = await readFile(paths.caCert, 'utf8');
  const leaf = firstCertificate(await readFile(paths.cert, 'utf8'));
  const ca = firstCertificate(caPem);
  if (!leaf.checkPrivateKey(createPrivateKey(await readFile(paths.key, 'utf8')))) {
    throw tlsState(`[${paths.key}] is not the private key of [${paths.cert}]`);
  }
  if (!leaf.checkIssued(ca) || !leaf.verify(ca.publicKey)) throw tlsState(`[${paths.cert}] is not signed by [${paths.caCert}]`);
  return sha256Fingerprint(caPem);
}

async function ensureDirectory(certsDir: string): Promise<void> {
  await mkdir(join(certsDir, '..'), { recursive: true });
  try {
    await mkdir(certsDir, { mode: DIR_MODE });
    await chmod(certsDir, DIR_MODE); // mkdir's mode passes through the umask
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await lstat(path)).isFile();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

function tlsState(problem: string): EsError {
  const reason = `cannot use the auto-generated TLS material: ${problem}; fix or remove the certs directory`;
  return new EsError('illegal_state', reason);
}
