/** The bot's version, from package.json (found upward from this file, in src/ or dist/src/). */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export function version(): string {
  let dir = __dirname;
  while (!existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return (JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version: string }).version;
}
