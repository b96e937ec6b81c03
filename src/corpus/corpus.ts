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
import { foldTypography, isStopWord, termOf, termsOf } from '../language/text';
import type { AnswerTerms, Article, Citation, Person, Sentence } from '../types';
import { WordNet } from '../language/wordnet';

export interface Corpus {
  articles: Article[];
  sentences: Sentence[];
  people: Person[];
  /** For each sentence, indexes into `people` of who it names. */
  sentencePeople: number[][];
  /** Words a question may use → the corpus terms they are related to (from WordNet; empty without it). */
  related: RelatedTable;
  /** Corpus terms that name a person, a place or a time (from WordNet; empty without it). */
  nounClasses: Map<string, NounClass>;
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
  return { id: a.id, title: a.title, publisher: a.publisher, published: a.published.iso };
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

interface Pending {
  article: Article;
  text: string;
  paragraph: number;
  terms: string[];
  answers: AnswerTerms;
  /** Capitalised words (lower case), to link people named bare ("Kerry said"). */
  capitals: Set<string>;
}

/** Build the corpus from parsed seed articles. Tokens are dropped as soon as each sentence is analysed. */
export function buildCorpus(raw: RawArticle[], options: Partial<CorpusOptions> = {}): Corpus {
  const lexicon = options.lexicon ?? DEFAULT_LEXICON;
  const wordnet = options.wordnet === undefined ? sharedWordNet : options.wordnet;
  const articles: Article[] = [];
  const pending: Pending[] = [];
  const mentionsByArticle = new Map<string, Mention[]>();
  /** Each word of the corpus, as written and as its lemma ("began", "begin"), with its search term: WordNet's way in. */
  const vocabulary: [string, string][] = [];
  const seenWords = new Set<string>();
  for (const r of raw) {
    const paragraphs = removeFurniture(r.body, r.title);
    const article: Article = { id: r.id, file: r.file, title: r.title, publisher: r.publisher, published: r.published, paragraphs };
    articles.push(article);
    const seen = new Set<string>();
    const mentions: Mention[] = [];
    for (const [paragraph, p] of paragraphs.entries()) {
      for (const s of segmentParagraph(p)) {
        const key = foldTypography(s.text).toLowerCase();
        if (seen.has(key) || isFurnitureSentence(s.text) || !/[A-Za-z]{2}/.test(s.text)) continue;
        seen.add(key);
        mentions.push(...extractMentions(s.tokens));
        for (const k of s.tokens) {
          const lower = k.text.toLowerCase();
          if (seenWords.has(lower) || !/^[a-z]{3,}$/.test(lower) || isStopWord(lower)) continue;
          seenWords.add(lower);
          const term = termOf(lower);
          vocabulary.push([lower, term]);
          if (k.lemma !== lower && /^[a-z]{3,}$/.test(k.lemma)) vocabulary.push([k.lemma, term]);
        }
        pending.push({
          article,
          text: s.text.replace(/\s+/g, ' ').trim(),
          paragraph,
          terms: [...termsOf(s.text), ...acronymsOf(s.tokens)],
          answers: answerTermsOf(s, lexicon),
          capitals: capitalWords(s.tokens),
        });
      }
    }
    mentionsByArticle.set(r.id, mentions);
  }
  const people = buildPeople(mentionsByArticle);
  const knowledge = wordnet ? buildWordKnowledge(vocabulary, wordnet(), termOf) : undefined;
  const linker = new PeopleLinker(people);
  const sentences: Sentence[] = [];
  const sentencePeople: number[][] = [];
  const position = new Map<string, number>();
  for (const p of pending) {
    const named = linker.link(p.article.id, p.capitals);
    const pos = position.get(p.article.id) ?? 0;
    position.set(p.article.id, pos + 1);
    for (const x of named) p.answers.name.push(...termsOf(x.name));
    if (knowledge) {
      for (const t of p.terms) {
        const cls = knowledge.nounClasses.get(t);
        if (cls === 'person') p.answers.name.push(t);
        else if (cls === 'place') p.answers.place.push(t);
      }
    }
    for (const k of ['name', 'place'] as const) p.answers[k] = [...new Set(p.answers[k])];
    sentences.push({ idx: sentences.length, articleId: p.article.id, position: pos, paragraph: p.paragraph, text: p.text, terms: p.terms, answers: p.answers });
    sentencePeople.push(named.map((x) => people.indexOf(x)));
  }
  chooseCanonicalNames(
    people,
    sentences.map((s) => s.text),
  );
  return { articles, sentences, people, sentencePeople, related: knowledge?.related ?? new Map(), nounClasses: knowledge?.nounClasses ?? new Map() };
}

let wordnetInstance: WordNet | undefined;
/** One WordNet per process, opened on first use (about half a second). */
function sharedWordNet(): WordNet {
  wordnetInstance ??= WordNet.open();
  return wordnetInstance;
}
