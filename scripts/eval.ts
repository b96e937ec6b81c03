/**
 * Answer-quality evaluation: `npm run eval [-- FILE.jsonl …] [--seeds DIR] [--misses] [--ranks] [--events] [--options JSON] [--cache DIR] [--markdown]`.
 *
 * With no file it scores every set the project keeps: the agreement sets
 * (test/data/questions.*.jsonl) over the seed articles, each general set
 * (test/data/general/NAME/questions.jsonl) over its own articles beside it,
 * and the out-of-domain checks: every general set's questions asked of the
 * agreement articles, and the agreement's answerable questions asked of each
 * general corpus, all of which must be refused. A given file is scored over
 * the `seeds/` folder beside it when there is one, else over `--seeds` (or
 * SEEDS_DIR, or the project's seeds).
 *
 * Scoring follows the eval README: the best answer passes when its text
 * contains one of the expected phrases (case, curly quotes, dashes and white
 * space folded) and, where the question names the passage it must come from
 * (`within`), the answer's first 40 characters are in that passage;
 * `expect: null` must be refused. One row per set: top-1, recall@3,
 * answerable questions refused, refusals of the unanswerable, and the
 * in-process latency of ask(). `--ranks` adds, per set, where the ranker put
 * the first sentence that passes (before refusal and the choice of answers):
 * what a better ordering of the first few could still win. (Summaries and
 * "what's new", which chat asks, are not the ranker's: their right answers
 * count as not found there.)
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { AskResult } from '../src/answering/answer';
import type { Briefing, BriefingOverrides } from '../src/answering/briefing';
import { parseCommand } from '../src/chat/commands';
import { loadBriefing } from '../src/answering/load';
import { intentOf } from '../src/answering/question';
import { loadCoreSettings } from '../src/core-settings';
import { foldTypography } from '../src/language/text';
import { projectRoot } from './root';
import { writeBetweenMarkers } from './doc-markers';
import { eventTableOf, readGold, scoreEvents, type EventScore } from './event-score';
import { eventsOfCorpus } from '../src/events/events';
import { askInConversation, ConversationMemory } from '../src/answering/followup';

export interface EvalQuestion {
  id: string;
  q: string;
  expect: string[] | null;
  /** The passage the answer must come from (general sets). */
  within?: string;
  /** Messages said first in the same conversation: the question follows up on them (test/data/questions.followups.jsonl). */
  before?: string[];
}

export interface EvalReport {
  file: string;
  answerable: number;
  top1: number;
  recall3: number;
  /** Answerable questions that were refused. */
  refusedAnswerable: number;
  refusable: number;
  refused: number;
  failures: { id: string; q: string; got: string }[];
  medianMs: number;
  p99Ms: number;
}

const fold = (s: string) => foldTypography(s).toLowerCase();

export function passes(text: string, expect: string[], within?: string): boolean {
  const t = fold(text);
  if (within !== undefined && !fold(within).includes(t.slice(0, 40))) return false;
  return expect.some((e) => t.includes(fold(e)));
}

export function readQuestions(file: string): EvalQuestion[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as EvalQuestion);
}

function ask(b: Briefing, q: string, before?: readonly string[]): AskResult {
  if (before?.length) {
    // A conversation of its own: the messages before, then the question, read against them as the chat reads it.
    const memory = new ConversationMemory();
    let r: AskResult = { question: q, kind: 'no_answer', answers: [] };
    for (const [i, text] of [...before, q].entries()) {
      const answered = askInConversation(b, memory, 'eval', text, i);
      r = answered.kind === 'answer' ? answered.result : { question: text, kind: 'no_answer', answers: [], reason: 'orphan' };
    }
    return r;
  }
  const cmd = parseCommand(q);
  return cmd.type === 'ask' ? b.ask(cmd.question) : { question: q, kind: 'no_answer', answers: [] };
}

export interface EvaluateOptions {
  /**
   * Rounds of timing before scoring (0: no timing). Default 5. They follow one untimed round: a
   * corpus's first questions do its one-time work (the JIT, lazily built tables, the example
   * questions a first refusal suggests), which is not the time an answer takes.
   */
  rounds?: number;
}

export function evaluate(b: Briefing, file: string, questions: EvalQuestion[], opts: EvaluateOptions = {}): EvalReport {
  const r: EvalReport = { file, answerable: 0, top1: 0, recall3: 0, refusedAnswerable: 0, refusable: 0, refused: 0, failures: [], medianMs: 0, p99Ms: 0 };
  const times: number[] = [];
  const rounds = opts.rounds ?? 5;
  if (rounds > 0) for (const q of questions) ask(b, q.q, q.before);
  for (let round = 0; round < rounds; round++) {
    for (const q of questions) {
      const t0 = process.hrtime.bigint();
      ask(b, q.q, q.before);
      times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
  }
  times.sort((a, c) => a - c);
  r.medianMs = times[Math.floor(times.length / 2)] ?? 0;
  r.p99Ms = times[Math.min(times.length - 1, Math.floor(times.length * 0.99))] ?? 0;
  for (const q of questions) {
    const res = ask(b, q.q, q.before);
    if (q.expect === null) {
      r.refusable++;
      if (res.kind === 'no_answer') r.refused++;
      else r.failures.push({ id: q.id, q: q.q, got: `answered: ${res.answers[0]?.text ?? ''}` });
      continue;
    }
    r.answerable++;
    const expect = q.expect;
    const ok1 = res.kind === 'answer' && res.answers[0] !== undefined && passes(res.answers[0].text, expect, q.within);
    const ok3 = res.kind === 'answer' && res.answers.slice(0, 3).some((a) => passes(a.text, expect, q.within));
    if (ok1) r.top1++;
    if (ok3) r.recall3++;
    if (res.kind !== 'answer') r.refusedAnswerable++;
    if (!ok1) r.failures.push({ id: q.id, q: q.q, got: res.kind === 'answer' ? res.answers[0].text : `refused: ${res.reason ?? ''}` });
  }
  return r;
}

/** The ranks (1-based) each bucket ends at: 1st, 2nd–3rd, 4th–10th, 11th–50th; a last bucket holds the rest. */
const RANK_BUCKETS = [1, 3, 10, 50];

/**
 * Where the ranker puts the first sentence that passes, among its first 50 (before refusal and the
 * choice of answers; Briefing.candidates): how many answerable questions fall in each of
 * RANK_BUCKETS and beyond. What a better ranking of the first few could still win. Undefined for a
 * set with no answerable question.
 */
export function rankCounts(b: Briefing, questions: readonly EvalQuestion[]): number[] | undefined {
  const counts = new Array<number>(RANK_BUCKETS.length + 1).fill(0);
  let any = false;
  for (const q of questions) {
    const expect = q.expect;
    if (!expect) continue;
    any = true;
    const cmd = parseCommand(q.q);
    const texts = cmd.type === 'ask' ? b.candidates(cmd.question, RANK_BUCKETS[RANK_BUCKETS.length - 1]) : [];
    const at = texts.findIndex((t) => passes(t, expect, q.within));
    counts[at < 0 ? RANK_BUCKETS.length : RANK_BUCKETS.findIndex((limit) => at < limit)]++;
  }
  return any ? counts : undefined;
}

/**
 * One corpus's answerable questions as questions another corpus must refuse. Small talk, a summary
 * and the latest news ("give me a summary", "what's new?") ask about whatever corpus is loaded and
 * are answered from it on every corpus: they are left out.
 */
export function asOutOfDomain(questions: EvalQuestion[]): EvalQuestion[] {
  const aboutAnyCorpus = (q: EvalQuestion) => {
    const cmd = parseCommand(q.q);
    return cmd.type === 'ask' && intentOf(cmd.question) !== undefined;
  };
  // A follow-up leans on its conversation: alone it asks nothing of another corpus.
  return questions.filter((q) => q.expect !== null && !q.before?.length && !aboutAnyCorpus(q)).map((q) => ({ id: q.id, q: q.q, expect: null }));
}

/**
 * `--options JSON` as the scripts take it: the briefing options to change (see
 * Briefing.withOptions), or a one-line message saying why the text is not such an object.
 */
export function parseOverrides(text: string): { overrides: BriefingOverrides } | { error: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { error: `--options is not JSON: ${(e as Error).message}` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { error: '--options must be a JSON object, e.g. \'{"rank":{"titleWeight":0}}\'' };
  return { overrides: value as BriefingOverrides };
}

/**
 * A script's `--options` argument read: `{ overrides }` (none when it was not given), or undefined
 * when it is not an options object, after saying why on stderr and setting exit code 2.
 */
export function optionsArgument(script: string, text: string | undefined): { overrides?: BriefingOverrides } | undefined {
  if (text === undefined) return {};
  const parsed = parseOverrides(text);
  if ('overrides' in parsed) return parsed;
  console.error(`${script}: ${parsed.error}`);
  process.exitCode = 2;
  return undefined;
}

/** A corpus with gold events: its seed folder and the gold file. */
export interface EventSet {
  name: string;
  seeds: string;
  gold: string;
}

/** The corpora `npm run eval` scores the timeline of: the seeds (test/data/events.json) and each newswire corpus (test/data/news/NAME/). */
export function eventSets(root: string, seeds: string): EventSet[] {
  const data = path.join(root, 'test/data');
  const news = corporaWith(path.join(data, 'news'), 'events.json').map((c) => ({ name: c.name, seeds: c.seeds, gold: c.file }));
  return [{ name: 'seeds', seeds, gold: path.join(data, 'events.json') }, ...news];
}

/** The corpora in a folder (`DIR/NAME/seeds/`) that hold a file of that name beside their seeds, by name. */
function corporaWith(dir: string, file: string): { name: string; seeds: string; file: string }[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((d) => existsSync(path.join(dir, d, file)))
    .sort()
    .map((d) => ({ name: d, seeds: path.join(dir, d, 'seeds'), file: path.join(dir, d, file) }));
}

export interface EvalSet {
  /** Row label. */
  name: string;
  questions: EvalQuestion[];
  /** The seed folder the questions are asked of. */
  seeds: string;
  /** One of the agreement's own sets over the seeds (test/data/questions.*.jsonl): docs/answers.md's first table. */
  agreement?: boolean;
}

/** The sets `npm run eval` scores with no arguments. */
export function defaultSets(root: string, seeds: string): EvalSet[] {
  const data = path.join(root, 'test/data');
  const agreement = readdirSync(data)
    .filter((f) => /^questions\..+\.jsonl$/.test(f))
    .sort()
    .map((f) => ({ name: f.replace(/^questions\.|\.jsonl$/g, ''), questions: readQuestions(path.join(data, f)), seeds, agreement: true }));
  // Newswire corpora and general text: each one's questions over its own articles.
  const questionSets = (dir: string) => corporaWith(path.join(data, dir), 'questions.jsonl').map((c) => ({ name: c.name, questions: readQuestions(c.file), seeds: c.seeds }));
  const news = questionSets('news');
  const general = questionSets('general');
  const allAgreement = agreement.flatMap((s) => s.questions);
  return [
    ...agreement,
    ...news,
    ...general,
    ...general.map((g) => ({ name: `${g.name} asked of the agreement (refuse)`, questions: asOutOfDomain(g.questions), seeds })),
    ...general.map((g) => ({ name: `agreement asked of ${g.name} (refuse)`, questions: asOutOfDomain(allAgreement), seeds: g.seeds })),
  ];
}

const pct = (a: number, b: number) => (b ? `${((100 * a) / b).toFixed(1)}%` : '–');

/** The table `npm run eval` prints; without `timings`, the answer columns alone (what docs/answers.md holds: the same on every run). */
export function tableOf(rows: { name: string; r: EvalReport }[], timings = true): string {
  const head = ['set', 'answerable', 'top-1', 'recall@3', 'refused (answerable)', 'refusals', ...(timings ? ['median ms', 'p99 ms'] : [])];
  const body = rows.map(({ name, r }) => [
    name,
    String(r.answerable),
    pct(r.top1, r.answerable),
    pct(r.recall3, r.answerable),
    pct(r.refusedAnswerable, r.answerable),
    r.refusable ? `${pct(r.refused, r.refusable)} (${r.refused}/${r.refusable})` : '–',
    ...(timings ? [r.medianMs.toFixed(3), r.p99Ms.toFixed(3)] : []),
  ]);
  return [head, head.map(() => '---'), ...body].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

/** The blocks `--markdown` prints and writes into docs/answers.md, by marker name. */
export function markdownBlocks(rows: { name: string; r: EvalReport; seed: boolean }[], timeline: string): Record<string, string> {
  return {
    'eval-seeds': tableOf(
      rows.filter((x) => x.seed),
      false,
    ),
    'eval-other': tableOf(
      rows.filter((x) => !x.seed),
      false,
    ),
    'eval-timeline': timeline,
  };
}

export async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    args: process.argv.slice(2),
    allowPositionals: true,
    options: {
      seeds: { type: 'string' },
      misses: { type: 'boolean' },
      ranks: { type: 'boolean' },
      events: { type: 'boolean' },
      quiet: { type: 'boolean' },
      options: { type: 'string' },
      cache: { type: 'string' },
      markdown: { type: 'boolean' },
    },
  });
  if (values.markdown && positionals.length) {
    console.error('eval: --markdown writes the tables of every set into docs/answers.md; run it without files');
    process.exitCode = 2;
    return;
  }
  // --options '{"minCoverage":0.5}': the briefing's options changed for this run (to measure a variant);
  // "rank" and "bm25" are merged with the defaults, so '{"rank":{"hypernymWeight":0}}' changes one weight.
  const parsed = optionsArgument('eval', values.options);
  if (!parsed) return;
  const overrides = parsed.overrides;
  // --cache DIR: keep the built corpora there (a 10,000-article corpus takes a while to build).
  const cacheDir = values.cache ? path.resolve(values.cache) : undefined;
  const root = projectRoot();
  // The corpus: --seeds, else SEEDS_DIR as the bot reads it (default ./seeds, from the project folder).
  const seeds = values.seeds ? path.resolve(values.seeds) : path.resolve(root, loadCoreSettings(process.env).seedsDir);
  const sets: EvalSet[] = positionals.length
    ? positionals.map((f) => {
        const beside = path.join(path.dirname(f), 'seeds');
        return { name: path.relative(process.cwd(), f) || f, questions: readQuestions(f), seeds: values.seeds || !existsSync(beside) ? seeds : beside };
      })
    : defaultSets(root, seeds);
  const briefings = new Map<string, Briefing>();
  const rows: { name: string; r: EvalReport; seed: boolean }[] = [];
  for (const s of sets) {
    let b = briefings.get(s.seeds);
    if (!b) {
      b = (await loadBriefing({ seedsDir: s.seeds, cacheDir })).briefing;
      if (overrides) b = b.withOptions(overrides);
      briefings.set(s.seeds, b);
    }
    rows.push({ name: s.name, r: evaluate(b, s.name, s.questions, { rounds: values.markdown ? 0 : undefined }), seed: s.agreement === true });
  }
  if (!values.markdown) console.log(tableOf(rows));
  if (!positionals.length) {
    // The timeline against the gold events of each corpus that has them.
    const scored: { name: string; s: EventScore }[] = [];
    for (const e of eventSets(root, seeds)) {
      let b = briefings.get(e.seeds);
      if (!b) briefings.set(e.seeds, (b = (await loadBriefing({ seedsDir: e.seeds, cacheDir })).briefing));
      scored.push({
        name: e.name,
        s: scoreEvents(
          eventsOfCorpus(b.corpus).events.filter((x) => x.milestone),
          readGold(e.gold),
        ),
      });
    }
    const timeline = eventTableOf(scored);
    if (values.markdown) {
      // --markdown: the tables as docs/answers.md holds them (no timings: they differ run to run), written there too.
      const blocks = markdownBlocks(rows, timeline);
      for (const [name, table] of Object.entries(blocks)) {
        console.log(`<!-- ${name} -->\n${table}\n`);
        writeBetweenMarkers(path.join(root, 'docs/answers.md'), name, table);
      }
      console.log('Written into docs/answers.md');
    } else console.log(`\n${timeline}`);
    if (values.events)
      for (const { name, s } of scored) {
        console.log(`\n${name}: missed ${s.missed.length}: ${s.missed.join(', ')}`);
        for (const u of s.unmatched) console.log(`  not gold: ${u}`);
        for (const w of s.wrongDates) console.log(`  wrong date: ${w}`);
        for (const [id, ls] of s.matches) if (ls.length > 1) console.log(`  ${ls.length} lines for ${id}:\n    ${ls.join('\n    ')}`);
      }
  }
  if (values.ranks) {
    console.log('\n| set | answerable | right sentence ranked 1st | 2nd–3rd | 4th–10th | 11th–50th | not in the first 50 |\n| --- | --- | --- | --- | --- | --- | --- |');
    for (const s of sets) {
      const b = briefings.get(s.seeds);
      const counts = b && rankCounts(b, s.questions);
      if (counts) console.log(`| ${s.name} | ${counts.reduce((a, c) => a + c, 0)} | ${counts.join(' | ')} |`);
    }
  }
  if (values.misses) {
    for (const { name, r } of rows) {
      if (!r.failures.length) continue;
      console.log(`\n${name}: ${r.failures.length} missed`);
      for (const x of r.failures) console.log(`  ${x.id}: ${x.q}\n      got: ${x.got.slice(0, 160)}`);
    }
  }
}

if (require.main === module) void main();
