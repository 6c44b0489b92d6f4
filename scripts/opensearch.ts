// A local OpenSearch for development and benchmarks:
//   node scripts/opensearch.ts fetch                  download + unpack into .cache/opensearch/ (once)
//   node scripts/opensearch.ts start [--port 9200] [--heap 512m]
//                                                     start on 127.0.0.1 (0 = any free port), wait for yellow
//   node scripts/opensearch.ts status                 print the running node's URL, or exit 1
//   node scripts/opensearch.ts stop                   stop it and remove its data
// The running node is recorded in .cache/opensearch/state.json. Tests use test/support/opensearch.ts.

import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { STATE_FILE, ensureInstalled, isAlive, killGroup, start } from '../test/support/opensearch.ts';

type State = { pid: number; url: string; dir: string };

const { positionals, values } = parseArgs({ allowPositionals: true, options: {
  port: { type: 'string', default: '9200' },
  heap: { type: 'string', default: '512m' },
} });
const command = positionals[0];

function readState(): State | undefined {
  try {
    const state = JSON.parse(fs.readFileSync(STATE_FILE, 'utf8')) as State;
    return isAlive(state.pid) ? state : undefined;
  } catch {
    return undefined;
  }
}

switch (command) {
  case 'fetch': {
    console.log(ensureInstalled());
    break;
  }
  case 'start': {
    const running = readState();
    if (running) {
      console.log(`already running: ${running.url} (pid ${running.pid})`);
      break;
    }
    const began = Date.now();
    const node = await start({ port: Number(values.port), heap: values.heap, keepAlive: true });
    fs.writeFileSync(STATE_FILE, JSON.stringify({ pid: node.pid, url: node.url, dir: node.dir } satisfies State));
    console.log(`OpenSearch ready at ${node.url} (pid ${node.pid}, ${((Date.now() - began) / 1000).toFixed(1)} s)`);
    console.log(`export PORTCULLIS_TEST_UPSTREAM=${node.url} PORTCULLIS_TEST_UPSTREAM_FLAVOR=opensearch`);
    break;
  }
  case 'status': {
    const running = readState();
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
    const running = readState();
    if (running) {
      await killGroup(running.pid);
      fs.rmSync(running.dir, { recursive: true, force: true });
      console.log(`stopped pid ${running.pid}`);
    } else {
      console.log('not running');
    }
    fs.rmSync(STATE_FILE, { force: true });
    break;
  }
  default:
    console.error('usage: node scripts/opensearch.ts fetch | start [--port N] [--heap 512m] | status | stop');
    process.exitCode = 2;
}
