/**
 * The briefing engine: answers questions from the corpus with citations (the
 * ask pipeline: intent, ranking, refusal, supporting sentences; summaries,
 * the latest news and the report before or after another). Meeting rosters
 * are roster.ts's, the listings of sources and people listings.ts's, the
 * corpus lookups view.ts's. Built once from a corpus; every method is
 * synchronous and cheap.
 */
import { acronymTerm, definedAcronyms } from '../language/acronyms';
import type { AnswerItem, AskResult, RosterEntry } from './answer';
import { DEFAULT_BM25, SearchIndex, spliceIndex, type Bm25Options, type SerializedIndex } from './bm25';
import type { ArticlePart, Corpus } from '../corpus/corpus';
import { spliceCorpus } from '../corpus/delta';
import { DEFAULT_LEXICON, type Lexicon } from '../language/lexicon';
import { analyzeQuestion, intentOf, readAttendance, type Intent, isAttendanceTerm, withoutCourtesy, type AnalyzedQuestion } from './question';
import { DEFAULT_RANK_OPTIONS, publishedMonthTerm, publishedYearTerm, Ranker, type RankOptions, type Ranked, type TermGroup } from './rank';
import { refusalReason, smallTalkMessage, type CorpusFacts } from '../reply';
import { EntityLinker } from './entities';
import { meetingRoster } from './roster';
import { mostMentioned, peopleList, sourceList, type PersonInfo, type SourceInfo } from './listings';
import { CorpusView } from './view';
import { Speller } from './spell';
import { periodTerms } from '../language/periods';
import { numberTerms } from '../language/numbers';
import { datesIn, isAfter, type DatedStatement } from '../language/dated';
import { addSurfaceWords, escapeRegExp, termsOf } from '../language/text';
import type { Article, PartialDate } from '../types';
import {
  eventRef,
  EVENTS_CHANGE_SHARE,
  eventsAfterChange,
  eventsOfCorpus,
  eventWhen,
  keepEventsIn,
  storyInBrief,
  storyLines,
  storyVocabulary,
  vocabularyAfterChange,
  type StoryEvent,
} from '../events/events';
import { findEvents, readEventQuestion, type EventQuestion } from './event-question';

export interface BriefingOptions {
  /** The English the engine reads questions with. Default: DEFAULT_LEXICON. */
  lexicon: Lexicon;
  /** BM25's k1 and b. */
  bm25: Bm25Options;
  rank: RankOptions;
  /**
   * A question is refused when its best answer's support is below this: the share of the
   * question's idf the sentence matches, or `passageSupport` times the share its paragraph
   * matches, whichever is larger. Normalised per question, so it means the same on any corpus.
   */
  minCoverage: number;
  /** How much a paragraph's coverage of the question counts toward its sentence's support (0…1). */
  passageSupport: number;
  /**
   * A sentence supports an answer only when it matches at least this many of the question's
   * words (or all of them, when the question has fewer that the corpus knows): one word, however
   * rare, is no evidence that a sentence answers a question of several. Default 1 (off).
   */
  minMatched: number;
  /**
   * The support a sentence needs when it matches only one of the question's words and the corpus
   * knows several of them: one rare word is weak evidence of an answer. Default 0.4 (as
   * `minCoverage`: no stricter).
   */
  minCoverageOneWord: number;
  /** Supporting sentences must score at least this share of the best. */
  supportRatio: number;
  /**
   * The support (as `minCoverage` measures it) a further answer, the second or third, needs. The
   * best answer has shown the question is answered; a sentence matching less of it may still be
   * the one that answers it. Default 0.2 (half of `minCoverage`).
   */
  minCoverageSupporting: number;
  /**
   * A sentence answers only when it holds at least one of the question's words itself (or its
   * spelling correction, or a name linked to it), not only words related to them. Default true.
   */
  requireDirectMatch: boolean;
  /** A when- or where-question that looks ahead ("next", "will") is answered by the latest plan that answers it (see latestPlanFirst). Default true. */
  lookAhead: boolean;
  /**
   * A question that looks ahead ("when is the next meeting", "will they meet again") asks about
   * what is to come: it is refused when no sentence that supports it speaks of what is to come (a
   * date after its article's, or words such as "will", "plan to": lexicon.statesAhead). What
   * happened once is no answer to what happens next. Default true.
   */
  aheadNeedsFuture: boolean;
  /**
   * A when-question whose best answer gives no date of its own, or a who-question about something
   * done, is answered by the earliest article's report among those that support it as fully (see
   * earliestReportFirst). Default true.
   */
  earliestReport: boolean;
  /**
   * Support (see minCoverage) is measured against the question's this many weightiest words (by
   * their weight in coverage, idf), not all of them: a sentence that answers a question holds its
   * main words, while a long question's further words restate context the answer need not repeat
   * ("What was the name of the hotel the Panthers chose to stay in during Super Bowl 50?" is answered
   * by "The Panthers … stayed at the San Jose Marriott."). Questions of this many words or fewer are
   * measured as before. 0: every word. Chosen by scripts/tune.ts (docs/decisions.md). Default 6.
   */
  supportWords: number;
  /**
   * A question about an event (when or where it was, who was there, what it decided, what happened in
   * a month; answering/event-question.ts) is answered from the story's events when one fits it: its
   * best report, with the event. Other questions, and event questions no event fits, are answered
   * from the sentences. Default true.
   */
  events: boolean;
  /**
   * A question naming a person, place, organisation or year no article holds ("did Trump keep the
   * agreement") is refused, saying which ("The articles don't mention Trump"). Default true.
   */
  refuseMissingNames: boolean;
  /**
   * A question's function words typed with a slip ("wen", "wat", "teh") are read as the words they
   * stand for before anything else reads the question (answering/spell.ts readSlips). Default true.
   */
  readSlips: boolean;
}

/** Some of the options, for Briefing.withOptions: the rank and BM25 weights one by one. */
export type BriefingOverrides = Partial<Omit<BriefingOptions, 'rank' | 'bm25'>> & { rank?: Partial<RankOptions>; bm25?: Partial<Bm25Options> };

/** Chosen by scripts/tune.ts (docs/decisions.md). */
export const DEFAULT_BRIEFING_OPTIONS: BriefingOptions = {
  lexicon: DEFAULT_LEXICON,
  bm25: DEFAULT_BM25,
  rank: DEFAULT_RANK_OPTIONS,
  minCoverage: 0.4,
  passageSupport: 1,
  minMatched: 1,
  minCoverageOneWord: 0.4,
  supportRatio: 0.15,
  minCoverageSupporting: 0.2,
  requireDirectMatch: true,
  lookAhead: true,
  aheadNeedsFuture: true,
  earliestReport: true,
  supportWords: 6,
  events: true,
  refuseMissingNames: true,
  readSlips: true,
};

/**
 * What a sentence's support is measured against: how many of the question's words the corpus knows,
 * and the share of the question's weight its main words carry (see mainShare).
 */
interface Measure {
  known: number;
  share: number;
}

/** The question as a whole: every word counts, and no one-word bar (the corpus's known words are not counted). */
const WHOLE_QUESTION: Measure = { known: Infinity, share: 1 };

/**
 * The share (0…1] of a question's weight in coverage (its groups' idf) that its `words` weightiest
 * groups carry: 1 when it has no more groups than that, or `words` is 0 (every word counts).
 */
export function mainShare(groups: readonly TermGroup[], words: number): number {
  if (words <= 0 || groups.length <= words) return 1;
  const weights = groups.map((g) => g.idf).sort((a, b) => b - a);
  const total = weights.reduce((a, b) => a + b, 0);
  const main = weights.slice(0, words).reduce((a, b) => a + b, 0);
  return total > 0 && main > 0 ? main / total : 1;
}

export type { PersonInfo, SourceInfo } from './listings';

export class Briefing {
  readonly index: SearchIndex;
  /** The sentence ranker (tests and the eval scripts look at its groups and scores). */
  readonly ranker: Ranker;
  /** Articles by id and their sentences' ranges. */
  private readonly view: CorpusView;
  /** What the corpus is about, and its articles newest first: asked by summaries, "what's new" and refusals, computed once. */
  private topic?: AnalyzedQuestion;
  private spellings?: Map<string, Set<string>>;
  private newestFirst?: Article[];
  /** Roles and names of the corpus's people, linked to the words of a question. */
  private readonly entities: EntityLinker;
  /** See examples(): found once, on first use. */
  private exampleList?: string[];
  private findingExamples = false;

  constructor(
    readonly corpus: Corpus,
    /** Surface words of the corpus (lower case) → search term. */
    private readonly surface: ReadonlyMap<string, string>,
    readonly options: BriefingOptions = DEFAULT_BRIEFING_OPTIONS,
    /** The search index as stored with the cached corpus, to skip rebuilding it. */
    prebuilt?: SerializedIndex,
  ) {
    this.view = new CorpusView(corpus);
    const facets = new Map(corpus.articles.map((a) => [a.id, publishedFacets(a.published)]));
    const extra = (d: number) => {
      const s = corpus.sentences[d];
      return sentenceFacets(facets.get(s.articleId) ?? [], s.text);
    };
    this.index = new SearchIndex({ length: corpus.sentences.length, at: (d) => corpus.sentences[d]?.terms }, options.bm25, extra, prebuilt);
    const terms = [...this.index.terms()].filter((t) => !t.startsWith('@'));
    this.ranker = new Ranker(
      {
        index: this.index,
        sentences: corpus.sentences,
        speller: new Speller([...surface.keys(), ...terms], undefined, (w) => this.index.df(surface.get(w) ?? w)),
        surface,
        related: corpus.related,
        titleTerms: new Map(corpus.articles.map((a) => [a.id, a.titleTerms])),
      },
      options.rank,
      options.lexicon,
    );
    this.entities = new EntityLinker(corpus, this.index, options);
  }

  /** Surface vocabulary of a corpus, for the spelling corrector. */
  static surfaceOf(corpus: Corpus): Map<string, string> {
    const m = new Map<string, string>();
    for (const s of corpus.sentences) addSurfaceWords(m, s.text);
    return m;
  }

  /**
   * The same corpus and index with other options (the eval, latency and tuning scripts try
   * variants): `rank` and `bm25` are merged with this briefing's, so `{ rank: { titleWeight: 0 } }`
   * changes one weight.
   */
  withOptions(options: BriefingOverrides): Briefing {
    const { rank, bm25, ...rest } = options;
    const merged: BriefingOptions = { ...this.options, ...rest, rank: { ...this.options.rank, ...rank }, bm25: { ...this.options.bm25, ...bm25 } };
    return new Briefing(this.corpus, this.surface, merged, this.index.serialize());
  }

  /**
   * The briefing of this corpus with the articles `removed` (by id) taken out and those of `parts`
   * put in (corpus/delta.ts): its index is this one's, renumbered, with the added sentences put in
   * (bm25.ts, spliceIndex), not built again; its events this one's, changed by those articles'
   * reports (events.ts, eventsAfterChange).
   */
  changed(removed: ReadonlySet<string>, parts: readonly ArticlePart[]): Briefing {
    const delta = spliceCorpus(
      this.corpus,
      this.surface,
      removed,
      parts,
      (t) => this.index.postings(t)?.ids ?? [],
      (id) => this.view.range(id),
    );
    const { corpus } = delta;
    const article = new Map(corpus.articles.map((a) => [a.id, a]));
    const added = new Map<number, readonly string[]>();
    for (const d of delta.added) {
      const s = corpus.sentences[d];
      added.set(d, [...s.terms, ...sentenceFacets(publishedFacets(article.get(s.articleId)!.published), s.text)]);
    }
    const index = spliceIndex(this.index.serialize(), delta.sentenceMap, corpus.sentences.length, added);
    // Its events, when few of many articles changed: this corpus's, changed by those articles' own (on
    // the first question that needs them). Otherwise, or in a small corpus (where one article moves
    // every word's weight), they are built from all the reports, as a full build does: fast there.
    const before = this.corpus;
    const changedIds = new Set([...removed, ...parts.map((p) => p.article.id)]);
    if (changedIds.size <= corpus.articles.length * EVENTS_CHANGE_SHARE) keepEventsIn(corpus, () => eventsAfterChange(eventsOfCorpus(before), corpus, changedIds));
    const changedBriefing = new Briefing(corpus, delta.surface, this.options, index);
    vocabularyAfterChange(before, corpus, changedIds, (c, id) => (c === before ? this.view : changedBriefing.view).range(id));
    return changedBriefing;
  }

  static fromCorpus(corpus: Corpus, options?: BriefingOptions): Briefing {
    return new Briefing(corpus, Briefing.surfaceOf(corpus), options);
  }

  article(id: string): Article | undefined {
    return this.view.article(id);
  }

  /** What a message wants when it is not a question about the articles' content: small talk, a summary, the latest news. */
  intent(question: string): Intent | undefined {
    return intentOf(question, this.options.lexicon);
  }

  /** Answer a question (already sanitised by the command layer). */
  ask(question: string): AskResult {
    // Its words' spelling corrections are looked up once for the whole question (fuse.js: milliseconds each at 10,000 articles).
    return this.ranker.withCorrections(() => {
      // "wen was teh agreemnt signed": its slips read first, as the words they stand for, by everything that reads it.
      const read = this.options.readSlips ? this.ranker.readSlips(question) : question;
      const r = this.answer(read);
      return read === question ? r : { ...r, question };
    });
  }

  /**
   * The sentences the ranker puts first for a question (at most `limit`), before refusal and the
   * choice of answers: for the eval script's --ranks, which counts how far down the right sentence stands.
   */
  candidates(question: string, limit = 50): string[] {
    return this.ranker.withCorrections(() => this.ranked(this.readQuestion(question).q, limit).results.map((r) => this.corpus.sentences[r.idx].text));
  }

  /** A question as asked of the ranker: its words read, a misspelled attendance word corrected, and whether it looks ahead. */
  private readQuestion(question: string): { asked: AnalyzedQuestion; lookAhead: boolean; q: AnalyzedQuestion } {
    const lexicon = this.options.lexicon;
    const read = analyzeQuestion(withoutCourtesy(question, lexicon) || question, lexicon, (t) => this.corpus.nounClasses.get(t));
    // "Who atended": a misspelled attendance word asks the attendance question it means.
    const corrected = read.kind === 'who' && !read.attendance ? this.ranker.corrected(read).words : undefined;
    const asked = corrected ? readAttendance(read, (_, i) => corrected[i].term, lexicon) : read;
    // "When (or where) is the next meeting": "next" says which way in time, which the dates decide; it is not a word to find.
    const lookAhead = (asked.kind === 'when' || asked.kind === 'where') && this.options.lookAhead && lexicon.asksAhead.test(question.toLowerCase());
    const ahead = lookAhead ? asked.words.filter((w) => !lexicon.asksAhead.test(w.raw)) : asked.words;
    return { asked, lookAhead, q: ahead.length ? { ...asked, words: ahead } : asked };
  }

  /** Entity links read the question as corrected: "the chinese presdent" states the role "Chinese President". */
  private ranked(q: AnalyzedQuestion, limit: number): ReturnType<Ranker['rank']> {
    return this.ranker.rank(q, limit, this.entities.hints(this.ranker.corrected(q)));
  }

  private answer(question: string): AskResult {
    const lexicon = this.options.lexicon;
    const intent = this.intent(question);
    if (intent === 'small_talk') return this.smallTalk(question);
    if (intent === 'summary') return this.summary(question);
    const { asked, lookAhead, q } = this.readQuestion(question);
    const missing = this.missingNames(q);
    if (missing.length) return this.refusal(question, 'unknown', missing);
    if (intent === 'latest') return this.latest(question, asked);
    // "Who attended": the rosters answer it (an attendance question is not routed to the events).
    const about = this.options.events && !asked.attendance ? readEventQuestion(asked, storyVocabulary(this.corpus)) : undefined;
    const fromEvents = about && this.fromEvents(question, about, q);
    if (fromEvents) return fromEvents;
    const ranked = this.ranked(q, 12);
    const { groups } = ranked;
    // A sentence holding none of the question's own words is no answer (see requireDirectMatch): only
    // related words in common ("meaning" and "life" met "plan" and "day") are no evidence. The next may be.
    const results = this.options.requireDirectMatch ? ranked.results.filter((r) => r.matchedDirect > 0) : ranked.results;
    const best = results[0];
    const known = groups.filter((g) => g.known).length;
    const m: Measure = { known, share: mainShare(groups, this.options.supportWords) };
    if (!best || this.support(best, m) < this.options.minCoverage) return this.refusal(question, known ? 'weak' : 'unknown');
    if (lookAhead) {
      const speaksAhead = this.latestPlanFirst(results, m);
      if (!speaksAhead && this.options.aheadNeedsFuture) return this.refusal(question, 'weak');
    } else if (q.kind === 'when' && this.options.earliestReport) this.earliestReportFirst(results, m, true);
    // "Who made the deal": who did something is told by the report of it too, not by a later mention.
    else if (q.kind === 'who' && !q.attendance && q.words.some((w) => w.verb) && this.options.earliestReport) this.earliestReportFirst(results, m, false);
    // A place, a name or a date in the question ("the Washington meeting", "the 2016 talks") picks
    // one meeting: the roster is that meeting's only.
    const scope = q.attendance ? q.words.filter((w) => this.corpus.namedTerms.has(w.term)) : [];
    const oneMeeting = scope.length > 0;
    if (oneMeeting && !lookAhead)
      this.reportsBeforePlans(
        results,
        scope.map((w) => w.raw),
      );
    const chosen = this.pickSupport(results, results[0], m);
    const answers = chosen.map((r) => this.item(r));
    const result: AskResult = { question, kind: 'answer', answers };
    // "When …?" answered by a sentence that names no date: the date is the report's own (as the timeline dates an article's news).
    if (q.kind === 'when') {
      if (!this.corpus.sentences[results[0].idx].answers.date.length) result.reportedOn = answers[0].source.published;
      else {
        const stated = this.relativeDate(results[0].idx);
        if (stated) result.statedDate = stated;
      }
    }
    if (q.attendance) {
      const onlyAttendance = groups.every((g) => g.alternatives.some((a) => isAttendanceTerm(a.term, lexicon)) || !g.known);
      const supported = results.filter((r) => this.support(r, { ...m, known: Infinity }) >= this.options.minCoverage);
      result.roster = this.roster(oneMeeting ? supported.slice(0, 1) : supported, onlyAttendance && !oneMeeting);
    }
    return result;
  }

  /**
   * "Who was at the Beijing meeting?": a sentence that names Beijing only as where a plan points
   * ("… and both countries plan to meet again in Beijing in May of 2016", from a December 2015
   * article) reports another meeting; the sentences that report one there come first. A place is
   * the plan's when it stands within a few words of a date after the sentence's article.
   */
  private reportsBeforePlans(results: Ranked[], scope: readonly string[]): void {
    const planned = new Set<Ranked>();
    const words = scope.map((w) => new RegExp(`\\b${escapeRegExp(w)}\\b`, 'g'));
    for (const r of results) {
      const text = this.corpus.sentences[r.idx].text.toLowerCase();
      const at = words.flatMap((re) => [...text.matchAll(re)].map((m) => m.index ?? 0));
      if (!at.length) continue;
      const plans = this.plansIn(r.idx)
        .map((d) => text.indexOf(d.text.toLowerCase()))
        .filter((i) => i >= 0);
      if (plans.length && at.every((i) => plans.some((j) => Math.abs(i - j) <= PLAN_REACH))) planned.add(r);
    }
    const kept = results.filter((r) => !planned.has(r));
    if (!planned.size || !kept.length) return;
    // Ranked after every report, as it is shown (answers are ordered by score).
    const below = Math.min(...kept.map((r) => r.score));
    for (const r of planned) r.score = Math.min(r.score, below * 0.99);
    results.splice(0, results.length, ...kept, ...planned);
  }

  /**
   * The first date a sentence states, when it says it relative to its article ("last September"
   * in a June 2016 article is September 2015; "this week" is the article's week): made absolute,
   * so the answer can say it. Undefined for a date that names its year already ("in 2010").
   */
  private relativeDate(idx: number): AskResult['statedDate'] {
    const s = this.corpus.sentences[idx];
    const article = this.view.article(s.articleId);
    const d = article && datesIn(s.text, article.published)[0];
    if (!d || /\b(?:1[0-9]|20)\d\d\b/.test(d.text)) return undefined;
    return { iso: d.date.iso, said: d.text, approximate: d.deictic };
  }

  /** The dates a sentence states that fall after its article was written: what it reports as planned. */
  private plansIn(idx: number): DatedStatement[] {
    const s = this.corpus.sentences[idx];
    const article = this.view.article(s.articleId);
    return article ? datesIn(s.text, article.published).filter((d) => !d.deictic && isAfter(d.date, article.published)) : [];
  }

  /**
   * "When is the next meeting?": a question that looks ahead is answered by a plan, a sentence that
   * dates something after its own article was written ("will meet again in May 2016"), not by one
   * that reports what had happened; of the plans that answer it, the one furthest ahead is the
   * latest known (an earlier article's plan for the end of 2015 was followed by one for May 2016).
   * Among the answers that support the question; moved to the front, the rest keep their order.
   * Says whether any of them speaks of what is to come at all: a plan, or words that look ahead
   * ("will be reinstated"; lexicon.statesAhead), for aheadNeedsFuture.
   */
  private latestPlanFirst(results: Ranked[], m: Measure): boolean {
    let best: { r: Ranked; date: string } | undefined;
    let speaksAhead = false;
    for (const r of results) {
      if (this.support(r, m) < this.options.minCoverage) continue;
      const plans = this.plansIn(r.idx);
      for (const d of plans) if (!best || d.date.iso > best.date) best = { r, date: d.date.iso };
      speaksAhead ||= plans.length > 0 || this.options.lexicon.statesAhead.test(this.corpus.sentences[r.idx].text);
    }
    if (best && best.r !== results[0]) {
      results.splice(results.indexOf(best.r), 1);
      best.r.score = results[0].score;
      results.unshift(best.r);
    }
    return speaksAhead;
  }

  /**
   * "When was the deal signed?" answered by a sentence that gives no date of its own: the answer's
   * date is its article's, and news reports an event when it happens, while later articles refer
   * back to it ("While Washington viewed the deal as a diplomatic success", nine months on). Of the
   * sentences that give no date either and support the question as fully as the best (as much of
   * its weight, as many of its own words), the earliest article's comes first; the rest keep their order.
   * "Who made the deal?" (`datedByArticle` false) the same way, dated sentences included: the
   * report of the event names who did it.
   */
  private earliestReportFirst(results: Ranked[], m: Measure, datedByArticle: boolean): void {
    const best = results[0];
    const undated = (r: Ranked) => !datedByArticle || !this.corpus.sentences[r.idx].answers.date.length;
    if (!best || !undated(best)) return;
    const published = (r: Ranked) => this.view.article(this.corpus.sentences[r.idx].articleId)?.published.iso ?? '';
    let first = best;
    for (const r of results) {
      if (r.coverage < best.coverage || r.matchedDirect < best.matchedDirect || !undated(r) || this.support(r, m) < this.options.minCoverage) continue;
      if (published(r) < published(first)) first = r;
    }
    if (first === best) return;
    results.splice(results.indexOf(first), 1);
    first.score = best.score;
    results.unshift(first);
  }

  /** A greeting, thanks, "what can you do": a short friendly answer with two questions to try, never a quote. */
  private smallTalk(question: string): AskResult {
    return { question, kind: 'no_answer', answers: [], reason: 'small_talk', message: smallTalkMessage(question, this.corpusFacts()), suggestions: this.examples().slice(0, 2) };
  }

  /**
   * What the corpus is about, in three cited sentences: the central event (the best match for the
   * words most article titles share), another article's report of it, and the newest article's
   * sentence about it.
   */
  private summary(question: string): AskResult {
    // From the story's events: the central one, what followed, what comes next; each told by its best report.
    const lines = storyLines(eventsOfCorpus(this.corpus).events);
    if (lines.length) {
      const centre = lines[0].event;
      const answers: AnswerItem[] = [];
      // "The terms of the deal": the sentence that says what the central event decided comes first.
      const decision = this.options.lexicon.asksTerms.test(question.toLowerCase()) ? this.decisionSentence(centre) : undefined;
      if (decision !== undefined) {
        const s = this.corpus.sentences[decision];
        answers.push({ text: s.text, source: this.view.citation(s.articleId), score: centre.articles, event: eventRef(centre), label: 'What was agreed' });
      }
      for (const { event: e, label } of lines) {
        const best = e.sources[0];
        answers.push({ text: best.sentence, source: this.view.citation(best.id), score: e.articles, event: eventRef(e), label });
      }
      return { question, kind: 'answer', answers, mode: 'summary' };
    }
    const ranked = this.ranker.rank(this.topicQuestion(), 60).results;
    if (!ranked.length) return this.refusal(question, 'weak');
    const articleOf = (r: Ranked) => this.corpus.sentences[r.idx].articleId;
    const central = ranked[0];
    const other = ranked.find((r) => articleOf(r) !== articleOf(central));
    const newestId = this.newestArticles()[0]?.id;
    const latest = ranked.find((r) => articleOf(r) === newestId && r !== central && r !== other);
    const chosen = [central, other, latest].filter((r): r is Ranked => r !== undefined);
    return { question, kind: 'answer', answers: chosen.map((r) => this.item(r)), mode: 'summary' };
  }

  /**
   * A question about an event, answered from the event that fits it (see findEvents), or undefined
   * when none does or none of its reports says what is asked (a place for "where"): then the
   * sentences answer it. The answer is the report that says what is asked, with the event.
   */
  private fromEvents(question: string, about: EventQuestion, q: AnalyzedQuestion): AskResult | undefined {
    // The sentence route's rules switched off (ablations: lookAhead, earliestReport) switch off the events' that stand for them.
    if ((about.direction === 'next' && !this.options.lookAhead) || ((about.ask === 'when' || about.ask === 'who') && !this.options.earliestReport)) return undefined;
    const { events } = eventsOfCorpus(this.corpus);
    const found = findEvents(about, events);
    const e = found[0];
    if (!e) return undefined;
    const reports = e.sources.map((s) => this.sentenceOf(s)).filter((i): i is number => i !== undefined);
    const sentences = this.corpus.sentences;
    const published = (i: number) => this.view.citation(sentences[i].articleId).published;
    let chosen: number[];
    switch (about.ask) {
      case 'when': {
        // A report that states the date, before one dated by its article; of those, the earliest article's.
        const dated = reports.filter((i) => sentences[i].answers.date.length);
        const undated = reports.filter((i) => !sentences[i].answers.date.length).sort((a, b) => published(a).localeCompare(published(b)));
        chosen = [...dated, ...undated];
        break;
      }
      case 'where': {
        const place = e.place?.toLowerCase();
        chosen = reports.filter((i) => (place ? sentences[i].text.toLowerCase().includes(place) : sentences[i].answers.place.length > 0));
        if (!chosen.length) return undefined;
        break;
      }
      case 'who': {
        // Who was there, or spoke for a side: the question ranked among the event's articles' sentences that name people.
        const articles = new Set(e.sources.map((s) => s.id));
        const named = this.ranked(q, 60).results.filter((r) => articles.has(sentences[r.idx].articleId) && this.corpus.sentencePeople[r.idx].length > 0);
        chosen = [...named.map((r) => r.idx), ...reports.filter((i) => this.corpus.sentencePeople[i].length > 0)];
        // "Who represented China": a person whose role is that side's ("Chinese Minister of …") comes first.
        const sides = this.sidesOf(q);
        if (sides.size) {
          const forSide = (i: number) =>
            this.corpus.sentencePeople[i].some((pi) => {
              const role = this.view.personRef(this.corpus.people[pi], sentences[i].articleId).role;
              const first = role ? termsOf(role)[0] : undefined;
              return first !== undefined && sides.has(first);
            });
          const inArticles: number[] = [];
          for (const id of articles) {
            const [from, to] = this.view.range(id);
            for (let i = from; i < to; i++) if (forSide(i)) inArticles.push(i);
          }
          chosen = [...chosen.filter(forSide), ...inArticles, ...chosen];
        } else if (q.words.some((w) => w.verb) && this.options.earliestReport) {
          // "Who signed it": who did something is told by the first report of it, as the sentences' rule has it.
          chosen = [...chosen].sort((a, b) => published(a).localeCompare(published(b)));
        }
        if (!chosen.length) return undefined;
        break;
      }
      case 'decided': {
        const d = this.decisionSentence(e) ?? this.decisionSentence(e, false);
        chosen = d !== undefined ? [d, ...reports] : reports;
        break;
      }
      case 'changed': {
        // Two events side by side, the earlier first: what each decided (or its best report).
        const other = about.versus ? findEvents({ ...about, ask: 'about', date: about.versus, terms: [] }, events)[0] : storyInBrief(events).central;
        if (!other || other === e) return undefined;
        const pair = [e, other].sort((a, b) => a.date!.iso.localeCompare(b.date!.iso));
        const answers = pair.flatMap((x) => {
          const i = this.decisionSentence(x, false) ?? this.sentenceOf(x.sources[0]);
          return i === undefined ? [] : [{ ...this.itemOf(i, x.articles), event: eventRef(x), label: eventWhen(x) }];
        });
        return answers.length === 2 ? { question, kind: 'answer', answers } : undefined;
      }
      case 'happened': {
        // What happened in a period: each event's best report, in date order.
        const inPeriod = found.slice(0, 3).sort((a, b) => a.date!.iso.localeCompare(b.date!.iso));
        const answers = inPeriod.flatMap((x) => {
          const i = this.sentenceOf(x.sources[0]);
          return i === undefined ? [] : [{ ...this.itemOf(i, x.articles), event: eventRef(x) }];
        });
        return answers.length ? { question, kind: 'answer', answers } : undefined;
      }
      default:
        chosen = reports;
    }
    // Within what the question asks for first (a stated date, for "when"), the sentences that hold its own
    // words about the event ("the hotline"); a name's other spellings count as it ("Xi Jingping" is "Xi Jinping").
    const spellings = this.nameSpellings();
    const holds = (i: number) => about.terms.filter((t) => sentences[i].terms.includes(t) || [...(spellings.get(t) ?? [])].some((f) => sentences[i].terms.includes(f))).length;
    const first = (i: number) => (about.ask === 'when' && sentences[i].answers.date.length ? 1 : 0);
    const unique = [...new Set(chosen)].sort((a, b) => first(b) - first(a) || holds(b) - holds(a)).slice(0, 3);
    if (!unique.length) return undefined;
    const answers = unique.map((i, n) => (n === 0 ? { ...this.itemOf(i, e.articles), event: eventRef(e) } : this.itemOf(i, e.articles)));
    const result: AskResult = { question, kind: 'answer', answers };
    if (about.ask === 'when') {
      // As the sentence route says it: the date of the report that names none, or the date a sentence states relative to its report.
      if (!sentences[unique[0]].answers.date.length) result.reportedOn = answers[0].source.published;
      else {
        const stated = this.relativeDate(unique[0]);
        if (stated) result.statedDate = stated;
      }
    }
    return result;
  }

  /** Each word of a person's name → the words of all the spellings of it (computed once per corpus, not per question). */
  private nameSpellings(): Map<string, Set<string>> {
    if (!this.spellings) {
      const out = new Map<string, Set<string>>();
      for (const p of this.corpus.people) {
        const forms = [p.name, ...p.variants].flatMap((n) => termsOf(n));
        for (const t of forms) out.set(t, new Set([...(out.get(t) ?? []), ...forms]));
      }
      this.spellings = out;
    }
    return this.spellings;
  }

  /** The sides a who-question names ("China", "the US"): its words and the words WordNet derives from them ("Chinese"), as terms. */
  private sidesOf(q: AnalyzedQuestion): Set<string> {
    const out = new Set<string>();
    for (const w of q.words) {
      if (!this.corpus.nounClasses.get(w.term) && !w.name && !/^(?:us|usa|uk|eu)$/.test(w.term)) continue;
      out.add(w.term);
      for (const r of this.corpus.related.get(w.term) ?? []) if (r.via === 'derived' || r.via === 'synonym') out.add(r.term);
    }
    return out;
  }

  /** The corpus sentence a source quotes. */
  private sentenceOf(src: { id: string; sentence: string }): number | undefined {
    const [from, to] = this.view.range(src.id);
    for (let i = from; i < to; i++) if (this.corpus.sentences[i].text === src.sentence) return i;
    return undefined;
  }

  /** A sentence as an answer item, with the people it names. */
  private itemOf(idx: number, score: number): AnswerItem {
    const s = this.corpus.sentences[idx];
    const people = this.corpus.sentencePeople[idx].map((pi) => this.view.personRef(this.corpus.people[pi], s.articleId));
    const item: AnswerItem = { text: s.text, source: this.view.citation(s.articleId), score };
    if (people.length) item.people = people;
    return item;
  }

  /** The sentence of an event's articles that states its first decision beyond what its best report says, if one does. */
  private decisionSentence(e: StoryEvent, beyondBest = true): number | undefined {
    for (const d of e.decisions)
      for (const src of e.sources) {
        const [from, to] = this.view.range(src.id);
        for (let i = from; i < to; i++) if (this.corpus.sentences[i].text.includes(d) && !(beyondBest && this.corpus.sentences[i].text === e.sources[0].sentence)) return i;
      }
    return undefined;
  }

  /** The words most article titles share, as a question: what the corpus is about (computed once). */
  private topicQuestion(): AnalyzedQuestion {
    this.topic ??= this.buildTopicQuestion();
    return this.topic;
  }

  private buildTopicQuestion(): AnalyzedQuestion {
    const count = new Map<string, { raw: string; n: number }>();
    for (const a of this.corpus.articles) {
      for (const t of a.titleTerms) {
        const c = count.get(t) ?? { raw: t, n: 0 };
        c.n++;
        count.set(t, c);
      }
    }
    const shared = [...count.entries()].filter(([, c]) => c.n >= 2).sort((a, b) => b[1].n - a[1].n);
    const words = (shared.length ? shared : [...count.entries()]).slice(0, 6).map(([term, c]) => ({ raw: c.raw, term }));
    return { text: words.map((w) => w.raw).join(' '), kind: 'what', words, attendance: false };
  }

  /** Articles, newest first (by publication date; sorted once). */
  private newestArticles(): readonly Article[] {
    this.newestFirst ??= [...this.corpus.articles].sort((a, b) => b.published.iso.localeCompare(a.published.iso));
    return this.newestFirst;
  }

  /**
   * "What's new", "the latest on the hotline": answered from the newest articles. With a topic,
   * the newest article that answers it; without one, the newest article's opening sentences.
   */
  private latest(question: string, q: AnalyzedQuestion): AskResult {
    const recency = this.options.lexicon.intents.latest;
    // Words of the recency itself, and the corpus's own topic words ("what's new on the deal" in a corpus about the deal), narrow nothing.
    const corpusTopic = new Set(this.topicQuestion().words.map((w) => w.term));
    const topic = {
      ...q,
      words: q.words.filter((w) => !recency.test(w.raw) && !/^(?:new|newest|news|recent|recently|latest|current|updates?|developments?|status)$/.test(w.raw) && !corpusTopic.has(w.term)),
    };
    const newest = this.newestArticles();
    if (!newest.length) return this.refusal(question, 'unknown');
    let chosen: Ranked[] = [];
    if (topic.words.length) {
      const { results } = this.ranker.rank(topic, 50);
      const ok = results.filter((r) => this.support(r) >= this.options.minCoverage);
      const rank = new Map(newest.map((a, i) => [a.id, i]));
      chosen = ok.sort((a, b) => (rank.get(this.corpus.sentences[a.idx].articleId) ?? 0) - (rank.get(this.corpus.sentences[b.idx].articleId) ?? 0) || b.score - a.score).slice(0, 3);
    }
    if (!chosen.length) {
      const [start, end] = this.sentenceRange(newest[0].id);
      chosen = Array.from({ length: Math.min(3, end - start) }, (_, i) => ({ idx: start + i, score: 1, coverage: 1, passageCoverage: 1, matched: 0, matchedDirect: 0 }));
    }
    if (!chosen.length) return this.refusal(question, 'weak');
    return { question, kind: 'answer', answers: chosen.map((r) => this.item(r)), mode: 'latest' };
  }

  /**
   * "And after that?": the opening sentences of the article published next after (or last before)
   * the given one. At either end of the corpus, says so.
   */
  nextReport(question: string, articleId: string, direction: 'after' | 'before'): AskResult {
    const ordered = [...this.corpus.articles].sort((a, b) => a.published.iso.localeCompare(b.published.iso) || a.id.localeCompare(b.id));
    const at = ordered.findIndex((a) => a.id === articleId);
    const next = at < 0 ? undefined : ordered[direction === 'after' ? at + 1 : at - 1];
    if (!next) {
      const reason = direction === 'after' ? 'That is the newest report I have.' : 'That is the oldest report I have.';
      return { question, kind: 'no_answer', answers: [], reason, suggestions: this.examples().slice(0, 2) };
    }
    const [start, end] = this.sentenceRange(next.id);
    const lead = Array.from({ length: Math.min(2, end - start) }, (_, i) => this.item({ idx: start + i, score: 1, coverage: 1, passageCoverage: 1, matched: 0, matchedDirect: 0 }));
    return { question, kind: 'answer', answers: lead, mode: direction === 'after' ? 'next' : 'previous' };
  }

  /**
   * How much of the question a ranked sentence answers for, with its paragraph's help (0…1): of its
   * main words' weight (`m.share`, see supportWords), and by the stricter bar when it matches one
   * word of the `m.known` the corpus knows.
   */
  private support(r: Ranked, m: Measure = WHOLE_QUESTION): number {
    const known = m.known;
    if (r.matched < Math.min(this.options.minMatched, known)) return 0;
    const support = Math.min(1, Math.max(r.coverage, this.options.passageSupport * r.passageCoverage) / m.share);
    // One word of several: the support must clear the stricter bar (scaled so that minCoverage stays the threshold).
    if (r.matched === 1 && known >= 2 && known !== Infinity) return support * (this.options.minCoverage / this.options.minCoverageOneWord);
    return support;
  }

  private pickSupport(results: Ranked[], best: Ranked, m: Measure): Ranked[] {
    const floor = best.score * this.options.supportRatio;
    const ok = results.filter((r) => r !== best && r.score >= floor && this.support(r, { ...m, known: Infinity }) >= this.options.minCoverageSupporting);
    // One answer from another article, when one scores at least half the best (a second source's view);
    // the rest by rank, wherever they come from.
    const own = this.corpus.sentences[best.idx].articleId;
    const other = ok.find((r) => this.corpus.sentences[r.idx].articleId !== own && r.score >= best.score * 0.5);
    const out = other ? [best, other] : [best];
    for (const r of ok) if (out.length < 3 && !out.includes(r)) out.push(r);
    return out.sort((a, b) => b.score - a.score);
  }

  private item(r: Ranked): AnswerItem {
    return this.itemOf(r.idx, round(r.score));
  }

  private roster(results: Ranked[], everyMeeting: boolean): RosterEntry[] {
    return meetingRoster(this.view, results, everyMeeting);
  }

  /** The [start, end) indexes of an article's sentences. */
  sentenceRange(articleId: string): [number, number] {
    return this.view.range(articleId);
  }

  private refusal(question: string, why: 'weak' | 'unknown', missing: readonly string[] = []): AskResult {
    return { question, kind: 'no_answer', answers: [], reason: refusalReason(why, this.corpusFacts(), missing), suggestions: this.examples() };
  }

  /**
   * The names and years a question asks about that no article holds, as typed ("Trump", "2019"): a
   * question about someone the articles never mention is not answered from what they say of others.
   * A misspelled name the speller finds is held.
   */
  private missingNames(q: AnalyzedQuestion): string[] {
    return this.options.refuseMissingNames ? this.ranker.missingNames(q) : [];
  }

  /**
   * Up to three questions this corpus answers, to suggest (in refusals, greetings and help): "who is
   * …" for the two people it mentions most, then "what's new" and "a summary". Each is asked first
   * and kept only when it is answered, so a corpus about anything suggests its own. Found once.
   */
  examples(): string[] {
    if (this.exampleList) return this.exampleList;
    // A candidate that is refused asks for the examples again (its refusal suggests them): none then.
    if (this.findingExamples) return [];
    this.findingExamples = true;
    try {
      const candidates = [...mostMentioned(this.view, 2).map((name) => `who is ${name}`), "what's new", 'a summary'];
      this.exampleList = candidates.filter((q) => this.ask(q).kind === 'answer').slice(0, 3);
    } finally {
      this.findingExamples = false;
    }
    return this.exampleList;
  }

  /** What the wording of refusals and greetings says about the corpus (the words are the reply layer's). */
  corpusFacts(): CorpusFacts {
    const newest = this.newestArticles();
    const years = newest.map((a) => a.published.iso.slice(0, 4));
    return { articles: newest.length, firstYear: years[years.length - 1], lastYear: years[0], newest: newest[0] && { title: newest[0].title, publisher: newest[0].publisher } };
  }

  sources(): SourceInfo[] {
    return sourceList(this.view);
  }

  people(): PersonInfo[] {
    return peopleList(this.view);
  }
}

/** How close (in characters) a place must stand to a future date to be where the plan points: "in Beijing in May of 2016". */
const PLAN_REACH = 24;

/** Beyond its words, a sentence is found by its article's year and month, the periods it names, its numbers however written and the acronyms it defines (periods.ts, numbers.ts, acronyms.ts). */
function sentenceFacets(published: readonly string[], text: string): string[] {
  return [...published, ...periodTerms(text), ...numberTerms(text), ...definedAcronyms(text).map(acronymTerm)];
}

/** Search terms for when an article was published: its year, and its month when known. */
function publishedFacets(d: PartialDate): string[] {
  const [y, m] = d.iso.split('-');
  return m === undefined ? [publishedYearTerm(y)] : [publishedYearTerm(y), publishedMonthTerm(Number(m))];
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
