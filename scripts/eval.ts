/**
 * Answer-quality evaluation: `npm run eval [-- FILE.jsonl …] [--seeds DIR]`.
 * Scores each question file (default: test/data/questions.dev.jsonl) by the
 * rules of the eval README: an answer passes when its text contains one of
 * the expected phrases (case, curly quotes, dashes and white space folded);
 * `expect: null` must be refused. Prints top-1, recall@3, refusal rate and
 * the in-process latency of ask().
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { AskResult } from '../src/answer';
import type { Briefing } from '../src/briefing';
import { parseCommand } from '../src/commands';
import { loadBriefing } from '../src/load';
import { foldTypography } from '../src/text';
import { projectRoot } from './root';

export interface EvalQuestion {
  id: string;
  q: string;
  expect: string[] | null;
}

export interface EvalReport {
  file: string;
  answerable: number;
  top1: number;
  recall3: number;
  refusable: number;
  refused: number;
  failures: { id: string; q: string; got: string }[];
  medianMs: number;
  p99Ms: number;
}

const fold = (s: string) => foldTypography(s).toLowerCase();

export function passes(text: string, expect: string[]): boolean {
  const t = fold(text);
  return expect.some((e) => t.includes(fold(e)));
}

export function readQuestions(file: string): EvalQuestion[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as EvalQuestion);
}

function ask(b: Briefing, q: string): AskResult {
  const cmd = parseCommand(q);
  return cmd.type === 'ask' ? b.ask(cmd.question) : { question: q, kind: 'no_answer', answers: [] };
}

export function evaluate(b: Briefing, file: string, questions: EvalQuestion[]): EvalReport {
  const r: EvalReport = { file, answerable: 0, top1: 0, recall3: 0, refusable: 0, refused: 0, failures: [], medianMs: 0, p99Ms: 0 };
  const times: number[] = [];
  for (let round = 0; round < 5; round++) {
    for (const q of questions) {
      const t0 = process.hrtime.bigint();
      ask(b, q.q);
      times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
  }
  times.sort((a, c) => a - c);
  r.medianMs = times[Math.floor(times.length / 2)];
  r.p99Ms = times[Math.min(times.length - 1, Math.floor(times.length * 0.99))];
  for (const q of questions) {
    const res = ask(b, q.q);
    if (q.expect === null) {
      r.refusable++;
      if (res.kind === 'no_answer') r.refused++;
      else r.failures.push({ id: q.id, q: q.q, got: `answered: ${res.answers[0]?.text ?? ''}` });
      continue;
    }
    r.answerable++;
    const ok1 = res.kind === 'answer' && res.answers[0] !== undefined && passes(res.answers[0].text, q.expect);
    const ok3 = res.kind === 'answer' && res.answers.slice(0, 3).some((a) => passes(a.text, q.expect!));
    if (ok1) r.top1++;
    if (ok3) r.recall3++;
    if (!ok1) r.failures.push({ id: q.id, q: q.q, got: res.kind === 'answer' ? res.answers[0].text : `refused: ${res.reason ?? ''}` });
  }
  return r;
}

const pct = (a: number, b: number) => (b ? `${((100 * a) / b).toFixed(1)}%` : 'n/a');

export async function main(): Promise<void> {
  const { values, positionals } = parseArgs({ args: process.argv.slice(2), allowPositionals: true, options: { seeds: { type: 'string' }, quiet: { type: 'boolean' } } });
  const root = projectRoot();
  const files = positionals.length ? positionals : [path.join(root, 'test/data/questions.dev.jsonl')];
  const { briefing } = await loadBriefing({ seedsDir: path.resolve(values.seeds ?? process.env.SEEDS_DIR ?? path.join(root, 'seeds')) });
  let failed = false;
  for (const f of files) {
    const r = evaluate(briefing, f, readQuestions(f));
    console.log(`\n${path.relative(process.cwd(), f) || f}`);
    console.log(`  top-1 accuracy : ${pct(r.top1, r.answerable)} (${r.top1}/${r.answerable})`);
    console.log(`  recall@3       : ${pct(r.recall3, r.answerable)} (${r.recall3}/${r.answerable})`);
    console.log(`  refusal rate   : ${pct(r.refused, r.refusable)} (${r.refused}/${r.refusable})`);
    console.log(`  ask() latency  : median ${r.medianMs.toFixed(3)} ms, p99 ${r.p99Ms.toFixed(3)} ms (in-process, 5 rounds)`);
    if (!values.quiet) for (const x of r.failures) console.log(`  miss ${x.id}: ${x.q}\n       got: ${x.got.slice(0, 140)}`);
    failed ||= r.failures.length > 0;
  }
  process.exitCode = 0;
  void failed;
}

if (require.main === module) void main();
