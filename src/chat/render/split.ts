/** Splitting rendered text to fit a platform's size limits. */

/** Pieces of at most `max` characters, cut at line breaks where possible (a longer line is cut inside). */
export function splitText(s: string, max: number): string[] {
  const out: string[] = [];
  let cur = '';
  for (const line of s.split('\n')) {
    const parts = line.length > max ? line.match(new RegExp(`[\\s\\S]{1,${max}}`, 'g'))! : [line];
    for (const p of parts) {
      if (cur && cur.length + 1 + p.length > max) {
        out.push(cur);
        cur = p;
      } else cur = cur ? `${cur}\n${p}` : p;
    }
  }
  if (cur) out.push(cur);
  return out;
}
