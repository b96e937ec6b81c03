/**
 * Sentence segmentation and tagging with wink-nlp (see docs/architecture.md, "Dependencies and why": it is the one
 * segmenter that kept "the U.S. Justice department", "Washington D.C. and" and
 * quotations right on our hard sentences).
 */
import type { ItemEntity, ItemSentence, ItemToken } from 'wink-nlp';
import { DEFAULT_LEXICON, type Lexicon } from './lexicon';
import { nlp } from './nlp';

export interface TaggedToken {
  text: string;
  /** Universal part of speech (PROPN, NOUN, VERB, ADP, …). */
  pos: string;
  /** Entity type when the token is inside one (DATE, CARDINAL, MONEY, …). */
  entity?: string;
  /** The dictionary form ("began" → "begin"), lower case. */
  lemma: string;
}

export interface TaggedSentence {
  text: string;
  tokens: TaggedToken[];
}

/** Segment one paragraph into tagged sentences. */
export function segmentParagraph(paragraph: string, lexicon: Lexicon = DEFAULT_LEXICON): TaggedSentence[] {
  const n = nlp();
  const its = n.its;
  const doc = n.readDoc(paragraph);
  const entityAt = new Map<number, string>();
  doc.entities().each((e: ItemEntity) => {
    const [a, b] = e.out(its.span) as unknown as [number, number];
    const type = e.out(its.type);
    for (let i = a; i <= b; i++) entityAt.set(i, type);
  });
  const out: TaggedSentence[] = [];
  doc.sentences().each((s: ItemSentence) => {
    const text = s.out().trim();
    if (!text) return;
    const tokens: TaggedToken[] = [];
    s.tokens().each((t: ItemToken) => {
      const type = t.out(its.type);
      if (type === 'tabCRLF' || type === 'spaces') return;
      const idx = t.index();
      tokens.push({
        text: t.out(),
        pos: t.out(its.pos),
        entity: entityAt.get(idx), // wink's typings declare its.lemma with a signature out() does not accept; it works at run time.
        lemma: String(t.out(its.lemma as never)).toLowerCase(),
      });
    });
    // A title before a name ("the direction of Fr. Zahm", "the Rev. John Jenkins") ends no sentence.
    const prev = out[out.length - 1];
    const last = prev?.text.match(/(?:^|[\s(])([A-Za-z]+)\.$/)?.[1];
    // Nor does a stop that the text goes on from in lower case: a full stop inside a word ("via
    // CBSSports.com, and …"), an abbreviation ("a Master of Divinity (M.Div.) program"), a title
    // ("the movie Airplane! with …"), a bracketed note ("most recent[when?] capital campaign").
    const continues = prev !== undefined && /^[a-z]+\b/.test(text);
    const glued = continues && paragraph.includes(`${prev.text.match(/(\S+)$/)?.[1] ?? ' '}${text.match(/^\S+/)?.[0] ?? ' '}`);
    if (prev && ((last && lexicon.titleAbbreviations.has(last.toLowerCase()) && /^[A-Z]/.test(text)) || continues)) {
      prev.text = glued ? `${prev.text}${text}` : `${prev.text} ${text}`;
      prev.tokens.push(...tokens);
    } else out.push({ text, tokens });
  });
  return out;
}

/** Plain sentence strings, for callers that need no tags. */
export function segment(text: string): string[] {
  return text.split(/\n+/).flatMap((p) => (p.trim() ? segmentParagraph(p).map((s) => s.text) : []));
}

/**
 * What the tagger reads in a short text such as a question: its verbs ("when was the deal *signed*"),
 * each word's dictionary form ("began" → "begin") and each word's part of speech (its first
 * reading; Universal POS tags), all by the word in lower case.
 */
export function readWords(text: string): { verbs: Set<string>; lemmas: Map<string, string>; tags: Map<string, string> } {
  const n = nlp();
  const verbs = new Set<string>();
  const lemmas = new Map<string, string>();
  const tags = new Map<string, string>();
  n.readDoc(text)
    .tokens()
    .each((t: ItemToken) => {
      const word = t.out().toLowerCase();
      const pos = t.out(n.its.pos);
      if (pos === 'VERB') verbs.add(word);
      if (!tags.has(word)) tags.set(word, pos);
      // Nouns and verbs: an adjective's "lemma" may be another word ("better" → "good").
      if (pos === 'VERB' || pos === 'NOUN' || pos === 'AUX') lemmas.set(word, String(t.out(n.its.lemma as never)).toLowerCase());
    });
  return { verbs, lemmas, tags };
}
