/**
 * Ranking sentences for a question: BM25 over term groups (each query word
 * with its spelling correction and synonyms, scored by the best of them),
 * multiplied by how much of the question a sentence covers, by whether the
 * sentence holds what the question kind asks for (a person, a date, a place,
 * an amount, a cause), and by adjacent query words appearing adjacent.
 */
import type { SearchIndex } from './bm25';
import type { AnalyzedQuestion, QuestionKind, QuestionWord } from './question';
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

export class Ranker {
  private readonly maxIdf: number;

  constructor(
    private readonly index: SearchIndex,
    private readonly sentences: readonly Sentence[],
    private readonly speller: Speller,
    /** Surface word (lower case) → its search term, for spelling corrections. */
    private readonly surface: ReadonlyMap<string, string>,
    readonly options: RankOptions = DEFAULT_RANK_OPTIONS,
  ) {
    this.maxIdf = index.idf('\u0000never');
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
        const t = (c && this.surface.get(c.word)) ?? this.speller.correct(w.term)?.word;
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
        alts.push({ term: publishedYearTerm(key), weight: this.options.synonymWeight, via: 'synonym' });
      }
      for (const x of expansions.get(key) ?? []) {
        if (this.index.has(x.term) && !alts.some((a) => a.term === x.term)) alts.push({ term: x.term, weight: x.weight, via: x.weight >= 1 ? 'exact' : 'synonym' });
      }
      for (const r of relatedTerms(key)) {
        if (this.index.has(r) && !alts.some((a) => a.term === r)) alts.push({ term: r, weight: this.options.synonymWeight, via: 'synonym' });
      }
      const known = alts.length > 0;
      out.push({ word: w.raw, alternatives: alts, idf: primary ? this.index.idf(primary) : this.maxIdf, known });
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
    const { score, mass, touched } = this.index.scratch;
    let nTouched = 0;
    for (const g of groups) {
      // Best alternative per sentence within the group.
      const best = new Map<number, { s: number; w: number }>();
      for (const a of g.alternatives) {
        this.index.forEachPosting(a.term, (d, s) => {
          const v = s * a.weight;
          const cur = best.get(d);
          if (!cur || v > cur.s) best.set(d, { s: v, w: a.weight });
        });
      }
      for (const [d, { s, w }] of best) {
        if (score[d] === 0 && mass[d] === 0) touched[nTouched++] = d;
        score[d] += s;
        mass[d] += g.idf * w;
      }
    }
    const feature = KIND_FEATURE[q.kind];
    const pre: Ranked[] = [];
    for (let i = 0; i < nTouched; i++) {
      const d = touched[i];
      const coverage = Math.min(1, mass[d] / totalMass);
      let s = score[d] * Math.pow(coverage, this.options.coveragePower);
      if (feature && this.sentences[d].has[feature]) s *= this.options.kindBoost;
      if (hints.boost) s *= hints.boost(d);
      pre.push({ idx: d, score: s, coverage });
      score[d] = 0;
      mass[d] = 0;
    }
    const top = topK(pre, Math.max(limit, this.options.rerank));
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

/** The k highest-scoring entries, best first. */
export function topK(items: Ranked[], k: number): Ranked[] {
  if (items.length <= k) return items.sort((a, b) => b.score - a.score || a.idx - b.idx);
  const heap: Ranked[] = [];
  const worse = (a: Ranked, b: Ranked) => a.score < b.score || (a.score === b.score && a.idx > b.idx);
  const siftDown = (i: number) => {
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
  for (const it of items) {
    if (heap.length < k) {
      heap.push(it);
      for (let i = heap.length - 1; i > 0; ) {
        const p = (i - 1) >> 1;
        if (!worse(heap[i], heap[p])) break;
        [heap[i], heap[p]] = [heap[p], heap[i]];
        i = p;
      }
    } else if (worse(heap[0], it)) {
      heap[0] = it;
      siftDown(0);
    }
  }
  return heap.sort((a, b) => b.score - a.score || a.idx - b.idx);
}
