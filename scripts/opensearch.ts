// A local OpenSearch for development and benchmarks:
//   node scripts/opensearch.ts fetch                  download + unpack into .cache/opensearch/ (once)
//   node scripts/opensearch.ts start [--port 9200] [--heap 512m]
//                                                     start on 127.0.0.1 (0 = any free port), wait for yellow
//   node scripts/opensearch.ts status                 print the running node's URL, or exit 1
//   node scripts/opensearch.ts stop                   stop it and remove its data
// The running node is recorded in .cache/opensearch/state.json. Tests use test/support/opensearch.ts.

import { STATE_FILE, ensureInstalled, isAlive, killGroup, start } from '../test/support/opensearch.ts';
import { runNodeCommand } from './upstream-node-cli.ts';

await runNodeCommand({
  script: 'scripts/opensearch.ts',
  label: 'OpenSearch',
  flavor: 'opensearch',
  stateFile: STATE_FILE,
  ensureInstalled: () => ensureInstalled(),
  start,
  isAlive,
  killGroup,
}, process.argv.slice(2));
