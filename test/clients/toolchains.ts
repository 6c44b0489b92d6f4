// Prepares one official client of one major for test/e2e/clients.test.ts and says how to run its probe program.
// Everything is installed once into ~/.cache/portcullis-clients/ (PORTCULLIS_CLIENTS_CACHE), outside the checkout so
// that a fresh clone on the same machine (CI) reuses it, and reused while its inputs are unchanged:
//   python/<version>/    a venv with `elasticsearch==<version>` from PyPI
//   go/                  GOMODCACHE, GOCACHE, and probe-<major>-<hash>: the built probe (hash of sources + go version)
//   java/<version>/      lib/: the client's jars from Maven Central (through mvn); classes-<hash>/: the compiled probe
// A missing tool fails with what to install, never a skip.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../support/gateway.ts';

export const CLIENTS_DIR = join(REPO_ROOT, 'test/clients');
export const CACHE = process.env.PORTCULLIS_CLIENTS_CACHE ?? join(homedir(), '.cache/portcullis-clients');
export const LANGUAGES = ['python', 'go', 'java', 'js'] as const;
export type Language = (typeof LANGUAGES)[number];
export type Major = 8 | 9;
/** How to run one probe: the command, its arguments and extra environment. */
export type Probe = { command: string; args: string[]; env: Record<string, string> };

const PYTHON_CLIENT = { 8: '8.19.3', 9: '9.5.1' } as const;
const JAVA_CLIENT = { 8: '8.19.25', 9: '9.5.6' } as const;
const GO_MODULE = { 8: { file: 'v8.mod', sum: 'v8.sum' }, 9: { file: 'go.mod', sum: 'go.sum' } } as const;
const DEPENDENCY_PLUGIN = 'org.apache.maven.plugins:maven-dependency-plugin:3.8.1';
const HINTS: Record<string, string> = {
  python3: 'the Python client tests need python3 with venv and pip (Debian: apt-get install python3 python3-venv)',
  go: 'the Go client tests need Go >= 1.25 (https://go.dev/dl/ into /usr/local/go, or set GO=/path/to/go)',
  mvn: 'the Java client tests need Maven (Debian: apt-get install maven)',
  javac: 'the Java client tests need a JDK >= 17 (Debian: apt-get install openjdk-17-jdk-headless)',
  java: 'the Java client tests need Java >= 17 (Debian: apt-get install openjdk-17-jdk-headless)',
};

type Run = { code: number | null; stdout: string; stderr: string };

/** Runs a command to its end; a command that cannot start is an error naming what to install. */
export function run(command: string, args: string[], opts: { cwd?: string; env?: Record<string, string>; input?: string } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: opts.cwd ?? REPO_ROOT, env: { ...process.env, ...opts.env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', (e: NodeJS.ErrnoException) => {
      const tool = command.split('/').pop()!;
      reject(new Error(e.code === 'ENOENT' ? `${command} not found: ${HINTS[tool] ?? 'install it'}` : `${command}: ${e.message}`));
    });
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    // A child that exits without reading its input (a probe that fails early) is judged by its code and output.
    child.stdin.on('error', () => {});
    child.stdin.end(opts.input ?? '');
  });
}

async function must(command: string, args: string[], opts: Parameters<typeof run>[2] = {}): Promise<string> {
  const r = await run(command, args, opts);
  if (r.code !== 0) throw new Error(`${command} ${args.join(' ')} failed (${r.code}):\n${r.stdout.slice(-2000)}\n${r.stderr.slice(-4000)}`);
  return r.stdout;
}

const hash = (...parts: string[]) => createHash('sha256').update(parts.join('\0')).digest('hex').slice(0, 16);
const source = (...path: string[]) => readFileSync(join(CLIENTS_DIR, ...path), 'utf8');

/** Builds into a fresh staging dir and renames it into place: a half-built cache entry is never reused. */
async function publish(target: string, build: (staging: string) => Promise<void>): Promise<void> {
  mkdirSync(join(target, '..'), { recursive: true });
  const staging = mkdtempSync(`${target}.staging-`);
  try {
    await build(staging);
    rmSync(target, { recursive: true, force: true });
    renameSync(staging, target);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

async function python(major: Major): Promise<Probe> {
  const venv = join(CACHE, 'python', PYTHON_CLIENT[major]);
  const bin = join(venv, 'bin', 'python');
  if (!existsSync(join(venv, '.ready'))) {
    // Made in place (a venv records its own path), so the marker written last says it is complete.
    rmSync(venv, { recursive: true, force: true });
    mkdirSync(join(venv, '..'), { recursive: true });
    const made = await run('python3', ['-m', 'venv', venv]);
    if (made.code !== 0) throw new Error(`python3 -m venv failed: ${HINTS.python3}\n${made.stderr}`);
    await must(bin, ['-m', 'pip', 'install', '--quiet', `elasticsearch==${PYTHON_CLIENT[major]}`]);
    writeFileSync(join(venv, '.ready'), PYTHON_CLIENT[major]);
  }
  return { command: bin, args: [join(CLIENTS_DIR, 'python', 'probe.py')], env: {} };
}

function goCommand(): string {
  if (process.env.GO) return process.env.GO;
  return existsSync('/usr/local/go/bin/go') ? '/usr/local/go/bin/go' : 'go';
}

async function go(major: Major): Promise<Probe> {
  const goBin = goCommand();
  // GOTOOLCHAIN stays as set (default auto): a Go >= 1.21 older than go.mod asks fetches the newer toolchain.
  const env = { GOMODCACHE: join(CACHE, 'go', 'mod'), GOCACHE: join(CACHE, 'go', 'build'), GOFLAGS: '-mod=readonly', CGO_ENABLED: '0' };
  const version = await must(goBin, ['version'], { env, cwd: CLIENTS_DIR });
  const mod = GO_MODULE[major];
  // The probe imports v9; for v8 the same source is built with its import paths and go.mod rewritten.
  const main = source('go', 'main.go').replaceAll('go-elasticsearch/v9', `go-elasticsearch/v${major}`);
  const binary = join(CACHE, 'go', `probe-${major}-${hash(main, source('go', mod.file), source('go', mod.sum), version)}`);
  if (!existsSync(binary)) {
    mkdirSync(join(CACHE, 'go'), { recursive: true });
    const staging = mkdtempSync(join(CACHE, 'go', `src-${major}-`));
    try {
      writeFileSync(join(staging, 'main.go'), main);
      writeFileSync(join(staging, 'go.mod'), source('go', mod.file));
      writeFileSync(join(staging, 'go.sum'), source('go', mod.sum));
      await must(goBin, ['build', '-trimpath', '-o', join(staging, 'probe'), '.'], { cwd: staging, env });
      renameSync(join(staging, 'probe'), binary);
    } finally {
      rmSync(staging, { recursive: true, force: true });
    }
  }
  return { command: binary, args: [], env: {} };
}

async function java(major: Major): Promise<Probe> {
  const home = join(CACHE, 'java', JAVA_CLIENT[major]);
  const lib = join(home, 'lib');
  if (!existsSync(join(lib, '.ready'))) {
    await publish(lib, async (staging) => {
      await must('mvn', ['-B', '-q', '-Dstyle.color=never', '-f', join(CLIENTS_DIR, 'java', 'pom.xml'), `-Dclient.version=${JAVA_CLIENT[major]}`,
        `${DEPENDENCY_PLUGIN}:copy-dependencies`, '-DincludeScope=runtime', `-DoutputDirectory=${staging}`]);
      writeFileSync(join(staging, '.ready'), JAVA_CLIENT[major]);
    });
  }
  const sources = ['Probe.java', `connect${major}/Connect.java`];
  const javacVersion = await run('javac', ['-version']).then((r) => r.stdout + r.stderr);
  const classes = join(home, `classes-${hash(...sources.map((s) => source('java', s)), javacVersion)}`);
  if (!existsSync(classes)) {
    await publish(classes, async (staging) => {
      await must('javac', ['-nowarn', '-d', staging, '-cp', join(lib, '*'), ...sources.map((s) => join(CLIENTS_DIR, 'java', s))]);
    });
  }
  return { command: 'java', args: ['-cp', `${classes}:${join(lib, '*')}`, 'Probe'], env: {} };
}

async function js(major: Major): Promise<Probe> {
  return { command: process.execPath, args: ['--disable-warning=ExperimentalWarning', join(CLIENTS_DIR, 'js', 'probe.ts')], env: { PROBE_MAJOR: String(major) } };
}

const PREPARE: Record<Language, (major: Major) => Promise<Probe>> = { python, go, java, js };
const queues = new Map<Language, Promise<unknown>>();

/** Prepares one client; preparations of one language run one after the other (one Maven, one Go build at a time). */
export function prepare(language: Language, major: Major): Promise<Probe> {
  const next = (queues.get(language) ?? Promise.resolve()).catch(() => {}).then(() => PREPARE[language](major));
  queues.set(language, next);
  return next;
}
