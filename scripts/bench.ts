/**
 * Speed and scale benchmark: `npm run bench [-- --sizes 5,1000,10000]`.
 * One drop-in measurement alone: `npm run bench -- --drop-in --dir DIR --cache DATA_DIR/cache [--in-thread]`;
 * the bot restarted after one article changed, alone: `npm run bench -- --restart --dir DIR --cache DATA_DIR`.
 *
 * Builds corpora in the seeds format (the five real articles plus generated
 * ones of ~30 sentences of real English words at their real frequencies, see
 * bench-corpus.ts; deterministic; written under bench/out/, not committed)
 * and, for each size, measures in a fresh child process per engine: build
 * time, memory after build, and query latency (median, p99, the slowest
 * questions) on the answerable dev and paraphrase questions, a misspelled
 * variant of each and 20 off-topic questions — for the project's core,
 * MiniSearch (BM25, fuzzy 0.2, prefix) and plain Fuse.js over the sentences
 * (skipped when it would take over a minute). For the core it also scores the
 * answers inside the larger corpus and counts the off-topic questions
 * refused. Then starts: process start to first answer with the CLI, with
 * nothing cached, with the cache, and after one article changed. Prints the
 * tables and writes bench/out/results.json; `--markdown` also writes the
 * tables into docs/performance.md, and `--render` prints (or with
 * `--markdown` writes) the last run's tables without measuring.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync, readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { generateCorpus } from './bench-corpus';
import { passes, readQuestions } from './eval';
import { projectRoot } from './root';
import { writeBetweenMarkers } from './doc-markers';

const ROOT = projectRoot();
const OUT = path.join(ROOT, 'bench', 'out');
/** Bumped when the generator changes, so an old corpus under bench/out/ is made anew. */
const CORPUS_VERSION = 'subtlex-1';

/** Kinds of question about people (test/data/bench/people.jsonl): what someone said, who holds a role, who attended, names and roles misspelled. */
export const PEOPLE_KINDS = ['said', 'role', 'roster', 'name-typo'] as const;

export interface BenchQuestion {
  q: string;
  /**
   * seed: about the five articles; typo: the same with a letter dropped; offtopic: nothing in any
   * corpus answers it; the kinds of PEOPLE_KINDS: about the seeds' people, timed, not scored.
   */
  kind: 'seed' | 'typo' | 'offtopic' | (typeof PEOPLE_KINDS)[number];
  expect: string[] | null;
}

/**
 * The answerable dev and paraphrase questions, a misspelled variant of each (one letter dropped from
 * its longest word), the off-topic set, and the questions about people (about a fifth of the whole;
 * with the dev questions about people, the third of channel questions that are about people).
 */
export function benchQuestions(): BenchQuestion[] {
  const read = (name: string) => readQuestions(path.join(ROOT, 'test/data', name));
  const seed = [...read('questions.dev.jsonl'), ...read('questions.paraphrase.jsonl')].filter((x) => x.expect);
  const typo = (q: string) => {
    const words = q.split(' ');
    let k = 0;
    words.forEach((w, i) => (w.length > words[k].length ? (k = i) : 0));
    const w = words[k];
    if (w.length >= 5) words[k] = w.slice(0, Math.floor(w.length / 2)) + w.slice(Math.floor(w.length / 2) + 1);
    return words.join(' ');
  };
  return [
    ...seed.map((x) => ({ q: x.q, kind: 'seed' as const, expect: x.expect })),
    ...seed.map((x) => ({ q: typo(x.q), kind: 'typo' as const, expect: x.expect })),
    ...read('questions.offtopic.jsonl').map((x) => ({ q: x.q, kind: 'offtopic' as const, expect: null })),
    ...readFileSync(path.join(ROOT, 'test/data/bench/people.jsonl'), 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as { q: string; kind: (typeof PEOPLE_KINDS)[number] })
      .map((x) => ({ q: x.q, kind: x.kind, expect: null })),
  ];
}

export interface EngineResult {
  engine: 'core' | 'minisearch' | 'fuse';
  size: number;
  sentences: number;
  /** For the core: clean + segment + tag the corpus (wink-nlp), before indexing. */
  prepareMs?: number;
  /** For the core: the built corpus and index read back from the cache (in this process), which the questions are then asked of. */
  loadMs?: number;
  buildMs: number;
  rssMb: number;
  heapMb: number;
  medianMs: number;
  p90Ms?: number;
  p99Ms: number;
  queries: number;
  /** The ten slowest questions (their median over the rounds). */
  slowest: { q: string; ms: number }[];
  /** Median and p99 over each kind's questions (every round). */
  byKind?: Record<string, { questions: number; medianMs: number; p99Ms: number }>;
  /** For the core: seed and misspelled questions whose top answer holds an expected phrase, and off-topic questions refused. */
  quality?: { seedTop1: number; seed: number; typoTop1: number; typo: number; offTopicRefused: number; offTopic: number; offTopicAnswers: string[] };
  skipped?: string;
}

const mb = (n: number) => Math.round((n / 1024 / 1024) * 10) / 10;
const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * p))];
};

/** Time every question, `rounds` times, stopping after a round once 30 s have passed; per question, its times. */
function timeQueries(questions: string[], run: (q: string) => unknown, rounds: number): number[][] {
  for (const q of questions.slice(0, 10)) run(q); // warm-up
  const times = questions.map(() => [] as number[]);
  const start = performance.now();
  for (let r = 0; r < rounds && (r === 0 || performance.now() - start < 30_000); r++) {
    questions.forEach((q, i) => {
      const t0 = process.hrtime.bigint();
      run(q);
      times[i].push(Number(process.hrtime.bigint() - t0) / 1e6);
    });
  }
  return times;
}

/** Measure one engine on one corpus folder, in this process. */
export async function runEngine(engine: EngineResult['engine'], dir: string, size: number, questions: BenchQuestion[]): Promise<EngineResult> {
  const gc = (globalThis as { gc?: () => void }).gc;
  const { readSeedDir, parseSeeds } = await import('../src/corpus/seeds');
  const { buildCorpus } = await import('../src/corpus/corpus');
  const { nlp } = await import('../src/language/nlp');
  nlp(); // model load is start-up cost, not build cost
  const { files } = await readSeedDir(dir);
  const { articles } = parseSeeds(files);
  const t0 = performance.now();
  // Held in an object so the core can let go of it before measuring memory.
  const built: { corpus?: ReturnType<typeof buildCorpus> } = { corpus: buildCorpus(articles) };
  const prepareMs = performance.now() - t0;
  const texts = built.corpus!.sentences.map((s) => s.text);
  const sentences = texts.length;
  const { Briefing } = await import('../src/answering/briefing');
  let loadMs: number | undefined;
  const qs = questions.map((x) => x.q);
  let run: (q: string) => unknown;
  let buildMs: number;
  let quality: EngineResult['quality'];
  if (engine === 'core') {
    // As the bot runs after its first start: the corpus read back from its cache (sentences stored by column).
    const { loadBriefing } = await import('../src/answering/load');
    const cacheDir = path.join(OUT, `engine-cache-${size}`);
    rmSync(cacheDir, { recursive: true, force: true });
    await loadBriefing({ seedsDir: dir, cacheDir });
    gc?.();
    const t1 = performance.now();
    const b = (await loadBriefing({ seedsDir: dir, cacheDir })).briefing;
    loadMs = performance.now() - t1;
    const t2 = performance.now();
    Briefing.fromCorpus(built.corpus!);
    buildMs = performance.now() - t2;
    // Measure memory with only what the bot holds: the briefing read from the cache.
    delete built.corpus;
    texts.length = 0;
    run = (q) => b.ask(q);
    quality = { seedTop1: 0, seed: 0, typoTop1: 0, typo: 0, offTopicRefused: 0, offTopic: 0, offTopicAnswers: [] };
    for (const x of questions) {
      // Questions about people are timed, not scored.
      if ((PEOPLE_KINDS as readonly string[]).includes(x.kind)) continue;
      const r = b.ask(x.q);
      const top = r.kind === 'answer' ? r.answers[0]?.text : undefined;
      if (x.kind === 'offtopic') {
        quality.offTopic++;
        if (top === undefined) quality.offTopicRefused++;
        else quality.offTopicAnswers.push(`${x.q} → ${top.slice(0, 100)}`);
      } else {
        const hit = top !== undefined && x.expect !== null && passes(top, x.expect) ? 1 : 0;
        if (x.kind === 'seed') {
          quality.seed++;
          quality.seedTop1 += hit;
        } else {
          quality.typo++;
          quality.typoTop1 += hit;
        }
      }
    }
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
    const probe = timeQueries(qs.slice(0, 3), run, 1).flat();
    const projected = (probe.reduce((a, b) => a + b, 0) / probe.length) * qs.length * 3;
    if (projected > 60_000) {
      return {
        engine,
        size,
        sentences,
        buildMs,
        rssMb: 0,
        heapMb: 0,
        medianMs: percentile(probe, 0.5),
        p99Ms: NaN,
        queries: probe.length,
        slowest: [],
        skipped: `projected ${Math.round(projected / 1000)} s for the run`,
      };
    }
  }
  gc?.();
  const mem = process.memoryUsage();
  const perQuestion = timeQueries(qs, run, engine === 'fuse' ? 1 : 5);
  const times = perQuestion.flat();
  const slowest = perQuestion
    .map((t, i) => ({ q: qs[i], ms: percentile(t, 0.5) }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 10);
  const byKind: NonNullable<EngineResult['byKind']> = {};
  for (const kind of [...new Set(questions.map((x) => x.kind))]) {
    const mine = perQuestion.filter((_, i) => questions[i].kind === kind).flat();
    if (mine.length) byKind[kind] = { questions: questions.filter((x) => x.kind === kind).length, medianMs: percentile(mine, 0.5), p99Ms: percentile(mine, 0.99) };
  }
  return {
    engine,
    size,
    sentences,
    ...(engine === 'core' ? { prepareMs, loadMs, quality } : {}),
    buildMs,
    rssMb: mb(mem.rss),
    heapMb: mb(mem.heapUsed),
    medianMs: percentile(times, 0.5),
    p90Ms: percentile(times, 0.9),
    p99Ms: percentile(times, 0.99),
    queries: times.length,
    slowest,
    byKind,
  };
}

export interface ColdStart {
  size: number;
  noCacheMs: number;
  cachedMs: number;
  /** Peak RSS of the cached start. */
  cachedRssMb: number;
  /** A start after one article was changed (the rest cached). */
  oneChangedMs: number;
  /** The bot restarted after one article changed: its first answer (from the corpus built last)… */
  restartFirstMs: number;
  /** …and its first answer from the changed article. */
  restartChangedMs: number;
  /** Running and watching the folder: from a new file written to its sentence being the top answer. */
  dropInMs: number;
  /** …until the whole corpus, rebuilt with it, replaced the quickly changed one. */
  dropInExactMs: number;
  /** Meanwhile, the longest the answering thread was blocked. */
  dropInStallMs: number;
  /** The running process's peak memory, with the reload (its worker thread included). */
  dropInRssMb: number;
}

/**
 * In this process: load the corpus (cached), watch the folder as the bot does, write a new article
 * and time until a question about it is answered from it; then remove it and wait for that reload.
 */
export async function dropIn(dir: string, cacheDir: string, offThread = true): Promise<{ ms: number; exactMs: number; stallMs: number }> {
  const { loadBriefing, loadChanged } = await import('../src/answering/load');
  const { LiveBriefing } = await import('../src/answering/live');
  const { canLoadOffThread, loadOffThread } = await import('../src/answering/off-thread');
  // As the bot reloads (main.ts): the changed articles at once, then the whole corpus in a worker thread when compiled.
  const reload = () => (offThread && canLoadOffThread() ? loadOffThread({ seedsDir: dir, cacheDir }) : loadBriefing({ seedsDir: dir, cacheDir, writeLater: true }));
  let loaded = await loadBriefing({ seedsDir: dir, cacheDir });
  let exactAt = NaN;
  const live = new LiveBriefing(loaded.briefing, {
    quick: () => loadChanged({ seedsDir: dir, cacheDir, previous: loaded }),
    load: reload,
    onReload: (l) => {
      loaded = l;
      if (l.exact && Number.isNaN(exactAt)) exactAt = performance.now();
    },
  });
  // How long the answering thread was kept from answering, at the longest, while the new article was taken in.
  const { monitorEventLoopDelay } = await import('node:perf_hooks');
  const stalls = monitorEventLoopDelay({ resolution: 10 });
  live.watch(dir);
  const file = path.join(dir, 'zz_bench_dropin.txt');
  const answered = () => live.current.ask('where did the harbour inspectors gather').answers[0]?.source.id === 'zz_bench_dropin';
  const until = async (check: () => boolean) => {
    for (const end = Date.now() + 300_000; !check(); await new Promise((r) => setTimeout(r, 20))) if (Date.now() > end) throw new Error('the dropped-in article was never answered');
  };
  try {
    const t0 = performance.now();
    stalls.enable();
    writeFileSync(file, `---\ntitle: Inspectors gather\npublisher: Bench Wire\npublished: 2026-11-23\n---\nThe harbour inspectors gathered in Valparaiso to compare notes on the pact.\n`);
    await until(answered);
    const ms = performance.now() - t0;
    // And until the whole corpus, rebuilt with it, is swapped in.
    await until(() => !Number.isNaN(exactAt));
    stalls.disable();
    const exactMs = exactAt - t0;
    rmSync(file);
    await until(() => !answered());
    return { ms, exactMs, stallMs: stalls.max / 1e6 };
  } finally {
    rmSync(file, { force: true });
    await live.close();
  }
}

/**
 * The bot (`node dist/src/main.js`, terminal chat) restarted after `file` gained a sentence while it
 * was stopped: from spawn to its first answer, and to the first answer that quotes the new sentence.
 */
export async function botRestart(dir: string, dataDir: string, file: string): Promise<{ firstMs: number; changedMs: number }> {
  const marker = `Inspectors named Quillfeather met at the bench harbour ${Date.now() % 1000}.`;
  const before = readFileSync(file, 'utf8');
  writeFileSync(file, `${before}\n${marker}\n`);
  const t0 = performance.now();
  const bot = spawn(process.execPath, [path.join(ROOT, 'dist/src/main.js')], {
    env: { ...process.env, SEEDS_DIR: dir, DATA_DIR: dataDir, SLACK_BOT_TOKEN: '', DISCORD_TOKEN: '' },
    stdio: ['pipe', 'pipe', 'ignore'],
  });
  try {
    let out = '';
    let firstMs = NaN;
    let changedMs = NaN;
    const ask = setInterval(() => bot.stdin.write('where did the inspectors named Quillfeather meet\n'), 100);
    await new Promise<void>((resolve, reject) => {
      const timeout = setTimeout(() => reject(new Error('the restarted bot never answered from the changed article')), 600_000);
      bot.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (Number.isNaN(firstMs) && out.trim()) firstMs = performance.now() - t0;
        if (out.includes('Quillfeather met')) {
          changedMs = performance.now() - t0;
          clearTimeout(timeout);
          resolve();
        }
      });
      bot.once('exit', (code) => reject(new Error(`the bot stopped (exit code ${code})`)));
    });
    clearInterval(ask);
    return { firstMs, changedMs };
  } finally {
    bot.kill('SIGTERM');
    await new Promise((r) => bot.once('exit', r));
    writeFileSync(file, before);
  }
}

/** Wall time of `node dist/src/cli.js ask … --json` from spawn to exit: without the corpus cache, with it, and after one article changed. */
export async function coldStart(dir: string, size: number): Promise<ColdStart> {
  const cache = path.join(OUT, `data-${size}`);
  rmSync(cache, { recursive: true, force: true });
  const cli = path.join(ROOT, 'dist/src/cli.js');
  const preload = path.join(ROOT, 'dist/scripts/maxrss.js');
  const once = () => {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, ['--require', preload, cli, 'ask', 'who attended', '--json', '--seeds', dir], {
      env: { ...process.env, DATA_DIR: cache },
      encoding: 'utf8',
      maxBuffer: 1 << 26,
    });
    const ms = performance.now() - t0;
    if (r.status !== 0 || !r.stdout.includes('"kind":"answer"')) throw new Error(`cold start run failed: ${r.stderr.slice(0, 500)}`);
    const rss = /maxrss (\d+)/.exec(r.stderr);
    return { ms, rssMb: rss ? Number(rss[1]) / 1024 : NaN };
  };
  const noCacheMs = once().ms;
  const cached = [once(), once()].sort((a, b) => a.ms - b.ms)[0];
  // Change one article (the last one), start once, and put it back.
  const last = readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .pop()!;
  const file = path.join(dir, last);
  const before = readFileSync(file, 'utf8');
  writeFileSync(file, before + '\nOne more sentence was added to this article for the benchmark.\n');
  let oneChangedMs: number;
  try {
    oneChangedMs = once().ms;
  } finally {
    writeFileSync(file, before);
  }
  once(); // the cache back to the unchanged corpus
  const restart = await botRestart(dir, cache, file);
  once();
  const live = spawnSync(process.execPath, [__filename, '--drop-in', '--dir', dir, '--cache', path.join(cache, 'cache')], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const m = /drop-in (\d+(?:\.\d+)?) exact (\d+(?:\.\d+)?) stall (\d+(?:\.\d+)?) rss (\d+(?:\.\d+)?)/.exec(live.stdout);
  if (!m) throw new Error(`drop-in run failed: ${live.stderr.slice(0, 500)}`);
  return {
    size,
    noCacheMs,
    cachedMs: cached.ms,
    cachedRssMb: cached.rssMb,
    oneChangedMs,
    restartFirstMs: restart.firstMs,
    restartChangedMs: restart.changedMs,
    dropInMs: Number(m[1]),
    dropInExactMs: Number(m[2]),
    dropInStallMs: Number(m[3]),
    dropInRssMb: Number(m[4]),
  };
}

const f = (n: number | undefined, d = 1) => (n === undefined || Number.isNaN(n) ? '—' : n.toFixed(d));

/** What a run measured, as `bench/out/results.json` holds it. */
export interface BenchResults {
  date: string;
  questions: { kind: BenchQuestion['kind'] }[];
  results: EngineResult[];
  coldStart: ColdStart[];
}

/** The run's tables in Markdown, as printed and as `--markdown` writes them into docs/performance.md. */
export function benchTables({ date, questions, results, coldStart: cold }: BenchResults): string {
  const out: string[] = [];
  const log = (line: string) => out.push(line);
  log(`Measured ${date.slice(0, 10)} by \`npm run bench\` (sizes ${[...new Set(results.map((r) => r.size))].join(', ')}).`);
  const kinds = (k: BenchQuestion['kind']) => questions.filter((x) => x.kind === k).length;
  const people = PEOPLE_KINDS.reduce((n, k) => n + kinds(k), 0);
  log(
    `\nQuery latency on ${questions.length} questions (${kinds('seed')} about the seeds, ${kinds('typo')} of them misspelled, ${kinds('offtopic')} off-topic, ${people} about people), 5 rounds; ms unless noted\n`,
  );
  log('| articles | sentences | engine | prepare ms | index build ms | load from cache ms | RSS MB | heap MB | median ms | p90 ms | p99 ms | MiniSearch median ÷ core median |');
  log('|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of results) {
    const ms = results.find((x) => x.size === r.size && x.engine === 'minisearch');
    const ratio = r.engine === 'core' && ms ? `${Math.round(ms.medianMs / r.medianMs)}×` : '';
    log(
      `| ${r.size} | ${r.sentences} | ${r.engine} | ${f(r.prepareMs, 0)} | ${f(r.buildMs, 1)} | ${f(r.loadMs, 0)} | ${f(r.rssMb, 0)} | ${f(r.heapMb, 0)} | ${f(r.medianMs, 3)} | ${r.p90Ms === undefined ? '–' : f(r.p90Ms, 3)} | ${r.skipped ? `skipped (${r.skipped})` : f(r.p99Ms, 3)} | ${ratio} |`,
    );
  }
  const core = (n: number) => results.find((r) => r.engine === 'core' && r.size === n);
  if (core(1000) && core(10000)) log(`\nGrowth 1,000 → 10,000 articles: core median × ${f(core(10000)!.medianMs / core(1000)!.medianMs, 2)}, p99 × ${f(core(10000)!.p99Ms / core(1000)!.p99Ms, 2)}`);
  const cores = results.filter((r) => r.engine === 'core');
  if (cores.length) {
    log('\nThe core, per size: answers and refusals\n');
    log('| articles | seed questions top-1 | misspelled top-1 | off-topic refused |');
    log('|---:|---:|---:|---:|');
    for (const r of cores) {
      const q = r.quality!;
      log(`| ${r.size} | ${q.seedTop1}/${q.seed} | ${q.typoTop1}/${q.typo} | ${q.offTopicRefused}/${q.offTopic} |`);
    }
    const kindNames = [...new Set(cores.flatMap((r) => Object.keys(r.byKind ?? {})))];
    if (kindNames.length) {
      log('\nThe core, per kind of question: median / p99 ms\n');
      log(`| articles | ${kindNames.map((k) => `${k} (${kinds(k as BenchQuestion['kind'])})`).join(' | ')} |`);
      log(`|---:|${kindNames.map(() => '---:').join('|')}|`);
      for (const r of cores) log(`| ${r.size} | ${kindNames.map((k) => (r.byKind?.[k] ? `${f(r.byKind[k].medianMs, 2)} / ${f(r.byKind[k].p99Ms, 1)}` : '–')).join(' | ')} |`);
    }
    for (const r of cores) log(`\nThe ten slowest questions at ${r.size} articles (median of 5, ms): ${r.slowest.map((s) => `${s.q} (${f(s.ms, 1)})`).join('; ')}`);
    for (const r of cores) for (const a of r.quality!.offTopicAnswers) log(`  ${r.size} articles, off-topic answered: ${a}`);
  }
  if (cold.length) {
    log('\nStarts (process start to first answer, `node dist/src/cli.js ask`):\n');
    log(
      '| articles | nothing cached ms | cached ms | cached peak RSS MB | one article changed ms | bot restarted after a change: first answer ms | …the change answered ms | dropped in while running: answered after ms | …whole corpus rebuilt with it ms | longest stall meanwhile ms | peak RSS with the reload MB |',
    );
    log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
    for (const c of cold)
      log(
        `| ${c.size} | ${f(c.noCacheMs, 0)} | ${f(c.cachedMs, 0)} | ${f(c.cachedRssMb, 0)} | ${f(c.oneChangedMs, 0)} | ${f(c.restartFirstMs, 0)} | ${f(c.restartChangedMs, 0)} | ${f(c.dropInMs, 0)} | ${f(c.dropInExactMs, 0)} | ${f(c.dropInStallMs, 0)} | ${f(c.dropInRssMb, 0)} |`,
      );
  }
  return out.join('\n');
}

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
      'drop-in': { type: 'boolean' },
      cache: { type: 'string' },
      'in-thread': { type: 'boolean' },
      markdown: { type: 'boolean' },
      render: { type: 'boolean' },
      restart: { type: 'boolean' },
    },
  });
  if (values.restart) {
    // --restart --dir DIR --cache DATA_DIR: the bot restarted after one article changed, alone (first answer, and the change answered).
    const file = path.join(
      values.dir!,
      readdirSync(values.dir!)
        .filter((f) => f.endsWith('.txt'))
        .sort()[7] ?? '',
    );
    const r = await botRestart(values.dir!, values.cache!, file);
    process.stdout.write(`restart first ${Math.round(r.firstMs)} changed ${Math.round(r.changedMs)}\n`);
    return;
  }
  if (values.render) {
    // --render: the tables of the last run (bench/out/results.json) again, without measuring.
    report(JSON.parse(readFileSync(path.join(OUT, 'results.json'), 'utf8')) as BenchResults, values.markdown === true);
    return;
  }
  if (values['drop-in']) {
    const r = await dropIn(values.dir!, values.cache!, !values['in-thread']);
    process.stdout.write(`drop-in ${r.ms} exact ${r.exactMs} stall ${r.stallMs} rss ${process.resourceUsage().maxRSS / 1024}\n`);
    return;
  }
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
    const dir = path.join(OUT, `corpus-${size}`);
    const marker = path.join(dir, `.complete-${CORPUS_VERSION}`);
    if (!existsSync(marker)) {
      process.stderr.write(`generating ${size} articles…\n`);
      generateCorpus(path.join(ROOT, 'seeds'), dir, size);
      writeFileSync(marker, '');
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
    if (!values['no-cold']) cold.push(await coldStart(dir, size));
  }
  const run: BenchResults = { date: new Date().toISOString(), questions: questions.map((x) => ({ kind: x.kind })), results, coldStart: cold };
  writeFileSync(path.join(OUT, 'results.json'), JSON.stringify(run, null, 2));
  report(run, values.markdown === true);
  console.log(`\nWritten to ${path.relative(process.cwd(), path.join(OUT, 'results.json'))}`);
}

/** Prints the tables and, with --markdown, writes them into docs/performance.md. */
function report(run: BenchResults, markdown: boolean): void {
  const tables = benchTables(run);
  console.log(tables);
  if (markdown) {
    writeBetweenMarkers(path.join(ROOT, 'docs/performance.md'), 'bench', tables);
    console.log('\nWritten into docs/performance.md');
  }
}

if (require.main === module) void main();
