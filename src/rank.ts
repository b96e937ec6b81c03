/**
 * Ranking sentences for a question: BM25 over term groups (each query word
 * with its spelling correction and synonyms, scored by the best of them),
 * multiplied by how much of the question a sentence covers, by whether the
 * sentence holds what the question kind asks for (a person, a date, a place,
 * an amount, a cause), and by adjacent query words appearing adjacent.
 */
import type { SearchIndex } from './bm25';
import { monthOf } from './dates';
import { isLightTerm, type AnalyzedQuestion, type QuestionKind, type QuestionWord } from './question';
import type { Speller } from './spell';
import { relatedTerms } from './synonyms';
import type { Sentence, SentenceFeatures } from './types';

export interface RankOptions {
  /** Weight of a synonym relative to the word itself. Default 0.6. */
  synonymWeight: number;
  /** Weight of a spelling-corrected word. Default 0.85. */
  correctionWeight: number;
  /** Exponent on coverage (share of the question's weight a sentence matches). Default 2. */
  coveragePower: number;
  /** Multiplier when a sentence holds what the question kind asks for. Default 2. */
  kindBoost: number;
  /** Extra per adjacent pair of query words found adjacent. Default 0.2. */
  phraseBonus: number;
  /** How many top sentences get the phrase check. Default 50. */
  rerank: number;
}

export const DEFAULT_RANK_OPTIONS: RankOptions = {
  synonymWeight: 0.6,
  correctionWeight: 0.85,
  coveragePower: 2,
  kindBoost: 2,
  phraseBonus: 0.2,
  rerank: 50,
};

export interface Alternative {
  term: string;
  weight: number;
  via: 'exact' | 'spelling' | 'synonym';
}

export interface TermGroup {
  word: string;
  alternatives: Alternative[];
  /** Weight of the group in coverage: its word's idf, or the rarest idf when unknown. */
  idf: number;
  known: boolean;
}

export interface Ranked {
  idx: number;
  score: number;
  /** Share (0…1) of the question's weight the sentence matches. */
  coverage: number;
  /** How many of the question's term groups the sentence matches. */
  matched: number;
}

/** What the caller knows beyond the words: entity links and per-sentence boosts. */
export interface RankHints {
  /** Query term → further terms that stand for the same thing ("chinese president" → "xi", "jingping" → "jinping"). */
  expansions?: ReadonlyMap<string, { term: string; weight: number }[]>;
  /** Multiplier for a sentence (default 1). */
  boost?: (idx: number) => number;
}

const KIND_FEATURE: Partial<Record<QuestionKind, keyof SentenceFeatures>> = {
  who: 'person',
  when: 'date',
  where: 'place',
  quantity: 'number',
  why: 'cause',
};

/**
 * A pseudo-term every sentence carries for its article's year of publication,
 * so "the 2016 talks" also finds talks reported in 2016 ("this week").
 */
export function publishedYearTerm(year: string): string {
  return `@published:${year}`;
}

/** The same for the month of publication (1–12), so "the June talks" finds talks reported in June. */
export function publishedMonthTerm(month: number): string {
  return `@published-month:${String(month).padStart(2, '0')}`;
}

export class Ranker {
  private readonly maxIdf: number;
  private epoch = 0;
  /** Groups matching more sentences than this are scored only on candidates (see rank). */
  private readonly frequentDf: number;
  private readonly groupDocs: Int32Array;
  private readonly finals: Float64Array;

  constructor(
    private readonly index: SearchIndex,
    private readonly sentences: readonly Sentence[],
    private readonly speller: Speller,
    /** Surface word (lower case) → its search term, for spelling corrections. */
    private readonly surface: ReadonlyMap<string, string>,
    readonly options: RankOptions = DEFAULT_RANK_OPTIONS,
  ) {
    this.maxIdf = index.idf('\u0000never');
    this.groupDocs = new Int32Array(index.size);
    this.frequentDf = Math.max(2_000, index.size * 0.02);
    this.finals = new Float64Array(index.size);
  }

  groups(q: AnalyzedQuestion, expansions: RankHints['expansions'] = new Map()): TermGroup[] {
    const out: TermGroup[] = [];
    const seen = new Set<string>();
    for (const w of this.joinCompounds(q.words)) {
      const alts: Alternative[] = [];
      let primary: string | undefined;
      if (this.index.has(w.term)) {
        primary = w.term;
        alts.push({ term: w.term, weight: 1, via: 'exact' });
      } else {
        const c = this.speller.correct(w.raw);
        const t = (c && this.surface.get(c.word)) ?? (w.term !== w.raw ? this.speller.correct(w.term)?.word : undefined);
        if (t && this.index.has(t)) {
          primary = t;
          alts.push({ term: t, weight: this.options.correctionWeight, via: 'spelling' });
        }
      }
      const key = primary ?? w.term;
      // The same word twice, or two words for one thing ("deal … agreed"): one group.
      if (seen.has(key)) continue;
      const same = out.find((g) => g.alternatives.some((a) => a.term === key));
      if (same) {
        for (const a of same.alternatives) if (a.term === key && a.weight < (alts[0]?.weight ?? 1)) Object.assign(a, alts[0] ?? {});
        continue;
      }
      seen.add(key);
      if (/^(?:19|20)\d\d$/.test(key) && this.index.has(publishedYearTerm(key))) {
        alts.push({ term: publishedYearTerm(key), weight: this.options.correctionWeight, via: 'synonym' });
      }
      const month = monthOf(w.raw);
      if (month !== undefined && this.index.has(publishedMonthTerm(month))) {
        alts.push({ term: publishedMonthTerm(month), weight: this.options.correctionWeight, via: 'synonym' });
      }
      for (const x of expansions.get(key) ?? []) {
        if (this.index.has(x.term) && !alts.some((a) => a.term === x.term)) alts.push({ term: x.term, weight: x.weight, via: x.weight >= 1 ? 'exact' : 'synonym' });
      }
      for (const r of relatedTerms(key)) {
        if (this.index.has(r) && !alts.some((a) => a.term === r)) alts.push({ term: r, weight: this.options.synonymWeight, via: 'synonym' });
      }
      const known = alts.length > 0;
      const weight = isLightTerm(w.term) ? 0.5 : 1;
      out.push({ word: w.raw, alternatives: alts, idf: weight * (primary ? this.index.idf(primary) : this.maxIdf), known });
    }
    return out;
  }

  /** Adjacent words whose concatenation the corpus uses ("hot line" → "hotline", "cyber security" → "cybersecurity"). */
  private joinCompounds(words: readonly QuestionWord[]): QuestionWord[] {
    const out: QuestionWord[] = [];
    for (let i = 0; i < words.length; i++) {
      const next = words[i + 1];
      const joined = next && this.surface.get(words[i].raw + next.raw);
      if (joined && !this.index.has(words[i].term)) {
        out.push({ raw: words[i].raw + next.raw, term: joined });
        i++;
      } else if (joined && !this.index.has(next.term)) {
        out.push({ raw: words[i].raw + next.raw, term: joined });
        i++;
      } else out.push(words[i]);
    }
    return out;
  }

  /** Sentences ranked best first (at most `limit`), with the groups used. */
  rank(q: AnalyzedQuestion, limit = 10, hints: RankHints = {}): { groups: TermGroup[]; results: Ranked[] } {
    const groups = this.groups(q, hints.expansions);
    const totalMass = groups.reduce((s, g) => s + g.idf, 0);
    if (!groups.some((g) => g.known) || totalMass === 0) return { groups, results: [] };
    const { score, mass, touched, best, bestWeight, stamp, hits } = this.index.scratch;
    let nTouched = 0;
    let epoch = this.epoch;
    // Rare groups first, through their postings; a group whose words are frequent (a large share of
    // all sentences) only scores the sentences the rare ones found (MaxScore-style pruning), unless
    // there is no rare group at all.
    const frequent = (g: TermGroup) => g.alternatives.reduce((n, a) => n + this.index.df(a.term), 0) > this.frequentDf;
    const ordered = [...groups].sort((a, b) => Number(frequent(a)) - Number(frequent(b)));
    for (const g of ordered) {
      epoch = (epoch + 1) | 0;
      let nGroup = 0;
      const groupDocs = this.groupDocs;
      const consider = (d: number, v: number, w: number) => {
        if (stamp[d] !== epoch) {
          stamp[d] = epoch;
          best[d] = v;
          bestWeight[d] = w;
          groupDocs[nGroup++] = d;
        } else if (v > best[d]) {
          best[d] = v;
          bestWeight[d] = w;
        }
      };
      if (frequent(g) && nTouched > 0) {
        for (const a of g.alternatives) {
          const idf = this.index.idf(a.term);
          for (let i = 0; i < nTouched; i++) {
            const d = touched[i];
            const tf = this.index.tf(a.term, d);
            if (tf > 0) consider(d, this.index.weight(idf, tf, d) * a.weight, a.weight);
          }
        }
      } else {
        for (const a of g.alternatives) {
          const p = this.index.postings(a.term);
          if (!p) continue;
          const idf = this.index.idf(a.term);
          const { ids, tfs } = p;
          for (let i = 0; i < ids.length; i++) consider(ids[i], this.index.weight(idf, tfs[i], ids[i]) * a.weight, a.weight);
        }
      }
      for (let i = 0; i < nGroup; i++) {
        const d = groupDocs[i];
        if (score[d] === 0 && mass[d] === 0) touched[nTouched++] = d;
        score[d] += best[d];
        mass[d] += g.idf * bestWeight[d];
        hits[d]++;
      }
    }
    this.epoch = epoch;
    const feature = KIND_FEATURE[q.kind];
    const finals = this.finals;
    for (let i = 0; i < nTouched; i++) {
      const d = touched[i];
      const coverage = Math.min(1, mass[d] / totalMass);
      let s = score[d] * Math.pow(coverage, this.options.coveragePower);
      if (feature && this.sentences[d].has[feature]) s *= this.options.kindBoost;
      if (hints.boost) s *= hints.boost(d);
      finals[d] = s;
      best[d] = coverage;
    }
    const chosen = topIndexes(touched, nTouched, finals, Math.max(limit, this.options.rerank));
    const pre: Ranked[] = chosen.map((d) => ({ idx: d, score: finals[d], coverage: best[d], matched: hits[d] }));
    for (let i = 0; i < nTouched; i++) {
      const d = touched[i];
      score[d] = 0;
      mass[d] = 0;
      hits[d] = 0;
    }
    const top = pre;
    for (const r of top) r.score *= 1 + this.options.phraseBonus * this.adjacentPairs(groups, this.sentences[r.idx].terms);
    top.sort((a, b) => b.score - a.score || a.idx - b.idx);
    return { groups, results: top.slice(0, limit) };
  }

  private adjacentPairs(groups: TermGroup[], terms: readonly string[]): number {
    let n = 0;
    for (let g = 0; g + 1 < groups.length; g++) {
      const a = new Set(groups[g].alternatives.filter((x) => x.via !== 'synonym').map((x) => x.term));
      const b = new Set(groups[g + 1].alternatives.filter((x) => x.via !== 'synonym').map((x) => x.term));
      if (!a.size || !b.size) continue;
      for (let i = 0; i + 1 < terms.length; i++) {
        if (a.has(terms[i]) && b.has(terms[i + 1])) {
          n++;
          break;
        }
      }
    }
    return n;
  }
}

/** Indexes of the k highest scores among the first n of `ids`, best first (ties: lower index first). */
export function topIndexes(ids: Int32Array, n: number, scores: Float64Array, k: number): number[] {
  const heap: number[] = [];
  const worse = (a: number, b: number) => scores[a] < scores[b] || (scores[a] === scores[b] && a > b);
  const up = (i: number) => {
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!worse(heap[i], heap[p])) return;
      [heap[i], heap[p]] = [heap[p], heap[i]];
      i = p;
    }
  };
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && worse(heap[l], heap[m])) m = l;
      if (r < heap.length && worse(heap[r], heap[m])) m = r;
      if (m === i) return;
      [heap[i], heap[m]] = [heap[m], heap[i]];
      i = m;
    }
  };
  for (let i = 0; i < n; i++) {
    const d = ids[i];
    if (heap.length < k) {
      heap.push(d);
      up(heap.length - 1);
    } else if (worse(heap[0], d)) {
      heap[0] = d;
      down(0);
    }
  }
  return heap.sort((a, b) => scores[b] - scores[a] || a - b);
}
