/** Shared data types of the core. Nothing here imports a platform library. */

/** The surfaces the bot speaks on; the store's schema and the adapters derive from this list. */
export const PLATFORMS = ['slack', 'discord', 'console'] as const;
export type Platform = (typeof PLATFORMS)[number];

/** Where a command came from, and where a digest goes. */
export interface ChannelRef {
  platform: Platform;
  id: string;
  /** Human name for listings ("#general"). */
  name?: string;
  /** Workspace / guild, where the platform has one. */
  team?: string;
}

export type Precision = 'year' | 'month' | 'day';

/** A calendar date known to some precision, e.g. 2015-09 (month). */
export interface PartialDate {
  /** ISO 8601 cut to its precision: YYYY, YYYY-MM or YYYY-MM-DD. */
  iso: string;
  precision: Precision;
}

/** Where an answer came from, as printed in citations. */
export interface Citation {
  id: string;
  title: string;
  publisher: string;
  published: string;
  /** The article's web address, when its file gives one (a `source:` header: fetched articles have it). */
  url?: string;
}

/** What a seed file's header and name say about an article. */
export interface ArticleHeader {
  id: string;
  file: string;
  title: string;
  publisher: string;
  published: PartialDate;
  /** The `source:` header: where the article was read (an http or https address). */
  url?: string;
  /** The `fetched:` header: when the feed reader took it in (ISO date-time). */
  fetched?: string;
}

export interface Article extends ArticleHeader {
  /** How many paragraphs of body text were left after furniture removal (their sentences are the corpus's). */
  paragraphCount: number;
  /** Its title's search terms, stop words left out (what the article is about; see RankOptions.titleWeight). */
  titleTerms: string[];
}

export interface Sentence {
  /** Index in the corpus' sentence array. */
  idx: number;
  articleId: string;
  /** Position of the sentence inside its article. */
  position: number;
  /** Index of its paragraph inside its article. */
  paragraph: number;
  text: string;
  /** Normalised search terms in order (stemmed, stop words kept out). */
  terms: string[];
  /** What the sentence could answer with, by type, from the segmenter's part-of-speech and entity tags. */
  answers: AnswerTerms;
}

/**
 * Search terms of the things a sentence names, by answer type: a who-question
 * wants a name the question does not already hold, a when-question a date, …
 */
export interface AnswerTerms {
  /** Proper names (proper nouns, and the people linked to the sentence). */
  name: string[];
  /** Proper names after a place preposition ("in Washington", "at Lourdes"). */
  place: string[];
  /** Dates, years and time expressions. */
  date: string[];
  /** Numbers, amounts and percentages that are not part of a date. */
  number: string[];
  /** Cause or purpose markers ("because", "in order to"). */
  cause: string[];
}

export interface Person {
  /** Canonical name: the fullest form seen. */
  name: string;
  /** Other spellings seen in the corpus ("Xi Jingping"). */
  variants: string[];
  /** Roles, each with the article that gives it. */
  roles: { role: string; articleId: string }[];
  /** Articles that mention the person. */
  articleIds: string[];
}

export interface LoadError {
  file: string;
  message: string;
}
