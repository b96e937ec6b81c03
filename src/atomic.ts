/** Atomic file replacement: write a temporary file, flush it to disk, rename it over the target. */
import { promises as fs } from 'node:fs';
import path from 'node:path';

let counter = 0;

/**
 * @param options.sync flush to disk before the rename (default). Off only for
 * files that are checked when read and can be made again (cache entries):
 * a crash may then leave them empty, never half of one and half of another.
 */
export async function writeFileAtomic(file: string, data: string | Buffer, options: { sync?: boolean } = {}): Promise<void> {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${++counter}.tmp`);
  const fh = await fs.open(tmp, 'w', 0o600);
  try {
    try {
      await fh.writeFile(data);
      if (options.sync !== false) await fh.sync();
    } finally {
      await fh.close();
    }
    await fs.rename(tmp, file);
  } catch (e) {
    // A full disk or a failed rename leaves no temporary file behind.
    await fs.rm(tmp, { force: true });
    throw e;
  }
}
