/**
 * This instance's name in shared state: made once per DATA_DIR and kept in
 * it, so a restarted bot recognises the delivery claims it left (see
 * SchedulerDeps.instance) and two instances never take each other's.
 */
import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../atomic';

export async function instanceId(dataDir: string): Promise<string> {
  const file = path.join(dataDir, 'instance-id');
  try {
    const id = (await fs.readFile(file, 'utf8')).trim();
    if (/^[0-9a-f-]{36}$/.test(id)) return id;
  } catch {
    // Not made yet (or unreadable): made now.
  }
  const id = randomUUID();
  await fs.mkdir(dataDir, { recursive: true });
  await writeFileAtomic(file, `${id}\n`);
  return id;
}
