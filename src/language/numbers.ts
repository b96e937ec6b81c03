/**
 * Numbers however they are written: "ten thousand" and "10,000", "third" and
 * "3rd", "one hundred and five" and "105" are the same number, and a text
 * names it by one search term (`@number:10000`). Plain English, true of any
 * text. "One" and "first", "second" are left out: they are as often a
 * pronoun, "earliest" or a unit of time as a count.
 */

const UNITS: Record<string, number> = {
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
};
const TENS: Record<string, number> = { twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90 };
const SCALES: Record<string, number> = { hundred: 100, thousand: 1_000, million: 1_000_000, billion: 1_000_000_000 };
const ORDINALS: Record<string, number> = {
  third: 3,
  fourth: 4,
  fifth: 5,
  sixth: 6,
  seventh: 7,
  eighth: 8,
  ninth: 9,
  tenth: 10,
  eleventh: 11,
  twelfth: 12,
  thirteenth: 13,
  fourteenth: 14,
  fifteenth: 15,
  sixteenth: 16,
  seventeenth: 17,
  eighteenth: 18,
  nineteenth: 19,
  twentieth: 20,
  thirtieth: 30,
  fortieth: 40,
  fiftieth: 50,
  hundredth: 100,
  thousandth: 1_000,
};
/** Inside a longer number only: "one hundred", "twenty-one", "a thousand". */
const LEADING: Record<string, number> = { one: 1, a: 1 };
const ORDINAL_UNITS: Record<string, number> = { first: 1, second: 2 };

export const numberTerm = (n: number): string => `@number:${n}`;

/** A number written in words or digits, where it stands in a text, with the words it is written in (lower case, as the tokenizer splits them). */
export interface WrittenNumber {
  value: number;
  words: string[];
}

const WORD = /[A-Za-z]+|\d[\d,]*(?:\.\d+)?(?:st|nd|rd|th)?/g;

/** A digit or a number word: most sentences have neither and are passed over at once. */
const ANY_NUMBER = new RegExp(String.raw`\d|\b(?:${[...Object.keys(UNITS), ...Object.keys(TENS), ...Object.keys(SCALES), ...Object.keys(ORDINALS)].join('|')})\b`, 'i');

/** Every number a text writes, in words ("ten thousand", "twenty-five", "third") or digits ("10,000", "3rd"). */
export function writtenNumbers(text: string): WrittenNumber[] {
  const out: WrittenNumber[] = [];
  if (!ANY_NUMBER.test(text)) return out;
  const tokens = [...text.matchAll(WORD)].map((m) => m[0]);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const digits = /^(\d[\d,]*)(?:\.\d+)?(st|nd|rd|th)?$/.exec(t);
    if (digits) {
      const written = digits[1].replace(/,/g, '');
      const value = Number(written);
      if (Number.isFinite(value) && value >= 2) out.push({ value, words: digits[2] ? [written, digits[2]] : [written] });
      continue;
    }
    const read = readNumberWords(tokens, i);
    if (read) {
      out.push(read.number);
      i = read.end - 1;
    }
  }
  return out;
}

/** A number in words from tokens[start]: its value, where it ends and whether it is an ordinal ("third"), or undefined. */
function readNumberWords(tokens: readonly string[], start: number): { number: WrittenNumber; end: number; ordinal: boolean } | undefined {
  let total = 0;
  let current = 0;
  let i = start;
  let ordinal = false;
  const words: string[] = [];
  let seen = 0;
  for (; i < tokens.length && !ordinal; i++) {
    const w = tokens[i].toLowerCase();
    const next = tokens[i + 1]?.toLowerCase();
    // "One hundred and five": "and" after a scale word, before the rest of the number.
    if (w === 'and' && SCALES[words[words.length - 1]] !== undefined && next !== undefined && (UNITS[next] ?? TENS[next] ?? ORDINALS[next]) !== undefined) {
      words.push(w);
      continue;
    }
    const leadsScale = next !== undefined && (SCALES[next] !== undefined || /^(?:hundredth|thousandth)$/.test(next));
    if (UNITS[w] !== undefined) current += UNITS[w];
    else if (TENS[w] !== undefined) current += TENS[w];
    else if (SCALES[w] !== undefined && seen) {
      current = (current || 1) * SCALES[w];
      if (SCALES[w] >= 1_000) {
        total += current;
        current = 0;
      }
    } else if (ORDINALS[w] !== undefined) {
      current = ORDINALS[w] >= 100 ? (current || 1) * ORDINALS[w] : current + ORDINALS[w];
      ordinal = true;
    } else if (seen && ORDINAL_UNITS[w] !== undefined && TENS[tokens[i - 1].toLowerCase()] !== undefined) {
      current += ORDINAL_UNITS[w];
      ordinal = true;
    } else if (LEADING[w] !== undefined && (leadsScale || (seen && w === 'one'))) current += LEADING[w];
    else break;
    words.push(w);
    seen++;
  }
  // A trailing "and" is not the number's.
  while (words[words.length - 1] === 'and') words.pop();
  const value = total + current;
  if (!seen || value < 2) return undefined;
  return { number: { value, words }, end: start + words.length, ordinal };
}

/** The value of an ordinal written in words ("eighteenth", "twenty-first"), or undefined when the phrase is not one whole. */
export function ordinalValue(phrase: string): number | undefined {
  const tokens = phrase.toLowerCase().split(/[\s-]+/);
  const read = readNumberWords(tokens, 0);
  return read && read.ordinal && read.end === tokens.length ? read.number.value : undefined;
}

/**
 * The numbers a question writes in digits with an ordinal suffix ("3rd"), to search as one word
 * each. A number the question writes in words ("two countries") is searched as written: it finds
 * the same words, and as a number it would be as common as "2" and "two" together. Plain digits
 * stay words of their own (the ranker adds their number term; see rank.ts).
 */
export function namedNumbers(text: string): { term: string; words: string[] }[] {
  return writtenNumbers(text)
    .filter((n) => n.words.length === 2 && /^\d+$/.test(n.words[0]) && /^(?:st|nd|rd|th)$/.test(n.words[1]))
    .map((n) => ({ term: numberTerm(n.value), words: n.words }));
}

/** The number terms of a text, for its index. */
export function numberTerms(text: string): string[] {
  return [...new Set(writtenNumbers(text).map((n) => numberTerm(n.value)))];
}
