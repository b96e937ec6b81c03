/**
 * Ranking sentences for a question, from principles that hold on any English
 * text:
 *
 * - BM25 over search terms, each question word a group of alternatives (the
 *   word, its spelling correction, related words from WordNet, names the
 *   corpus links to it), scored by the best alternative, weighted by idf;
 * - coverage: the share of the question's idf a sentence matches, raised to a
 *   power, so one rare word does not outrank the whole question;
 * - the passage: the sentence's paragraph scored as a whole and mixed in, so
 *   a sentence whose subject was named a sentence earlier still ranks;
 * - answer type: a sentence holding the kind of thing asked for (a name the
 *   question does not contain, a date, a number, a place, a cause) is boosted;
 * - proximity: the question's words close together in the sentence (tuned
 *   to 0 today: the passage mix does more).
 */
import type { SearchIndex } from './bm25';
import { monthOf } from '../language/dates';
import { spannedYearTerm } from '../language/periods';
import { numberTerm } from '../language/numbers';
import { WORDNET_DICTIONARY, type Dictionary } from '../language/wordnet';
import { termOf } from '../language/text';
import { DEFAULT_LEXICON, type AnswerType, type Lexicon } from '../language/lexicon';
import { isLightTerm, type AnalyzedQuestion, type QuestionKind, type QuestionWord } from './question';
import type { Relation, RelatedTable } from '../language/related';
import { nearFunctionWord, readSlips, type Speller } from './spell';
import type { Sentence } from '../types';

export interface RankOptions {
  /** Weight of a WordNet synonym relative to the word itself. Default: see DEFAULT_RANK_OPTIONS. */
  synonymWeight: number;
  /** Weight of a WordNet derivation or pertainym (agree → agreement, Chinese → China). */
  derivedWeight: number;
  /** Weight of a kind of the question's word (WordNet hyponym: "promise" → "pledge"). */
  hyponymWeight: number;
  /** A question word with more kinds than this among the corpus's words matches none of them by kind. */
  maxKinds: number;
  /** Weight of a more general word (WordNet hypernym: "deal" → "agreement"). */
  hypernymWeight: number;
  /** Weight of the word's opposite (WordNet antonym: "admit" → "deny"), in yes/no questions only. */
  antonymWeight: number;
  /** Weight of a spelling-corrected word. */
  correctionWeight: number;
  /**
   * Weight in coverage of a question word the corpus never uses (and no related word stands in for),
   * relative to the rarest word's idf: below 1, a paraphrase's odd word costs less than a missing topic.
   */
  unknownWeight: number;
  /** The same for a name (a word capitalised inside the question) the corpus never mentions: what the question is about is missing. */
  unknownNameWeight: number;
  /** Exponent on coverage (share of the question's idf a sentence matches). */
  coveragePower: number;
  /** How much of the paragraph's score is mixed into each of its sentences' (0: none). */
  passageMix: number;
  /** Multiplier when a sentence holds the answer type the question asks for. */
  answerTypeBoost: number;
  /**
   * A further multiplier for a sentence that states a count of what "how many X" counts: a number
   * at most three words before X ("sacked him seven times", "105 receptions", "8 Super Bowl
   * appearances"), not only some number ("with 11 seconds left"). 1: off.
   */
  countBoost: number;
  /**
   * An article's title names what the article is about, and its sentences often leave that unsaid
   * ("The game was played on February 7" in "Super Bowl 50"; "the university" in "University of
   * Notre Dame"): a question word its sentence lacks but its article's title holds counts for the
   * sentence at this weight (0: off), as a word inherited from the sentence before counts
   * (anaphorWeight). It fills in what a sentence left unsaid; it never makes a sentence a candidate.
   */
  titleWeight: number;
  /** Bonus for the question's words close together: up to this much more when they are adjacent. */
  proximityWeight: number;
  /** How many top sentences get the proximity check. */
  rerank: number;
  /** 1: a term's rarity (idf) is counted over paragraphs rather than sentences; 0: over sentences. */
  paragraphIdf: number;
  /**
   * Weight of a word the question uses as a verb, in score and coverage: the things a question
   * names ("when was the *deal* signed") say more about its answer than what it says of them
   * (the keyword order of classic question answering: names and nouns before verbs). Not in
   * what-questions, where "what" usually stands for what the verb's subject or object is ("what
   * was agreed", "what did Kerry say"): there the verb says how the answer relates to the rest.
   */
  verbWeight: number;
  /**
   * A sentence that opens by pointing back ("This contract, worth almost $100 million …" after
   * "… Under Armour reached an agreement"; lexicon.anaphor) also matches the question's words its
   * paragraph's previous sentence holds, at this weight. Its own words still count in full. A
   * sentence inherits at the higher of this and neighbourWeight (0 here: only the neighbour weight).
   */
  anaphorWeight: number;
  /**
   * Any other sentence continues the one before it in its paragraph (a paragraph keeps to one
   * subject: "The event was held on February 1, 2016 at SAP Center" after "The game's media day …
   * was moved to the Monday evening"), so it matches the words that sentence holds at this lower
   * weight (0: off). Its own words still count in full.
   */
  neighbourWeight: number;
  /**
   * Adjacent words capitalised in the question that the corpus only ever writes together ("Notre
   * Dame": each is found beside the other in 90% of its sentences or more) are one name:
   * one term group, weighing as its rarest word, instead of one per word, which counts the name
   * twice. Default true.
   */
  mergeNames: boolean;
  /**
   * A question word the corpus does not hold and the dictionary (WordNet) does not know either, in
   * lower case ("max baucus"), or knows only as a name (every sense a proper noun: "beijing",
   * "obama"), weighs as a name the corpus never mentions (unknownNameWeight), as it would
   * capitalised. Default true.
   */
  lowerCaseNames: boolean;
  /**
   * A question word found in more than `frequentMin` sentences and in more than this share of them
   * is frequent: it only scores the sentences its question's rarer words found, rather than every
   * sentence that holds it (MaxScore-style pruning). A frequent word has little idf to add to a
   * sentence no rarer word is in, and walking its postings is most of a question's time in a large
   * corpus. Speed, not answers, on a small corpus: with the defaults nothing is pruned below 200,000
   * sentences. Default 0.01 (docs/decisions.md, "Speed").
   */
  frequentShare: number;
  /** See frequentShare. Default 2,000. */
  frequentMin: number;
}

/** About what finding a word's count in one candidate sentence costs, in postings walked: a sentence's length. */
const TF_SCAN_COST = 16;

/** Chosen by scripts/tune.ts over the agreement and general dev sets (docs/decisions.md); frequentShare by scripts/latency.ts (docs/decisions.md, "Speed"). */
export const DEFAULT_RANK_OPTIONS: RankOptions = {
  synonymWeight: 0.6,
  derivedWeight: 0.6,
  hyponymWeight: 0.2,
  maxKinds: 8,
  hypernymWeight: 0,
  antonymWeight: 0.5,
  correctionWeight: 0.85,
  unknownWeight: 0.8,
  unknownNameWeight: 2,
  coveragePower: 1,
  passageMix: 0.5,
  answerTypeBoost: 2,
  countBoost: 1.3,
  proximityWeight: 0,
  rerank: 50,
  paragraphIdf: 0,
  verbWeight: 0.5,
  anaphorWeight: 0.5,
  neighbourWeight: 0.3,
  titleWeight: 0.5,
  mergeNames: true,
  lowerCaseNames: true,
  frequentShare: 0.01,
  frequentMin: 2_000,
};

export interface Alternative {
  term: string;
  weight: number;
  via: 'exact' | 'spelling' | 'related';
}

export interface TermGroup {
  word: string;
  alternatives: Alternative[];
  /** Weight of the group in coverage: its word's idf, or the rarest idf when unknown. */
  idf: number;
  known: boolean;
  /** Multiplier of its words' BM25 scores (below 1 for a verb; see RankOptions.verbWeight). */
  factor: number;
  /** Is its word a name (capitalised in the question, or one English knows only as a name or not at all) or a year? */
  name?: boolean;
}

export interface Ranked {
  idx: number;
  score: number;
  /** Share (0…1) of the question's weight the sentence matches. */
  coverage: number;
  /** The same share for the sentence's paragraph as a whole. */
  passageCoverage: number;
  /** How many of the question's term groups the sentence matches. */
  matched: number;
  /** How many it matches by the word itself (or its spelling correction, or a name linked to it), not by a related word. */
  matchedDirect: number;
}

/** What the caller knows beyond the words: entity links and per-sentence boosts. */
export interface RankHints {
  /** Query term → further terms that stand for the same thing ("chinese president" → "xi", "jingping" → "jinping"). */
  expansions?: ReadonlyMap<string, { term: string; weight: number }[]>;
  /** Multiplier for a sentence (default 1). */
  boost?: (idx: number) => number;
  /** The most `boost` multiplies by (at least 1): a sentence that could not reach the top even so is not looked at. Unset: every candidate is. */
  boostMax?: number;
}

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

/**
 * Does a sentence (its terms, stop words left out) state a count of `counted`: a number in digits or
 * words at most three terms before it ("seven time", "2249 yard", "8 super bowl appear")?
 */
export function statesCount(terms: readonly string[], counted: string, numberTerms: ReadonlySet<string>): boolean {
  for (let i = 0; i < terms.length; i++) {
    if (terms[i] !== counted) continue;
    for (let j = Math.max(0, i - 3); j < i; j++) if (/^\d/.test(terms[j]) || numberTerms.has(terms[j])) return true;
  }
  return false;
}

/** A year as a question or the tagger writes it: "1928", "2015". */
const isYear = (term: string): boolean => /^(?:1[0-9]|20)\d\d$/.test(term);

/**
 * Does the sentence hold something of the type asked for that the question does not already name?
 * `topic`: terms that are no answer either, the sentence's article's title (what the article is about:
 * "Super Bowl" is not who won Super Bowl 50).
 */
export function holdsAnswerType(s: Sentence, type: AnswerType, questionTerms: ReadonlySet<string>, lexicon: Lexicon = DEFAULT_LEXICON, topic: ReadonlySet<string> = new Set()): boolean {
  const unstated = (t: string) => !questionTerms.has(t) && !topic.has(t);
  if (type === 'frequency') return holdsAnswerType(s, 'date', questionTerms, lexicon, topic) || holdsAnswerType(s, 'number', questionTerms, lexicon, topic);
  // An amount of money is read from the text ("$1.2 billion", "5 million dollars"): the tagger's numbers do not say which are money.
  if (type === 'money') return lexicon.money.test(s.text);
  // A year among the sentence's dates (the tagger's date terms hold its years as written).
  if (type === 'year') return s.answers.date.some((t) => isYear(t) && unstated(t));
  return s.answers[type].some(unstated);
}

/** What a Ranker ranks: the corpus's sentences, their index, and what is known about their words. */
export interface RankerInput {
  index: SearchIndex;
  /** The indexed sentences, an article's consecutive (the index's document d is sentences[d]). */
  sentences: readonly Sentence[];
  /** Spelling corrections of the question's words, from the corpus's vocabulary. */
  speller: Speller;
  /** Surface word (lower case) → its search term, for spelling corrections. */
  surface: ReadonlyMap<string, string>;
  /** Question word → the corpus terms related to it (language/related.ts). */
  related: RelatedTable;
  /** Each article's title as search terms, by article id (see RankOptions.titleWeight). Default: none. */
  titleTerms?: ReadonlyMap<string, readonly string[]>;
}

export class Ranker {
  private readonly maxIdf: number;
  private epoch = 0;
  /** Per sentence: the query (numbered) in which one of the rare groups' words was found in it (see rank). */
  private readonly ownStamp: Int32Array;
  private query = 0;
  /** Groups matching more sentences than this are scored only on candidates (see rank). */
  private readonly frequentDf: number;
  private readonly groupDocs: Int32Array;
  /** 1 while a sentence's best match of the group being scored is inherited from its predecessor (see anaphorWeight). */
  private readonly inherited: Uint8Array;
  private readonly finals: Float64Array;
  /** Each sentence's paragraph, numbered across the corpus. */
  private readonly paragraphOf: Int32Array;
  /** The weight at which a sentence inherits the previous one's words, in the same paragraph (see RankOptions.anaphorWeight, neighbourWeight; 0: none). */
  private readonly pointsBack: Float64Array;
  /** Each sentence's article, numbered (see titleArticles). */
  private readonly articleOf: Int32Array;
  /** Title term → the articles (numbered) whose title holds it (see RankOptions.titleWeight). */
  private readonly titleArticles = new Map<string, number[]>();
  /** Per article: the weight of the current group's best alternative in its title (0: none), and that alternative's idf. */
  private readonly titleHit: Float64Array;
  private readonly titleIdf: Float64Array;
  /**
   * Per article, for this query (titleStamp): its first title match, an index into the titleEntry
   * arrays, which chain an article's matches (one per group its title holds) through `next`.
   */
  private readonly titleFirst: Int32Array;
  private readonly titleStamp: Int32Array;
  private readonly titleEntry = { next: [] as number[], bit: [] as number[], idf: [] as number[], weight: [] as number[], mass: [] as number[] };
  /** Per sentence, bit k: the question's k-th term group matched it (the first 32 groups; see titleWeight). */
  private readonly groupsMatched: Uint32Array;
  /** One bit per sentence: a candidate of the current query (touched by a group already scored). A bit set is small enough to stay in cache while frequent words' postings are probed against it. */
  private readonly candidates: Uint32Array;
  /** Each article's title terms (numbered as articleOf): no answer to a question about the article's topic (see holdsAnswerType). */
  private readonly titleSets: ReadonlySet<string>[] = [];
  /** The lexicon's number words as search terms ("twenty" → twenti), for statesCount. */
  private readonly numberTerms: ReadonlySet<string>;
  private readonly passage: { score: Float64Array; mass: Float64Array; best: Float64Array; bestWeight: Float64Array; stamp: Int32Array; touched: Int32Array };

  private readonly index: SearchIndex;
  private readonly sentences: readonly Sentence[];
  private readonly speller: Speller;
  private readonly surface: ReadonlyMap<string, string>;
  private readonly related: RelatedTable;

  constructor(
    input: RankerInput,
    readonly options: RankOptions = DEFAULT_RANK_OPTIONS,
    private readonly lexicon: Lexicon = DEFAULT_LEXICON,
    /** Is a lower-case word English, or English only as a name (see RankOptions.lowerCaseNames)? Default: WordNet. */
    private readonly dictionary: Dictionary = WORDNET_DICTIONARY,
  ) {
    const { index, sentences, titleTerms = new Map<string, readonly string[]>() } = input;
    this.index = index;
    this.sentences = sentences;
    this.speller = input.speller;
    this.surface = input.surface;
    this.related = input.related;
    this.maxIdf = index.idf('\u0000never');
    this.groupDocs = new Int32Array(index.size);
    this.inherited = new Uint8Array(index.size);
    this.ownStamp = new Int32Array(index.size);
    this.frequentDf = Math.max(options.frequentMin, index.size * options.frequentShare);
    this.finals = new Float64Array(index.size);
    this.paragraphOf = new Int32Array(sentences.length);
    this.articleOf = new Int32Array(sentences.length);
    const articleNumber = new Map<string, number>();
    let n = -1;
    let prev: Sentence | undefined;
    sentences.forEach((s, i) => {
      // An article's sentences are consecutive: its number is looked up when the article changes.
      const sameArticle = prev?.articleId === s.articleId;
      if (!sameArticle || prev?.paragraph !== s.paragraph) n++;
      this.paragraphOf[i] = n;
      let a = sameArticle ? this.articleOf[i - 1] : articleNumber.get(s.articleId);
      if (a === undefined) {
        a = articleNumber.size;
        articleNumber.set(s.articleId, a);
        const title = new Set(titleTerms.get(s.articleId));
        this.titleSets.push(title);
        for (const t of title) {
          const list = this.titleArticles.get(t);
          if (list) list.push(a);
          else this.titleArticles.set(t, [a]);
        }
      }
      this.articleOf[i] = a;
      prev = s;
    });
    const np = n + 1;
    this.numberTerms = new Set([...lexicon.numberWords].map(termOf));
    this.titleHit = new Float64Array(articleNumber.size);
    this.titleIdf = new Float64Array(articleNumber.size);
    this.titleFirst = new Int32Array(articleNumber.size);
    this.titleStamp = new Int32Array(articleNumber.size);
    this.groupsMatched = new Uint32Array(sentences.length);
    this.candidates = new Uint32Array((sentences.length >> 5) + 1);
    this.pointsBack = new Float64Array(sentences.length);
    sentences.forEach((s, i) => {
      if (i === 0 || this.paragraphOf[i - 1] !== this.paragraphOf[i]) return;
      // The text is read only when pointing back would weigh more than continuing does.
      const anaphor = options.anaphorWeight > options.neighbourWeight && lexicon.anaphor.test(s.text);
      this.pointsBack[i] = anaphor ? options.anaphorWeight : options.neighbourWeight;
    });
    this.passage = { score: new Float64Array(np), mass: new Float64Array(np), best: new Float64Array(np), bestWeight: new Float64Array(np), stamp: new Int32Array(np), touched: new Int32Array(np) };
  }

  private readonly idfCache = new Map<string, number>();
  /** A term's idf: over sentences, or over paragraphs (see RankOptions.paragraphIdf). */
  private idf(term: string): number {
    if (!this.options.paragraphIdf) return this.index.idf(term);
    let v = this.idfCache.get(term);
    if (v === undefined) {
      const p = this.index.postings(term);
      const np = this.passage.score.length;
      let df = 0;
      if (p) {
        const seen = new Set<number>();
        for (const d of p.ids) seen.add(this.paragraphOf[d]);
        df = seen.size;
      }
      df = Math.max(df, 1);
      v = Math.log(1 + (np - df + 0.5) / (df + 0.5));
      this.idfCache.set(term, v);
    }
    return v;
  }

  groups(q: AnalyzedQuestion, expansions: RankHints['expansions'] = new Map()): TermGroup[] {
    const out: TermGroup[] = [];
    const seen = new Set<string>();
    // The group of the previous word when it was a name the corpus holds (see mergeNames).
    let nameGroup: TermGroup | undefined;
    let previousAt: number | undefined;
    // A word the question states is its own evidence, not a related word standing in for another of its
    // words ("which team had the first kickoff": WordNet's kickoff ~ first counted one "first" twice).
    const stated = new Set(q.words.flatMap((w) => (w.lemma ? [w.term, termOf(w.lemma)] : [w.term])));
    for (const w of this.joinCompounds(q.words)) {
      // The definition of an acronym the question asks about is evidence when the corpus gives one; its absence is not a missing word.
      if (w.term.startsWith('@acronym:') && !this.index.has(w.term)) continue;
      // Only a name written right after the previous one continues it ("Knute Rockne", not "Rockne at Notre").
      const adjacent = w.at !== undefined && previousAt !== undefined && w.at === previousAt + 1;
      const previousName = adjacent ? nameGroup : undefined;
      previousAt = w.at;
      nameGroup = undefined;
      const alts: Alternative[] = [];
      let primary: string | undefined;
      // A word the corpus indexes as written ("promising", an adjective of its own; see corpus.ts).
      const asWritten = w.raw !== w.term && !w.term.startsWith('@') && /^[a-z]+$/.test(w.raw) && this.index.has(w.raw) ? w.raw : undefined;
      if (this.index.has(w.term)) {
        primary = w.term;
        alts.push({ term: w.term, weight: 1, via: 'exact' });
        if (asWritten) alts.push({ term: asWritten, weight: 1, via: 'exact' });
      } else if (asWritten) {
        primary = asWritten;
        alts.push({ term: asWritten, weight: 1, via: 'exact' });
      } else {
        const t = this.correction(w);
        if (t) {
          primary = t;
          alts.push({ term: t, weight: this.options.correctionWeight, via: 'spelling' });
        }
      }
      const key = primary ?? w.term;
      // The same word twice: one group.
      if (seen.has(key)) continue;
      const same = out.find((g) => g.alternatives.some((a) => a.term === key));
      if (same) {
        for (const a of same.alternatives) if (a.term === key && a.weight < (alts[0]?.weight ?? 1)) Object.assign(a, alts[0] ?? {});
        continue;
      }
      seen.add(key);
      const add = (term: string, weight: number, via: Alternative['via']) => {
        if (weight <= 0 || !this.index.has(term)) return;
        if (via === 'related' && term !== w.term && stated.has(term)) return;
        const had = alts.find((a) => a.term === term);
        if (!had) alts.push({ term, weight, via });
        else if (had.weight < weight) Object.assign(had, { weight, via });
      };
      if (isYear(key)) {
        add(publishedYearTerm(key), this.options.correctionWeight, 'related');
        // "In 1947" is stated by "from 1946 to 1952": a span holding the year says it as plainly.
        add(spannedYearTerm(Number(key)), this.options.correctionWeight, 'exact');
      } else if (/^\d+$/.test(key) && Number(key) >= 2) {
        // "10,000" is also "ten thousand" (a year is never written in words: its digits are enough).
        add(numberTerm(Number(key)), 1, 'exact');
      }
      const month = monthOf(w.raw);
      if (month !== undefined) add(publishedMonthTerm(month), this.options.correctionWeight, 'related');
      for (const x of expansions.get(key) ?? []) add(x.term, x.weight, x.weight >= 1 ? 'exact' : 'related');
      // The word's dictionary form as the tagger read it ("began" → begin): the same word.
      if (w.lemma) add(termOf(w.lemma), 1, 'exact');
      for (const k of new Set([w.term, key])) {
        // A name ("John", capitalised inside the question) is not the common noun WordNet knows (john → toilet);
        // its derivations still count ("Chinese" → China).
        const related = (this.related.get(k) ?? []).filter((r) => !w.name || r.via === 'derived');
        // A word with many kinds in the corpus ("say": note, answer, remark, reply…) is too general for any one to be evidence.
        const kinds = related.reduce((n, r) => n + Number(r.via === 'hyponym'), 0);
        // Another form of the word itself ("wrote" for "write") is the word, not a related one.
        for (const r of related) if (r.via !== 'hyponym' || kinds <= this.options.maxKinds) add(r.term, this.relationWeight(r.via, q.kind), r.via === 'inflected' ? 'exact' : 'related');
      }
      const known = alts.length > 0;
      const factor = w.verb && q.kind !== 'what' ? this.options.verbWeight : 1;
      // A verb weighs less when it is found; a word the corpus lacks altogether says the question is
      // about something else, whatever its part of speech.
      const weight = (isLightTerm(w.term) ? 0.5 : 1) * (known ? factor : 1);
      // A word neither the corpus nor the dictionary knows ("max baucus", typed in lower case) is a name as much as a capitalised one.
      const name = w.name || (!known && this.options.lowerCaseNames && /^[a-z]{3,}$/.test(w.raw) && this.readAsName(w));
      const idf = primary ? this.idf(primary) : known ? Math.max(...alts.map((a) => this.idf(a.term))) : (name ? this.options.unknownNameWeight : this.options.unknownWeight) * this.maxIdf;
      // "Notre Dame": two words the corpus only ever writes together are one name, one concept, counted once.
      // (Words of a name the corpus lacks still count one by one: each is evidence of a question about something else.)
      if (w.name && known && previousName && this.options.mergeNames && this.together(previousName.alternatives[0].term, alts[0].term)) {
        for (const a of alts) if (!previousName.alternatives.some((b) => b.term === a.term)) previousName.alternatives.push(a);
        previousName.word += ` ${w.raw}`;
        previousName.idf = Math.max(previousName.idf, weight * idf);
        nameGroup = previousName;
        continue;
      }
      const group: TermGroup = { word: w.raw, alternatives: alts, idf: weight * idf, known, factor, ...(name || isYear(key) ? { name: true } : {}) };
      out.push(group);
      if (w.name && known) nameGroup = group;
    }
    return out;
  }

  /**
   * The question's words each article's title holds (see RankOptions.titleWeight): for every group
   * (the first 32) and every article whose title holds one of its alternatives, the best such
   * alternative's weight and idf, chained per article for the final loop (titleMatches). Returns
   * whether any title matched.
   */
  private collectTitleMatches(groups: readonly TermGroup[], query: number): boolean {
    const { titleHit, titleIdf, titleFirst, titleStamp } = this;
    const e = this.titleEntry;
    e.next.length = e.bit.length = e.idf.length = e.weight.length = e.mass.length = 0;
    groups.forEach((g, k) => {
      if (k >= 32) return;
      const hitArticles: number[] = [];
      for (const a of g.alternatives) {
        const articles = this.titleArticles.get(a.term);
        if (!articles) continue;
        const idf = this.idf(a.term);
        for (const art of articles) {
          if (titleHit[art] === 0) hitArticles.push(art);
          if (a.weight > titleHit[art]) {
            titleHit[art] = a.weight;
            titleIdf[art] = idf;
          }
        }
      }
      for (const art of hitArticles) {
        const at = e.bit.length;
        e.next.push(titleStamp[art] === query ? titleFirst[art] : -1);
        e.bit.push(1 << k);
        e.idf.push(titleIdf[art] * g.factor);
        e.weight.push(titleHit[art]);
        e.mass.push(g.idf * titleHit[art]);
        titleStamp[art] = query;
        titleFirst[art] = at;
        titleHit[art] = 0;
      }
    });
    return e.bit.length > 0;
  }

  /** Adds to a candidate's score and mass the question words its article's title holds and it lacks (see collectTitleMatches). */
  private titleMatches(d: number, query: number, score: Float64Array, mass: Float64Array): void {
    const art = this.articleOf[d];
    if (this.titleStamp[art] !== query) return;
    const e = this.titleEntry;
    const matched = this.groupsMatched[d];
    const weight = this.options.titleWeight;
    for (let i = this.titleFirst[art]; i >= 0; i = e.next[i]) {
      if (matched & e.bit[i]) continue;
      score[d] += this.index.weight(e.idf[i], 1, d) * e.weight[i] * weight;
      mass[d] += e.mass[i] * weight;
    }
  }

  /**
   * The names and years the question asks about that the corpus holds nowhere, as typed: a word
   * capitalised inside the question or one English knows only as a name, or a year, that no sentence
   * holds, that the tagger reads as a noun,
   * and that is no slip of a corpus word ("accomlish"), of a function word ("whic", "whats"), a month
   * or two corpus words run together ("superbowl"). Words under four letters are left alone: they are
   * abbreviations ("TDs") as often as names.
   */
  missingNames(q: AnalyzedQuestion): string[] {
    // A question whose every word the index holds misses nothing: its term groups (made again when it is
    // ranked) are not made here for it.
    if (q.words.every((w) => this.index.has(w.term))) return [];
    const out: string[] = [];
    for (const g of this.groups(q)) {
      if (!g.name || g.known) continue;
      if (isYear(g.word)) {
        out.push(g.word);
        continue;
      }
      const w = q.words.find((x) => x.raw === g.word);
      if (!w || !/^[a-z][a-z'-]{3,}$/.test(w.raw) || (w.pos !== 'PROPN' && w.pos !== 'NOUN')) continue;
      // Typed in lower case, a word is a name only if English knows it only as one ("putin"); one it does
      // not know at all is as often a slip ("accomlish") or a rare word ("whereupon") as a name.
      if (!w.name && !this.dictionary.isNameOnly(w.raw)) continue;
      if (monthOf(w.raw) !== undefined || this.speller.near(w.raw, (x) => this.holds(x)) || nearFunctionWord(w.raw) || this.runTogether(w.raw)) continue;
      out.push(w.raw);
    }
    return out;
  }

  /** The question with its slips read (spell.ts readSlips): a corpus word, or one English uses, is left as typed. */
  readSlips(question: string): string {
    return readSlips(question, { holds: (w) => this.holds(w), isName: (w) => this.dictionary.isNameOnly(w) });
  }

  /** Two corpus words written as one ("superbowl" for "Super Bowl")? */
  private runTogether(word: string): boolean {
    for (let i = 2; i <= word.length - 2; i++) if (this.holds(word.slice(0, i)) && this.holds(word.slice(i))) return true;
    return false;
  }

  /** Is a word (lower case, as written) one the corpus holds now: one its index finds (as written, or as its term: "pla" for "PLA")? */
  private holds(word: string): boolean {
    const term = this.surface.get(word) ?? termOf(word);
    return this.index.has(term);
  }

  /** A lower-case question word the corpus lacks that the dictionary does not know, or knows only as a name ("beijing", "obama"). */
  private readAsName(w: QuestionWord): boolean {
    return !this.inDictionary(w) || this.dictionary.isNameOnly(w.raw);
  }

  /** Does the dictionary know the word as written, or its lemma? */
  private inDictionary(w: QuestionWord): boolean {
    return this.dictionary.isWord(w.raw) || (w.lemma !== undefined && this.dictionary.isWord(w.lemma));
  }

  /** Do two terms occur together: each found (nearly) only where the other is ("Notre" and "Dame", not "Fatima" and "House")? */
  private together(a: string, b: string): boolean {
    const pa = this.index.postings(a)?.ids;
    const pb = this.index.postings(b)?.ids;
    if (!pa || !pb) return false;
    const [small, large] = pa.length <= pb.length ? [pa, pb] : [pb, pa];
    let both = 0;
    for (let i = 0, j = 0; i < small.length && j < large.length;) {
      if (small[i] === large[j]) {
        both++;
        i++;
        j++;
      } else if (small[i] < large[j]) i++;
      else j++;
    }
    return both >= 0.9 * large.length;
  }

  /** Corrections found while one question is answered (see withCorrections). */
  private corrections?: Map<string, string | undefined>;

  /** Run `fn` (the answering of one question) with each word's spelling correction looked up once. */
  withCorrections<T>(fn: () => T): T {
    const outer = this.corrections;
    this.corrections ??= new Map();
    try {
      return fn();
    } finally {
      this.corrections = outer;
    }
  }

  /** The corpus term a misspelled question word stands for ("presdent" → presid), if the speller finds one. */
  correction(w: QuestionWord): string | undefined {
    // A word WordNet knows ("sanctions", in a corpus that never says it) is no misspelling: correcting it
    // would read another question ("section"; "what will the number be plated with" read "placed").
    // Its related words, if any, stand in for it instead.
    if (this.related.has(w.term)) return undefined;
    // Looked up once per question: the dictionary check and the speller both cost.
    const key = `${w.raw} ${w.term} ${w.lemma ?? ''}`;
    if (this.corrections?.has(key)) return this.corrections.get(key);
    const found = this.spellingOf(w);
    this.corrections?.set(key, found);
    return found;
  }

  private spellingOf(w: QuestionWord): string | undefined {
    if (/^[a-z]+$/.test(w.raw) && this.inDictionary(w)) return undefined;
    const c = this.speller.correct(w.raw);
    const t = (c && this.surface.get(c.word)) ?? (w.term !== w.raw ? this.speller.correct(w.term)?.word : undefined);
    return t && this.index.has(t) ? t : undefined;
  }

  /** The question with each word the corpus does not hold replaced by its spelling correction (for entity links). */
  corrected(q: AnalyzedQuestion): AnalyzedQuestion {
    const words = q.words.map((w) => {
      if (this.index.has(w.term)) return w;
      const t = this.correction(w);
      return t ? { ...w, term: t } : w;
    });
    return { ...q, words };
  }

  private relationWeight(via: Relation, kind: QuestionKind): number {
    const o = this.options;
    switch (via) {
      case 'inflected':
        return 1;
      case 'derived':
        return o.derivedWeight;
      case 'synonym':
        return o.synonymWeight;
      case 'hyponym':
        return o.hyponymWeight;
      case 'hypernym':
        return o.hypernymWeight;
      case 'antonym':
        // "Did China admit it?" is answered by "China denies it"; "who admitted it?" is not.
        return kind === 'yesno' ? o.antonymWeight : 0;
    }
  }

  /** Adjacent words whose concatenation the corpus uses ("hot line" → "hotline", "cyber security" → "cybersecurity"). */
  private joinCompounds(words: readonly QuestionWord[]): QuestionWord[] {
    const out: QuestionWord[] = [];
    for (let i = 0; i < words.length; i++) {
      const next = words[i + 1];
      const joined = next && this.surface.get(words[i].raw + next.raw);
      if (joined && (!this.index.has(words[i].term) || !this.index.has(next.term))) {
        out.push({ raw: words[i].raw + next.raw, term: joined, at: next.at });
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
    const { score, mass, touched, best, bestWeight, stamp, hits, direct } = this.index.scratch;
    const P = this.passage;
    const paragraphOf = this.paragraphOf;
    let nTouched = 0;
    let nPassages = 0;
    let epoch = this.epoch;
    // Rare groups first, through their postings; a group whose words are frequent (a large share of
    // all sentences) only scores the sentences the rare ones found (MaxScore-style pruning), unless
    // there is no rare group at all.
    // A match by the word, its correction or a linked name, as opposed to a related word (weighted lower).
    const minDirect = Math.min(this.options.correctionWeight, 1);
    const pointsBack = this.pointsBack;
    // Whether a group is frequent is read once per group (its words' postings lengths summed).
    const frequentGroups = new Set(groups.filter((g) => g.alternatives.reduce((n, a) => n + this.index.df(a.term), 0) > this.frequentDf));
    const frequent = (g: TermGroup) => frequentGroups.has(g);
    // A word whose postings are walked whole (a rare word of a rare group), as opposed to one scored on candidates only.
    const walkedWhole = (g: TermGroup, postings: number) => !frequent(g) && postings <= this.frequentDf;
    const ordered = [...groups].sort((a, b) => Number(frequent(a)) - Number(frequent(b)));
    const groupsMatched = this.groupsMatched;
    const candidates = this.candidates;
    const isCandidate = (d: number) => (candidates[d >> 5] >>> (d & 31)) & 1;
    // The sentences holding a word of the rare groups themselves: only they inherit their predecessor's
    // words while those groups' postings are walked. Inheriting fills in what a sentence left unsaid;
    // it does not make a sentence a candidate (which, at scale, nearly doubled the candidates).
    const query = (this.query = (this.query + 1) | 0);
    const ownStamp = this.ownStamp;
    let owned = 0;
    for (const g of ordered) {
      for (const a of g.alternatives) {
        const p = this.index.postings(a.term);
        if (!p || !walkedWhole(g, p.ids.length)) continue;
        for (let i = 0; i < p.ids.length; i++) ownStamp[p.ids[i]] = query;
        owned += p.ids.length;
      }
    }
    // With no rare word at all, the first group's postings are walked whole and inherit as before.
    const mayInherit = (d: number) => owned === 0 || ownStamp[d] === query;
    for (const g of ordered) {
      const at = groups.indexOf(g);
      const bit = at < 32 ? 1 << at : 0;
      epoch = (epoch + 1) | 0;
      let nGroup = 0;
      const groupDocs = this.groupDocs;
      // A sentence's own match of the group stands, however its predecessor's (inherited by pointing back) scores.
      const inherited = this.inherited;
      const consider = (d: number, v: number, w: number, back = false) => {
        if (stamp[d] !== epoch) {
          stamp[d] = epoch;
          best[d] = v;
          bestWeight[d] = w;
          inherited[d] = Number(back);
          groupDocs[nGroup++] = d;
        } else if (back ? inherited[d] && v > best[d] : inherited[d] || v > best[d]) {
          best[d] = v;
          bestWeight[d] = w;
          inherited[d] = Number(back);
        }
      };
      for (const a of g.alternatives) {
        const p = this.index.postings(a.term);
        if (!p) continue;
        const idf = this.idf(a.term) * g.factor;
        const { ids, tfs } = p;
        // A frequent word (or a frequent word of a frequent group) only scores sentences the rarer groups found.
        if (nTouched === 0 || walkedWhole(g, ids.length)) {
          for (let i = 0; i < ids.length; i++) {
            const v = this.index.weight(idf, tfs[i], ids[i]);
            consider(ids[i], v * a.weight, a.weight);
            const next = pointsBack[ids[i] + 1] * a.weight;
            if (next > 0 && mayInherit(ids[i] + 1)) consider(ids[i] + 1, v * next, next, true);
          }
        } else if (ids.length <= nTouched * TF_SCAN_COST) {
          // Fewer postings than the candidates' words: walk the postings, keeping candidates (touched by earlier groups).
          for (let i = 0; i < ids.length; i++) {
            const d = ids[i];
            const v = this.index.weight(idf, tfs[i], d);
            if (isCandidate(d)) consider(d, v * a.weight, a.weight);
            const next = pointsBack[d + 1] * a.weight;
            if (next > 0 && isCandidate(d + 1)) consider(d + 1, v * next, next, true);
          }
        } else {
          for (let i = 0; i < nTouched; i++) {
            const d = touched[i];
            const tf = this.index.tf(a.term, d);
            if (tf > 0) consider(d, this.index.weight(idf, tf, d) * a.weight, a.weight);
            const inherit = pointsBack[d] * a.weight;
            const tfBack = inherit > 0 ? this.index.tf(a.term, d - 1) : 0;
            if (tfBack > 0) consider(d, this.index.weight(idf, tfBack, d - 1) * inherit, inherit, true);
          }
        }
      }
      // The group's best match in each paragraph counts once for the paragraph.
      for (let i = 0; i < nGroup; i++) {
        const d = groupDocs[i];
        if (!isCandidate(d)) {
          candidates[d >> 5] |= 1 << (d & 31);
          touched[nTouched++] = d;
        }
        score[d] += best[d];
        mass[d] += g.idf * bestWeight[d];
        groupsMatched[d] |= bit;
        hits[d]++;
        if (bestWeight[d] >= minDirect) direct[d]++;
        const p = paragraphOf[d];
        if (P.stamp[p] !== epoch) {
          P.stamp[p] = epoch;
          if (P.score[p] === 0 && P.mass[p] === 0) P.touched[nPassages++] = p;
          P.best[p] = best[d];
          P.bestWeight[p] = bestWeight[d];
        } else if (best[d] > P.best[p]) {
          P.best[p] = best[d];
          P.bestWeight[p] = bestWeight[d];
        }
      }
      for (let i = 0; i < nGroup; i++) {
        const p = paragraphOf[groupDocs[i]];
        if (P.best[p] < 0) continue;
        P.score[p] += P.best[p];
        P.mass[p] += g.idf * P.bestWeight[p];
        P.best[p] = -1;
      }
    }
    this.epoch = epoch;
    const titles = this.options.titleWeight > 0 && this.titleArticles.size > 0 && this.collectTitleMatches(groups, query);
    const type = q.answerType;
    // What the question states (its words, their other forms and spellings) is not its answer; what
    // the ranker only linked to it (a related word, the people a role names) may be.
    const questionTerms = new Set(groups.flatMap((g) => g.alternatives.filter((a) => a.via !== 'related').map((a) => a.term)));
    for (const w of q.words) questionTerms.add(w.term);
    const { coveragePower, passageMix, answerTypeBoost, countBoost } = this.options;
    const finals = this.finals;
    const passageCoverage = (d: number) => Math.min(1, P.mass[paragraphOf[d]] / totalMass);
    for (let i = 0; i < nTouched; i++) {
      const d = touched[i];
      const p = paragraphOf[d];
      if (titles) this.titleMatches(d, query, score, mass);
      const coverage = Math.min(1, mass[d] / totalMass);
      const pCoverage = passageCoverage(d);
      finals[d] = score[d] * Math.pow(coverage, coveragePower) + passageMix * P.score[p] * Math.pow(pCoverage, coveragePower);
      best[d] = coverage;
    }
    const k = Math.max(limit, this.options.rerank);
    // The most the answer type can lift a sentence by: the count boost only for "how many X".
    const lift = type && answerTypeBoost !== 1 ? Math.max(answerTypeBoost, 1) * (q.counted !== undefined ? Math.max(countBoost, 1) : 1) : 1;
    if (hints.boost) {
      // The caller's boost reads the sentence's people (and, for some, its text): only a sentence that
      // both boosts together could lift into the top k is looked at (boosts only raise, so the k-th
      // best after them is at least the k-th best before).
      const reach = (hints.boostMax ?? Infinity) * lift;
      const kth = nTouched > k && Number.isFinite(reach) ? finals[topIndexes(touched, nTouched, finals, k)[k - 1]] : 0;
      for (let i = 0; i < nTouched; i++) {
        const d = touched[i];
        if (finals[d] * reach >= kth) finals[d] *= hints.boost(d);
      }
    }
    if (type && answerTypeBoost !== 1) {
      // Reading a sentence's answer terms costs more than scoring it: only a sentence the boost could
      // lift into the top k is looked at (k sentences score at least the k-th best before any boost).
      const kth = nTouched > k ? finals[topIndexes(touched, nTouched, finals, k)[k - 1]] : 0;
      for (let i = 0; i < nTouched; i++) {
        const d = touched[i];
        if (finals[d] * lift < kth) continue;
        const s = this.sentences[d];
        if (!holdsAnswerType(s, type, questionTerms, this.lexicon, this.titleSets[this.articleOf[d]])) continue;
        finals[d] *= answerTypeBoost;
        if (q.counted !== undefined && statesCount(s.terms, q.counted, this.numberTerms)) finals[d] *= countBoost;
      }
    }
    const chosen = topIndexes(touched, nTouched, finals, k);
    const top: Ranked[] = chosen.map((d) => ({ idx: d, score: finals[d], coverage: best[d], passageCoverage: passageCoverage(d), matched: hits[d], matchedDirect: direct[d] }));
    for (let i = 0; i < nTouched; i++) {
      const d = touched[i];
      score[d] = 0;
      mass[d] = 0;
      hits[d] = 0;
      direct[d] = 0;
      groupsMatched[d] = 0;
      candidates[d >> 5] = 0;
    }
    for (let i = 0; i < nPassages; i++) {
      const p = P.touched[i];
      P.score[p] = 0;
      P.mass[p] = 0;
    }
    const known = groups.filter((g) => g.known);
    for (const r of top) r.score *= 1 + this.options.proximityWeight * proximity(known, this.sentences[r.idx].terms);
    top.sort((a, b) => b.score - a.score || a.idx - b.idx);
    return { groups, results: top.slice(0, limit) };
  }
}

/**
 * How close together the question's words stand in a sentence, 0…1: the
 * smallest window holding every group the sentence matches, against the
 * number of groups in it (adjacent words: 1), times the share of the
 * question's groups it holds. 0 when fewer than two groups match.
 */
export function proximity(groups: readonly TermGroup[], terms: readonly string[]): number {
  if (groups.length < 2) return 0;
  const groupOf = new Map<string, number>();
  groups.forEach((g, i) => {
    for (const a of g.alternatives) if (!groupOf.has(a.term)) groupOf.set(a.term, i);
  });
  const hits: [number, number][] = [];
  terms.forEach((t, pos) => {
    const g = groupOf.get(t);
    if (g !== undefined) hits.push([pos, g]);
  });
  const distinct = new Set(hits.map((h) => h[1])).size;
  if (distinct < 2) return 0;
  // Smallest window over `hits` that holds all `distinct` groups (two pointers).
  const count = new Map<number, number>();
  let have = 0;
  let span = Infinity;
  for (let lo = 0, hi = 0; hi < hits.length; hi++) {
    const g = hits[hi][1];
    count.set(g, (count.get(g) ?? 0) + 1);
    if (count.get(g) === 1) have++;
    while (have === distinct) {
      span = Math.min(span, hits[hi][0] - hits[lo][0] + 1);
      const gl = hits[lo][1];
      count.set(gl, count.get(gl)! - 1);
      if (count.get(gl) === 0) have--;
      lo++;
    }
  }
  return ((distinct - 1) / (span - 1)) * ((distinct - 1) / (groups.length - 1));
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
