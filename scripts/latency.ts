/**
 * Per-question latency on a corpus already built and cached, for comparing two versions of the code
 * on the same machine at the same time: `npm run latency -- --seeds DIR --cache DIR [--rounds 5]
 * [--options JSON]` (`--options` as in eval.ts: '{"rank":{"frequentShare":0.02}}' times a variant).
 *
 * Asks the benchmark's questions (see bench.ts, benchQuestions) `--rounds` times of the briefing loaded from the
 * cache and prints the median and p99 in ms. The machine's speed drifts between runs (docs/performance.md),
 * so two checkouts are best compared by running this in each, alternately.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadBriefing } from '../src/answering/load';
import { parseCommand } from '../src/chat/commands';
import { benchQuestions } from './bench';
import { optionsArgument } from './eval';

export async function main(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: { seeds: { type: 'string' }, cache: { type: 'string' }, rounds: { type: 'string', default: '5' }, options: { type: 'string' } },
  });
  if (!values.seeds || !values.cache) {
    console.error('usage: npm run latency -- --seeds DIR --cache DIR [--rounds 5] [--options JSON]');
    process.exitCode = 2;
    return;
  }
  const rounds = Number(values.rounds);
  if (!Number.isInteger(rounds) || rounds < 1) {
    console.error(`latency: --rounds must be a whole number of at least 1, not "${values.rounds}"`);
    process.exitCode = 2;
    return;
  }
  const parsed = optionsArgument('latency', values.options);
  if (!parsed) return;
  const loaded = (await loadBriefing({ seedsDir: path.resolve(values.seeds), cacheDir: path.resolve(values.cache) })).briefing;
  const briefing = parsed.overrides ? loaded.withOptions(parsed.overrides) : loaded;
  const questions = benchQuestions().map((q) => parseCommand(q.q));
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const cmd of questions) {
      const t0 = process.hrtime.bigint();
      if (cmd.type === 'ask') briefing.ask(cmd.question);
      times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(times.length * q))];
  console.log(`${questions.length} questions × ${rounds} rounds: median ${at(0.5).toFixed(3)} ms, p99 ${at(0.99).toFixed(2)} ms`);
}

if (require.main === module) void main();
