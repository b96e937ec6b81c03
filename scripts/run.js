#!/usr/bin/env node
// Launcher for the compiled entry points: `node scripts/run.js cli ask "…"`.
// Rebuilds dist/ first when any TypeScript source is newer than the last
// build, so `npm run cli` and `npm run eval` never run stale code; when
// nothing changed this costs a few stat calls, not a second Node start.
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const ENTRIES = {
  cli: 'dist/src/cli.js',
  eval: 'dist/scripts/eval.js',
  tune: 'dist/scripts/tune.js',
  main: 'dist/src/main.js',
  bench: 'dist/scripts/bench.js',
  register: 'dist/adapters/discord/register.js',
};
const root = path.resolve(__dirname, '..');
const stamp = path.join(root, 'dist', '.tsbuildinfo');

function newest(dir) {
  let t = 0;
  if (!fs.existsSync(dir)) return t;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) t = Math.max(t, newest(p));
    else if (e.name.endsWith('.ts')) t = Math.max(t, fs.statSync(p).mtimeMs);
  }
  return t;
}

const name = process.argv[2];
const entry = ENTRIES[name];
if (!entry) {
  process.stderr.write(`usage: node scripts/run.js <${Object.keys(ENTRIES).join('|')}> [args…]\n`);
  process.exit(2);
}
let built = 0;
try {
  built = fs.statSync(stamp).mtimeMs;
} catch {
  // Never built: build now.
}
const sources = Math.max(...['src', 'adapters', 'scripts'].map((d) => newest(path.join(root, d))), fs.statSync(path.join(root, 'tsconfig.json')).mtimeMs);
if (sources > built) {
  process.stderr.write('building (sources changed)…\n');
  execFileSync(process.execPath, [path.join(__dirname, 'build.js')], { stdio: ['ignore', 2, 2] });
  const now = new Date();
  fs.utimesSync(stamp, now, now);
}
process.argv.splice(2, 1);
require(path.join(root, entry)).main();
