/**
 * Stories of Reuters-21578 (1987 newswire, SGML) as seed files:
 * `npm run reuters -- --sgml DIR --out DIR NEWID…`.
 *
 * How the development corpora under test/data/news/ were made (their README
 * names the stories). Each `<REUTERS NEWID="…">` becomes one file: the title
 * in sentence case (a word keeps the capitals the body writes it with:
 * "Brazil", "ICO"), publisher Reuters, published the story's `<DATE>` day,
 * and the body with its dateline ("LONDON, March 2 -") as wire copy has it,
 * one paragraph per indented line, without the closing "Reuter".
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

export interface WireStory {
  newid: string;
  date: string;
  title: string;
  dateline: string;
  body: string;
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

function unescapeSgml(s: string): string {
  return s
    .replace(/&#(\d+);/g, (_m, n: string) => (Number(n) < 32 ? '' : String.fromCharCode(Number(n))))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** Every story of one SGML file's text (latin-1 decoded). */
export function storiesOf(sgml: string): WireStory[] {
  const out: WireStory[] = [];
  for (const m of sgml.matchAll(/<REUTERS([^>]*)>([\s\S]*?)<\/REUTERS>/g)) {
    const field = (tag: string) => unescapeSgml(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`).exec(m[2])?.[1] ?? '');
    const newid = /NEWID="(\d+)"/.exec(m[1])?.[1];
    if (!newid) continue;
    out.push({ newid, date: field('DATE').trim(), title: field('TITLE').trim(), dateline: field('DATELINE').trim(), body: field('BODY') });
  }
  return out;
}

/** " 2-MAR-1987 18:02:53.06" → "1987-03-02". */
export function isoDay(date: string): string | undefined {
  const m = /(\d{1,2})-([A-Z]{3})-(\d{4})/.exec(date);
  const month = m ? MONTHS.indexOf(m[2]) + 1 : 0;
  return m && month ? `${m[3]}-${String(month).padStart(2, '0')}-${m[1].padStart(2, '0')}` : undefined;
}

/** An upper-case wire title in sentence case, each word written as the body writes it where it does ("ICO", "Brazil"). */
export function sentenceCase(title: string, body: string): string {
  const written = new Map<string, string>();
  for (const m of body.matchAll(/[A-Za-z][A-Za-z.'’-]*/g)) {
    const w = m[0].replace(/['’]s$/, '');
    const lower = w.toLowerCase();
    // A capital after a full stop, or at a paragraph's start, says nothing about the word.
    const sentenceStart = /(?:^|[.!?"]\s*|\n\s*)$/.test(body.slice(Math.max(0, m.index - 4), m.index));
    if (w === lower) written.set(lower, lower);
    else if (!sentenceStart && written.get(lower) !== lower) written.set(lower, w);
  }
  const words = title
    .replace(/\s+/g, ' ')
    .trim()
    .split(' ')
    .map((w) => {
      const core = w
        .toLowerCase()
        .replace(/['’]s$/, '')
        .replace(/^[^a-z]+|[^a-z.]+$/g, '');
      const as = written.get(core) ?? written.get(core.replace(/\.$/, ''));
      return as ? w.toLowerCase().replace(core.replace(/\.$/, ''), as.replace(/\.$/, '')) : w.toLowerCase();
    });
  const s = words.join(' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** One story as a seed file's text. */
export function seedText(s: WireStory): string {
  const day = isoDay(s.date);
  if (!day) throw new Error(`story ${s.newid} has no date`);
  const paragraphs = s.body
    .replace(/\s*\bReuter\s*$/i, '')
    .split(/\n\s{2,}(?=\S)/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
  if (s.dateline && paragraphs.length) paragraphs[0] = `${s.dateline.replace(/^\W+/, '').replace(/\s+/g, ' ')} ${paragraphs[0]}`;
  return `---\ntitle: ${sentenceCase(s.title, s.body)}\npublisher: Reuters\npublished: ${day}\n---\n${paragraphs.join('\n\n')}\n`;
}

export function main(): void {
  const { values, positionals } = parseArgs({ args: process.argv.slice(2), allowPositionals: true, options: { sgml: { type: 'string' }, out: { type: 'string' } } });
  if (!values.sgml || !values.out || !positionals.length) {
    console.error('usage: npm run reuters -- --sgml DIR --out DIR NEWID…');
    process.exitCode = 2;
    return;
  }
  const wanted = new Set(positionals);
  const stories = readdirSync(values.sgml)
    .filter((f) => f.endsWith('.sgm'))
    .flatMap((f) => storiesOf(readFileSync(path.join(values.sgml!, f), 'latin1')));
  mkdirSync(values.out, { recursive: true });
  let n = 0;
  for (const s of stories) {
    if (!wanted.delete(s.newid)) continue;
    writeFileSync(path.join(values.out, `${isoDay(s.date)}_${s.newid}.txt`), seedText(s));
    n++;
  }
  console.log(`${n} stories written to ${values.out}`);
  if (wanted.size) console.error(`not found: ${[...wanted].join(' ')}`);
}

if (require.main === module) main();
