#!/usr/bin/env node
// Launcher for the compiled entry points: `node scripts/run.js cli ask "…"`.
// Rebuilds dist/ first when any TypeScript source is newer than the last
// build, so `npm run cli` and `npm run eval` never run stale code; when
// nothing changed this costs a few stat calls, not a second Node start.
const path = require('node:path');
const { ensureBuilt } = require('./build');

const ENTRIES = {
  cli: 'dist/src/cli.js',
  eval: 'dist/scripts/eval.js',
  tune: 'dist/scripts/tune.js',
  main: 'dist/src/main.js',
  bench: 'dist/scripts/bench.js',
  'load-check': 'dist/scripts/load-check.js',
  relevance: 'dist/scripts/relevance.js',
  squad: 'dist/scripts/squad.js',
  latency: 'dist/scripts/latency.js',
  'news-fixture': 'dist/scripts/news-server.js',
  reuters: 'dist/scripts/reuters.js',
  register: 'dist/adapters/discord/register.js',
};
const root = path.resolve(__dirname, '..');

const name = process.argv[2];
const entry = ENTRIES[name];
if (!entry) {
  process.stderr.write(`usage: node scripts/run.js <${Object.keys(ENTRIES).join('|')}> [args…]\n`);
  process.exit(2);
}
ensureBuilt();
process.argv.splice(2, 1);
require(path.join(root, entry)).main();
