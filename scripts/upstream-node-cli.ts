// The command behind scripts/opensearch.ts and scripts/elasticsearch.ts: fetch | start | status | stop of one
// local test node, recorded in its engine's state file. Each script names its engine and what it prints.
import fs from 'node:fs';
import { parseArgs } from 'node:util';

type State = { pid: number; url: string; dir: string };

export interface Engine {
  /** The script's name in its usage line, e.g. `scripts/opensearch.ts`. */
  readonly script: string;
  /** The flavour the tests know it by (PORTCULLIS_TEST_UPSTREAM_FLAVOR). */
  readonly flavor: 'opensearch' | 'elasticsearch';
  readonly stateFile: string;
  ensureInstalled(): string;
  /** Lines `fetch` prints after the install path (e.g. the Java it will run on). */
  fetchDetails?(): string[];
  start(o: { port: number; heap: string; keepAlive: boolean }): Promise<{ pid: number; url: string; dir: string; version?: string }>;
  isAlive(pid: number): boolean;
  killGroup(pid: number): Promise<void>;
  /** The engine's name in messages, e.g. `OpenSearch`. */
  readonly label: string;
}

function readState(engine: Engine): State | undefined {
  try {
    const state = JSON.parse(fs.readFileSync(engine.stateFile, 'utf8')) as State;
    return engine.isAlive(state.pid) ? state : undefined;
  } catch {
    return undefined;
  }
}

export async function runNodeCommand(engine: Engine, argv: string[]): Promise<void> {
  const { positionals, values } = parseArgs({ args: argv, allowPositionals: true, options: {
    port: { type: 'string', default: '9200' },
    heap: { type: 'string', default: '512m' },
  } });
  switch (positionals[0]) {
    case 'fetch': {
      console.log(engine.ensureInstalled());
      for (const line of engine.fetchDetails?.() ?? []) console.log(line);
      break;
    }
    case 'start': {
      const running = readState(engine);
      if (running) {
        console.log(`already running: ${running.url} (pid ${running.pid})`);
        break;
      }
      const began = Date.now();
      const node = await engine.start({ port: Number(values.port), heap: values.heap, keepAlive: true });
      fs.writeFileSync(engine.stateFile, JSON.stringify({ pid: node.pid, url: node.url, dir: node.dir } satisfies State));
      const name = node.version ? `${engine.label} ${node.version}` : engine.label;
      console.log(`${name} ready at ${node.url} (pid ${node.pid}, ${((Date.now() - began) / 1000).toFixed(1)} s)`);
      console.log(`export PORTCULLIS_TEST_UPSTREAM=${node.url} PORTCULLIS_TEST_UPSTREAM_FLAVOR=${engine.flavor}`);
      break;
    }
    case 'status': {
      const running = readState(engine);
      if (!running) {
        console.log('not running');
        process.exitCode = 1;
        break;
      }
      const health = await fetch(`${running.url}/_cluster/health`).then((r) => r.json() as Promise<{ status: string }>, () => undefined);
      console.log(`${running.url} (pid ${running.pid}) ${health ? `health ${health.status}` : 'not answering'}`);
      break;
    }
    case 'stop': {
      const running = readState(engine);
      if (running) {
        await engine.killGroup(running.pid);
        fs.rmSync(running.dir, { recursive: true, force: true });
        console.log(`stopped pid ${running.pid}`);
      } else {
        console.log('not running');
      }
      fs.rmSync(engine.stateFile, { force: true });
      break;
    }
    default:
      console.error(`usage: node ${engine.script} fetch | start [--port N] [--heap 512m] | status | stop`);
      process.exitCode = 2;
  }
}
