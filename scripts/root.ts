/** The project folder (holding package.json), from source (scripts/) or compiled (dist/scripts/) code alike. */
import { existsSync } from 'node:fs';
import path from 'node:path';

export function projectRoot(from = __dirname): string {
  let dir = from;
  while (!existsSync(path.join(dir, 'package.json'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`no package.json above ${from}`);
    dir = up;
  }
  return dir;
}
