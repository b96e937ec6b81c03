/**
 * Entity links, from the corpus's own people: a role in the question ("the
 * Chinese president") also matches the name of the person who holds it,
 * every spelling of a name the question uses counts as that name ("Xi
 * Jingping" = "Xi Jinping"), a who-question about a named person prefers the
 * sentence that gives that person's role, and a question about who attended
 * searches all the lexicon's words for attending.
 */
import type { Corpus } from '../corpus/corpus';
import type { Lexicon } from '../language/lexicon';
import { termOf, termsOf } from '../language/text';
import type { Person } from '../types';
import type { SearchIndex } from './bm25';
import type { AnalyzedQuestion } from './question';
import type { RankHints, RankOptions } from './rank';

export class EntityLinker {
  /** Search terms of each person's names and roles, computed once. */
  private readonly personTerms: { names: string[]; roles: string[][] }[];

  constructor(
    private readonly corpus: Corpus,
    private readonly index: SearchIndex,
    private readonly options: { lexicon: Lexicon; rank: RankOptions },
  ) {
    // Roles repeat across people ("Minister", "President"): each distinct text is split once.
    const seen = new Map<string, string[]>();
    const terms = (text: string) => {
      let t = seen.get(text);
      if (!t) seen.set(text, (t = termsOf(text)));
      return t;
    };
    this.personTerms = corpus.people.map((p) => ({
      names: [...new Set([p.name, ...p.variants].flatMap(terms))],
      roles: p.roles.map((r) => terms(r.role)),
    }));
  }

  /**
   * Entity links: a role in the question ("the Chinese president") also
   * matches the name of the person who holds it, and a who-question about a
   * named person prefers the sentence that gives that person's role.
   */
  hints(q: AnalyzedQuestion): RankHints {
    const qTerms = new Set(q.words.map((w) => w.term));
    const expansions = new Map<string, { term: string; weight: number }[]>();
    // A question about who attended searches every word for attending (the roster's vocabulary).
    if (q.attendance)
      expansions.set(
        termOf('attend'),
        this.options.lexicon.attendance.words.map((w) => ({ term: termOf(w), weight: 1 })),
      );
    const expand = (t: string, terms: string[], weight: number) => {
      const list = expansions.get(t) ?? [];
      for (const x of terms) if (x !== t && !list.some((y) => y.term === x)) list.push({ term: x, weight });
      expansions.set(t, list);
    };
    let best = 0;
    const holders: { p: Person; roleTerms: string[] }[] = [];
    for (const [pi, p] of this.corpus.people.entries()) {
      for (const rt of this.personTerms[pi].roles) {
        if (rt.length && rt.every((t) => qTerms.has(t))) {
          if (rt.length > best) holders.length = 0;
          if (rt.length >= best) {
            best = rt.length;
            holders.push({ p, roleTerms: rt });
          }
        }
      }
    }
    const nameTermsOf = (p: Person) => this.personTerms[this.corpus.people.indexOf(p)].names;
    // The name stands for the whole role phrase: it joins one word's group (the rarest), so a
    // sentence naming the person gets that word's share, not every role word's at once.
    for (const { p, roleTerms } of holders) {
      const head = roleTerms.reduce((a, b) => (this.index.idf(b) > this.index.idf(a) ? b : a));
      expand(head, nameTermsOf(p), this.options.rank.correctionWeight);
    }
    const named = this.corpus.people.map((p, i) => ({ p, i })).filter(({ p }) => nameTermsOf(p).some((t) => qTerms.has(t)));
    // Every spelling of a name the question uses counts as the name itself ("Jingping" = "Jinping").
    for (const { p } of named) {
      const all = nameTermsOf(p);
      for (const t of all) if (qTerms.has(t)) expand(t, all, 1);
    }
    if (q.kind !== 'who' || !named.length) return { expansions };
    const roleSentence = (idx: number) => {
      const text = this.corpus.sentences[idx].text;
      return named.some(({ p, i }) => this.corpus.sentencePeople[idx].includes(i) && p.roles.some((r) => text.includes(r.role)));
    };
    return { expansions, boost: (idx) => (roleSentence(idx) ? this.options.rank.answerTypeBoost : 1) };
  }
}
