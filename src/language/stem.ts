/** Porter2 stemming through wink's stemmer, the same family as the segmenter. */
// wink-porter2-stemmer ships no type declarations.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const porter2 = require('wink-porter2-stemmer') as (word: string) => string;

export function stem(word: string): string {
  return porter2(word);
}
