/** The wink-nlp pipeline, loaded once on first use (the model takes ~130 ms to load). */
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

type Nlp = ReturnType<typeof winkNLP>;
let instance: Nlp | undefined;

export function nlp(): Nlp {
  instance ??= winkNLP(model);
  return instance;
}
