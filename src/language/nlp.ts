/**
 * The wink-nlp pipeline, loaded on first use: loading the model takes about
 * 130 ms, which a start-up from the cached corpus never needs to pay.
 */
import type winkNLP from 'wink-nlp';

type Nlp = ReturnType<typeof winkNLP>;
let instance: Nlp | undefined;

export function nlp(): Nlp {
  if (!instance) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const load = require('wink-nlp') as typeof winkNLP;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const model = require('wink-eng-lite-web-model') as Parameters<typeof winkNLP>[0];
    instance = load(model);
  }
  return instance;
}
