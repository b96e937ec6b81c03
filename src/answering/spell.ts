/**
 * Spelling correction of query words against the corpus vocabulary with
 * fuse.js. Fuse scans linearly, which is cheap over a word list (not over
 * sentences), and the list is bucketed by first letter so a query word is
 * compared with a few hundred words, not the whole vocabulary.
 */
import { WordBuckets } from '../language/word-buckets';
import Fuse from 'fuse.js';
import { englishCount, englishNear } from '../language/english';
import { DEFAULT_LEXICON } from '../language/lexicon';
import { QUESTION_STARTS } from '../language/question-starts';

export interface SpellOptions {
  /** Fuse threshold: 0 is exact, 1 matches anything. Default 0.34. */
  threshold: number;
  /** Words shorter than this are never corrected (one slip in a short word makes another word too often). Default 5. */
  minLength: number;
}

export const DEFAULT_SPELL_OPTIONS: SpellOptions = { threshold: 0.34, minLength: 5 };

export interface Correction {
  word: string;
  /** 0 (worst accepted) … 1 (exact). */
  similarity: number;
}

export class Speller {
  /** Words by first letter and length: a query word is compared only with words it could be a slip of. */
  private readonly words = new WordBuckets();
  private readonly buckets = new Map<string, Fuse<string>>();

  constructor(
    vocabulary: Iterable<string>,
    private readonly options: SpellOptions = DEFAULT_SPELL_OPTIONS,
    /** How common a vocabulary word is in the corpus: among equally close candidates, the commoner wins. */
    private readonly frequency: (word: string) => number = () => 0,
  ) {
    for (const w of vocabulary) if (w.length >= options.minLength - 1 && /^[a-z]/.test(w)) this.words.add(w);
  }

  /** fuse.js over one bucket of words (made on first use). */
  private fuse(first: string, length: number): Fuse<string> | undefined {
    const k = `${first}${length}`;
    let f = this.buckets.get(k);
    if (!f) {
      const list = this.words.bucket(first, length);
      if (!list.length) return undefined;
      f = new Fuse(list, { includeScore: true, threshold: this.options.threshold, ignoreLocation: true, minMatchCharLength: 2 });
      this.buckets.set(k, f);
    }
    return f;
  }

  /**
   * The closest vocabulary word, if one is close enough (one slip; two for long words): fewest
   * edits first, then the word the corpus uses most ("presdent" → "president", not "present"),
   * then fuse.js's similarity.
   */
  correct(word: string): Correction | undefined {
    if (word.length < this.options.minLength || !/^[a-z]/.test(word)) return undefined;
    const spread = word.length >= 8 ? 2 : 1;
    const maxEdits = word.length >= 8 ? 2 : 1;
    let best: (Correction & { edits: number; freq: number }) | undefined;
    for (let len = word.length - spread; len <= word.length + spread; len++) {
      const f = this.fuse(word[0], len);
      if (!f) continue;
      for (const h of f.search(word, { limit: 5 })) {
        const edits = editDistance(word, h.item);
        if (edits > maxEdits) continue;
        const c = { word: h.item, similarity: 1 - (h.score ?? 0), edits, freq: this.frequency(h.item) };
        if (!best || c.edits < best.edits || (c.edits === best.edits && (c.freq > best.freq || (c.freq === best.freq && c.similarity > best.similarity)))) best = c;
      }
    }
    return best && { word: best.word, similarity: best.similarity };
  }

  /**
   * Is the word a slip of some vocabulary word: within one edit (two from eight letters, as `correct`
   * allows) of a word of about its length that starts as it does? A word no correction was chosen for
   * may still be one. `live`: is a vocabulary word still the corpus's (a corpus changed by a few
   * articles keeps the speller of the one before)?
   */
  near(word: string, live: (vocabularyWord: string) => boolean = () => true): boolean {
    if (!/^[a-z]/.test(word)) return false;
    const maxEdits = word.length >= 8 ? 2 : 1;
    for (const w of this.words.around(word, maxEdits)) if (withinEdits(word, w, maxEdits) && live(w)) return true;
    return false;
  }
}

const LETTER_BAG = new Int32Array(128);

/**
 * Are two words within `k` edits (optimal string alignment)? Cheap to say no: the letters they do not
 * share, then the rows of the distance table, stop it as soon as no alignment can stay within `k`.
 */
export function withinEdits(a: string, b: string, k: number): boolean {
  if (Math.abs(a.length - b.length) > k) return false;
  const bag = LETTER_BAG.fill(0);
  for (let i = 0; i < a.length; i++) bag[a.charCodeAt(i) & 127]++;
  for (let i = 0; i < b.length; i++) bag[b.charCodeAt(i) & 127]--;
  let apart = 0;
  for (let i = 97; i <= 122; i++) apart += Math.abs(bag[i]);
  // Each edit changes the letters' counts by two at most.
  if (apart > 2 * k) return false;
  return editDistance(a, b) <= k;
}

/** Optimal string alignment distance, bounded work for short words. */
export function editDistance(a: string, b: string): number {
  const m = a.length;
  const n = b.length;
  const d: number[][] = Array.from({ length: m + 1 }, (_, i) => [i, ...new Array<number>(n).fill(0)]);
  for (let j = 0; j <= n; j++) d[0][j] = j;
  for (let i = 1; i <= m; i++) {
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[m][n];
}

/**
 * A function word typed without its apostrophe ("whats", "dont") or one slip away from one ("whic",
 * "wat"): never a name, never a word to correct into something else.
 */
export function nearFunctionWord(word: string, stopWords: ReadonlySet<string> = DEFAULT_LEXICON.stopWords): boolean {
  if (stopWords.has(word)) return true;
  const contraction = /^(.+?)(?:s|nt|ll|re|ve|d)$/.exec(word);
  if (contraction && stopWords.has(contraction[1])) return true;
  for (const w of stopWords) if (w.length >= 3 && Math.abs(w.length - word.length) <= 1 && editDistance(word, w) <= 1) return true;
  return false;
}

const STARTS = new Set(QUESTION_STARTS);

/**
 * A slip in a word of under five letters is a letter left out or two letters swapped ("nxt" → next,
 * "teh" → the, "obma" → obama): another letter in its place makes another short word as often as a
 * slip does ("opm", "ceo" and "lol" are no "ops", "leo" and "lot"); and it is read only as a word
 * English uses often or a longer word the corpus holds.
 */
function shortSlip(typed: string, word: string): boolean {
  if (word.length === typed.length + 1) return true;
  return word.length === typed.length && [...word].sort().join('') === [...typed].sort().join('');
}

/**
 * How common in English (SUBTLEX count: 20 in a million words) a word the corpus lacks must be for a
 * slip to be read as it: a rare word one letter away is likelier a word newer than the subtitles or a
 * name ("cyber" is no "caber", "mandiant" no "mendicant").
 */
const COMMON_COUNT = 1_000;

/** How common in English (SUBTLEX count) a word a short slip is read as must be ("the", "say", "next"): short tokens are acronyms and slang as often as slips. */
const SHORT_SLIP_COUNT = 10_000;
/** How much likelier a word the corpus holds is than its count in English says (see readSlips). */
const CORPUS_WEIGHT = 10;

/** Strings one edit (deletion, transposition, substitution, insertion) from a word. */
function* edits1(w: string): Generator<string> {
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  for (let i = 0; i < w.length; i++) yield w.slice(0, i) + w.slice(i + 1);
  for (let i = 0; i + 1 < w.length; i++) yield w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2);
  for (let i = 0; i < w.length; i++) for (const c of letters) if (c !== w[i]) yield w.slice(0, i) + c + w.slice(i + 1);
  for (let i = 0; i <= w.length; i++) for (const c of letters) yield w.slice(0, i) + c + w.slice(i);
}

export interface TypoReading {
  /** Is this (lower-case) word one of the corpus's? A corpus word is never read as another. */
  holds(word: string): boolean;
  /** Does English know it only as a name ("putin")? A name is no slip. Default: no word is. */
  isName?: (word: string) => boolean;
  /** How often English uses a word (default: SUBTLEX-US, language/english.ts). */
  english?: (word: string) => number;
}

/**
 * A question with its slips read as the words they stand for ("wen was teh agreemnt signed" →
 * "when was the agreement signed"), before anything else reads it. A word the corpus holds, a word
 * in capitals (an acronym: "PLA", "TDs") and a word of two letters are left as typed; a name
 * (capitalised inside the question) is read only as a name the corpus holds. The first word, when it is no question word itself, is read among the
 * words a question starts with, one edit away and a hundred times commoner in English ("wen" → when,
 * "wat" → what). A word English does not use at all is read as the likeliest word one edit away (two
 * from eight letters, when one finds none) that keeps its first letter, a common English word or the
 * corpus's ("anythign" → anything).
 */
export function readSlips(question: string, reading: TypoReading): string {
  const english = reading.english ?? englishCount;
  let at = 0;
  return question.replace(/\p{L}+(?:['’]\p{L}+)?/gu, (raw) => {
    const first = at++ === 0;
    const w = raw.toLowerCase();
    // A question word's "'s" typed without its apostrophe ("whats new", "whos guo shengkun").
    const contracted = /^(.+)s$/.exec(w)?.[1];
    if (first && contracted && STARTS.has(contracted) && english(w) < english(contracted)) return `${raw.slice(0, contracted.length)}'s`;
    if (w.length < 3 || !/^[a-z]+$/.test(w) || /^[A-Z]+s?$/.test(raw) || DEFAULT_LEXICON.stopWords.has(w) || STARTS.has(w) || reading.holds(w)) return raw;
    // A name (capitalised inside the question) is read only as a name the corpus holds ("Chian", "Obam").
    const name = !first && /^[A-Z]/.test(raw);
    const asTyped = (x: string) => (/^[A-Z]/.test(raw) ? x[0].toUpperCase() + x.slice(1) : x);
    if (first) {
      let best: string | undefined;
      for (const f of STARTS) if (Math.abs(f.length - w.length) <= 1 && editDistance(w, f) <= 1 && (!best || english(f) > english(best))) best = f;
      if (best && english(best) >= 100 * Math.max(1, english(w))) return asTyped(best);
    }
    // A word English uses is as typed; one only a dictionary lists ("chian", of Chios) is read as a slip too.
    if (english(w) > 0 || reading.isName?.(w)) return raw;
    // The likeliest word: the commonest in English, a word the corpus holds counting ten times ("chian" →
    // china, not chain; "teh" → the, not tech; "obma" → obama, which the subtitles never say).
    const score = (c: string) => Math.max(1, english(c)) * (reading.holds(c) ? CORPUS_WEIGHT : 1);
    const pick = (candidates: Iterable<string>) => {
      let best: string | undefined;
      const likely = (c: string) =>
        w.length >= 5 ? reading.holds(c) || (!name && english(c) >= COMMON_COUNT) : shortSlip(w, c) && ((reading.holds(c) && c.length >= 5) || (!name && english(c) >= SHORT_SLIP_COUNT));
      // A slip keeps the first letter: few are made there, and a name the corpus lacks is one letter from many words ("baucus", "caucus").
      for (const c of candidates) if (c[0] === w[0] && likely(c) && (!best || score(c) > score(best))) best = c;
      return best;
    };
    let best = pick(edits1(w));
    // Two edits: the English words of about its length that start as it does (the corpus's own are the speller's).
    if (!best && w.length >= 8 && !name) best = pick(englishNear(w, 2, withinEdits));
    return best ? asTyped(best) : raw;
  });
}
