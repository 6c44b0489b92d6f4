// A local Elasticsearch (security off) for development and tests, the twin of scripts/opensearch.ts:
//   node scripts/elasticsearch.ts fetch                  download (Maven) + unpack into .cache/elasticsearch/ (once)
//   node scripts/elasticsearch.ts start [--port 9200] [--heap 512m]
//                                                        start on 127.0.0.1 (0 = any free port), wait for yellow
//   node scripts/elasticsearch.ts status                 print the running node's URL, or exit 1
//   node scripts/elasticsearch.ts stop                   stop it and remove its data
// Version: PORTCULLIS_TEST_ES_VERSION (default 9.1.5); Java: ES_JAVA_HOME, else the newest >= 21 in /usr/lib/jvm.
// The running node is recorded in .cache/elasticsearch/state.json. Tests use test/support/elasticsearch.ts.

import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { STATE_FILE, ensureInstalled, findJava, isAlive, killGroup, start } from '../test/support/elasticsearch.ts';

type State = { pid: number; url: string; dir: string };

const { positionals, values } = parseArgs({ allowPositionals: true, options: {
  port: { type: 'string', default: '9200' },
  heap: { type: 'string', default: '512m' },
} });

function readState(): State | undefined {
  try {
    const state = JSON.parse(fs.readFileSync(STATE_FILE, 'utf8')) as State;
    return isAlive(state.pid) ? state : undefined;
  } catch {
    return undefined;
  }
}

switch (positionals[0]) {
  case 'fetch': {
    console.log(ensureInstalled());
    console.log(`java: ${findJava()}`);
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
    console.log(`Elasticsearch ${node.version} ready at ${node.url} (pid ${node.pid}, ${((Date.now() - began) / 1000).toFixed(1)} s)`);
    console.log(`export PORTCULLIS_TEST_UPSTREAM=${node.url} PORTCULLIS_TEST_UPSTREAM_FLAVOR=elasticsearch`);
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
    console.error('usage: node scripts/elasticsearch.ts fetch | start [--port N] [--heap 512m] | status | stop');
    process.exitCode = 2;
}
