// A local Elasticsearch (security off) for development and tests, the twin of scripts/opensearch.ts:
//   node scripts/elasticsearch.ts fetch                  download (Maven) + unpack into .cache/elasticsearch/ (once)
//   node scripts/elasticsearch.ts start [--port 9200] [--heap 512m]
//                                                        start on 127.0.0.1 (0 = any free port), wait for yellow
//   node scripts/elasticsearch.ts status                 print the running node's URL, or exit 1
//   node scripts/elasticsearch.ts stop                   stop it and remove its data
// Version: PORTCULLIS_TEST_ES_VERSION (default 9.1.5); Java: ES_JAVA_HOME, else the newest >= 21 in /usr/lib/jvm.
// The running node is recorded in .cache/elasticsearch/state.json. Tests use test/support/elasticsearch.ts.

import { STATE_FILE, ensureInstalled, findJava, isAlive, killGroup, start } from '../test/support/elasticsearch.ts';
import { runNodeCommand } from './upstream-node-cli.ts';

await runNodeCommand({
  script: 'scripts/elasticsearch.ts',
  label: 'Elasticsearch',
  flavor: 'elasticsearch',
  stateFile: STATE_FILE,
  ensureInstalled: () => ensureInstalled(),
  fetchDetails: () => [`java: ${findJava()}`],
  start,
  isAlive,
  killGroup,
}, process.argv.slice(2));
