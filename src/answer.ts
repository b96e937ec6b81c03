/** The structured answer model the core returns for a question. */
import type { Citation } from './types';

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
  /** For refusals: why, and questions to try. */
  reason?: string;
  suggestions?: string[];
}
