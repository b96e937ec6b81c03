/**
 * Who was at which meeting: per article, the people who spoke there or are
 * said to be present, and those who were due but withdrew.
 */
import type { Corpus } from '../corpus/corpus';
import { escapeRegExp } from '../language/text';
import type { Person } from '../types';
import type { RosterEntry } from './answer';
import type { CorpusView } from './view';

const SPEECH = '(?:said|says|told|added|noted|urged|touted|announced|stated|explained|warned|insisted|stressed|remarked)';
const WITHDREW = /\b(?:withdr[ae]w|withdrawn|withdraw|pulled out|cancell?ed|unable to attend|did not attend|could not attend|absent)\b/i;
const PRESENT = /\b(?:attended|attending|were present|was present|took part|participated|joined|met with|hosted)\b/i;

export interface RosterPerson {
  person: Person;
  status: 'present' | 'withdrew';
}

function nameAlternation(p: Person): string {
  const names = new Set<string>();
  for (const n of [p.name, ...p.variants]) {
    names.add(n);
    const parts = n.split(' ');
    for (const part of parts) if (part.length >= 2) names.add(part);
  }
  return [...names].map(escapeRegExp).join('|');
}

/** Each person's two patterns of speaking, made once (a question about what someone said tests many sentences). */
const speechPatterns = new WeakMap<Person, { before: RegExp; after: RegExp }>();

/** Did the person speak in this sentence ("Kerry said", "said Mr Xi", "Guo Shengkun, …, said")? */
export function spokeIn(p: Person, sentence: string): boolean {
  let patterns = speechPatterns.get(p);
  if (!patterns) {
    const n = nameAlternation(p);
    patterns = {
      before: new RegExp(`\\b(?:${n})(?:[’']s)?(?:,[^,]{1,120},)?\\s+(?:has\\s+|had\\s+|also\\s+)?${SPEECH}\\b`),
      // "said Mr Xi." ends its clause; "Hale said Berg was tired" is Hale speaking about Berg.
      after: new RegExp(`\\b${SPEECH}\\s+(?:(?:Mr|Mrs|Ms|Dr)\\.?\\s+)?(?:${n})\\b(?=\\s*(?:[,.;:!?”"’)]|$))`),
    };
    speechPatterns.set(p, patterns);
  }
  return patterns.before.test(sentence) || patterns.after.test(sentence);
}

/** The roster of one article, given the [start, end) range of its sentences. */
export function articleRoster(corpus: Corpus, [start, end]: [number, number]): RosterPerson[] {
  const status = new Map<Person, RosterPerson['status']>();
  corpus.sentences.slice(start, end).forEach((s) => {
    const i = s.idx;
    for (const pi of corpus.sentencePeople[i]) {
      const p = corpus.people[pi];
      if (WITHDREW.test(s.text)) status.set(p, 'withdrew');
      else if (status.get(p) !== 'withdrew' && (spokeIn(p, s.text) || PRESENT.test(s.text))) status.set(p, 'present');
    }
  });
  return [...status].map(([person, st]) => ({ person, status: st }));
}

/**
 * The roster of each meeting the ranked sentences come from (one article, one meeting), at most
 * six, in the order they happened; with `everyMeeting`, also the other articles that name people.
 */
export function meetingRoster(view: CorpusView, results: readonly { idx: number }[], everyMeeting: boolean): RosterEntry[] {
  const { corpus } = view;
  const order: string[] = [];
  const sentenceOf = new Map<string, string>();
  for (const r of results) {
    const s = corpus.sentences[r.idx];
    if (!sentenceOf.has(s.articleId)) {
      order.push(s.articleId);
      sentenceOf.set(s.articleId, s.text);
    }
  }
  if (everyMeeting) {
    const withPeople = new Set(corpus.people.flatMap((p) => p.articleIds));
    const rest = corpus.articles.filter((a) => !sentenceOf.has(a.id) && withPeople.has(a.id)).sort((a, b) => a.published.iso.localeCompare(b.published.iso));
    for (const a of rest) order.push(a.id);
  }
  const entries: RosterEntry[] = [];
  for (const id of order) {
    const roster = articleRoster(corpus, view.range(id));
    const present = roster.filter((r) => r.status === 'present').map((r) => view.personRef(r.person, id));
    const withdrew = roster.filter((r) => r.status === 'withdrew').map((r) => view.personRef(r.person, id));
    let sentence = sentenceOf.get(id);
    if (!sentence) {
      if (!present.length) continue;
      const [a, b] = view.range(id);
      sentence = corpus.sentences.slice(a, b).find((s) => corpus.sentencePeople[s.idx].length > 0)?.text ?? '';
    }
    entries.push({ source: view.citation(id), sentence, present, withdrew });
    if (entries.length >= 6) break;
  }
  // Meetings in the order they happened (articles in publication order).
  return entries.sort((a, b) => a.source.published.localeCompare(b.source.published));
}
