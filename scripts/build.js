#!/usr/bin/env node
// Compile src/, adapters/ and scripts/ into dist/ from nothing: an output whose
// source was moved or removed (a module that became a folder) must not linger
// and be loaded instead of the new one.
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const root = path.resolve(__dirname, '..');
fs.rmSync(path.join(root, 'dist'), { recursive: true, force: true });
execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.build.json')], { stdio: ['ignore', 2, 2] });
