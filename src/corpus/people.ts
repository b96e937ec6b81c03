/**
 * Who's who: people named with a title or role ("US Secretary of State John Kerry",
 * "The U.S. ambassador to China, Max Baucus,"), merged across articles and
 * spellings ("Xi Jinping" = "Xi Jingping" = "Mr Xi").
 */
import type { TaggedToken } from '../language/segment';
import type { Person } from '../types';

/** Words that make a capitalised stretch a title or role. */
const TITLE = new Set(
  (
    'president vice-president secretary minister ambassador councilor councillor attorney general senator premier ' +
    'chairman chairwoman chair director spokesman spokeswoman spokesperson governor chancellor envoy commissioner ' +
    'prime deputy representative mayor king queen prince chief officer head leader emeritus'
  ).split(' '),
);
const HONORIFIC = new Set(['mr', 'mrs', 'ms', 'dr', 'mr.', 'mrs.', 'ms.', 'dr.', 'sir', 'fr', 'fr.', 'rev', 'rev.', 'revd', 'msgr', 'msgr.']);
const CONNECTOR = new Set(['of', 'to', 'for', 'on']);
const DETERMINER = new Set(['the', 'both', 'a', 'an', 'former', 'then']);

export interface Mention {
  name: string;
  role?: string;
}

const isCap = (t: TaggedToken) => /^[A-Z]/.test(t.text) && t.pos !== 'PUNCT';
const lower = (t: TaggedToken) => t.text.toLowerCase();
const isTitle = (t: TaggedToken) => TITLE.has(lower(t));
const isNameToken = (t: TaggedToken) =>
  isCap(t) && t.pos !== 'DET' && t.pos !== 'PRON' && t.pos !== 'ADP' && t.pos !== 'AUX' && !isTitle(t) && !HONORIFIC.has(lower(t)) && !/^[A-Z]\.?$|^U\.S\.?$|^US$/.test(t.text) && !t.entity;

/** Named people in one sentence, with the role stated beside them. */
export function extractMentions(tokens: TaggedToken[]): Mention[] {
  const out: Mention[] = [];
  const toks = tokens.filter((t) => t.text !== "'s" && t.text !== '’s');
  for (let i = 0; i < toks.length; i++) {
    if (!(isTitle(toks[i]) || HONORIFIC.has(lower(toks[i])))) continue;
    // Role stretch: extend left over capitalised words / nationality, right over titles and "of X Y".
    let start = i;
    while (start > 0 && (isCap(toks[start - 1]) || isTitle(toks[start - 1])) && !DETERMINER.has(lower(toks[start - 1]))) start--;
    let j = i + 1;
    while (j < toks.length && (isTitle(toks[j]) || HONORIFIC.has(lower(toks[j])))) j++;
    const honorificOnly = HONORIFIC.has(lower(toks[i])) && j === i + 1;
    // Complement "of State", "to China", "of Homeland Security".
    let complement: TaggedToken[] = [];
    if (j < toks.length && CONNECTOR.has(lower(toks[j]))) {
      let k = j + 1;
      while (k < toks.length && isCap(toks[k])) k++;
      complement = toks.slice(j, k);
      j = k;
    }
    // Apposition: "…, Max Baucus," after the role.
    let nameToks: TaggedToken[];
    if (complement.length > 3 && toks[j]?.text !== ',') {
      // "of State John Kerry": the last two capitalised words are the name.
      const caps = complement.slice(1);
      nameToks = caps.slice(-2);
      complement = complement.slice(0, complement.length - 2);
    } else {
      let k = j;
      if (toks[k]?.text === ',') k++;
      // "the university president, Fr. Edward Sorin": a title before the name is no part of it.
      while (toks[k] && HONORIFIC.has(lower(toks[k]))) k += toks[k + 1]?.text === '.' ? 2 : 1;
      const startName = k;
      while (k < toks.length && isNameToken(toks[k]) && k - startName < 3) k++;
      nameToks = toks.slice(startName, k);
      if (nameToks.length > 0) j = k;
    }
    if (nameToks.length === 0 || !nameToks.every(isNameToken)) continue;
    const name = nameToks.map((t) => t.text).join(' ');
    const roleToks = honorificOnly ? [] : [...toks.slice(start, i + 1), ...toks.slice(i + 1, i + 1 + countTitles(toks, i + 1)), ...complement];
    const role = roleToks
      .map((t) => t.text)
      .filter((w) => !HONORIFIC.has(w.toLowerCase()))
      .join(' ')
      .replace(/\s+,/g, ',')
      .trim();
    out.push({ name, role: role || undefined });
    i = j - 1;
  }
  return out;
}

function countTitles(toks: TaggedToken[], from: number): number {
  let n = 0;
  while (from + n < toks.length && isTitle(toks[from + n])) n++;
  return n;
}

/** Levenshtein distance of at most 1 (enough for transliteration slips like Jingping/Jinping). */
function nearlyEqual(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1 || Math.min(a.length, b.length) < 5) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const ra = a.slice(i + (a.length >= b.length ? 1 : 0));
  const rb = b.slice(i + (b.length >= a.length ? 1 : 0));
  return ra === rb;
}

/** Do two names denote one person? Same tokens up to a one-letter slip, or one is part of the other. */
export function sameName(a: string, b: string): boolean {
  const ta = a.toLowerCase().split(' ');
  const tb = b.toLowerCase().split(' ');
  const [short, long] = ta.length <= tb.length ? [ta, tb] : [tb, ta];
  if (short.length === long.length) return short.every((w, k) => nearlyEqual(w, long[k]));
  return short.every((w) => long.some((v) => nearlyEqual(w, v)));
}

/** Merge mentions from all articles into people. Names seen only bare (no role) are linked, not created. */
export function buildPeople(mentionsByArticle: Map<string, Mention[]>): Person[] {
  const people: Person[] = [];
  const counts = new Map<Person, Map<string, number>>();
  const articleSets = new Map<Person, Set<string>>();
  /**
   * The first person one of whose names is the same name. A person's names do not change while
   * mentions are merged and people are only appended, so a hit stays the answer and a miss
   * need only be checked again against the people added since.
   */
  const found = new Map<string, { person?: Person; checked: number }>();
  const find = (name: string): Person | undefined => {
    const memo = found.get(name);
    if (memo?.person) return memo.person;
    const from = memo?.checked ?? 0;
    const person = people.slice(from).find((p) => [p.name, ...p.variants].some((n) => sameName(n, name)));
    found.set(name, { person, checked: people.length });
    return person;
  };
  for (const [articleId, mentions] of mentionsByArticle) {
    for (const m of mentions) {
      let p = find(m.name);
      if (!p) {
        if (!m.role) continue;
        p = { name: m.name, variants: [], roles: [], articleIds: [] };
        people.push(p);
        counts.set(p, new Map());
        articleSets.set(p, new Set());
      }
      const c = counts.get(p)!;
      c.set(m.name, (c.get(m.name) ?? 0) + 1);
      const seen = articleSets.get(p)!;
      if (!seen.has(articleId)) {
        seen.add(articleId);
        p.articleIds.push(articleId);
      }
      if (m.role && !p.roles.some((r) => r.role.toLowerCase() === m.role!.toLowerCase() && r.articleId === articleId)) {
        p.roles.push({ role: m.role, articleId });
      }
    }
  }
  for (const p of people) {
    const names = [...counts.get(p)!.entries()].sort((x, y) => y[0].split(' ').length - x[0].split(' ').length || y[1] - x[1]);
    p.name = names[0][0];
    p.variants = names
      .slice(1)
      .map(([n]) => n)
      .filter((n) => n.split(' ').length > 1 || !p.name.split(' ').includes(n));
  }
  return people;
}

/** Capitalised words of a sentence, lower-cased: what bare-name links look at. */
export function capitalWords(tokens: readonly TaggedToken[]): Set<string> {
  return new Set(tokens.filter(isCap).map((t) => t.text.toLowerCase()));
}

/**
 * Bare-name links ("Kerry said" is John Kerry): a sentence names a person when
 * it has every word of one of their names, or a word of their name that no
 * one else's name has. Indexed by name word, so a sentence only checks the
 * people whose names share one of its capitalised words.
 */
export class PeopleLinker {
  private readonly byWord = new Map<string, Person[]>();
  private readonly owners = new Map<string, number>();
  /** Each person's names as lower-case words, their place in the list, and the articles already recorded on them. */
  private readonly info = new Map<Person, { names: string[][]; order: number; articles: Set<string> }>();

  constructor(people: Person[]) {
    people.forEach((p, order) => {
      const names = [p.name, ...p.variants].map((n) => n.toLowerCase().split(' '));
      this.info.set(p, { names, order, articles: new Set(p.articleIds) });
      for (const w of new Set(names.flat())) {
        this.byWord.set(w, [...(this.byWord.get(w) ?? []), p]);
        this.owners.set(w, (this.owners.get(w) ?? 0) + 1);
      }
    });
  }

  /** People a sentence names (by its capitalised words); records the article on each. */
  link(articleId: string, capitalWords: Iterable<string>): Person[] {
    let candidates: Set<Person> | undefined;
    for (const w of capitalWords) {
      const named = this.byWord.get(w);
      if (named) for (const p of named) (candidates ??= new Set()).add(p);
    }
    // Most sentences name no one: no set of their words is made.
    if (!candidates) return [];
    const capitals = capitalWords instanceof Set ? (capitalWords as ReadonlySet<string>) : new Set(capitalWords);
    const found: Person[] = [];
    for (const p of candidates) {
      const { names, articles } = this.info.get(p)!;
      const full = names.some((parts) => parts.every((w) => capitals.has(w)));
      const distinctive = names.some((parts) => parts.length > 1 && parts.some((w) => w.length >= 2 && capitals.has(w) && this.owners.get(w) === 1));
      if (full || distinctive) {
        found.push(p);
        if (!articles.has(articleId)) {
          articles.add(articleId);
          p.articleIds.push(articleId);
        }
      }
    }
    return found.sort((a, b) => this.info.get(a)!.order - this.info.get(b)!.order);
  }
}

/** Pick each person's display name: the full form the corpus uses most. */
export function chooseCanonicalNames(people: Person[], texts: string[]): void {
  /** Sentences holding a word (as a substring, as `includes` sees it), found once per word by searching all texts as one. */
  let joined: string | undefined;
  const starts = new Int32Array(texts.length + 1);
  const holding = new Map<string, Int32Array>();
  const sentencesWith = (w: string): Int32Array => {
    let ids = holding.get(w);
    if (!ids) {
      if (joined === undefined) {
        texts.forEach((t, i) => (starts[i + 1] = starts[i] + t.length + 1));
        joined = texts.join('\n');
      }
      const out: number[] = w ? [] : texts.map((_, i) => i);
      for (let at = w ? joined.indexOf(w) : -1; at >= 0; at = joined.indexOf(w, at + 1)) {
        let lo = 0;
        let hi = texts.length - 1;
        while (lo < hi) {
          const mid = (lo + hi + 1) >> 1;
          if (starts[mid] <= at) lo = mid;
          else hi = mid - 1;
        }
        if (out[out.length - 1] !== lo) out.push(lo);
      }
      holding.set(w, (ids = Int32Array.from(out)));
    }
    return ids;
  };
  const uses = new Map<string, number>();
  const usesOf = (n: string): number => {
    let u = uses.get(n);
    if (u === undefined) {
      const parts = n.split(' ');
      // Sentences with every part: those with the rarest part, checked for the others.
      const lists = parts.map(sentencesWith).sort((a, b) => a.length - b.length);
      let all = 0;
      for (const i of lists[0]) if (parts.every((w) => texts[i].includes(w))) all++;
      uses.set(n, (u = all + sentencesWith(parts[parts.length - 1]).length));
    }
    return u;
  };
  for (const p of people) {
    const full = [p.name, ...p.variants].filter((n) => n.includes(' '));
    if (full.length < 2) continue;
    const best = full.reduce((a, b) => (usesOf(b) > usesOf(a) ? b : a));
    if (best !== p.name) {
      p.variants = [p.name, ...p.variants.filter((v) => v !== best)];
      p.name = best;
    }
  }
}

/** The role of a person as given in one article, else any role. */
export function roleIn(p: Person, articleId?: string): string | undefined {
  return (p.roles.find((r) => r.articleId === articleId) ?? p.roles[0])?.role;
}
