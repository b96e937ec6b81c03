/**
 * A SQuAD v1.1 article as a general question set: `npm run squad -- FILE.json --article TITLE --out DIR`.
 *
 * Writes DIR/seeds/ (the article's paragraphs in order, nine to a file, in the seed format, titled
 * "TITLE (part N)", publisher Wikipedia) and DIR/questions.jsonl (`{"id", "q", "expect", "within"}`:
 * the distinct answer spans, and the paragraph the answer must come from), the format of
 * test/data/general/README.md. Scored by `npm run eval` like every set there.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';

const Squad = z.object({
  data: z.array(
    z.object({
      title: z.string(),
      paragraphs: z.array(
        z.object({
          context: z.string(),
          qas: z.array(z.object({ id: z.string(), question: z.string(), answers: z.array(z.object({ text: z.string() })) })),
        }),
      ),
    }),
  ),
});

export interface SquadSet {
  /** Seed file name → its text. */
  seeds: Map<string, string>;
  /** questions.jsonl's lines. */
  questions: string[];
}

/** The set for one article of a parsed SQuAD file. */
export function squadSet(json: unknown, article: string, opts: { perFile?: number; published?: string; prefix?: string } = {}): SquadSet {
  const data = Squad.parse(json).data;
  const found = data.find((a) => a.title === article);
  if (!found) throw new Error(`no article "${article}" (the file has: ${data.map((a) => a.title).join(', ')})`);
  const perFile = opts.perFile ?? 9;
  const title = article.replace(/_/g, ' ');
  const prefix = opts.prefix ?? 'part';
  const seeds = new Map<string, string>();
  for (let i = 0; i < found.paragraphs.length; i += perFile) {
    const n = i / perFile;
    const body = found.paragraphs
      .slice(i, i + perFile)
      .map((p) => p.context.trim())
      .join('\n\n');
    seeds.set(`${prefix}_${String(n).padStart(2, '0')}.txt`, `---\ntitle: ${title} (part ${n + 1})\npublisher: Wikipedia\npublished: ${opts.published ?? '2016-06'}\n---\n${body}\n`);
  }
  const questions = found.paragraphs.flatMap((p) => p.qas.map((q) => JSON.stringify({ id: q.id, q: q.question.trim(), expect: [...new Set(q.answers.map((a) => a.text))], within: p.context })));
  return { seeds, questions };
}

export function main(): void {
  const { values, positionals } = parseArgs({
    args: process.argv.slice(2),
    allowPositionals: true,
    options: { article: { type: 'string' }, out: { type: 'string' }, 'per-file': { type: 'string' }, published: { type: 'string' }, prefix: { type: 'string' } },
  });
  const [file] = positionals;
  if (!file || !values.article || !values.out) {
    process.stderr.write('usage: npm run squad -- SQUAD.json --article TITLE --out DIR [--per-file 9] [--published 2016-06] [--prefix part]\n');
    process.exit(2);
  }
  const perFile = values['per-file'] === undefined ? undefined : Number(values['per-file']);
  if (perFile !== undefined && !(Number.isInteger(perFile) && perFile > 0)) {
    process.stderr.write(`--per-file must be a whole number above 0, not "${values['per-file']}"\n`);
    process.exit(2);
  }
  let set: SquadSet;
  try {
    set = squadSet(JSON.parse(readFileSync(file, 'utf8')) as unknown, values.article, { perFile, published: values.published, prefix: values.prefix });
  } catch (e) {
    // A missing file, text that is not JSON, JSON that is not SQuAD's shape, an article it lacks: one line, no stack.
    const why = e instanceof z.ZodError ? `not a SQuAD v1.1 file (${e.issues[0]?.path.join('.') ?? ''}: ${e.issues[0]?.message ?? ''})` : e instanceof Error ? e.message : String(e);
    process.stderr.write(`squad: ${file}: ${why}\n`);
    process.exit(1);
  }
  const seedsDir = path.join(values.out, 'seeds');
  mkdirSync(seedsDir, { recursive: true });
  for (const [name, text] of set.seeds) writeFileSync(path.join(seedsDir, name), text);
  writeFileSync(path.join(values.out, 'questions.jsonl'), `${set.questions.join('\n')}\n`);
  console.log(`${set.seeds.size} seed files and ${set.questions.length} questions in ${values.out}`);
}

if (require.main === module) main();
