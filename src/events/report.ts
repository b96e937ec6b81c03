/**
 * Event reports: what one sentence says happened or is planned. A sentence
 * reports an event when it dates one (a date phrase, "today", a weekday) or
 * is its article's lead (the news of the day it was written). Each report
 * has a kind (events/kinds.ts), a date made absolute against the article's
 * (language/dated.ts) or none when it cannot be resolved, whether it had
 * happened or was planned, a place, its participants (the names it holds)
 * and, for agreements, decisions and proposals, what was decided. Read from
 * the tagged sentence once, when its article is analysed, and cached with it.
 */
import { DATEISH, datesIn, FUTURE, isAfter, type DatedStatement } from '../language/dated';
import { monthOf, startOf } from '../language/dates';
import type { TaggedToken } from '../language/segment';
import { isStopWord, termOf } from '../language/text';
import { isDictionaryWord, isNameOnly } from '../language/wordnet';
import type { PartialDate } from '../types';
import { EVENT_KINDS, SHARED_EVENT_KINDS, type EventKind, type EventKinds } from './kinds';

/** Words a verb's object may run to: its noun phrase ("their next law enforcement and cybersecurity dialogue"). */
const OBJECT_PHRASE = 8;
const OBJECT_POS = new Set(['DET', 'ADJ', 'NUM', 'NOUN', 'PROPN', 'PRON', 'CCONJ']);

export interface ReportPart {
  kind: EventKind;
  /** The word that names the event, as its lemma ("meeting", "agree"). */
  trigger: string;
  /** The event's date; none when the sentence gives none that can be resolved (a plan with no date). */
  date?: PartialDate;
  /** The date phrase as written ("last month"), when the sentence states one. */
  dateText?: string;
  /** "by the end of the year": due no later than the date. */
  approximate?: boolean;
  /** Dated by the article's own day (its lead, "today", a weekday): the news it reports. */
  own: boolean;
  status: 'happened' | 'planned';
  place?: string;
  /** The names the sentence holds (people, organisations, countries), as written. */
  participants: string[];
  /** What it says was agreed, decided or proposed ("to set up a working group on cyber security"). */
  decisions: string[];
  /**
   * What names this event as against others of its kind, as search terms: the words of the noun
   * phrase that names it ("special", "council" of "a special meeting of the ICO council"), or a
   * verb's subject and object ("quota" of "quotas were suspended").
   */
  about: string[];
}

const DAY_WORDS = /^(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|tomorrow|reuter|reuters)$/i;
/** Most words a decision is given in. */
const DECISION_WORDS = 24;

/** A newswire dateline ("LONDON, March 2 -", "RIO DE JANEIRO, MARCH 25 -", "TRIESTE, Italy, March 3 -"): its place, written in capitals, is group 1. */
const DATELINE = /^\W*([A-Z][A-Z.'’ -]{2,40}?)(?:,\s*[A-Z][A-Za-z.]*)*,\s*(?:[A-Za-z]+\.?\s+\d{1,2}\s*)?-\s+/;

/** The place of a newswire dateline, in ordinary capitals ("Rio de Janeiro"). */
export function datelinePlace(text: string): string | undefined {
  const m = DATELINE.exec(text);
  if (!m) return undefined;
  return m[1]
    .trim()
    .toLowerCase()
    .replace(/(^|[\s-])(\p{L})/gu, (_x, a: string, b: string) => a + b.toUpperCase())
    .replace(/\b(De|Da|Do|Of|The)\b(?!$)/g, (w) => w.toLowerCase());
}

/** The text after a dateline, or the text itself. */
export function withoutDateline(text: string): string {
  return text.replace(DATELINE, '');
}

/** Where a sentence's own words begin among its tokens: after a dateline's "-" ("LONDON , March 2 -"), else at the first. */
function bodyStart(tokens: readonly TaggedToken[]): number {
  return tokens.findIndex((t, i) => i > 0 && /^[-–—]$/.test(t.text) && /^[A-Z][A-Z .,'-]+$/.test(tokens[0].text)) + 1;
}

/** Does English write this word with a capital in one of its senses ("China", "Chinese"), or not know it at all (a name)? */
function isCapitalised(word: string): boolean {
  const lower = word.toLowerCase();
  return !isDictionaryWord(lower) || isNameOnly(lower) || SHARED_EVENT_KINDS.isPlace(word) || /^[A-Z]{2,}$/.test(word);
}

/** Runs of proper nouns ("Jorio Dauster", "International Coffee Organization"), as written; "of" joins two runs into one name. */
function properNames(tokens: readonly TaggedToken[]): { name: string; at: number }[] {
  const out: { name: string; at: number }[] = [];
  let run: TaggedToken[] = [];
  let start = 0;
  const flush = () => {
    const words = run.map((t) => t.text).filter((w) => !DAY_WORDS.test(w) && monthOf(w, { includeMay: true }) === undefined);
    if (words.length && /[A-Za-z]{2}/.test(words.join(''))) out.push({ name: words.join(' ').replace(/\s+(['’]s)$/, ''), at: start });
    run = [];
  };
  tokens.forEach((t, i) => {
    const joins = run.length > 0 && /^(?:of|for|de)$/.test(t.text) && tokens[i + 1]?.pos === 'PROPN' && /^[A-Z]/.test(tokens[i + 1].text);
    if ((t.pos === 'PROPN' && /^[A-Z]/.test(t.text)) || joins) {
      if (!run.length) start = i;
      run.push(t);
    } else if (run.length) flush();
  });
  if (run.length) flush();
  return out;
}

/** Where each token starts in the sentence's text (tokens are read in order; -1 where one is not found as written). */
function offsetsOf(tokens: readonly TaggedToken[], text: string): number[] {
  const out: number[] = [];
  let at = 0;
  for (const t of tokens) {
    const i = text.indexOf(t.text, at);
    out.push(i);
    if (i >= 0) at = i + t.text.length;
  }
  return out;
}

/**
 * The event a sentence tells of, and the word that names it: its subject, a noun of an event's
 * kind before the first verb ("A special meeting … failed"); else the first verb of one
 * ("suspended", "agreed"); else a verb's object ("held talks", "reached an agreement"); else a verb of
 * saying (a statement); else its first verb (an action). A noun deeper in the sentence ("…
 * disappointed by the stalemate in recent talks") is what it is about, not what happened.
 */
export function eventWordOf(tokens: readonly TaggedToken[], kinds: EventKinds = SHARED_EVENT_KINDS): { kind: EventKind; trigger: string; at: number } {
  // The first word of the sentence, after a dateline, is capitalised whatever it is: "Talks … opened" is no name.
  const start = bodyStart(tokens);
  const nounAt = (i: number) => tokens[i].pos === 'NOUN' || (i === start && tokens[i].pos === 'PROPN');
  const kindAt = (i: number): EventKind | undefined => {
    const t = tokens[i];
    if (!nounAt(i) && t.pos !== 'VERB') return undefined;
    if (!/^[a-z]/i.test(t.lemma)) return undefined;
    // The word as written first: "talks" are negotiations, a "talk" a speech.
    const pos = t.pos === 'VERB' ? 'v' : 'n';
    return (t.text.toLowerCase() !== t.lemma ? kinds.of(t.text.toLowerCase(), pos) : undefined) ?? kinds.of(t.lemma, pos);
  };
  const firstVerb = tokens.findIndex((t) => t.pos === 'VERB');
  // The subject's head: nouns before the first preposition or verb ("A special meeting of …", not "The failure of talks").
  for (let i = start; i < (firstVerb < 0 ? tokens.length : firstVerb) && tokens[i].pos !== 'ADP'; i++) {
    const k = nounAt(i) ? kindAt(i) : undefined;
    if (k && k !== 'statement') return { kind: k, trigger: tokens[i].lemma, at: i };
  }
  let statement = -1;
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i].pos !== 'VERB') continue;
    const k = kindAt(i);
    if (k === 'statement') statement = statement < 0 ? i : statement;
    else if (k) return { kind: k, trigger: tokens[i].lemma, at: i };
  }
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i].pos !== 'VERB') continue;
    // The verb's object, its noun phrase to its head ("hold their next law enforcement and cybersecurity dialogue").
    let found: { kind: EventKind; trigger: string; at: number } | undefined;
    for (let j = i + 1; j <= i + OBJECT_PHRASE && j < tokens.length && OBJECT_POS.has(tokens[j].pos); j++) {
      // "held talks", "reached an agreement", "took a decision", "released a report": an object makes the event only of these kinds.
      const k = tokens[j].pos === 'NOUN' ? kindAt(j) : undefined;
      if (k === 'meeting' || k === 'agreement' || k === 'decision' || k === 'report') found = { kind: k, trigger: tokens[j].lemma, at: j };
    }
    if (found) return found;
  }
  if (statement >= 0) return { kind: 'statement', trigger: tokens[statement].lemma, at: statement };
  return firstVerb >= 0 ? { kind: 'action', trigger: tokens[firstVerb].lemma, at: firstVerb } : { kind: 'action', trigger: '', at: -1 };
}

const PHRASE_POS = new Set(['NOUN', 'PROPN', 'ADJ']);

/** The words that name the event its trigger word stands for (ReportPart.about), as search terms. */
function aboutOf(tokens: readonly TaggedToken[], at: number): string[] {
  const out = new Set<string>();
  const add = (t: TaggedToken) => {
    if (PHRASE_POS.has(t.pos) && /^[a-z]/i.test(t.text) && !isStopWord(t.text.toLowerCase())) out.add(termOf(t.text.toLowerCase()));
  };
  if (tokens[at].pos === 'NOUN') {
    // Its noun phrase: the modifiers before it, and "of …" after it.
    for (let i = at - 1; i >= 0 && (PHRASE_POS.has(tokens[i].pos) || /^['’]s$/.test(tokens[i].text)); i--) add(tokens[i]);
    let j = at + 1;
    if (tokens[j]?.text.toLowerCase() === 'of' || tokens[j]?.text.toLowerCase() === 'on')
      for (j++; j < tokens.length && (PHRASE_POS.has(tokens[j].pos) || tokens[j].pos === 'DET'); j++) add(tokens[j]);
  } else {
    // A verb: the nouns of its subject (back to the clause's start) and of its object.
    for (let i = at - 1; i >= 0 && !/^[,;:]$/.test(tokens[i].text) && tokens[i].pos !== 'VERB'; i--) if (tokens[i].pos === 'NOUN' || tokens[i].pos === 'PROPN') add(tokens[i]);
    for (let j = at + 1; j < tokens.length && j <= at + 6 && !/^[,;:]$/.test(tokens[j].text) && tokens[j].pos !== 'VERB'; j++) if (tokens[j].pos === 'NOUN') add(tokens[j]);
  }
  out.delete(termOf(tokens[at].text.toLowerCase()));
  return [...out];
}

/** What a verb of agreeing, deciding or proposing says was decided: its clause, from the verb (and a "failed to" before it) to the clause's end, as written. */
function decisionOf(tokens: readonly TaggedToken[], at: number, text: string, offsets: readonly number[]): string | undefined {
  let start = at;
  while (start > 0 && (/^(?:to|not|never|failed|fail|have|has|had)$/i.test(tokens[start - 1].text) || tokens[start - 1].pos === 'AUX' || tokens[start - 1].pos === 'PART')) start--;
  let end = at + 1;
  while (end < tokens.length && end - start < DECISION_WORDS) {
    const t = tokens[end];
    if (/^[;.!?]$|^--$|^[–—]$/.test(t.text)) break;
    // ", delegates said" / ", he told Reuters": the attribution ends it.
    if (t.text === ',' && tokens.slice(end + 1, end + 6).some((x) => /^(?:said|says|told|added|reported|according)$/i.test(x.text))) break;
    end++;
  }
  const words = tokens.slice(at + 1, end);
  // A verb with nothing after it ("…, they agreed") or only a name says nothing of what was decided.
  if (words.length < 2 || words.every((t) => t.pos === 'PROPN' || t.pos === 'PUNCT')) return undefined;
  const from = offsets[start];
  const last = end - 1;
  if (from < 0 || offsets[last] < 0) return undefined;
  return text
    .slice(from, offsets[last] + tokens[last].text.length)
    .replace(/[,:]$/, '')
    .trim();
}

/** What a sentence says was agreed, decided or proposed: the clause of each verb that says so. */
export function decisionsOf(tokens: readonly TaggedToken[], text: string, kinds: EventKinds = SHARED_EVENT_KINDS): string[] {
  const out: string[] = [];
  let offsets: number[] | undefined;
  tokens.forEach((t, i) => {
    if (t.pos !== 'VERB') return;
    // A verb of agreeing or deciding itself ("agreed", "approved", "pledged"), not one merely under it ("set").
    const k = kinds.core(t.lemma, 'v');
    if (k !== 'agreement' && k !== 'decision' && k !== 'proposal') return;
    const d = decisionOf(tokens, i, text, (offsets ??= offsetsOf(tokens, text)));
    if (d && !out.some((x) => x.includes(d) || d.includes(x))) out.push(d);
  });
  return out;
}

/** The report one sentence makes, if it makes one; `lead` says it is its article's first. */
export function reportOf(tokens: readonly TaggedToken[], text: string, published: PartialDate, lead: boolean, kinds: EventKinds = SHARED_EVENT_KINDS): ReportPart | undefined {
  // A dateline's date is the article's own ("LONDON, March 2 -"): dates are read after it.
  const body = withoutDateline(text);
  const dates: DatedStatement[] = DATEISH.test(body) ? datesIn(body, published) : [];
  if (!dates.length && !lead) return undefined;
  const { kind, trigger, at } = eventWordOf(tokens, kinds);
  if (!trigger) return undefined;
  // The event's date: the date phrase nearest the word naming it ("ended last night … suspended a year ago": last night).
  const where = (offsetsOf(tokens, text)[at] ?? 0) - (text.length - body.length);
  const distance = (d: DatedStatement) => {
    const i = body.indexOf(d.text);
    return i < 0 ? body.length : Math.abs(i - where);
  };
  const nearest = [...dates].sort((a, b) => distance(a) - distance(b) || b.date.iso.length - a.date.iso.length)[0];
  const stated = nearest && !nearest.deictic ? nearest : undefined;
  const deictic = nearest?.deictic ? nearest : undefined;
  const future = FUTURE.test(body);
  let date: PartialDate | undefined;
  let own = false;
  if (stated) date = stated.date;
  else if (deictic) [date, own] = [deictic.date, true];
  // An article's lead with no date is its day's news, a plan announced that day included ("are to set up").
  else if (!future || lead) [date, own] = [published, true];
  const announced = own && !stated && !deictic && lead && future;
  const status: ReportPart['status'] = announced ? 'happened' : date ? (isAfter(date, published) || (future && !isAfter(published, date)) ? 'planned' : 'happened') : 'planned';
  // The place: a place name after "in" or "at", the nearest the event's word; for a lead about a meeting, else its dateline's.
  const names = properNames(tokens);
  const start = bodyStart(tokens);
  let place: string | undefined;
  for (const n of [...names].sort((a, b) => Math.abs(a.at - at) - Math.abs(b.at - at))) {
    let b = n.at - 1;
    while (b > 0 && (tokens[b].pos === 'ADJ' || tokens[b].pos === 'DET')) b--;
    const before = tokens[b]?.text.toLowerCase();
    if (before !== 'in' && before !== 'at') continue;
    // "Washington D.C.": a place named with its abbreviation is the place its first word names.
    const first = n.name.split(' ')[0];
    if (kinds.isPlace(n.name) || (n.name.split(' ').length <= 3 && kinds.isPlace(first))) {
      place = kinds.isPlace(n.name) ? n.name : first;
      break;
    }
  }
  // A lead about a meeting held within a day or two of its filing, or "here", that names no place: where the wire story was filed
  // ("LONDON, March 2 -"). A meeting planned elsewhere ("Guatemala will host a meeting … in May") is not there.
  const datelined = datelinePlace(text);
  const filedThen = date?.precision === 'day' && Math.abs(startOf(date).getTime() - startOf(published).getTime()) <= 2 * 86_400_000;
  if (!place && lead && kind === 'meeting' && (filedThen || /\bhere\b/i.test(body))) place = datelined;
  const dateline = datelined?.toLowerCase();
  const eventWord = tokens[at]?.text.toLowerCase();
  // A sentence's capitalised first word is a name only if English writes it as one ("Top-level" is not; "China" is).
  const first = (n: { name: string; at: number }) => n.at === start && !n.name.includes(' ') && !isCapitalised(n.name);
  const participants = [
    ...new Set(
      names
        .filter((n) => !first(n))
        .map((n) => n.name)
        .filter((n) => n !== place && n.toLowerCase() !== dateline && n.toLowerCase() !== eventWord),
    ),
  ];
  const decisions = decisionsOf(tokens, text, kinds);
  const out: ReportPart = { kind, trigger, own, status, participants, decisions, about: aboutOf(tokens, at) };
  if (date) out.date = date;
  if (stated) out.dateText = stated.text;
  if (stated?.approximate) out.approximate = true;
  if (place) out.place = place;
  return out;
}

const isStrings = (x: unknown): boolean => Array.isArray(x) && x.every((v) => typeof v === 'string');

/** What is wrong with a report read back from a cache, if anything (a damaged entry is analysed again). */
export function reportProblem(r: unknown): string | undefined {
  if (!r || typeof r !== 'object') return 'a report is not an object';
  const x = r as Partial<ReportPart>;
  if (!EVENT_KINDS.includes(x.kind as EventKind) || typeof x.trigger !== 'string' || typeof x.own !== 'boolean') return 'a report has no kind';
  if (x.status !== 'happened' && x.status !== 'planned') return 'a report has no status';
  if (!isStrings(x.participants) || !isStrings(x.decisions) || !isStrings(x.about)) return 'a report is malformed';
  if (x.date !== undefined && (typeof x.date !== 'object' || x.date === null || typeof x.date.iso !== 'string' || !/^\d{4}(?:-\d{2}(?:-\d{2})?)?$/.test(x.date.iso))) return 'a report has a bad date';
  if ((x.place !== undefined && typeof x.place !== 'string') || (x.dateText !== undefined && typeof x.dateText !== 'string')) return 'a report is malformed';
  return undefined;
}
