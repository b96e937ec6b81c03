/**
 * Words by first letter and length: a slip keeps a word's first letter and
 * its length within an edit or two, so a word is compared only with the few
 * hundred words of its own bucket and the neighbouring lengths, never with
 * the whole vocabulary (the speller, and English words in language/english.ts).
 */
export class WordBuckets {
  private readonly byKey = new Map<string, string[]>();
  private readonly seen = new Set<string>();

  /** Add a word (once; a word added again is ignored). */
  add(word: string): void {
    if (!word || this.seen.has(word)) return;
    this.seen.add(word);
    const key = `${word[0]}${word.length}`;
    const list = this.byKey.get(key);
    if (list) list.push(word);
    else this.byKey.set(key, [word]);
  }

  /** The words that start with `first` and are `length` letters long, in the order added. */
  bucket(first: string, length: number): readonly string[] {
    return this.byKey.get(`${first}${length}`) ?? [];
  }

  /** The words that start as `word` does and are at most `spread` letters longer or shorter, shortest first. */
  *around(word: string, spread: number): Generator<string> {
    for (let len = word.length - spread; len <= word.length + spread; len++) yield* this.bucket(word[0], len);
  }
}
