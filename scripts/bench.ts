/**
 * Speed and scale benchmark: `npm run bench [-- --sizes 5,1000,10000]`.
 *
 * Builds synthetic corpora in the seeds format (the five real articles plus
 * generated ones of ~30 sentences over a Zipf-distributed vocabulary of tens
 * of thousands of words; deterministic from a fixed seed; written under
 * bench/out/, not committed) and, for each size, measures in a fresh child
 * process per engine: build time, memory after build, and query latency
 * (median, p99) on the dev questions plus misspelled variants — for the
 * project's core, MiniSearch (BM25, fuzzy 0.2, prefix) and plain Fuse.js over
 * the sentences (skipped when it would take over a minute). Then cold start:
 * process start to first answer with the CLI, without and with the cached
 * corpus. Prints a table and writes bench/out/results.json.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync, copyFileSync, readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { projectRoot } from './root';

const ROOT = projectRoot();
const OUT = path.join(ROOT, 'bench', 'out');

/** mulberry32: a small deterministic PRNG. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FUNCTION_WORDS =
  'the of and to in a is that for on was with as by it at from are be this have has an not were which or their its been had but also they more will would about after than who into said other over new between up out two most some when first could there these can only during may while both such under before'.split(
    ' ',
  );
const SYLLABLES =
  'ba be bi bo bu ca ce ci co cu da de di do du fa fe fi fo ga ge gi go ha he hi ho ka ke ki ko la le li lo lu ma me mi mo mu na ne ni no nu pa pe pi po pu ra re ri ro ru sa se si so su ta te ti to tu va ve vi vo za ze zi zo tran ster ment tion pro con ver sec cy ber net work'.split(
    ' ',
  );

/** A vocabulary: common English function words first, then generated words, `size` in all. */
export function vocabulary(size: number, rand: () => number): string[] {
  const words = new Set(FUNCTION_WORDS);
  while (words.size < size) {
    const n = 2 + Math.floor(rand() * 3);
    let w = '';
    for (let i = 0; i < n; i++) w += SYLLABLES[Math.floor(rand() * SYLLABLES.length)];
    words.add(w);
  }
  return [...words];
}

/** Sampler of ranks 0..n-1 with Zipf-like probabilities (exponent s). */
export function zipf(n: number, s: number, rand: () => number): () => number {
  const cdf = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) cdf[i] = total += 1 / Math.pow(i + 1, s);
  return () => {
    const x = rand() * total;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

/** Write a corpus of `n` articles (the real seeds plus generated ones) into `dir`. */
export function generateCorpus(dir: string, n: number, seed = 20261122, vocabSize = 40_000): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const seeds = readdirSync(path.join(ROOT, 'seeds')).filter((f) => f.endsWith('.txt'));
  for (const f of seeds) copyFileSync(path.join(ROOT, 'seeds', f), path.join(dir, f));
  const rand = prng(seed);
  const vocab = vocabulary(vocabSize, rand);
  const pick = zipf(vocab.length, 1.07, rand);
  const publishers = ['Wire One', 'Daily Cyber', 'Policy Review', 'Tech Ledger', 'Asia Desk'];
  const sentence = () => {
    const len = 8 + Math.floor(rand() * 18);
    const w: string[] = [];
    for (let i = 0; i < len; i++) w.push(vocab[pick()]);
    w[0] = w[0][0].toUpperCase() + w[0].slice(1);
    return w.join(' ') + '.';
  };
  for (let i = seeds.length; i < n; i++) {
    const year = 2010 + Math.floor(rand() * 15);
    const month = String(1 + Math.floor(rand() * 12)).padStart(2, '0');
    const title = sentence().replace(/\.$/, '').split(' ').slice(0, 7).join(' ');
    const paragraphs: string[] = [];
    let left = 26 + Math.floor(rand() * 9);
    while (left > 0) {
      const k = Math.min(left, 1 + Math.floor(rand() * 4));
      paragraphs.push(Array.from({ length: k }, sentence).join(' '));
      left -= k;
    }
    const text = `---\ntitle: ${title}\npublisher: ${publishers[i % publishers.length]}\npublished: ${year}-${month}\n---\n${title}\n\n${paragraphs.join('\n\n')}\n`;
    writeFileSync(path.join(dir, `syn_${String(i).padStart(6, '0')}.txt`), text);
  }
}

/** The dev questions plus a misspelled variant of each (one letter dropped from its longest word). */
export function benchQuestions(): string[] {
  const dev = readFileSync(path.join(ROOT, 'test/data/questions.dev.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => (JSON.parse(l) as { q: string }).q);
  const typo = (q: string) => {
    const words = q.split(' ');
    let k = 0;
    words.forEach((w, i) => (w.length > words[k].length ? (k = i) : 0));
    const w = words[k];
    if (w.length >= 5) words[k] = w.slice(0, Math.floor(w.length / 2)) + w.slice(Math.floor(w.length / 2) + 1);
    return words.join(' ');
  };
  return [...dev, ...dev.map(typo)];
}

export interface EngineResult {
  engine: 'core' | 'minisearch' | 'fuse';
  size: number;
  sentences: number;
  /** For the core: clean + segment + tag the corpus (wink-nlp), before indexing. */
  prepareMs?: number;
  buildMs: number;
  rssMb: number;
  heapMb: number;
  medianMs: number;
  p99Ms: number;
  queries: number;
  skipped?: string;
}

const mb = (n: number) => Math.round((n / 1024 / 1024) * 10) / 10;
const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * p))];
};

/** Time every question, `rounds` times, stopping after a round once 30 s have passed. */
function timeQueries(questions: string[], run: (q: string) => unknown, rounds: number): number[] {
  for (const q of questions.slice(0, 10)) run(q); // warm-up
  const times: number[] = [];
  const start = performance.now();
  for (let r = 0; r < rounds && (r === 0 || performance.now() - start < 30_000); r++) {
    for (const q of questions) {
      const t0 = process.hrtime.bigint();
      run(q);
      times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
  }
  return times;
}

/** Measure one engine on one corpus folder, in this process. */
export async function runEngine(engine: EngineResult['engine'], dir: string, size: number, questions: string[]): Promise<EngineResult> {
  const gc = (globalThis as { gc?: () => void }).gc;
  const { readSeedDir, parseSeeds } = await import('../src/corpus/seeds');
  const { buildCorpus } = await import('../src/corpus/corpus');
  const { nlp } = await import('../src/language/nlp');
  nlp(); // model load is start-up cost, not build cost
  const { files } = await readSeedDir(dir);
  const { articles } = parseSeeds(files);
  const t0 = performance.now();
  const corpus = buildCorpus(articles);
  const prepareMs = performance.now() - t0;
  const texts = corpus.sentences.map((s) => s.text);
  let run: (q: string) => unknown;
  let buildMs: number;
  if (engine === 'core') {
    const { Briefing } = await import('../src/answering/briefing');
    const t1 = performance.now();
    const b = Briefing.fromCorpus(corpus);
    buildMs = performance.now() - t1;
    run = (q) => b.ask(q);
  } else if (engine === 'minisearch') {
    const MiniSearch = (await import('minisearch')).default;
    const t1 = performance.now();
    const ms = new MiniSearch<{ id: number; text: string }>({ fields: ['text'], storeFields: [] });
    ms.addAll(texts.map((text, id) => ({ id, text })));
    buildMs = performance.now() - t1;
    run = (q) => ms.search(q, { fuzzy: 0.2, prefix: true }).slice(0, 3);
  } else {
    const Fuse = (await import('fuse.js')).default;
    const t1 = performance.now();
    const fuse = new Fuse(texts, { ignoreLocation: true, threshold: 0.6, includeScore: true });
    buildMs = performance.now() - t1;
    run = (q) => fuse.search(q, { limit: 3 });
    // Skip when the whole run would take over a minute.
    const probe = timeQueries(questions.slice(0, 3), run, 1);
    const projected = (probe.reduce((a, b) => a + b, 0) / probe.length) * questions.length * 3;
    if (projected > 60_000) {
      return {
        engine,
        size,
        sentences: texts.length,
        buildMs,
        rssMb: 0,
        heapMb: 0,
        medianMs: percentile(probe, 0.5),
        p99Ms: NaN,
        queries: probe.length,
        skipped: `projected ${Math.round(projected / 1000)} s for the run`,
      };
    }
  }
  gc?.();
  const mem = process.memoryUsage();
  const times = timeQueries(questions, run, engine === 'fuse' ? 1 : 5);
  return {
    engine,
    size,
    sentences: texts.length,
    ...(engine === 'core' ? { prepareMs } : {}),
    buildMs,
    rssMb: mb(mem.rss),
    heapMb: mb(mem.heapUsed),
    medianMs: percentile(times, 0.5),
    p99Ms: percentile(times, 0.99),
    queries: times.length,
  };
}

export interface ColdStart {
  size: number;
  noCacheMs: number;
  cachedMs: number;
}

/** Wall time of `node dist/src/cli.js ask … --json` from spawn to exit, without and with the corpus cache. */
export function coldStart(dir: string, size: number): ColdStart {
  const cache = path.join(OUT, `data-${size}`);
  rmSync(cache, { recursive: true, force: true });
  const cli = path.join(ROOT, 'dist/src/cli.js');
  const once = () => {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [cli, 'ask', 'who attended', '--json', '--seeds', dir], { env: { ...process.env, DATA_DIR: cache }, encoding: 'utf8', maxBuffer: 1 << 26 });
    const ms = performance.now() - t0;
    if (r.status !== 0 || !r.stdout.includes('"kind":"answer"')) throw new Error(`cold start run failed: ${r.stderr.slice(0, 500)}`);
    return ms;
  };
  const noCacheMs = once();
  const cachedMs = Math.min(once(), once());
  return { size, noCacheMs, cachedMs };
}

const f = (n: number | undefined, d = 1) => (n === undefined || Number.isNaN(n) ? '—' : n.toFixed(d));

export async function main(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      sizes: { type: 'string', default: '5,1000,10000' },
      worker: { type: 'string' },
      dir: { type: 'string' },
      size: { type: 'string' },
      engines: { type: 'string', default: 'core,minisearch,fuse' },
      'no-cold': { type: 'boolean' },
    },
  });
  const questions = benchQuestions();
  if (values.worker) {
    const r = await runEngine(values.worker as EngineResult['engine'], values.dir!, Number(values.size), questions);
    process.stdout.write(JSON.stringify(r) + '\n');
    return;
  }
  mkdirSync(OUT, { recursive: true });
  const sizes = values.sizes!.split(',').map(Number);
  const engines = values.engines!.split(',') as EngineResult['engine'][];
  const results: EngineResult[] = [];
  const cold: ColdStart[] = [];
  for (const size of sizes) {
    const dir = size <= 5 ? path.join(ROOT, 'seeds') : path.join(OUT, `corpus-${size}`);
    if (size > 5 && !existsSync(path.join(dir, `syn_${String(size - 1).padStart(6, '0')}.txt`))) {
      process.stderr.write(`generating ${size} articles…\n`);
      generateCorpus(dir, size);
    }
    for (const engine of engines) {
      process.stderr.write(`measuring ${engine} on ${size} articles…\n`);
      const out = execFileSync(process.execPath, ['--expose-gc', '--max-old-space-size=4096', __filename, '--worker', engine, '--dir', dir, '--size', String(size)], {
        encoding: 'utf8',
        maxBuffer: 1 << 26,
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      results.push(JSON.parse(out.trim().split('\n').pop()!) as EngineResult);
    }
    if (!values['no-cold']) cold.push(coldStart(dir, size));
  }
  console.log(`\nQuery latency on ${questions.length} questions (dev set + misspelled variants); 2-core machine; ms unless noted\n`);
  console.log('| articles | sentences | engine | prepare ms | index build ms | RSS MB | heap MB | median ms | p99 ms | core/MiniSearch median |');
  console.log('|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of results) {
    const ms = results.find((x) => x.size === r.size && x.engine === 'minisearch');
    const ratio = r.engine === 'core' && ms ? (r.medianMs / ms.medianMs).toPrecision(2) : '';
    console.log(
      `| ${r.size} | ${r.sentences} | ${r.engine} | ${f(r.prepareMs, 0)} | ${f(r.buildMs, 1)} | ${f(r.rssMb, 0)} | ${f(r.heapMb, 0)} | ${f(r.medianMs, 3)} | ${r.skipped ? `skipped (${r.skipped})` : f(r.p99Ms, 3)} | ${ratio} |`,
    );
  }
  const core = (n: number) => results.find((r) => r.engine === 'core' && r.size === n);
  if (core(1000) && core(10000)) console.log(`\nGrowth 1,000 → 10,000 articles: core median × ${f(core(10000)!.medianMs / core(1000)!.medianMs, 2)}`);
  if (cold.length) {
    console.log('\nCold start (process start to first answer, `node dist/src/cli.js ask`):\n');
    console.log('| articles | no cache ms | cached corpus ms |');
    console.log('|---:|---:|---:|');
    for (const c of cold) console.log(`| ${c.size} | ${f(c.noCacheMs, 0)} | ${f(c.cachedMs, 0)} |`);
  }
  writeFileSync(path.join(OUT, 'results.json'), JSON.stringify({ date: new Date().toISOString(), questions: questions.length, results, coldStart: cold }, null, 2));
  console.log(`\nWritten to ${path.relative(process.cwd(), path.join(OUT, 'results.json'))}`);
}

if (require.main === module) void main();
