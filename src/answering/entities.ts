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
import type { SearchIndex } from './bm25';
import { isSpeechTerm, type AnalyzedQuestion } from './question';
import { spokeIn } from './roster';
import type { RankHints, RankOptions } from './rank';

/** A role held by more people than this ("minister") names no one in particular. */
const MAX_ROLE_HOLDERS = 2;
/** A role held by more people than this stands for none of their names (see hints). */
const MAX_EXPANDED_HOLDERS = 8;

export class EntityLinker {
  /** Search terms of each person's names and roles, computed once. */
  private readonly personTerms: { names: string[]; roles: string[][] }[];
  /** People by the terms of their names, and roles (person, role number) by their first term: a question looks up only its own terms. */
  private readonly byNameTerm = new Map<string, number[]>();
  private readonly byRoleTerm = new Map<string, [number, number][]>();

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
    this.personTerms.forEach(({ names, roles }, pi) => {
      for (const t of names) {
        const list = this.byNameTerm.get(t);
        if (list) list.push(pi);
        else this.byNameTerm.set(t, [pi]);
      }
      roles.forEach((rt, ri) => {
        if (!rt.length) return;
        const list = this.byRoleTerm.get(rt[0]);
        if (list) list.push([pi, ri]);
        else this.byRoleTerm.set(rt[0], [[pi, ri]]);
      });
    });
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
    // Roles the question states in full, in the order of the people and their roles; the longest win.
    const stated = [...qTerms]
      .flatMap((t) => this.byRoleTerm.get(t) ?? [])
      .filter(([pi, ri]) => this.personTerms[pi].roles[ri].every((t) => qTerms.has(t)))
      .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    let best = 0;
    const holders: { pi: number; roleTerms: string[] }[] = [];
    for (const [pi, ri] of stated) {
      const rt = this.personTerms[pi].roles[ri];
      if (rt.length > best) holders.length = 0;
      if (rt.length >= best) {
        best = rt.length;
        holders.push({ pi, roleTerms: rt });
      }
    }
    // The name stands for the whole role phrase: it joins one word's group (the rarest), so a
    // sentence naming the person gets that word's share, not every role word's at once. A role many
    // people hold ("Secretary" for hundreds, in a large corpus) is too general for any one name to be
    // evidence (as a word with many kinds is, rank.ts maxKinds): it stands for none of them.
    for (const { pi, roleTerms } of holders.length <= MAX_EXPANDED_HOLDERS ? holders : []) {
      const head = roleTerms.reduce((a, b) => (this.index.idf(b) > this.index.idf(a) ? b : a));
      expand(head, this.personTerms[pi].names, this.options.rank.correctionWeight);
    }
    // The people the question names, those it names most fully: "John Kerry" is Kerry, not every John.
    const namedBy = new Map<number, number>();
    for (const t of qTerms) for (const i of new Set(this.byNameTerm.get(t) ?? [])) namedBy.set(i, (namedBy.get(i) ?? 0) + 1);
    const fullest = Math.max(0, ...namedBy.values());
    const named = [...namedBy]
      .filter(([, n]) => n === fullest)
      .map(([i]) => i)
      .sort((a, b) => a - b);
    // Every spelling of a name the question uses counts as the name itself ("Jingping" = "Jinping").
    for (const i of named) {
      const all = this.personTerms[i].names;
      for (const t of all) if (qTerms.has(t)) expand(t, all, 1);
    }
    // A role the question states ("the Chinese president") is about its holder: a sentence naming the
    // holder is about what was asked, one where the role's words title someone else ("President Obama") is not.
    const roleHolders = holders.length && holders.length <= MAX_ROLE_HOLDERS ? holders.map((h) => h.pi) : [];
    const namesHolder = (idx: number) => roleHolders.some((pi) => this.corpus.sentencePeople[idx].includes(pi));
    const boost = this.options.rank.answerTypeBoost;
    // "What did Xi say": a sentence where the person asked about (named, or holding the role named) speaks.
    const speakers = q.words.some((w) => isSpeechTerm(w.term, this.options.lexicon)) ? [...named, ...roleHolders] : [];
    const speaks = (idx: number) => speakers.some((i) => this.corpus.sentencePeople[idx].includes(i) && spokeIn(this.corpus.people[i], this.corpus.sentences[idx].text));
    // "Who is Guo Shengkun": a sentence giving a named person's role.
    const whoIs = q.kind === 'who' && named.length > 0;
    const roleSentence = (idx: number) => {
      // The text is read only for a sentence that names one of them.
      const here = named.filter((i) => this.corpus.sentencePeople[idx].includes(i));
      if (!here.length) return false;
      const text = this.corpus.sentences[idx].text;
      return here.some((i) => this.corpus.people[i].roles.some((r) => text.includes(r.role)));
    };
    if (!whoIs && !roleHolders.length && !speakers.length) return { expansions };
    const most = Math.max(boost, 1);
    return { expansions, boost: (idx) => ((whoIs && roleSentence(idx)) || namesHolder(idx) ? boost : 1) * (speaks(idx) ? boost : 1), boostMax: most * most };
  }
}
