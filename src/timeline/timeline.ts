/**
 * The timeline of milestones, extracted from the corpus: every dated
 * statement, resolved against its article's publication date with
 * chrono-node, plus each article's own news event (its lead, at its
 * publication date). The same event reported by several articles becomes one
 * milestone with several sources.
 */
import { citationOf, type Corpus } from '../corpus/corpus';
import { DATEISH, datesIn, isAfter, type DatedStatement } from '../language/dated';
import { startOf } from '../language/dates';
import { isStopWord, termsOf } from '../language/text';
import type { Article, Citation, PartialDate, Precision, Sentence } from '../types';

export interface MilestoneSource extends Citation {
  sentence: string;
}

export interface Milestone {
  /** ISO date cut to its precision. */
  date: string;
  precision: Precision;
  /** "by" dates: the event was due no later than this ("by the end of the year"). */
  approximate?: boolean;
  /** Had it happened when the (latest) article was written, or was it planned? */
  status: 'happened' | 'planned';
  summary: string;
  sources: MilestoneSource[];
}

/** Does one partial date contain or equal the other (2015-09 ~ 2015-09-25)? */
function compatible(a: PartialDate, b: PartialDate): boolean {
  const n = Math.min(a.iso.length, b.iso.length);
  return a.iso.slice(0, n) === b.iso.slice(0, n) && Math.min(a.iso.length, b.iso.length) >= 7;
}

/** Same event date: compatible, or two days at most a week apart (a lead dated by publication, an event dated in the text). */
function near(a: PartialDate, b: PartialDate): boolean {
  if (compatible(a, b)) return true;
  return a.precision === 'day' && b.precision === 'day' && Math.abs(startOf(a).getTime() - startOf(b).getTime()) <= 7 * 86_400_000;
}

interface Candidate {
  date: PartialDate;
  approximate: boolean;
  article: Article;
  sentence: Sentence;
  lead: boolean;
  terms: Set<string>;
  people: Set<number>;
  /** The date phrase as written ("last September"), for the summary. */
  dateText?: string;
}

/** Longest summary: a whole news sentence fits (what happened, where, who and why), well within every platform's list item. */
export const SUMMARY_CHARS = 240;

/** Remove the date phrase that opens a sentence and keep it within `max`: asides go first, then clauses without the date, and only then is it cut. */
export function summarize(sentence: string, dateText?: string, max = SUMMARY_CHARS): string {
  let s = sentence.trim();
  if (dateText) {
    // Keep the clause that holds the date ("… and both countries plan to meet again in May of 2016").
    const clauses = s.split(/,\s+(?:and|but|while)\s+|;\s+|\s+and\s+(?=(?:both|they|it|he|she|the\s+two)\b)/);
    const withDate = clauses.find((c) => c.includes(dateText));
    if (withDate && clauses.length > 1) s = withDate.trim().replace(/[^.!?]$/, '$&.');
    // Drop a date phrase that opens the sentence ("In February, …").
    const i = s.indexOf(dateText);
    if (i >= 0 && i < 16) s = s.slice(i + dateText.length).replace(/^[\s,]+/, '');
    s = s.replace(/^(?:then|and)\s+/i, '');
  }
  s = s.charAt(0).toUpperCase() + s.slice(1);
  if (s.length <= max) return s;
  // An aside between dashes or brackets says least about the event.
  const noAsides = s.replace(/\s+[–—]\s+[^–—]{1,120}\s+[–—]\s+/g, ' ').replace(/\s*\([^()]{1,120}\)/g, '');
  if (noAsides.length <= max) return noAsides;
  s = noAsides;
  // Then the trailing clauses, keeping the one that holds the date.
  const clauses = s.split(/(?<=,)\s+/);
  while (clauses.length > 1 && clauses.join(' ').length > max) {
    const last = clauses.length - 1;
    const drop = dateText && clauses[last].includes(dateText) && last > 1 ? last - 1 : last;
    clauses.splice(drop, 1);
  }
  const kept = clauses.join(' ').replace(/,$/, '.');
  if (kept.length <= max) return kept;
  const cut = s.slice(0, max - 1);
  return cut.slice(0, Math.max(cut.lastIndexOf(' '), max / 2)).replace(/[,;:–-]\s*$/, '') + '…';
}

/**
 * Content terms that say what an event was about: stop words, numbers and the corpus's common
 * terms (those at least half of its articles use: what every article is about, not one event) left out.
 */
function eventTerms(texts: string[], common: ReadonlySet<string>): Set<string> {
  return new Set(texts.flatMap((t) => termsOf(t)).filter((t) => !common.has(t) && !isStopWord(t) && t.length > 2 && !/^\d/.test(t)));
}

function overlap(a: Set<string>, b: Set<string>): number {
  let n = 0;
  for (const x of a) if (b.has(x)) n++;
  return n;
}

/** The capitalised words of a text (names, as written: "U.S." and "US" are both "us"), lower case. */
function capitalised(text: string): Set<string> {
  return new Set((text.match(/\b[A-Z][\p{L}.’'-]*/gu) ?? []).map((w) => w.replace(/[.]|['’]s$/g, '').toLowerCase()).filter((w) => w.length > 1));
}

/** The words (as `wordsOf` reads an article's sentences) that at least half of the corpus's articles use; none for fewer than three articles (no telling). */
function usedByHalf(byArticle: Map<string, Sentence[]>, wordsOf: (sentences: Sentence[]) => Iterable<string>): Set<string> {
  if (byArticle.size < 3) return new Set();
  const counts = new Map<string, number>();
  for (const sentences of byArticle.values()) for (const w of new Set(wordsOf(sentences))) counts.set(w, (counts.get(w) ?? 0) + 1);
  return new Set([...counts].filter(([, n]) => n >= byArticle.size / 2).map(([w]) => w));
}

/**
 * The one dated statement a sentence is a milestone for (one sentence, one milestone): the most
 * precise date it gives, the first of those.
 */
function mainDate(dates: DatedStatement[]): DatedStatement | undefined {
  return dates.filter((d) => !d.deictic).reduce<DatedStatement | undefined>((best, d) => (!best || d.date.iso.length > best.date.iso.length ? d : best), undefined);
}

export function extractTimeline(corpus: Corpus): Milestone[] {
  const candidates: Candidate[] = [];
  const byArticle = new Map<string, Sentence[]>();
  for (const s of corpus.sentences) byArticle.set(s.articleId, [...(byArticle.get(s.articleId) ?? []), s]);
  // The corpus's main actors: the capitalised words (names) at least half its articles use ("China", "U.S.", "Obama" here).
  const actors = usedByHalf(byArticle, (ss) => capitalised(ss.map((s) => s.text).join(' ')));
  const common = usedByHalf(byArticle, (ss) => ss.flatMap((s) => s.terms));
  for (const article of corpus.articles) {
    const sentences = byArticle.get(article.id) ?? [];
    if (!sentences.length) continue;
    // The article's own news event: its lead, dated by publication; it also gathers "today"/"Wednesday" statements.
    const leadPool = sentences.slice(0, 3);
    const leadPeople = new Set(sentences.flatMap((s) => corpus.sentencePeople[s.idx]));
    const lead: Candidate = {
      date: article.published,
      approximate: false,
      article,
      sentence: sentences[0],
      lead: true,
      terms: eventTerms(
        leadPool.map((s) => s.text),
        common,
      ),
      people: leadPeople,
    };
    candidates.push(lead);
    for (const s of sentences) {
      if (!DATEISH.test(s.text)) continue;
      const dates = datesIn(s.text, article.published);
      if (dates.some((d) => d.deictic)) for (const t of eventTerms([s.text], common)) lead.terms.add(t);
      const d = mainDate(dates);
      if (!d) continue;
      // A dated event that names none of the corpus's main actors (another country's strategy) is not one of its milestones.
      if (actors.size && ![...capitalised(s.text)].some((w) => actors.has(w))) continue;
      candidates.push({
        date: d.date,
        approximate: d.approximate,
        article,
        sentence: s,
        lead: false,
        terms: eventTerms([s.text], common),
        people: new Set(corpus.sentencePeople[s.idx]),
        dateText: d.text,
      });
    }
  }
  // Merge candidates that are one event: compatible dates and a shared person or two shared content words.
  const groups: Candidate[][] = [];
  for (const c of candidates) {
    const g = groups.find((grp) =>
      grp.some(
        (o) =>
          o !== c &&
          near(o.date, c.date) &&
          !(o.article.id === c.article.id && !o.lead && !c.lead && o.sentence.idx !== c.sentence.idx && overlap(o.terms, c.terms) < 3) &&
          ([...c.people].some((p) => o.people.has(p)) || overlap(o.terms, c.terms) >= 2),
      ),
    );
    if (g) g.push(c);
    else groups.push([c]);
  }
  const milestones = groups.map((grp) => toMilestone(grp));
  return milestones.sort((a, b) => a.date.localeCompare(b.date) || a.summary.localeCompare(b.summary));
}

function toMilestone(grp: Candidate[]): Milestone {
  // The most precise date any source gives, a date stated in the text before a publication date.
  const ranked = [...grp].sort((a, b) => b.date.iso.length - a.date.iso.length || Number(a.lead) - Number(b.lead));
  const date = ranked[0].date;
  // Summary from the source written nearest the event, preferring explicit statements to leads.
  const main = [...grp].sort(
    (a, b) =>
      Math.abs(startOf(a.article.published).getTime() - startOf(date).getTime()) - Math.abs(startOf(b.article.published).getTime() - startOf(date).getTime()) || Number(a.lead) - Number(b.lead),
  )[0];
  const happened = grp.some((c) => !isAfter(c.date, c.article.published));
  const sources: MilestoneSource[] = [];
  for (const c of grp) {
    if (sources.some((s) => s.id === c.article.id && s.sentence === c.sentence.text)) continue;
    sources.push({ ...citationOf(c.article), sentence: c.sentence.text });
  }
  // The source the summary comes from first, then the others by date.
  sources.sort(
    (a, b) => Number(b.sentence === main.sentence.text && b.id === main.article.id) - Number(a.sentence === main.sentence.text && a.id === main.article.id) || a.published.localeCompare(b.published),
  );
  const m: Milestone = {
    date: date.iso,
    precision: date.precision,
    status: happened ? 'happened' : 'planned',
    summary: summarize(main.sentence.text, main.dateText),
    sources,
  };
  if (grp.every((c) => c.approximate)) m.approximate = true;
  return m;
}

const timelines = new WeakMap<Corpus, Milestone[]>();

/** The milestones of a corpus, extracted once per corpus (a reloaded corpus gets its own). */
export function timelineOfCorpus(corpus: Corpus): Milestone[] {
  let t = timelines.get(corpus);
  if (!t) timelines.set(corpus, (t = extractTimeline(corpus)));
  return t;
}
