/**
 * Acronyms a text defines: "the National Collegiate Athletic Association
 * (NCAA)", "American Football Conference (AFC)" — a name in capitals whose
 * initials spell the letters in brackets after it, the way English text
 * introduces an abbreviation. A sentence that defines one carries a search term
 * for it (`@acronym:ncaa`), and "what does NCAA stand for" searches that term:
 * the sentence that says what the letters stand for, not every sentence that
 * uses them.
 */

/** Small words a name's initials skip: "Knights of Columbus (KofC)", "Department of Homeland Security (DHS)". */
const SKIPPED = new Set(['of', 'the', 'and', 'for', 'on', 'in', 'at', 'to', 'de', 'du', 'la', 'le', '&']);

/** The term a sentence defining the acronym carries. */
export function acronymTerm(acronym: string): string {
  return `@acronym:${acronym.toLowerCase()}`;
}

/** The acronyms a text defines, lower case, each once. */
export function definedAcronyms(text: string): string[] {
  if (!text.includes('(')) return [];
  const out = new Set<string>();
  for (const m of text.matchAll(/\(([A-Z][A-Za-z&]{1,9})\)/g)) {
    const acronym = m[1];
    const letters = acronym.replace(/[^A-Z]/g, '');
    if (letters.length < 2 || letters.length > 8) continue;
    const before = text
      .slice(0, m.index)
      .split(/\s+/)
      .filter(Boolean)
      .slice(-(letters.length * 2 + 2));
    if (spells(before, letters)) out.add(acronym.toLowerCase());
  }
  return [...out];
}

/** Do the capitalised words just before the brackets (small words skipped) begin with these letters, in order? */
function spells(words: readonly string[], letters: string): boolean {
  let k = letters.length - 1;
  for (let i = words.length - 1; i >= 0 && k >= 0; i--) {
    const w = words[i].replace(/^[^A-Za-z&]+|[^A-Za-z&]+$/g, '');
    if (!w) return false;
    if (SKIPPED.has(w.toLowerCase()) && k < letters.length - 1) continue;
    // A hyphenated name gives an initial per part ("Mercedes-Benz" → MB).
    const initials = w
      .split('-')
      .filter(Boolean)
      .map((p) => p[0]);
    if (initials.some((c) => c !== c.toUpperCase())) return false;
    for (let j = initials.length - 1; j >= 0; j--) {
      if (k < 0 || initials[j] !== letters[k]) return false;
      k--;
    }
  }
  return k < 0;
}

/**
 * The acronym a question asks the meaning of ("what does NCAA stand for", "what is the AFC short
 * for", "what does the acronym FBI mean"), as written, or undefined. `asks` is the lexicon's
 * pattern for the asking words, tested on the lower-cased question.
 */
export function askedAcronym(question: string, asks: RegExp): string | undefined {
  if (!asks.test(question.toLowerCase())) return undefined;
  const caps = [...question.matchAll(/\b([A-Z][A-Za-z&]*[A-Z])\b/g)].map((m) => m[1]).filter((w) => w.replace(/[^A-Z]/g, '').length >= 2 && w.length <= 10);
  return caps.length === 1 ? caps[0] : undefined;
}
