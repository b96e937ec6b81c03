/**
 * The timeline of milestones: the corpus's events (events/) that are
 * milestones of its story, in date order, one line each, saying in a
 * sentence what happened, with the best reporting sentence first and every
 * source kept.
 */
import type { Corpus } from '../corpus/corpus';
import { eventsOfCorpus, storyLines, type StoryEvent } from '../events/events';
import type { EventKind } from '../events/kinds';
import type { Citation, Precision } from '../types';

export interface MilestoneSource extends Citation {
  sentence: string;
}

export interface Milestone {
  /** ISO date cut to its precision. */
  date: string;
  precision: Precision;
  /** The last day of an event over several days (ISO). */
  until?: string;
  /** "by" dates: the event was due no later than this ("by the end of the year"). */
  approximate?: boolean;
  /** Had it happened when the (latest) article was written, or was it planned? */
  status: 'happened' | 'planned';
  summary: string;
  sources: MilestoneSource[];
  /** What kind of event it is (meeting, agreement, decision, …); see events/kinds.ts. */
  kind?: EventKind;
  place?: string;
  /** The names its reports give: people, organisations, countries. */
  participants?: string[];
  /** What its reports say was agreed, decided or proposed. */
  decisions?: string[];
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
    // Drop a date phrase that opens the sentence and is set off by a comma ("In February, …"; not "Since the February talks …").
    const i = s.indexOf(dateText);
    if (i >= 0 && i < 16 && /^[\s]*,/.test(s.slice(i + dateText.length))) s = s.slice(i + dateText.length).replace(/^[\s,]+/, '');
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
 * What happened, in a line: the best report's sentence (without dateline or attribution), and for a
 * meeting whose sentence does not say where, the place ("(London)"). What was decided is in its
 * `decisions`; the sentence that reports the event says it in the article's words.
 */
export function lineOf(e: StoryEvent, max = SUMMARY_CHARS): string {
  let s = summarize(e.summary, e.dateText, max);
  if (e.kind === 'meeting' && e.place && !s.toLowerCase().includes(e.place.toLowerCase()) && s.length + e.place.length + 4 <= max) s = `${s.replace(/[.!?]$/, '')} (${e.place}).`;
  return s;
}

/** A story event as a timeline line. */
export function milestoneOf(e: StoryEvent): Milestone {
  const m: Milestone = {
    date: e.date!.iso,
    precision: e.date!.precision,
    status: e.status,
    summary: lineOf(e),
    sources: e.sources,
    kind: e.kind,
    participants: e.participants,
    decisions: e.decisions,
  };
  if (e.until) m.until = e.until.iso;
  if (e.approximate) m.approximate = true;
  if (e.place) m.place = e.place;
  return m;
}

/** The corpus's milestones: its dated events that bear on its story, in date order. */
export function extractTimeline(corpus: Corpus): Milestone[] {
  return eventsOfCorpus(corpus)
    .events.filter((e) => e.milestone && e.date)
    .map(milestoneOf)
    .sort((a, b) => a.date.localeCompare(b.date) || a.summary.localeCompare(b.summary));
}

/** The story as the digest tells it: what the articles are about (their titles' words), and its central event, what followed, what comes next. */
export function storyOf(corpus: Corpus): { subject: string; brief: { label: string; milestone: Milestone }[] } {
  const { events, subject } = eventsOfCorpus(corpus);
  return { subject: subject.words, brief: storyLines(events).map(({ label, event }) => ({ label, milestone: milestoneOf(event) })) };
}

const timelines = new WeakMap<Corpus, Milestone[]>();

/** The milestones of a corpus, extracted once per corpus (a reloaded corpus gets its own). */
export function timelineOfCorpus(corpus: Corpus): Milestone[] {
  let t = timelines.get(corpus);
  if (!t) timelines.set(corpus, (t = extractTimeline(corpus)));
  return t;
}
