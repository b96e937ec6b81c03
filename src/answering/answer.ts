/** The structured answer model the core returns for a question. */
import type { Citation } from '../types';
import type { EventRef } from '../events/events';

export type { EventRef } from '../events/events';

export interface PersonRef {
  name: string;
  role?: string;
}

export interface AnswerItem {
  text: string;
  source: Citation;
  /** Relevance: larger is better; comparable within one question. */
  score: number;
  /** People the sentence names, with their roles. */
  people?: PersonRef[];
  /** The event the sentence reports, when the answer is about one (summaries, events). */
  event?: EventRef;
  /** What the answer is in a summary (the central event, what followed, what comes next), or when the event it tells of was (two events compared). */
  label?: string;
}

export interface RosterEntry {
  source: Citation;
  /** The article's sentence that best says who was there. */
  sentence: string;
  present: PersonRef[];
  withdrew: PersonRef[];
}

export interface AskResult {
  question: string;
  kind: 'answer' | 'no_answer';
  /** Best first: the answer, then up to two supporting sentences. */
  answers: AnswerItem[];
  /** For "who attended"-type questions: who was at which meeting. */
  roster?: RosterEntry[];
  /** For refusals: why (for small talk: "small_talk"), and questions to try. */
  reason?: string;
  suggestions?: string[];
  /** What to say back to small talk (a greeting, thanks, "what can you do"). */
  message?: string;
  /**
   * How the answers were chosen when the message asked for more than a sentence: `summary` (the
   * central event, another report of it, the latest development) or `latest` (newest articles first).
   */
  mode?: 'summary' | 'latest' | 'next' | 'previous';
  /** For a follow-up: the person or subject it was understood to be about. */
  about?: string;
  /** For a when-question whose answer names no date: the date of the article that reports it (ISO, to its precision). */
  reportedOn?: string;
  /**
   * For a when-question whose answer dates the event relative to its article ("last September",
   * "in February", "this week"): that date made absolute (ISO, to its precision), with the words
   * that said it and whether it only says "around the article's date" ("this week", "Wednesday").
   */
  statedDate?: { iso: string; said: string; approximate: boolean };
}
