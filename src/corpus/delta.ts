/**
 * A corpus changed by a few articles, made from the corpus before instead of
 * from every article's part: what a bot that is running, or a start after an
 * article was added, changed or removed, can answer from within a second at
 * 10,000 articles, while the full assembly (corpus.ts, seconds) is done
 * later or elsewhere.
 *
 * The articles and sentences are those a full assembly would give, in the
 * same order; so are the search index built from them (answering/bm25.ts,
 * spliceIndex) and the vocabulary. What depends on every article at once is
 * carried over and merged instead of made again: the people (a changed
 * article's people are linked to those already known, new ones are added,
 * and their display names are not chosen again) and WordNet's knowledge (only
 * words new to the corpus are looked up). So a delta is close to, not always
 * equal to, a full assembly; `exact` in load.ts says which one a corpus is.
 */
import { sentenceMaker, sharedWordNet, vocabularyOf, type ArticlePart, type Corpus, type CorpusOptions, type SentenceReport } from './corpus';
import { renumbered } from './columns';
import { buildPeople, PeopleLinker, sameName } from './people';
import { buildWordKnowledge, type NounClass, type RelatedTable } from '../language/related';
import { termOf } from '../language/text';
import type { Article, Person, Sentence } from '../types';
import { lookupWordNet } from '../language/wordnet';

export interface CorpusDelta {
  corpus: Corpus;
  surface: Map<string, string>;
  /** Old sentence number → new; -1 for a sentence of a removed article. */
  sentenceMap: Int32Array;
  /** Numbers of the sentences of the added articles. */
  added: number[];
}

/** The order a full load gives articles: their files' names, sorted (seeds.ts, readSeedDir). */
const byFile = (a: Article, b: Article) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0);

/**
 * The corpus with the articles `removed` (by id) taken out and the articles of `parts` put in
 * (a changed article is both: removed as it was, added as it is). The old corpus is not changed.
 */
export function spliceCorpus(
  old: Corpus,
  oldSurface: ReadonlyMap<string, string>,
  removed: ReadonlySet<string>,
  parts: readonly ArticlePart[],
  /** The old sentences that hold a term (the search index's postings). */
  holding: (term: string) => ArrayLike<number>,
  /** The [start, end) numbers of an old article's sentences (they are consecutive). */
  rangeOf: (articleId: string) => [number, number],
  options: Partial<CorpusOptions> = {},
): CorpusDelta {
  const adding = new Map(parts.map((p) => [p.article.id, p]));
  const gone = (id: string) => removed.has(id) || adding.has(id);
  // Articles in the order a full load has them.
  const articles = [...old.articles.filter((a) => !gone(a.id)), ...parts.map((p) => p.article)].sort(byFile);
  // People: those known, without the removed articles, and those the added articles name.
  const people = old.people.map((p) => ({ ...p, variants: [...p.variants], roles: p.roles.filter((r) => !gone(r.articleId)), articleIds: p.articleIds.filter((id) => !gone(id)) }));
  addPeople(people, parts);
  // People no article names any more are dropped (the old ones by their number, for the kept sentences' links).
  const personNo = new Int32Array(people.length).fill(-1);
  const kept: Person[] = [];
  people.forEach((p, i) => {
    if (p.articleIds.length) personNo[i] = kept.push(p) - 1;
  });
  const knowledge = newKnowledge(old, oldSurface, parts, options);
  const make = sentenceMaker(knowledge.nounClasses);
  // A word new to the corpus may tell that a term names a person or a place: the old sentences holding it answer with it too.
  const classed = new Map<number, string[]>();
  for (const [t, c] of knowledge.nounClasses) {
    if (old.nounClasses.has(t) || (c !== 'person' && c !== 'place')) continue;
    for (const i of Array.from(holding(t))) classed.set(i, [...(classed.get(i) ?? []), t]);
  }
  // The linker records articles on the people it links; only the added articles' sentences are linked.
  const linker = new PeopleLinker(kept);
  const keptNo = new Map(kept.map((p, i) => [p, i]));

  const sentenceMap = new Int32Array(old.sentences.length).fill(-1);
  const sentences: Sentence[] = [];
  const sentencePeople: number[][] = [];
  const addedSentences: number[] = [];
  const reports: SentenceReport[] = [];
  const oldReports = new Map(old.reports.map((r) => [r.idx, r]));
  for (const a of articles) {
    const part = adding.get(a.id);
    if (part) {
      part.sentences.forEach((p, pos) => {
        if (p.report) reports.push({ ...p.report, idx: sentences.length });
        const named = linker.link(a.id, p.capitals);
        addedSentences.push(sentences.length);
        sentences.push(make(p, a.id, pos, sentences.length, named));
        sentencePeople.push(named.map((x) => keptNo.get(x)!));
      });
      continue;
    }
    const [from, to] = rangeOf(a.id);
    for (let i = from; i < to; i++) {
      sentenceMap[i] = sentences.length;
      const report = oldReports.get(i);
      if (report) reports.push({ ...report, idx: sentences.length });
      const terms = classed.get(i);
      sentences.push(terms ? withNounClasses(old.sentences[i], sentences.length, terms, knowledge.nounClasses) : renumbered(old.sentences[i], sentences.length));
      sentencePeople.push(old.sentencePeople[i].map((x) => personNo[x]).filter((x) => x >= 0));
    }
  }

  const surface = new Map(oldSurface);
  for (const p of parts) for (const [w, t] of p.surface) surface.set(w, t);
  const namedTerms = new Set(old.namedTerms);
  for (const i of addedSentences) {
    const a = sentences[i].answers;
    for (const t of [...a.name, ...a.place, ...a.date]) namedTerms.add(t);
  }
  return {
    corpus: { articles, sentences, people: kept, sentencePeople, related: knowledge.related, nounClasses: knowledge.nounClasses, namedTerms, reports },
    surface,
    sentenceMap,
    added: addedSentences,
  };
}

/** A sentence, renumbered, answering also with terms WordNet now says name a person or a place (in the order a full assembly adds them). */
function withNounClasses(s: Sentence, idx: number, terms: readonly string[], classes: ReadonlyMap<string, NounClass>): Sentence {
  const answers = { ...s.answers, name: [...s.answers.name], place: [...s.answers.place] };
  const classedTerms = new Set(terms);
  for (const t of s.terms) {
    if (!classedTerms.has(t)) continue;
    const list = classes.get(t) === 'person' ? answers.name : answers.place;
    if (!list.includes(t)) list.push(t);
  }
  return { idx, articleId: s.articleId, position: s.position, paragraph: s.paragraph, text: s.text, terms: s.terms, answers };
}

/**
 * Merge the added articles' mentions into `people` (changed in place): a mention of someone known
 * (the same name, as `buildPeople` matches names) adds the article and the role given there;
 * another with a role is a new person.
 */
function addPeople(people: Person[], parts: readonly ArticlePart[]): void {
  // Who the added articles name, merged among themselves as a full build would.
  const theirs = buildPeople(new Map(parts.map((p) => [p.article.id, p.mentions])));
  for (const q of theirs) {
    const known = people.find((p) => [p.name, ...p.variants].some((a) => [q.name, ...q.variants].some((b) => sameName(a, b))));
    if (!known) {
      people.push(q);
      continue;
    }
    for (const id of q.articleIds) if (!known.articleIds.includes(id)) known.articleIds.push(id);
    for (const r of q.roles) if (!known.roles.some((k) => k.role.toLowerCase() === r.role.toLowerCase() && k.articleId === r.articleId)) known.roles.push(r);
  }
}

/** Up to how many new words are looked up one by one rather than with the whole index read in (about 0.3 s). */
const FEW_WORDS = 2000;

/** The old corpus's WordNet knowledge and that of the added articles' words it did not have (looked up only when there are any). */
function newKnowledge(
  old: Corpus,
  oldSurface: ReadonlyMap<string, string>,
  parts: readonly ArticlePart[],
  options: Partial<CorpusOptions>,
): { related: RelatedTable; nounClasses: Map<string, NounClass> } {
  const vocabulary = vocabularyOf(parts, oldSurface);
  // A few new words are looked up in WordNet's sorted index files; many, in the whole index read in.
  const wordnet = options.wordnet === undefined ? (vocabulary.length > FEW_WORDS ? sharedWordNet : lookupWordNet) : options.wordnet;
  if (!wordnet || !vocabulary.length) return { related: old.related, nounClasses: old.nounClasses };
  const more = buildWordKnowledge(vocabulary, wordnet(), termOf);
  const related: RelatedTable = new Map(old.related);
  for (const [key, list] of more.related) {
    const had = related.get(key);
    if (!had) related.set(key, list);
    else related.set(key, [...had, ...list.filter((x) => !had.some((h) => h.term === x.term))]);
  }
  const nounClasses = new Map(old.nounClasses);
  for (const [t, c] of more.nounClasses) if (!nounClasses.has(t)) nounClasses.set(t, c);
  return { related, nounClasses };
}
