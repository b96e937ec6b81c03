/**
 * The corpus as the core sees it: articles cleaned of furniture, their
 * sentences tagged with what they contain, and the people they name.
 * Built from the seed files; plain data, so it can be cached as JSON.
 */
import { removeFurniture, isFurnitureSentence } from './furniture';
import { buildPeople, capitalWords, chooseCanonicalNames, extractMentions, mentionsPeopleGenerically, PeopleLinker, type Mention } from './people';
import { segmentParagraph, type TaggedSentence, type TaggedToken } from './segment';
import type { RawArticle } from './seeds';
import { foldTypography, termsOf } from './text';
import type { Article, Citation, Person, Sentence, SentenceFeatures } from './types';

export interface Corpus {
  articles: Article[];
  sentences: Sentence[];
  people: Person[];
  /** For each sentence, indexes into `people` of who it names. */
  sentencePeople: number[][];
}

const CAUSE = /\b(?:because|due to|after|following|since|as a result|forced|owing to|in response|amid|so that|in order to|aimed at)\b/i;
const MONTH = /\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b/i;
const TIME_PHRASE = /\b(?:(?:end|start|beginning|middle) of the (?:year|month)|next (?:year|month|week)|last (?:year|month|week)|years? ago|(?:semi-)?annual|yesterday|tomorrow|(?:19|20)\d\d)\b/i;

function features(s: TaggedSentence, namesPerson: boolean): SentenceFeatures {
  const t = s.tokens;
  const date = t.some((k) => k.entity === 'DATE' && !/^(?:today|now)$/i.test(k.text)) || TIME_PHRASE.test(s.text) || (MONTH.test(s.text) && /\b(?:in|by|last|next|of)\s+[A-Z]/.test(s.text));
  let place = false;
  for (let i = 0; i + 1 < t.length; i++) {
    if (/^(?:in|at)$/i.test(t[i].text)) {
      const n = t[i + 1].pos === 'ADJ' || t[i + 1].pos === 'DET' ? t[i + 2] : t[i + 1];
      if (n && n.pos === 'PROPN' && !n.entity) place = true;
    }
  }
  const number = t.some((k) => k.entity === 'CARDINAL' || k.entity === 'MONEY' || k.entity === 'PERCENT' || k.pos === 'NUM');
  return { person: namesPerson || mentionsPeopleGenerically(s.text), date, place, number, cause: CAUSE.test(s.text) };
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
  terms: string[];
  has: SentenceFeatures;
  /** Capitalised words (lower case), to link people named bare ("Kerry said"). */
  capitals: Set<string>;
}

/** Build the corpus from parsed seed articles. Tokens are dropped as soon as each sentence is analysed. */
export function buildCorpus(raw: RawArticle[]): Corpus {
  const articles: Article[] = [];
  const pending: Pending[] = [];
  const mentionsByArticle = new Map<string, Mention[]>();
  for (const r of raw) {
    const paragraphs = removeFurniture(r.body, r.title);
    const article: Article = { id: r.id, file: r.file, title: r.title, publisher: r.publisher, published: r.published, paragraphs };
    articles.push(article);
    const seen = new Set<string>();
    const mentions: Mention[] = [];
    for (const p of paragraphs) {
      for (const s of segmentParagraph(p)) {
        const key = foldTypography(s.text).toLowerCase();
        if (seen.has(key) || isFurnitureSentence(s.text) || !/[A-Za-z]{2}/.test(s.text)) continue;
        seen.add(key);
        mentions.push(...extractMentions(s.tokens));
        pending.push({
          article,
          text: s.text.replace(/\s+/g, ' ').trim(),
          terms: [...termsOf(s.text), ...acronymsOf(s.tokens)],
          has: features(s, false),
          capitals: capitalWords(s.tokens),
        });
      }
    }
    mentionsByArticle.set(r.id, mentions);
  }
  const people = buildPeople(mentionsByArticle);
  const linker = new PeopleLinker(people);
  const sentences: Sentence[] = [];
  const sentencePeople: number[][] = [];
  const position = new Map<string, number>();
  for (const p of pending) {
    const named = linker.link(p.article.id, p.capitals);
    const pos = position.get(p.article.id) ?? 0;
    position.set(p.article.id, pos + 1);
    if (named.length) p.has.person = true;
    sentences.push({ idx: sentences.length, articleId: p.article.id, position: pos, text: p.text, terms: p.terms, has: p.has });
    sentencePeople.push(named.map((x) => people.indexOf(x)));
  }
  chooseCanonicalNames(people, sentences.map((s) => s.text));
  return { articles, sentences, people, sentencePeople };
}
