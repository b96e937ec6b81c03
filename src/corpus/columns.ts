/**
 * Sentences stored by column in one binary buffer, the layout of the corpus
 * cache: typed arrays for the numbers, the search terms and answer terms as
 * ids into string tables, and the texts as one UTF-8 block. Loading it
 * builds no tree of objects: each sentence is a small view that reads its
 * columns when asked (a text is decoded only for the sentences an answer
 * shows), so a start from the cache is quick and the corpus stays small in
 * memory.
 */
import type { AnswerTerms, Sentence } from '../types';

const MAGIC = 0x43505343; // "CPSC"
const VERSION = 1;
const KINDS = ['name', 'place', 'date', 'number', 'cause'] as const;
/** Answer terms are stored as kind × 2^28 + string id. */
const KIND_SHIFT = 2 ** 28;

/** The string tables the columns refer to (kept in the cache's JSON part). */
export interface ColumnTables {
  /** Article ids by number. */
  articles: readonly string[];
  /** Search terms by id (the search index's terms). */
  terms: readonly string[];
  /** Answer terms by id. */
  answers: readonly string[];
}

interface Columns {
  article: Uint32Array;
  paragraph: Uint32Array;
  position: Uint32Array;
  textStart: Uint32Array;
  termStart: Uint32Array;
  termIds: Uint32Array;
  answerStart: Uint32Array;
  answerIds: Uint32Array;
  text: Buffer;
}

/** Encode sentences; the tables say how their strings are numbered (every term must be in them). */
export function encodeSentences(sentences: readonly Sentence[], tables: Omit<ColumnTables, 'answers'>): { buffer: Buffer; answers: string[] } {
  const n = sentences.length;
  const articleNo = new Map(tables.articles.map((a, i) => [a, i]));
  const termNo = new Map(tables.terms.map((t, i) => [t, i]));
  const answerNo = new Map<string, number>();
  const answers: string[] = [];
  const c = {
    article: new Uint32Array(n),
    paragraph: new Uint32Array(n),
    position: new Uint32Array(n),
    textStart: new Uint32Array(n + 1),
    termStart: new Uint32Array(n + 1),
    answerStart: new Uint32Array(n + 1),
  };
  const termIds: number[] = [];
  const answerIds: number[] = [];
  // The texts as one UTF-8 block, encoded in place (one buffer, grown when full).
  let text = Buffer.allocUnsafe(1 << 20);
  let textBytes = 0;
  sentences.forEach((s, i) => {
    const a = articleNo.get(s.articleId);
    if (a === undefined) throw new Error(`sentence ${i} names an unknown article`);
    c.article[i] = a;
    c.paragraph[i] = s.paragraph;
    c.position[i] = s.position;
    c.textStart[i] = textBytes;
    const need = textBytes + s.text.length * 3;
    if (need > text.length) {
      const grown = Buffer.allocUnsafe(Math.max(need, text.length * 2));
      text.copy(grown, 0, 0, textBytes);
      text = grown;
    }
    textBytes += text.write(s.text, textBytes, 'utf8');
    c.termStart[i] = termIds.length;
    for (const term of s.terms) {
      const id = termNo.get(term);
      if (id === undefined) throw new Error(`sentence ${i} has a term outside the table`);
      termIds.push(id);
    }
    c.answerStart[i] = answerIds.length;
    KINDS.forEach((k, kind) => {
      for (const x of s.answers[k]) {
        let id = answerNo.get(x);
        if (id === undefined) answerNo.set(x, (id = answers.push(x) - 1));
        answerIds.push(kind * KIND_SHIFT + id);
      }
    });
  });
  c.textStart[n] = textBytes;
  c.termStart[n] = termIds.length;
  c.answerStart[n] = answerIds.length;
  const header = new Uint32Array([MAGIC, VERSION, n, termIds.length, answerIds.length, textBytes]);
  const arrays = [header, c.article, c.paragraph, c.position, c.textStart, c.termStart, Uint32Array.from(termIds), c.answerStart, Uint32Array.from(answerIds)];
  const buffer = Buffer.concat([...arrays.map((x) => Buffer.from(x.buffer, x.byteOffset, x.byteLength)), text.subarray(0, textBytes)]);
  return { buffer, answers };
}

/**
 * A buffer's bytes as an ArrayBuffer that typed arrays can view from offset 0: the buffer's own
 * when it is exactly that (a whole file as `fs.readFile` returns it), else an aligned copy.
 */
export function ownBytes(buf: Buffer): ArrayBuffer {
  if (buf.byteOffset === 0 && buf.byteLength === buf.buffer.byteLength && buf.buffer instanceof ArrayBuffer) return buf.buffer;
  const ab = new ArrayBuffer(buf.byteLength);
  new Uint8Array(ab).set(buf);
  return ab;
}

/** Read the columns, checking every offset and id against its table; undefined when anything does not fit. */
function readColumns(buf: Buffer, tables: ColumnTables): Columns | undefined {
  if (buf.byteLength < 24) return undefined;
  const ab = ownBytes(buf);
  const [magic, version, n, nTerms, nAnswers, textBytes] = new Uint32Array(ab, 0, 6);
  if (magic !== MAGIC || version !== VERSION) return undefined;
  const words = 6 + 3 * n + 3 * (n + 1) + nTerms + nAnswers;
  if (words * 4 + textBytes !== ab.byteLength) return undefined;
  let at = 24;
  const take = (count: number) => {
    const a = new Uint32Array(ab, at, count);
    at += count * 4;
    return a;
  };
  const c: Columns = {
    article: take(n),
    paragraph: take(n),
    position: take(n),
    textStart: take(n + 1),
    termStart: take(n + 1),
    termIds: take(nTerms),
    answerStart: take(n + 1),
    answerIds: take(nAnswers),
    text: Buffer.from(ab, at, textBytes),
  };
  const ordered = (xs: Uint32Array, end: number) => {
    if (xs[0] !== 0 || xs[xs.length - 1] !== end) return false;
    for (let i = 1; i < xs.length; i++) if (xs[i] < xs[i - 1]) return false;
    return true;
  };
  if (!ordered(c.textStart, textBytes) || !ordered(c.termStart, nTerms) || !ordered(c.answerStart, nAnswers)) return undefined;
  for (let i = 0; i < n; i++) if (c.article[i] >= tables.articles.length) return undefined;
  for (let i = 0; i < nTerms; i++) if (c.termIds[i] >= tables.terms.length) return undefined;
  for (let i = 0; i < nAnswers; i++) if (c.answerIds[i] % KIND_SHIFT >= tables.answers.length || c.answerIds[i] / KIND_SHIFT >= KINDS.length) return undefined;
  return c;
}

/** A sentence read from the columns on demand. Its answer terms are kept once read (ranking asks for them often). */
class StoredSentence implements Sentence {
  private answerTerms?: AnswerTerms;

  constructor(
    private readonly c: Columns,
    private readonly tables: ColumnTables,
    /** Its row in the columns. */
    private readonly row: number,
    /** Its number in the corpus: the row, unless the corpus was changed since it was stored (corpus/delta.ts). */
    readonly idx: number = row,
  ) {}

  /** The same sentence under another number in the corpus. */
  renumbered(idx: number): StoredSentence {
    return new StoredSentence(this.c, this.tables, this.row, idx);
  }

  get articleId(): string {
    return this.tables.articles[this.c.article[this.row]];
  }

  get position(): number {
    return this.c.position[this.row];
  }

  get paragraph(): number {
    return this.c.paragraph[this.row];
  }

  get text(): string {
    return this.c.text.toString('utf8', this.c.textStart[this.row], this.c.textStart[this.row + 1]);
  }

  get terms(): string[] {
    const out: string[] = [];
    for (let k = this.c.termStart[this.row]; k < this.c.termStart[this.row + 1]; k++) out.push(this.tables.terms[this.c.termIds[k]]);
    return out;
  }

  get answers(): AnswerTerms {
    if (!this.answerTerms) {
      const a: AnswerTerms = { name: [], place: [], date: [], number: [], cause: [] };
      for (let k = this.c.answerStart[this.row]; k < this.c.answerStart[this.row + 1]; k++) {
        const code = this.c.answerIds[k];
        a[KINDS[Math.floor(code / KIND_SHIFT)]].push(this.tables.answers[code % KIND_SHIFT]);
      }
      this.answerTerms = a;
    }
    return this.answerTerms;
  }

  /** As plain data (what JSON.stringify and test equality see). */
  toJSON(): Sentence {
    return { idx: this.idx, articleId: this.articleId, position: this.position, paragraph: this.paragraph, text: this.text, terms: this.terms, answers: this.answers };
  }
}

/** The sentences stored in `buf`, or undefined when the buffer does not fit its tables (a damaged cache). */
export function decodeSentences(buf: Buffer, tables: ColumnTables): Sentence[] | undefined {
  const c = readColumns(buf, tables);
  if (!c) return undefined;
  const out: Sentence[] = new Array(c.article.length);
  for (let i = 0; i < out.length; i++) out[i] = new StoredSentence(c, tables, i);
  return out;
}

/** A sentence under another number in the corpus (a stored one stays a view of its columns). */
export function renumbered(s: Sentence, idx: number): Sentence {
  if (s.idx === idx) return s;
  return s instanceof StoredSentence ? s.renumbered(idx) : { ...s, idx };
}
