#!/usr/bin/env node
// The `portcullis` command. It finds its own files through its real path (npm links it from a bin directory):
// an installed package (npm install -g, npx, a dependency) runs the built JavaScript in dist/; a checkout (src/
// present) runs the TypeScript sources, with the project's Node 24 (node_modules/.bin/node) if this Node cannot.
import { existsSync, realpathSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const MIN_NODE = 24;
const root = dirname(dirname(realpathSync(fileURLToPath(import.meta.url))));
const sources = join(root, 'src', 'main.ts');
const built = join(root, 'dist', 'main.js');
const modern = Number(process.versions.node.split('.')[0]) >= MIN_NODE;

function fail(message) {
  process.stderr.write(`portcullis: ${message}\n`);
  process.exit(1);
}

/** Runs `main` in a child Node, passing signals on and exiting as it exits. */
function runWith(node, main) {
  const child = spawn(node, ['--disable-warning=ExperimentalWarning', main, ...process.argv.slice(2)], { stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => {
    if (signal) process.kill(process.pid, signal);
    else process.exit(code ?? 1);
  });
}

if (existsSync(sources)) {
  const projectNode = join(root, 'node_modules', '.bin', 'node');
  if (modern && process.features.typescript) await import(pathToFileURL(sources).href);
  else if (existsSync(projectNode)) runWith(projectNode, sources);
  else fail(`Node.js >= ${MIN_NODE} is required to run the sources (this is ${process.version}); run \`npm ci\` to install it`);
} else if (existsSync(built)) {
  if (!modern) fail(`Node.js >= ${MIN_NODE} is required (this is ${process.version})`);
  await import(pathToFileURL(built).href);
} else {
  fail(`neither ${sources} nor ${built} exists: run \`npm run build\``);
}
