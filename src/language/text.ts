/**
 * Text normalisation shared by indexing and querying: folding of typographic
 * characters, bounded sanitising of untrusted input, and the term pipeline
 * (tokenise, drop stop words, fold British/American spelling, stem).
 */
import { DEFAULT_LEXICON, type Lexicon } from './lexicon';
import { stem } from './stem';

/** Curly quotes, dashes and odd white space folded to their plain forms. */
export function foldTypography(s: string): string {
  return s
    .replace(/[\u2018\u2019\u201A\u201B\u2032]/g, "'")
    .replace(/[\u201C\u201D\u201E\u201F\u2033]/g, '"')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/[\u00A0\u2000-\u200B\u202F\u205F\u3000]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Control characters other than tab and newline. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

export function stripControl(s: string): string {
  return s.replace(CONTROL, '');
}

/** British spellings folded to American ones so that "behaviour" meets "behavior". */
function foldSpelling(w: string): string {
  if (w.length > 5) {
    if (/our$/.test(w) && !/(four|hour|your|tour|pour|sour|flour|tour)$/.test(w)) w = w.slice(0, -3) + 'or';
    // -ise → -ize only after a stem of four letters or more ("organise", not "rising").
    w = w.replace(/^([a-z]{4,})is(e|ed|es|ing|ation|ations)$/, '$1iz$2');
  }
  if (w === 'dialog') return 'dialogue';
  return w;
}

export interface Token {
  /** The surface form as written. */
  raw: string;
  /** The search term (folded, stemmed). */
  term: string;
  stop: boolean;
}

/** Add a text's words as written (lower case) → their search terms, stop words left out: the vocabulary the spelling corrector knows. */
export function addSurfaceWords(into: Map<string, string>, text: string): void {
  for (const t of tokenize(text)) if (!t.stop) into.set(t.raw.toLowerCase(), t.term);
}

const WORD = /[A-Za-z\u00C0-\u024F]+(?:[.'’-][A-Za-z\u00C0-\u024F]+)*\.?|\d+(?:[.,]\d+)*/g;

/**
 * Split text into tokens with search terms. "U.S."/"US" become "usa" so the
 * country is not lost as the pronoun "us"; hyphenated words give their parts
 * and the joined word ("co-operate" → co, operate, cooperate).
 */
export function tokenize(text: string, lexicon: Lexicon = DEFAULT_LEXICON): Token[] {
  const out: Token[] = [];
  const stopWords = lexicon.stopWords;
  const folded = normalizePhrases(foldTypography(text), lexicon);
  for (const m of folded.matchAll(WORD)) {
    let raw = m[0];
    if (/^(?:U\.S\.?|US|USA|U\.S\.A\.?)$/.test(raw)) {
      out.push({ raw, term: 'usa', stop: false });
      continue;
    }
    if (raw.endsWith('.') && !/^(?:[A-Za-z]\.)+$/.test(raw)) raw = raw.slice(0, -1);
    const lower = raw.toLowerCase().replace(/'s$/, '');
    if (/^(?:[a-z]\.)+[a-z]?\.?$/.test(lower)) {
      const t = lower.replace(/\./g, '');
      out.push({ raw, term: t, stop: false });
      continue;
    }
    const parts = lower.split(/[-'.]/).filter(Boolean);
    if (parts.length > 1) {
      // "won't", "can't": the verb before a negation's n't is an auxiliary ("won" alone is the past of "win").
      const negation = lower.endsWith("n't");
      for (const [i, p] of parts.entries()) out.push({ raw: p, term: termOf(p), stop: stopWords.has(p) || p.length < 2 || (negation && i < parts.length - 1) });
      out.push({ raw, term: termOf(parts.join('')), stop: false });
    } else {
      out.push({ raw, term: termOf(lower), stop: stopWords.has(lower) });
    }
  }
  return out;
}

/** Multi-word verbs folded to one word, on both sides (corpus and question): see the lexicon. */
export function normalizePhrases(s: string, lexicon: Lexicon = DEFAULT_LEXICON): string {
  let out = s;
  for (const [re, to] of lexicon.phrases) out = out.replace(re, to);
  return out;
}

const termCache = new Map<string, string>();

/** The search term for one lower-case word. */
export function termOf(lower: string): string {
  let t = termCache.get(lower);
  if (t === undefined) {
    t = /^\d/.test(lower) ? lower.replace(/,/g, '') : stem(foldSpelling(lower));
    if (termCache.size < 200_000) termCache.set(lower, t);
  }
  return t;
}

/** Search terms of a text, stop words removed; the words of `asWritten` (lower case) are their own term, unstemmed. */
export function termsOf(text: string, asWritten?: ReadonlySet<string>): string[] {
  return tokenize(text)
    .filter((t) => !t.stop)
    .map((t) => (asWritten?.has(t.raw.toLowerCase()) ? t.raw.toLowerCase() : t.term));
}

/** Text made literal inside a regular expression. */
export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function isStopWord(lower: string): boolean {
  return DEFAULT_LEXICON.stopWords.has(lower);
}
