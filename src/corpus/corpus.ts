/**
 * The corpus as the core sees it: articles cleaned of furniture, their
 * sentences tagged with what they contain, and the people they name.
 * Built from the seed files; plain data, so it can be cached as JSON.
 */
import { removeFurniture, isFurnitureSentence } from './furniture';
import { buildPeople, capitalWords, chooseCanonicalNames, extractMentions, PeopleLinker, type Mention } from './people';
import { segmentParagraph, type TaggedSentence, type TaggedToken } from '../language/segment';
import type { RawArticle } from './seeds';
import { monthOf } from '../language/dates';
import { DEFAULT_LEXICON, type Lexicon } from '../language/lexicon';
import { buildWordKnowledge, type NounClass, type RelatedTable } from '../language/related';
import { addSurfaceWords, foldTypography, isStopWord, termOf, termsOf } from '../language/text';
import type { AnswerTerms, Article, Citation, Person, Sentence } from '../types';
import { WordNet } from '../language/wordnet';
import { decisionsOf, reportOf, type ReportPart } from '../events/report';

export interface Corpus {
  articles: Article[];
  sentences: Sentence[];
  people: Person[];
  /** For each sentence, indexes into `people` of who it names. */
  sentencePeople: number[][];
  /** Words a question may use → the corpus terms they are related to (from WordNet; empty without it). */
  related: RelatedTable;
  /** Corpus terms that name a person, a place, a time or a group (from WordNet; empty without it). */
  nounClasses: Map<string, NounClass>;
  /** Every answer term of a name, place or date in some sentence: what can single out one meeting. */
  namedTerms: Set<string>;
  /** The event reports its sentences make (events/report.ts), in sentence order. */
  reports: SentenceReport[];
}

/** An event report and the corpus sentence that makes it. */
export interface SentenceReport extends ReportPart {
  idx: number;
}

export interface CorpusOptions {
  lexicon: Lexicon;
  /** Where related words and person/place nouns come from; null: none (related words off). */
  wordnet: (() => WordNet) | null;
}

/** Tokens the tagger marks as a date, or time words it may miss ("next year", a bare year). */
function isDateToken(t: TaggedToken, lexicon: Lexicon): boolean {
  return (t.entity === 'DATE' || t.entity === 'TIME' || lexicon.timePhrases.test(t.text) || monthOf(t.text) !== undefined) && !/^(?:today|now)$/i.test(t.text);
}

const PLACE_PREPOSITION = /^(?:in|at|from|near|to|outside|inside)$/i;
/** Sentences at an article's start whose decisions are its lead's news. */
const LEAD_DETAIL = 5;

/** What a sentence could answer with, by type, from its tags (names and places by their search terms). */
function answerTermsOf(s: TaggedSentence, lexicon: Lexicon): AnswerTerms {
  const t = s.tokens;
  const out: AnswerTerms = { name: [], place: [], date: [], number: [], cause: [] };
  const term = (k: TaggedToken) => termOf(k.text.toLowerCase().replace(/[.'’]s?$/, ''));
  for (let i = 0; i < t.length; i++) {
    const k = t[i];
    if (isDateToken(k, lexicon)) out.date.push(term(k));
    else if (k.entity === 'CARDINAL' || k.entity === 'MONEY' || k.entity === 'PERCENT' || k.pos === 'NUM') out.number.push(term(k));
    else if (k.pos === 'PROPN') out.name.push(term(k));
    if (PLACE_PREPOSITION.test(k.text)) {
      let j = i + 1;
      while (t[j] && (t[j].pos === 'DET' || t[j].pos === 'ADJ')) j++;
      while (t[j] && t[j].pos === 'PROPN' && !t[j].entity) out.place.push(term(t[j++]));
    }
  }
  const cause = lexicon.causeMarkers.exec(s.text);
  if (cause) out.cause.push(cause[0].toLowerCase());
  return out;
}

export function citationOf(a: Article): Citation {
  return { id: a.id, title: a.title, publisher: a.publisher, published: a.published.iso, ...(a.url ? { url: a.url } : {}) };
}

const ACRONYM_SKIP = new Set(['of', 'and', 'the', 'for', 'on', "'s", '’s', '&']);

/**
 * Acronyms of capitalised names ("People's Liberation Army" → "pla",
 * "United States" → "us"), added as terms so that a question using the
 * acronym finds the sentence that spells the name out.
 */
export function acronymsOf(tokens: readonly TaggedToken[]): string[] {
  const out: string[] = [];
  let run: string[] = [];
  const flush = () => {
    if (run.length >= 2) out.push(run.map((w) => w[0].toLowerCase()).join(''));
    run = [];
  };
  for (const t of tokens) {
    if (/^[A-Z][a-z]+$/.test(t.text)) run.push(t.text);
    else if (!(run.length && ACRONYM_SKIP.has(t.text.toLowerCase()))) flush();
  }
  flush();
  return out.map((a) => (a === 'us' ? 'usa' : a));
}

/**
 * Words that merely share a stem are not the same word: an adjective in -ing that the tagger
 * leaves as its own lemma ("a promising note", "the following day") is a word of its own, not
 * a form of the verb ("promise", "follow"). Its search term is the word itself, so a question
 * about a promise does not find "promising"; a question that says "promising" still does (rank.ts
 * looks a question word up as written too).
 */
export function ownLemmaAdjectives(tokens: readonly TaggedToken[]): Set<string> {
  const out = new Set<string>();
  for (const t of tokens) {
    const lower = t.text.toLowerCase();
    if (t.pos === 'ADJ' && t.lemma === lower && /^[a-z]{4,}ing$/.test(lower) && termOf(lower) !== lower) out.add(lower);
  }
  return out;
}

/** One sentence as its article yields it, before the corpus links its people. */
export interface SentencePart {
  text: string;
  paragraph: number;
  terms: string[];
  answers: AnswerTerms;
  /** Capitalised words (lower case), to link people named bare ("Kerry said"). */
  capitals: string[];
  /** The event it reports, if it reports one (events/report.ts). */
  report?: ReportPart;
}

/**
 * What one article yields on its own (cleaned text, sentences, tags, terms,
 * the people it names, its words): the expensive part of a build, so it is
 * cached per article and only a changed article is analysed again. Plain data.
 */
export interface ArticlePart {
  article: Article;
  sentences: SentencePart[];
  mentions: Mention[];
  /** Each word of the article's text, lower case, with its lemma ("began", "begin"), in order of first use. */
  words: [string, string][];
  /** Surface words of its sentences (lower case) → their search term, for the spelling corrector. */
  surface: [string, string][];
}

/** Clean, segment and tag one article (wink-nlp): everything about it that does not depend on the other articles. */
export function analyseArticle(r: RawArticle, options: { lexicon?: Lexicon } = {}): ArticlePart {
  const lexicon = options.lexicon ?? DEFAULT_LEXICON;
  const paragraphs = removeFurniture(r.body, r.title);
  const article: Article = {
    id: r.id,
    file: r.file,
    title: r.title,
    publisher: r.publisher,
    published: r.published,
    ...(r.url ? { url: r.url } : {}),
    ...(r.fetched ? { fetched: r.fetched } : {}),
    paragraphCount: paragraphs.length,
    // Made as the sentences' terms are (termsOf), so that they meet the index's terms.
    titleTerms: [...new Set(termsOf(r.title))],
  };
  const seen = new Set<string>();
  const seenWords = new Set<string>();
  const surface = new Map<string, string>();
  const part: ArticlePart = { article, sentences: [], mentions: [], words: [], surface: [] };
  for (const [paragraph, p] of paragraphs.entries()) {
    for (const s of segmentParagraph(p)) {
      const key = foldTypography(s.text).toLowerCase();
      if (seen.has(key) || isFurnitureSentence(s.text) || !/[A-Za-z]{2}/.test(s.text)) continue;
      seen.add(key);
      part.mentions.push(...extractMentions(s.tokens));
      for (const k of s.tokens) {
        const lower = k.text.toLowerCase();
        if (seenWords.has(lower) || !/^[a-z]{3,}$/.test(lower) || isStopWord(lower)) continue;
        seenWords.add(lower);
        part.words.push([lower, k.lemma]);
      }
      const text = s.text.replace(/\s+/g, ' ').trim();
      addSurfaceWords(surface, text);
      const report = reportOf(s.tokens, text, r.published, part.sentences.length === 0);
      // The sentences after the lead tell what its news decided ("Both countries have agreed to guidelines …, a hotline …").
      const lead = part.sentences[0]?.report;
      if (lead && !report && part.sentences.length < LEAD_DETAIL) for (const d of decisionsOf(s.tokens, text)) if (!lead.decisions.includes(d)) lead.decisions.push(d);
      part.sentences.push({
        text,
        paragraph,
        terms: [...termsOf(s.text, ownLemmaAdjectives(s.tokens)), ...acronymsOf(s.tokens)],
        answers: answerTermsOf(s, lexicon),
        capitals: [...capitalWords(s.tokens)],
        ...(report ? { report } : {}),
      });
    }
  }
  part.surface = [...surface];
  return part;
}

/** Build the corpus from parsed seed articles. */
export function buildCorpus(raw: RawArticle[], options: Partial<CorpusOptions> = {}): Corpus {
  return assembleCorpus(
    raw.map((r) => analyseArticle(r, options)),
    options,
  );
}

/**
 * The corpus from its articles' parts: what depends on all of them (the
 * people and who each sentence names, WordNet's related words for the whole
 * vocabulary). Quick next to analysing the articles; the parts are not changed.
 */
export function assembleCorpus(parts: readonly ArticlePart[], options: Partial<CorpusOptions> = {}): Corpus {
  const wordnet = options.wordnet === undefined ? sharedWordNet : options.wordnet;
  const articles = parts.map((p) => p.article);
  const people = buildPeople(new Map(parts.map((p) => [p.article.id, p.mentions])));
  const knowledge = wordnet ? buildWordKnowledge(vocabularyOf(parts), wordnet(), termOf) : undefined;
  const linker = new PeopleLinker(people);
  const personIndex = new Map(people.map((x, i) => [x, i]));
  const make = sentenceMaker(knowledge?.nounClasses);
  const sentences: Sentence[] = [];
  const sentencePeople: number[][] = [];
  const reports: SentenceReport[] = [];
  for (const part of parts) {
    const id = part.article.id;
    part.sentences.forEach((p, pos) => {
      if (p.report) reports.push({ ...p.report, idx: sentences.length });
      const named = linker.link(id, p.capitals);
      sentences.push(make(p, id, pos, sentences.length, named));
      sentencePeople.push(named.map((x) => personIndex.get(x)!));
    });
  }
  chooseCanonicalNames(
    people,
    sentences.map((s) => s.text),
  );
  const namedTerms = new Set(sentences.flatMap((s) => [...s.answers.name, ...s.answers.place, ...s.answers.date]));
  return { articles, sentences, people, sentencePeople, related: knowledge?.related ?? new Map(), nounClasses: knowledge?.nounClasses ?? new Map(), namedTerms, reports };
}

/**
 * Each word of the articles, as written and as its lemma, with its search term: WordNet's way in.
 * Words in `known` (already looked up) are left out.
 */
export function vocabularyOf(parts: readonly ArticlePart[], known: ReadonlySet<string> | ReadonlyMap<string, unknown> = new Set()): [string, string][] {
  const vocabulary: [string, string][] = [];
  const seenWords = new Set<string>();
  for (const p of parts) {
    for (const [lower, lemma] of p.words) {
      if (seenWords.has(lower) || known.has(lower)) continue;
      seenWords.add(lower);
      const term = termOf(lower);
      vocabulary.push([lower, term]);
      if (lemma !== lower && /^[a-z]{3,}$/.test(lemma)) vocabulary.push([lemma, term]);
    }
  }
  return vocabulary;
}

/**
 * Makes a corpus sentence from its part: the answer terms of the people it names (as linked) and
 * of the words WordNet says name a person or a place are added to the part's own.
 */
export function sentenceMaker(nounClasses: ReadonlyMap<string, NounClass> | undefined): (p: SentencePart, articleId: string, position: number, idx: number, named: readonly Person[]) => Sentence {
  const nameTerms = new Map<Person, string[]>();
  const termsOfName = (x: Person) => {
    let t = nameTerms.get(x);
    if (!t) nameTerms.set(x, (t = termsOf(x.name)));
    return t;
  };
  return (p, articleId, position, idx, named) => {
    const answers: AnswerTerms = { name: [...p.answers.name], place: [...p.answers.place], date: p.answers.date, number: p.answers.number, cause: p.answers.cause };
    for (const x of named) answers.name.push(...termsOfName(x));
    if (nounClasses) {
      for (const t of p.terms) {
        const cls = nounClasses.get(t);
        if (cls === 'person') answers.name.push(t);
        else if (cls === 'place') answers.place.push(t);
      }
    }
    for (const k of ['name', 'place'] as const) answers[k] = [...new Set(answers[k])];
    return { idx, articleId, position, paragraph: p.paragraph, text: p.text, terms: p.terms, answers };
  };
}

let wordnetInstance: WordNet | undefined;
/** One WordNet per process, opened on first use (about half a second). */
export function sharedWordNet(): WordNet {
  wordnetInstance ??= WordNet.open();
  return wordnetInstance;
}
