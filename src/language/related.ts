/**
 * Related words from WordNet, reduced to one corpus: for every word of the
 * corpus, the words WordNet relates to it (the other lemmas of its first
 * senses, its derivations such as agree → agreement, its pertainyms such as
 * Chinese → China), turned around into a table from a word a question may
 * use to the corpus terms it stands for. Built with the corpus and cached
 * with it; a question only looks the table up.
 */
import { WORDNET_POS, type Synset, type WordNet } from './wordnet';

/**
 * How a corpus term is related to the question's word: another form of the same word (inflected:
 * the question says "write", the corpus "wrote", which no suffix rule reaches), a derivation or pertainym, a synonym, a
 * kind of it (hyponym: the question says "promise", the corpus "pledge"), a more general word
 * (hypernym: the question says "deal", the corpus "agreement"), or its opposite (antonym: "admit",
 * "deny"; only a yes/no question is answered by its opposite).
 */
export type Relation = 'inflected' | 'derived' | 'synonym' | 'hyponym' | 'hypernym' | 'antonym';

export interface RelatedTerm {
  term: string;
  via: Relation;
}

/** Question term → corpus terms it is related to. */
export type RelatedTable = Map<string, RelatedTerm[]>;

/** What a noun names, by its most frequent sense: WordNet's noun.person, noun.location, noun.time, noun.group. */
export type NounClass = 'person' | 'place' | 'time' | 'group';

/** What WordNet says about a corpus's words: the related-word table, and which terms name a person, a place, a time or a group. */
export interface WordKnowledge {
  related: RelatedTable;
  /** Term → what its most frequent noun sense names ("minister" → person, "city" → place, "decade" → time). */
  nounClasses: Map<string, NounClass>;
}

/** WordNet's lexicographer files (lexnames(5WN)) for people, groups ("team", "network"), places and times. */
const CLASS_OF_LEXFILE = new Map<number, NounClass>([
  [18, 'person'],
  [14, 'group'],
  [15, 'place'],
  [28, 'time'],
]);

export interface RelatedOptions {
  /** How many of a word's senses (most frequent first) give synonyms and derivations. Default 3. */
  senses: number;
  /** How many of its senses give its hypernyms, hyponyms and antonyms (fewer: they stray further). Default 1. */
  taxonomySenses: number;
  /** A synset with more hyponyms than this is too general to stand for each of them ("act", "person"). Default 40. */
  maxHyponyms: number;
}

export const DEFAULT_RELATED_OPTIONS: RelatedOptions = { senses: 3, taxonomySenses: 1, maxHyponyms: 40 };

/** When a corpus term is related to a question word in two ways, the closer one counts. */
const RANK: Record<Relation, number> = { inflected: 6, derived: 5, synonym: 4, hyponym: 3, hypernym: 2, antonym: 1 };

const CODE: Record<Relation, string> = { inflected: 'i', derived: 'd', synonym: 's', hyponym: 'h', hypernym: 'g', antonym: 'a' };
const RELATION_OF = new Map(Object.entries(CODE).map(([k, v]) => [v, k as Relation]));

/**
 * Build the table for a vocabulary of (surface word in lower case, its search term) pairs.
 * `termOf` turns a WordNet lemma into a search term the same way the corpus was indexed.
 */
export function buildWordKnowledge(
  vocabulary: Iterable<readonly [string, string]>,
  wordnet: WordNet,
  termOf: (word: string) => string,
  options: RelatedOptions = DEFAULT_RELATED_OPTIONS,
): WordKnowledge {
  const table: RelatedTable = new Map();
  const nounClasses = new Map<string, NounClass>();
  const add = (lemma: string, term: string, via: Relation) => {
    if (lemma.includes('_') || !/^[a-z][a-z-]*$/.test(lemma)) return;
    const key = termOf(lemma.replace(/-/g, ''));
    if (key === term) return;
    const list = table.get(key);
    const had = list?.find((x) => x.term === term);
    if (had) {
      if (RANK[via] > RANK[had.via]) had.via = via;
    } else if (list) list.push({ term, via });
    else table.set(key, [{ term, via }]);
  };
  // The corpus term's place in WordNet's taxonomy, turned around: the words of its hypernyms'
  // synsets stand for it as something more general (a question about a "promise" meets "pledge"),
  // the words of its hyponyms' synsets as something more specific ("deal" meets "agreement").
  const addTaxonomy = (syn: Synset, own: number, term: string) => {
    for (const p of syn.pointers) {
      const lexical = p.source !== 0;
      if (lexical && p.source !== own) continue;
      if (p.symbol === '!') {
        const target = wordnet.synset(p.pos, p.offset);
        const named = target && p.target > 0 ? target.words[p.target - 1] : undefined;
        if (named) add(named, term, 'antonym');
        continue;
      }
      const hypernym = p.symbol === '@';
      if (!hypernym && p.symbol !== '~') continue;
      const target = wordnet.synset(p.pos, p.offset);
      if (!target) continue;
      if (hypernym && target.pointers.filter((x) => x.symbol === '~').length > options.maxHyponyms) continue;
      for (const w of target.words) add(w, term, hypernym ? 'hyponym' : 'hypernym');
    }
  };
  const done = new Set<string>();
  for (const [word, term] of vocabulary) {
    const key = `${word} ${term}`;
    if (done.has(key) || word.length < 3 || !/^[a-z]+$/.test(word)) continue;
    done.add(key);
    const noun = wordnet.baseForms(word, 'n')[0];
    const first = noun === undefined ? undefined : wordnet.senses(noun, 'n')[0];
    const lexFile = first === undefined ? undefined : wordnet.synset('n', first)?.lexFile;
    const cls = lexFile === undefined ? undefined : CLASS_OF_LEXFILE.get(lexFile);
    if (cls && !nounClasses.has(term)) nounClasses.set(term, cls);
    for (const pos of WORDNET_POS) {
      for (const base of wordnet.baseForms(word, pos)) {
        // The dictionary form of a noun or verb stands for the corpus's form of it (the vocabulary
        // pairs a tagger's lemma with the term of the form it was read from: "write" with "wrote").
        // Not an adjective's: "largest" says more than "large".
        if (pos === 'n' || pos === 'v') add(base, term, 'inflected');
        for (const [sense, offset] of wordnet.senses(base, pos).slice(0, options.senses).entries()) {
          const syn = wordnet.synset(pos, offset);
          if (!syn) continue;
          const own = syn.words.indexOf(base) + 1;
          if (sense < options.taxonomySenses) addTaxonomy(syn, own, term);
          for (const w of syn.words) if (w !== base) add(w, term, 'synonym');
          for (const p of syn.pointers) {
            const derivation = p.symbol === '+';
            const pertainym = p.symbol === '\\';
            if (!(derivation || pertainym) || (p.source !== 0 && p.source !== own)) continue;
            const target = wordnet.synset(p.pos, p.offset);
            if (!target) continue;
            const named = p.target > 0 ? target.words[p.target - 1] : undefined;
            for (const w of named ? [named] : target.words) add(w, term, 'derived');
            // A pertainym's synset names the same thing ("American" → America = United States = USA).
            if (pertainym) for (const w of target.words) add(w, term, 'synonym');
          }
        }
      }
    }
  }
  return { related: table, nounClasses };
}

/** The table as plain pairs, for the corpus cache: [question term, "term:d term:s …"]. */
export function serializeRelated(table: RelatedTable): [string, string][] {
  return [...table].map(([k, list]) => [k, list.map((r) => `${r.term}:${CODE[r.via]}`).join(' ')]);
}

export function deserializeRelated(pairs: readonly (readonly [string, string])[]): RelatedTable {
  return new Map(
    pairs.map(([k, v]) => [
      k,
      v.split(' ').map((x) => {
        const at = x.lastIndexOf(':');
        return { term: x.slice(0, at), via: RELATION_OF.get(x.slice(at + 1)) ?? 'synonym' };
      }),
    ]),
  );
}
