/**
 * Preloaded by the benchmark (`node --require dist/scripts/maxrss.js …`):
 * prints the process's peak resident memory to standard error at exit, as
 * `maxrss <kilobytes>`, so a child's memory is measured without a tool.
 */
import { writeSync } from 'node:fs';

process.on('exit', () => writeSync(2, `\nmaxrss ${process.resourceUsage().maxRSS}\n`));
