/**
 * Events: the reports of one event across articles merged into one, with
 * every source kept. Two reports are one event when their dates agree (the
 * same day, or a day inside the other's month or year) and they say the same
 * thing: the distinctive words and names they share, weighed by how rare
 * they are in the corpus, make up enough of the smaller one's. The corpus's
 * subject (the words its titles share) says which events bear on the story:
 * those are its milestones; a dated aside about something else is not.
 */
import { citationOf, type Corpus, type SentenceReport } from '../corpus/corpus';
import { formatPartialDate, startOf } from '../language/dates';
import { FUTURE, isAfter } from '../language/dated';
import { isStopWord, termsOf } from '../language/text';
import type { Article, Citation, PartialDate } from '../types';
import type { EventKind } from './kinds';
import { withoutDateline } from './report';

/** An event as answers carry it (AnswerItem.event; eventRef makes one). */
export interface EventRef {
  /** meeting, agreement, decision, proposal, accusation, report, statement or action. */
  kind: string;
  /** ISO date cut to its precision; the first day of an event over several. */
  date: string;
  precision: 'year' | 'month' | 'day';
  /** The last day of an event over several (ISO). */
  until?: string;
  /** Had it happened by the latest report of it, or was it planned? */
  status: 'happened' | 'planned';
  place?: string;
  /** People, organisations and countries its reports name. */
  participants: string[];
  /** What its reports say was agreed, decided or proposed, in their words. */
  decisions: string[];
  /** Every article that reports it, the best report first, each with its sentence. */
  sources: (Citation & { sentence: string })[];
}

export interface EventSource extends Citation {
  /** The sentence that reports the event. */
  sentence: string;
}

export interface StoryEvent {
  kind: EventKind;
  /** Its date (its first day, for a meeting over several); undefined for a plan that gives none. */
  date?: PartialDate;
  /** The last day of an event over several days. */
  until?: PartialDate;
  approximate?: boolean;
  /** Had it happened by the latest report of it, or was it still planned? */
  status: 'happened' | 'planned';
  place?: string;
  participants: string[];
  decisions: string[];
  /** What happened, in a sentence: the best report's, without dateline or attribution. */
  summary: string;
  /** The best report's date phrase as written ("last month"), when it states one. */
  dateText?: string;
  /** Every report, the best first (the one the summary comes from). */
  sources: EventSource[];
  /** The newest report's source, when several articles report it: what the answer says is latest. */
  latest?: EventSource;
  /** How many articles report it. */
  articles: number;
  /** How many articles report it as their news (in their lead, as an event of its kind). */
  leads: number;
  /** How much it bears on the corpus's subject: its reports' share of the subject's words, times how many articles report it. */
  bearing: number;
  /** Is it one of the story's milestones (dated, on the subject, an event rather than an aside)? */
  milestone: boolean;
}

export interface Subject {
  /** Words the titles share (search terms), most shared first: what the corpus is about. */
  terms: string[];
  /** Terms at least half of the articles use: the story's own words, which single out none of its events. */
  common?: Set<string>;
  /** Every term of the articles: a question's word outside it singles out no event. */
  known?: Set<string>;
  /** The words as a reader would say them ("coffee quota talks"), from the titles. */
  words: string;
  /** The names at least half of the articles use (search terms): an event naming them bears on the story. */
  actors?: string[];
}

export interface EventOptions {
  /** Share of the smaller report's distinctive weight two reports must share to be one event. Default 0.34. */
  sameEvent: number;
  /** The same, when one is dated only by month or year, or their kinds differ. Default 0.5. */
  sameEventLoose: number;
  /** Days apart two day-dated reports of one event may be (a meeting over several days). Default 2. */
  days: number;
}

export const DEFAULT_EVENT_OPTIONS: EventOptions = { sameEvent: 0.34, sameEventLoose: 0.5, days: 2 };

/** Kinds that are events in themselves; a statement or a bare action is a milestone only when it is its article's news. */
const EVENT_KINDS_PROPER = new Set<EventKind>(['meeting', 'agreement', 'decision', 'proposal', 'accusation', 'report']);

interface Item {
  r: SentenceReport;
  /** The people (canonical names) its sentence names; a lead's, those of its article's first sentences too. */
  people: Set<string>;
  article: Article;
  text: string;
  features: Map<string, number>;
  weight: number;
  lead: boolean;
}

interface Cluster {
  items: Item[];
  date: PartialDate;
  /** The last day a report of it gives, for a meeting reported day after day. */
  last: PartialDate;
}

const DAY = 86_400_000;
/** A word in at most one article in this many is rare enough to find the events it names by. */
const RARE = 4;
/** Events one such word (or name, or place) may point to before it is too common to follow. */
const POSTINGS = 64;
/** Reports of an event a new report is compared with: a long-running event's first ones and latest ones. */
const REPRESENTATIVES = 8;
/** The share of a corpus's articles that must report an event no article leads with for it to be a milestone (one in fifty). */
const SUPPORT = 0.02;

/** Kinds that tell of one event in other words: an agreement is a decision taken together. */
const family = (k: EventKind): EventKind => (k === 'decision' ? 'agreement' : k);
/** Sentences at an article's start that tell its news: its lead's words are theirs too. */
const LEAD_SENTENCES = 3;

/** A forecast, a prospect or an opinion rather than a deed: a modal, "seen", "expected", "likely". */
const PROSPECT = /\b(?:could|might|would|should|must|likely|unlikely|expected|expects?|seen|sees|hopes?|believes?|predicts?|predicted|fears?|doubts?)\b/i;
/** A prospect in words, or the modal "may" (in lower case: "May" is the month). */
const isProspect = (text: string): boolean => PROSPECT.test(text) || /\bmay\b/.test(text);

/** Months since year 0 of an ISO date with a month ("1987-03" → 23,846). */
const monthNumber = (iso: string): number => Number(iso.slice(0, 4)) * 12 + Number(iso.slice(5, 7));

/**
 * Do two dates agree: one within the other (2015-09 ~ 2015-09-25), two days at most `days` apart,
 * or a day at most `days` into the month after a month (talks "in February" that ended on 2 March)?
 */
export function datesAgree(a: PartialDate, b: PartialDate, days: number): boolean {
  const n = Math.min(a.iso.length, b.iso.length);
  if (a.iso.slice(0, n) === b.iso.slice(0, n)) return true;
  // Different years, months apart: no need to count the days.
  if (a.iso.length >= 7 && b.iso.length >= 7 && Math.abs(monthNumber(a.iso) - monthNumber(b.iso)) > 1) return false;
  if (a.precision === 'day' && b.precision === 'day') return Math.abs(startOf(a).getTime() - startOf(b).getTime()) <= days * DAY;
  const [month, day] = a.precision === 'month' && b.precision === 'day' ? [a, b] : b.precision === 'month' && a.precision === 'day' ? [b, a] : [undefined, undefined];
  if (!month || !day) return false;
  const next = startOf(month);
  next.setUTCMonth(next.getUTCMonth() + 1);
  const t = startOf(day).getTime();
  return t >= next.getTime() && t < next.getTime() + days * DAY;
}

/** An attribution at a sentence's end (", delegates said.", ", he told Reuters."), dropped from a summary. */
export function withoutAttribution(text: string): string {
  return text
    .replace(/,\s+(?:[^,]{1,60}?\s)?(?:said|says|told\s+\w+|added|reported|according\s+to\s+[^,]{1,60})(?:\s+(?:today|yesterday|on\s+\w+))?\.?\s*$/i, '.')
    .replace(/,\s+(?:said|says)\s+[^,]{1,80}\.?\s*$/i, '.');
}

/** A report's sentence as a line: no dateline, no attribution, a capital first. */
export function eventLine(text: string): string {
  const s = withoutAttribution(withoutDateline(text)).trim();
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** The corpus's subject: the search terms that at least a fifth of its titles use (at least two titles), most used first. */
export function subjectOf(corpus: Corpus): Subject {
  const counts = new Map<string, number>();
  for (const a of corpus.articles) for (const t of new Set(termsOf(a.title))) if (!/^\d/.test(t)) counts.set(t, (counts.get(t) ?? 0) + 1);
  const min = Math.max(2, corpus.articles.length / 5);
  const terms = [...counts].filter(([, n]) => n >= min).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  // The words as written: the stretch of the title that holds most of them, from the first to the last ("ICO talks on coffee quotas").
  const top = new Set(terms.slice(0, 4).map(([t]) => t));
  let words = '';
  let best = 0;
  for (const a of corpus.articles) {
    const ws = a.title.split(/\s+/);
    const at = ws.map((w, i) => (top.has(termsOf(w)[0] ?? '') ? i : -1)).filter((i) => i >= 0);
    const held = new Set(at.map((i) => termsOf(ws[i])[0])).size;
    if (held > best || (held === best && at.length && at[at.length - 1] - at[0] + 1 < words.split(' ').length)) {
      [best, words] = [
        held,
        at.length
          ? ws
              .slice(at[0], at[at.length - 1] + 1)
              .join(' ')
              .replace(/[,:;.-]+$/, '')
          : '',
      ];
    }
  }
  return { terms: terms.map(([t]) => t), words };
}

/** The corpus's words by how many articles use them: every term (`known`), and those half of them use (`common`). */
export interface StoryVocabulary {
  df: Map<string, number>;
  known: Set<string>;
  common: Set<string>;
}

const vocabularies = new WeakMap<Corpus, StoryVocabulary>();
/** How a corpus gets its vocabulary other than by reading every sentence (keepVocabularyIn); undefined: read them after all. */
const derived = new WeakMap<Corpus, () => StoryVocabulary | undefined>();

/**
 * Say where a corpus's story vocabulary was kept (each term's count of articles, from the corpus
 * cache): the first storyVocabulary makes it from those counts instead of reading every sentence
 * (hundreds of milliseconds at 10,000 articles). When `read` gives nothing, the sentences are read.
 */
export function keepVocabularyIn(corpus: Corpus, read: () => Map<string, number> | undefined): void {
  derived.set(corpus, () => {
    const df = read();
    return df && vocabularyOfCounts(df, corpus.articles.length);
  });
}

/** The vocabulary of these counts of articles per term, in a corpus of `n` articles. */
function vocabularyOfCounts(df: Map<string, number>, n: number): StoryVocabulary {
  return { df, known: new Set(df.keys()), common: new Set(n >= 4 ? [...df].filter(([, k]) => k >= n / 2).map(([t]) => t) : []) };
}

/**
 * The words a question about an event is read against (computed once per corpus): what reading a
 * question needs, without building the events, which only an event question needs.
 */
export function storyVocabulary(corpus: Corpus): StoryVocabulary {
  let v = vocabularies.get(corpus);
  const derive = v ? undefined : derived.get(corpus);
  if (derive) {
    derived.delete(corpus);
    v = derive();
    if (v) vocabularies.set(corpus, v);
  }
  if (!v) {
    const df = new Map<string, number>();
    const perArticle = new Map<string, Set<string>>();
    for (const s of corpus.sentences) {
      let set = perArticle.get(s.articleId);
      if (!set) perArticle.set(s.articleId, (set = new Set()));
      for (const t of s.terms) set.add(t);
    }
    for (const set of perArticle.values()) for (const t of set) df.set(t, (df.get(t) ?? 0) + 1);
    v = vocabularyOfCounts(df, corpus.articles.length);
    vocabularies.set(corpus, v);
  }
  return v;
}

/**
 * Say how a corpus changed by a few articles gets its story vocabulary from the one before (on first
 * use, as storyVocabulary would make it): each term's count of articles less the `changed` articles'
 * terms before and plus theirs after (their sentences, by `sentencesOf`), instead of reading every
 * sentence again.
 */
export function vocabularyAfterChange(old: Corpus, corpus: Corpus, changed: ReadonlySet<string>, sentencesOf: (c: Corpus, articleId: string) => [number, number]): void {
  keepVocabularyIn(corpus, () => {
    const df = new Map(storyVocabulary(old).df);
    const count = (c: Corpus, by: number) => {
      for (const id of changed) {
        const [from, to] = sentencesOf(c, id);
        const terms = new Set<string>();
        for (let i = from; i < to; i++) for (const t of c.sentences[i].terms) terms.add(t);
        for (const t of terms) {
          const k = (df.get(t) ?? 0) + by;
          if (k > 0) df.set(t, k);
          else df.delete(t);
        }
      }
    };
    count(old, -1);
    count(corpus, 1);
    return df;
  });
}

/**
 * Build the corpus's events from its reports; with `only`, from the reports of those articles alone
 * (weighed against the whole corpus's words), and with `subjectBefore`, that subject rather than the one
 * its titles give (eventsAfterChange: a few changed articles, the rest's events known).
 */
export function buildEvents(
  corpus: Corpus,
  options: EventOptions = DEFAULT_EVENT_OPTIONS,
  only?: ReadonlySet<string>,
  subjectBefore?: StoredEvents['subject'],
): { events: StoryEvent[]; subject: Subject } {
  const subject: Subject = subjectBefore ? { terms: [...subjectBefore.terms], words: subjectBefore.words } : subjectOf(corpus);
  const articleOf = new Map(corpus.articles.map((a) => [a.id, a]));
  // How rare each term is across articles: what singles out one event.
  const vocabulary = storyVocabulary(corpus);
  const { df } = vocabulary;
  const n = Math.max(1, corpus.articles.length);
  const idf = (t: string) => Math.log(1 + n / (df.get(t) ?? 1));
  // Words half the articles use say what the story is about, not which of its events: they are left out.
  const common = (t: string) => vocabulary.common.has(t);
  const distinctive = (t: string) => !common(t) && !isStopWord(t) && t.length > 2 && !/^\d/.test(t);

  const items: Item[] = [];
  const firstOf = new Map<string, number>();
  for (const s of corpus.sentences) if (!firstOf.has(s.articleId)) firstOf.set(s.articleId, s.idx);
  for (const r of corpus.reports) {
    const s = corpus.sentences[r.idx];
    const article = articleOf.get(s.articleId);
    if (!article || (only && !only.has(article.id))) continue;
    const features = new Map<string, number>();
    for (const t of s.terms) if (distinctive(t)) features.set(t, idf(t));
    // Names by their words, so that "President Xi Jinping" meets "Xi Jinping".
    for (const p of r.participants) for (const t of termsOf(p)) if (!common(t)) features.set(`@${t}`, idf(t));
    // An article's lead stands for its news: the words and people of its first sentences count too.
    const lead = firstOf.get(s.articleId) === r.idx;
    const people = new Set<string>();
    for (let i = r.idx; i < r.idx + (lead ? LEAD_SENTENCES : 1) && corpus.sentences[i]?.articleId === s.articleId; i++) {
      if (lead) for (const t of corpus.sentences[i].terms) if (distinctive(t) && !features.has(t)) features.set(t, idf(t) / 2);
      for (const p of corpus.sentencePeople[i] ?? []) {
        const person = corpus.people[p];
        if (!person) continue;
        people.add(person.name);
        if (lead) for (const t of termsOf(person.name)) if (!common(t)) features.set(`@${t}`, idf(t));
      }
    }
    if (r.place) features.set(`#${r.place.toLowerCase()}`, 1);
    let weight = 0;
    for (const w of features.values()) weight += w;
    items.push({ r, article, text: s.text, features, weight, lead, people });
  }

  const similarity = (a: Item, b: Item) => {
    let shared = 0;
    for (const [f, w] of a.features) if (b.features.has(f)) shared += Math.min(w, b.features.get(f)!);
    const smaller = Math.min(a.weight, b.weight);
    return smaller > 0 ? shared / smaller : 0;
  };

  // Most precise dates first, so an event is anchored on its day and month-dated mentions join it.
  const dated = items.filter((i) => i.r.date).sort((a, b) => b.r.date!.iso.length - a.r.date!.iso.length || a.r.date!.iso.localeCompare(b.r.date!.iso) || a.r.idx - b.r.idx);
  const clusters: Cluster[] = [];
  // Candidates by what they share: a report is compared with the events that share a rare word, a
  // name, a place or its article with it (and, for a month's mention of a meeting, that month's
  // meetings), not with every event; their dates must still agree.
  const rare = Math.log(1 + RARE);
  const keysOf = (it: Item): string[] => {
    const keys = [`article:${it.article.id}`];
    for (const [f, w] of it.features) if (f.startsWith('#') || f.startsWith('@') || idf(f) >= rare || w >= rare) keys.push(f);
    if (it.r.kind === 'meeting' && it.r.date && it.r.date.precision !== 'day') keys.push(`meeting:${it.r.date.iso}`);
    return keys;
  };
  // A key that many events share singles none out: past POSTINGS events it is no longer followed.
  const index = new Map<string, Cluster[] | null>();
  const file = (c: Cluster, it: Item) => {
    for (const key of keysOf(it)) {
      let list = index.get(key);
      if (list === null) continue;
      if (!list) index.set(key, (list = []));
      if (list[list.length - 1] === c) continue;
      if (list.length >= POSTINGS && !key.startsWith('article:')) index.set(key, null);
      else list.push(c);
    }
  };
  const candidates = (it: Item): Set<Cluster> => {
    const out = new Set<Cluster>();
    for (const key of keysOf(it)) for (const c of index.get(key) ?? []) out.add(c);
    return out;
  };
  for (const it of dated) {
    const d = it.r.date!;
    let best: Cluster | undefined;
    let bestSim = 0;
    for (const c of candidates(it)) {
      // A large event is compared by its first reports and its last: what names it, and where it has got to.
      const reps = c.items.length > REPRESENTATIVES ? [...c.items.slice(0, REPRESENTATIVES - 2), ...c.items.slice(-2)] : c.items;
      // A meeting reported day after day goes on from its last day; anything else from its first.
      const ongoing = it.r.kind === 'meeting' && reps.some((o) => o.r.kind === 'meeting') && datesAgree(c.last, d, options.days);
      if (!datesAgree(c.date, d, options.days) && !ongoing) continue;
      // The news of one article's day is one event: its lead and what it dates "today" or "Monday".
      const sameNews = it.r.own && reps.some((o) => o.r.own && o.article.id === it.article.id && o.r.date!.iso === d.iso);
      // One meeting in one month: the story's mentions of "the September meeting" are of the same one.
      const meetings = it.r.kind === 'meeting' ? reps.filter((o) => o.r.kind === 'meeting') : [];
      const sameMeeting = meetings.length > 0 && d.precision !== 'day' && c.date.iso === d.iso;
      if (sameNews || sameMeeting) {
        best = c;
        break;
      }
      // One place, one meeting at a time: day-dated meeting reports that agree on date and place are of the same meeting.
      const samePlace = d.precision === 'day' && it.r.place !== undefined && meetings.some((o) => o.r.place === it.r.place);
      // Of one kind, at dates that agree, named by the same words ("the ICO council", "export quotas … suspended").
      const sameName = reps.some((o) => o.r.kind === it.r.kind && o.r.about.some((t) => it.r.about.includes(t)));
      // A month's or a year's mention of an agreement or a meeting that names the same person as one reported then.
      const samePerson = d.precision !== 'day' && it.r.kind !== 'statement' && it.r.kind !== 'action' && [...it.people].some((p) => reps.some((o) => o.r.kind !== 'statement' && o.people.has(p)));
      // Two day-dated reports from one article are two events unless they say the same.
      // A month's mention of a meeting dated to the day is held to the ordinary bar: it names the meeting.
      const sameKind = reps.some((o) => family(o.r.kind) === family(it.r.kind));
      // A plan and the report that it was carried out are one event in other words.
      const carriedOut = reps.some((o) => (o.r.status === 'planned') !== (it.r.status === 'planned'));
      const loose = !(sameKind || carriedOut) || (d.precision !== c.date.precision && !(it.r.kind === 'meeting' && d.precision === 'month'));
      const need = loose ? options.sameEventLoose : options.sameEvent;
      // The evidence: the words they share, and what the signs above add; the event that has most wins.
      const sim = Math.max(...reps.map((o) => similarity(it, o))) + (samePlace ? need : 0) + (sameName || samePerson ? need / 2 : 0);
      if (sim >= need && sim > bestSim) [best, bestSim] = [c, sim];
    }
    if (best) {
      best.items.push(it);
      if (d.precision === best.date.precision && d.iso > best.last.iso) best.last = d;
      file(best, it);
    } else {
      const c = { items: [it], date: d, last: d };
      clusters.push(c);
      file(c, it);
    }
  }
  // Meetings reported day after day may have started as two events (a report of the first days, one
  // of the last): two meetings at one place whose days meet, or named alike, are one.
  const placeOf = (c: Cluster) => c.items.find((i) => i.r.place)?.r.place;
  const meetings = clusters.filter((c) => c.date.precision === 'day' && c.items.some((x) => x.r.kind === 'meeting')).sort((x, y) => x.date.iso.localeCompare(y.date.iso));
  const merged = new Set<Cluster>();
  for (let i = 0; i < meetings.length; i++) {
    const a = meetings[i];
    if (merged.has(a)) continue;
    // In date order: only the meetings that start before this one's last day (and a few days after) can be it.
    for (let j = i + 1; j < meetings.length; j++) {
      const b = meetings[j];
      if (b.date.iso > a.last.iso && !datesAgree(a.last, b.date, options.days)) break;
      const place = placeOf(a);
      if (merged.has(b) || !place || place !== placeOf(b)) continue;
      a.items.push(...b.items);
      if (b.last.iso > a.last.iso) a.last = b.last;
      merged.add(b);
    }
  }
  if (merged.size) clusters.splice(0, clusters.length, ...clusters.filter((c) => !merged.has(c)));
  // A plan with no date joins the planned event it speaks of, if there is one; alone it is no milestone.
  const plans = clusters.filter((c) => c.items.some((o) => o.r.status === 'planned'));
  for (const it of items.filter((i) => !i.r.date)) {
    let best: Cluster | undefined;
    let bestSim = options.sameEventLoose;
    for (const c of plans) {
      const sim = Math.max(...c.items.slice(0, REPRESENTATIVES).map((o) => similarity(it, o)));
      if (sim >= bestSim) [best, bestSim] = [c, sim];
    }
    if (best) best.items.push(it);
  }

  // What bears on the story: the words its titles share and its actors.
  subject.known = vocabulary.known;
  subject.common = vocabulary.common;
  subject.actors = subjectBefore ? (subjectBefore.actors ?? []) : actorsOf(corpus);
  const subjectTerms = new Set([...subject.terms, ...subject.actors]);
  const events = clusters.map((c) => toEvent(c, subjectTerms, corpus));
  events.sort(storyOrder);
  return { events, subject };
}

/** Events in the story's order: by date (undated last), the most reported first on a day, then by what they say. */
const storyOrder = (a: StoryEvent, b: StoryEvent): number => (a.date?.iso ?? '9999').localeCompare(b.date?.iso ?? '9999') || b.articles - a.articles || a.summary.localeCompare(b.summary);

/** The story's actors, as its articles write them: the names at least half of them use ("China", "Brazil", "ICO"). */
function actorsOf(corpus: Corpus): string[] {
  const n = corpus.articles.length;
  if (n < 3) return [];
  const capitals = new Map<string, Set<string>>();
  for (const s of corpus.sentences)
    for (const key of s.answers.name) {
      let set = capitals.get(key);
      if (!set) capitals.set(key, (set = new Set()));
      set.add(s.articleId);
    }
  return [...capitals].filter(([, a]) => a.size >= n / 2).map(([t]) => t);
}

function toEvent(c: Cluster, subjectTerms: ReadonlySet<string>, corpus: Corpus): StoryEvent {
  const items = c.items;
  const days = items.map((i) => i.r.date!).filter((d) => d.precision === c.date.precision);
  const sortedDays = [...new Set(days.map((d) => d.iso))].sort();
  const date = { iso: sortedDays[0], precision: c.date.precision };
  const until = c.date.precision === 'day' && sortedDays.length > 1 ? { iso: sortedDays[sortedDays.length - 1], precision: c.date.precision } : undefined;
  const articles = new Set(items.map((i) => i.article.id));
  // Its kind: the most telling any report gives (a meeting before the statement about it).
  const kindOrder: EventKind[] = ['meeting', 'agreement', 'decision', 'proposal', 'accusation', 'report', 'action', 'statement'];
  const kind = kindOrder.find((k) => items.some((i) => i.r.kind === k)) ?? 'action';
  // Happened once any report, written after it, says it did; a plan while every report plans it.
  const happened = items.some((i) => i.r.status === 'happened' && !isAfter(c.date, i.article.published));
  // A forecast, a prospect or an opinion ("could", "expected", "seen") is no deed: read once per report.
  const deeds = new Map(items.map((i) => [i, !isProspect(withoutAttribution(withoutDateline(i.text)))]));
  const deed = (i: Item) => deeds.get(i)!;
  // Nearest its last day: the report of how it ended tells most.
  const dist = (i: Item) => Math.abs(startOf(i.article.published).getTime() - startOf(c.last).getTime());
  // The best report: one of the event's own kind that tells what was done (no forecast) and decided, dated to its
  // precision, its article's news, written nearest its last day, most distinctive.
  const own = (i: Item) => Number(family(i.r.kind) === family(kind)) + Number(deed(i) && !FUTURE.test(i.text)) + Number(i.r.decisions.length > 0);
  const best = [...items].sort(
    (a, b) =>
      own(b) - own(a) || Number(b.r.date!.precision === date.precision) - Number(a.r.date!.precision === date.precision) || Number(b.lead) - Number(a.lead) || dist(a) - dist(b) || b.weight - a.weight,
  )[0];
  const count = (xs: (string | undefined)[]) => {
    const m = new Map<string, number>();
    for (const x of xs) if (x) m.set(x, (m.get(x) ?? 0) + 1);
    return [...m].sort((a, b) => b[1] - a[1]).map(([x]) => x);
  };
  const place = best.r.place ?? count(items.map((i) => i.r.place))[0];
  const participants = count(items.flatMap((i) => i.r.participants)).filter((p) => p !== place);
  const decisions = [...new Set(items.flatMap((i) => i.r.decisions))];
  const sources: EventSource[] = [];
  for (const i of [best, ...items.filter((x) => x !== best).sort((a, b) => a.article.published.iso.localeCompare(b.article.published.iso))]) {
    if (!sources.some((s) => s.id === i.article.id && s.sentence === i.text)) sources.push({ ...citationOf(i.article), sentence: i.text });
  }
  // Bearing: the share of its reports' words that are the subject's, times the articles reporting it.
  // A meeting or an agreement that an article on the subject reports ("The two sides will meet again in September") is on it too.
  const titled = (i: Item) => (i.r.kind === 'meeting' || i.r.kind === 'agreement') && i.article.titleTerms.some((t) => subjectTerms.has(t));
  let onSubject = 0;
  for (const i of items) if (corpus.sentences[i.r.idx].terms.some((t) => subjectTerms.has(t)) || titled(i) || subjectTerms.size === 0) onSubject++;
  const bearing = (onSubject / items.length) * articles.size;
  // A milestone is an event in itself (a meeting, an agreement, a decision…), an article's news of
  // something done or said, or what three articles report; never a forecast or an opinion (a modal,
  // "expected", "seen") unless three articles report it. In a large corpus an aside one article makes
  // in passing is background: a milestone is some article's news or reported by one article in fifty.
  const proper = items.some((i) => EVENT_KINDS_PROPER.has(i.r.kind) && deed(i));
  const news = items.some((i) => i.lead && (i.r.kind === 'action' || i.r.kind === 'statement') && deed(i));
  const leads = new Set(items.filter((i) => i.lead && family(i.r.kind) === family(kind)).map((i) => i.article.id)).size;
  const supported = leads > 0 || articles.size >= corpus.articles.length * SUPPORT;
  const milestone = bearing > 0 && supported && (proper || news || articles.size >= 3);
  const e: StoryEvent = {
    kind,
    date,
    status: happened ? 'happened' : 'planned',
    participants,
    decisions,
    summary: eventLine(best.text),
    sources,
    articles: articles.size,
    leads,
    bearing,
    milestone,
  };
  if (until) e.until = until;
  if (items.every((i) => i.r.approximate)) e.approximate = true;
  if (place) e.place = place;
  if (best.r.dateText) e.dateText = best.r.dateText;
  if (articles.size > 1) {
    // The newest report (the first of the newest article, as a stable sort would give).
    const latest = items.reduce((a, b) => (b.article.published.iso > a.article.published.iso ? b : a));
    e.latest = { ...citationOf(latest.article), sentence: latest.text };
  }
  return e;
}

/** Changed articles up to this share of a corpus have its events made from those before (eventsAfterChange); more, and they are built again. */
export const EVENTS_CHANGE_SHARE = 0.02;

/**
 * The events of a corpus changed by a few articles (corpus/delta.ts), from the events before the
 * change: what the bot answers from in the second after an article is dropped in, or at a start after
 * a few changed, until the whole corpus is built again (in a worker) with events built from all of
 * its reports. The events before keep what the `changed` articles (added, changed or removed, by id)
 * did not report; the changed articles' reports are made into events against the whole corpus's
 * words, and each joins an event before when their dates agree, their kinds are of one family and
 * they share a place, a participant or a decision; otherwise it is an event of its own. The subject
 * and its actors are the ones before. So, as the corpus itself, close to a full build, not always
 * equal: a changed article can leave an event split that a full build merges.
 */
export function eventsAfterChange(
  before: { events: readonly StoryEvent[]; subject: StoredEvents['subject'] },
  corpus: Corpus,
  changed: ReadonlySet<string>,
  options: EventOptions = DEFAULT_EVENT_OPTIONS,
): StoredEvents {
  const events: StoryEvent[] = [];
  for (const e of before.events) {
    const sources = e.sources.filter((x) => !changed.has(x.id));
    if (sources.length === e.sources.length) events.push(e);
    else if (sources.length) events.push(withSources(e, sources, sources[0] === e.sources[0]));
  }
  const present = new Set(corpus.articles.map((a) => a.id));
  const fresh = buildEvents(corpus, options, new Set([...changed].filter((id) => present.has(id))), before.subject).events;
  // What an event names: its participants, decisions and place.
  const namesOf = (e: StoryEvent) => [...e.participants, ...e.decisions, ...(e.place ? [e.place] : [])];
  for (const f of fresh) {
    const names = new Set(namesOf(f));
    const same = events.find(
      (e) =>
        e.date !== undefined &&
        f.date !== undefined &&
        e.date.precision === f.date.precision &&
        family(e.kind) === family(f.kind) &&
        datesAgree(e.date, f.date, options.days) &&
        namesOf(e).some((x) => names.has(x)),
    );
    if (!same) {
      events.push(f);
      continue;
    }
    const joined = withSources(same, [...same.sources, ...f.sources], true);
    joined.participants = [...new Set([...same.participants, ...f.participants])];
    joined.decisions = [...new Set([...same.decisions, ...f.decisions])];
    joined.leads = same.leads + f.leads;
    joined.bearing = same.bearing + f.bearing;
    joined.milestone = same.milestone || f.milestone;
    if (f.status === 'happened') joined.status = 'happened';
    events[events.indexOf(same)] = joined;
  }
  events.sort(storyOrder);
  return { events, subject: before.subject };
}

/** An event with other sources: its article count and newest report made again; its summary too unless its best report is kept. */
function withSources(e: StoryEvent, sources: EventSource[], bestKept: boolean): StoryEvent {
  const out: StoryEvent = { ...e, sources, articles: new Set(sources.map((x) => x.id)).size };
  if (!bestKept) out.summary = eventLine(sources[0].sentence);
  delete out.latest;
  if (out.articles > 1) {
    const latest = sources.reduce((a, b) => (b.published > a.published ? b : a));
    out.latest = latest;
  }
  return out;
}

/** An event as answers carry it (AnswerItem.event, `timeline --json`). */
export function eventRef(e: StoryEvent): EventRef {
  const ref: EventRef = {
    kind: e.kind,
    date: e.date?.iso ?? '',
    precision: e.date?.precision ?? 'year',
    status: e.status,
    participants: e.participants,
    decisions: e.decisions,
    sources: e.sources,
  };
  if (e.until) ref.until = e.until.iso;
  if (e.place) ref.place = e.place;
  return ref;
}

/** Kinds in the order that makes one event the story's centre when as many articles report two. */
const CENTRAL_KINDS: EventKind[] = ['agreement', 'meeting', 'decision', 'proposal', 'accusation', 'report', 'action', 'statement'];

/**
 * The story in brief, from its milestones: the central event (the one most articles report as their
 * news, then the one most report at all; an agreement before a meeting before a decision when as many
 * report two), what followed it (the
 * most reported milestone after it), and what comes next (the plan dated latest, from the newest report).
 */
export function storyInBrief(events: readonly StoryEvent[]): { central?: StoryEvent; followed?: StoryEvent; next?: StoryEvent } {
  const milestones = events.filter((e) => e.milestone && e.date);
  const happened = milestones.filter((e) => e.status === 'happened');
  const rank = (a: StoryEvent, b: StoryEvent) =>
    b.leads - a.leads || b.articles - a.articles || CENTRAL_KINDS.indexOf(a.kind) - CENTRAL_KINDS.indexOf(b.kind) || b.decisions.length - a.decisions.length || b.sources.length - a.sources.length;
  const central = [...happened].sort(rank)[0];
  if (!central) return {};
  const after = happened.filter((e) => e !== central && e.date!.iso > central.date!.iso);
  const followed = [...after].sort(rank)[0];
  const plans = milestones.filter((e) => e.status === 'planned' && e.date!.iso > central.date!.iso);
  const next = [...plans].sort(latestPlanFirst)[0];
  return { central, followed, next };
}

/** The story in brief as labelled lines, as a summary and a digest tell it. */
export function storyLines(events: readonly StoryEvent[]): { label: string; event: StoryEvent }[] {
  const { central, followed, next } = storyInBrief(events);
  const lines: [StoryEvent | undefined, string][] = [
    [central, 'The central event'],
    [followed, 'What followed'],
    [next, 'What comes next'],
  ];
  return lines.flatMap(([event, label]) => (event ? [{ label, event }] : []));
}

/** When an event's newest report was published (ISO). */
function newestReport(e: StoryEvent): string {
  return e.sources.reduce((m, s) => (s.published > m ? s.published : m), '');
}

/** Plans in the order that says what comes next: the one the newest report gives first, then the later date. */
export function latestPlanFirst(a: StoryEvent, b: StoryEvent): number {
  return newestReport(b).localeCompare(newestReport(a)) || b.date!.iso.localeCompare(a.date!.iso);
}

/** "2–3 Mar 1987", "Mar 1987", "by Dec 2015". */
export function eventWhen(e: Pick<StoryEvent, 'date' | 'until' | 'approximate'>): string {
  if (!e.date) return 'undated';
  let text = formatPartialDate(e.date);
  if (e.until) {
    const [a, b] = [formatPartialDate(e.date).split(' '), formatPartialDate(e.until).split(' ')];
    text = a[1] === b[1] && a[2] === b[2] ? `${a[0]}–${b.join(' ')}` : `${text} – ${formatPartialDate(e.until)}`;
  }
  return e.approximate ? `by ${text}` : text;
}

const built = new WeakMap<Corpus, { events: StoryEvent[]; subject: Subject }>();
/** Where a corpus's events were kept when it was built (the corpus cache): read instead of built again. */
const kept = new WeakMap<Corpus, () => StoredEvents | undefined>();

/** The events and subject as stored with a corpus (plain data; the subject's word sets are the vocabulary's, made again). */
export interface StoredEvents {
  events: StoryEvent[];
  subject: { terms: string[]; words: string; actors?: string[] };
}

/** What to store of a corpus's events (eventsOfCorpus builds them if they are not yet). */
export function storedEvents(corpus: Corpus): StoredEvents {
  const { events, subject } = eventsOfCorpus(corpus);
  return { events, subject: { terms: subject.terms, words: subject.words, actors: subject.actors } };
}

/**
 * Say where a corpus's events were kept: the first eventsOfCorpus reads them there (a cached start
 * reads them only when a timeline, a digest or an event question first needs them). When `read`
 * gives nothing (missing, damaged), they are built.
 */
export function keepEventsIn(corpus: Corpus, read: () => StoredEvents | undefined): void {
  kept.set(corpus, read);
}

/** A corpus's events and subject, built (or read where they were kept) once per corpus (a reloaded corpus gets its own). */
export function eventsOfCorpus(corpus: Corpus): { events: StoryEvent[]; subject: Subject } {
  let e = built.get(corpus);
  if (!e) {
    const stored = kept.get(corpus)?.();
    // Read once: what the reader holds (a file's name, the corpus before a change) is let go.
    kept.delete(corpus);
    if (stored) {
      const vocabulary = storyVocabulary(corpus);
      e = { events: stored.events, subject: { ...stored.subject, known: vocabulary.known, common: vocabulary.common } };
    } else e = buildEvents(corpus);
    built.set(corpus, e);
  }
  return e;
}
