#!/usr/bin/env node
// Compile src/, adapters/ and scripts/ into dist/ from nothing, so that an
// output whose source was moved or removed (a module that became a folder)
// cannot linger and be loaded instead of the new one. The new tree is built
// beside the old one and swapped in, under a lock: several processes that
// find the build stale at once (parallel tests) build it once, and nobody
// reads a half-written dist/.
//
//   node scripts/build.js            build now
//   require('./build').ensureBuilt() build only if a source is newer than dist/
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const root = path.resolve(__dirname, '..');
const dist = path.join(root, 'dist');
const stamp = path.join(dist, '.tsbuildinfo');
const lock = path.join(root, '.dist.lock');

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

function stale() {
  const built = fs.existsSync(stamp) ? fs.statSync(stamp).mtimeMs : 0;
  if (!built) return true;
  const sources = Math.max(...['src', 'adapters', 'scripts'].map((d) => newest(path.join(root, d))), fs.statSync(path.join(root, 'tsconfig.json')).mtimeMs);
  return sources > built;
}

const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/** Is the process that wrote this lock gone (it was interrupted), or the lock older than 5 minutes? */
function abandoned() {
  try {
    const pid = Number(fs.readFileSync(lock, 'utf8'));
    if (Date.now() - fs.statSync(lock).mtimeMs > 300_000) return true;
    if (!pid) return false; // being written
    process.kill(pid, 0);
    return false;
  } catch (e) {
    return e.code === 'ESRCH';
  }
}

/** Hold the build lock while `fn` runs; a lock whose process is gone (an interrupted build) is taken over. */
function withLock(fn) {
  for (;;) {
    try {
      const fd = fs.openSync(lock, 'wx');
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      break;
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
      if (abandoned()) fs.rmSync(lock, { force: true });
      else sleep(100);
    }
  }
  try {
    return fn();
  } finally {
    fs.rmSync(lock, { force: true });
  }
}

function buildNow() {
  const next = `${dist}.next-${process.pid}`;
  const old = `${dist}.old-${process.pid}`;
  fs.rmSync(next, { recursive: true, force: true });
  try {
    execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.build.json'), '--outDir', next, '--tsBuildInfoFile', path.join(next, '.tsbuildinfo')], {
      stdio: ['ignore', 2, 2],
    });
  } catch (e) {
    // A failed compile leaves nothing behind (dist/ stays as it was).
    fs.rmSync(next, { recursive: true, force: true });
    throw e;
  }
  const now = new Date();
  fs.utimesSync(path.join(next, '.tsbuildinfo'), now, now);
  if (fs.existsSync(dist)) fs.renameSync(dist, old);
  fs.renameSync(next, dist);
  fs.rmSync(old, { recursive: true, force: true });
}

/** Build when a source is newer than the last build (checked again once the lock is held). */
function ensureBuilt() {
  if (!stale()) return false;
  return withLock(() => {
    if (!stale()) return false;
    process.stderr.write('building (sources changed)…\n');
    buildNow();
    return true;
  });
}

module.exports = { ensureBuilt };

if (require.main === module) withLock(buildNow);
