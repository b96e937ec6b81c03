/**
 * What kind of event a word names, from WordNet's taxonomy: a noun or verb
 * is of a kind when one of its first senses is, or falls under, one of the
 * kind's anchor senses ("summit" is a meeting, "pact" an agreement, "indict"
 * an accusation). The anchors are WordNet's own general classes (gathering,
 * discussion, agreement, accusation, …), named here by a word and its sense
 * number, never lists of the words a corpus uses.
 */
import { lookupWordNet, type WordNet, type WordNetPos } from '../language/wordnet';

/** The kinds of event a briefing tells apart, most telling first (a sentence's kind is its first). */
export const EVENT_KINDS = ['meeting', 'agreement', 'decision', 'proposal', 'accusation', 'report', 'statement', 'action'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

/** A kind's anchors: [lemma, part of speech, sense numbers (0-based, by frequency)]. */
const ANCHORS: Record<Exclude<EventKind, 'action'>, [string, WordNetPos, number[]][]> = {
  // A gathering of people (meeting, summit, session, visit), or a discussion (talks, negotiation, conference).
  meeting: [
    ['gathering', 'n', [0]],
    ['assembly', 'n', [3]],
    ['meeting', 'n', [0, 1]],
    ['discussion', 'n', [0, 1]],
    ['conversation', 'n', [0]],
    ['meet', 'v', [1]],
    ['negotiate', 'v', [0]],
    ['confer', 'v', [0]],
    ['visit', 'v', [0, 1]],
    ['convene', 'v', [0]],
  ],
  // An agreement made: the noun (accord, pact, deal, treaty) and agreeing, signing, committing, pledging.
  agreement: [
    ['agreement', 'n', [0]],
    ['accord', 'n', [1]],
    ['agree', 'v', [1]],
    ['sign', 'v', [1]],
    ['promise', 'v', [0]],
    ['commit', 'v', [1]],
  ],
  // A decision and what carries one out: decide, approve, adopt, suspend, impose, cut.
  decision: [
    ['decision', 'n', [0]],
    ['decide', 'v', [0, 1]],
    ['approve', 'v', [0]],
    ['adopt', 'v', [0]],
    ['suspend', 'v', [1]],
    ['impose', 'v', [0]],
    ['restrict', 'v', [0]],
  ],
  proposal: [
    ['proposal', 'n', [0, 2]],
    ['propose', 'v', [0]],
    ['offer', 'v', [0]],
  ],
  // Accusing, charging, blaming, sanctioning, denying.
  accusation: [
    ['accusation', 'n', [0]],
    ['accuse', 'v', [0, 1]],
    ['blame', 'v', [0]],
    ['sanction', 'n', [0]],
    ['penalize', 'v', [0]],
    ['deny', 'v', [0]],
  ],
  // A report or figures published: a written report, publishing, announcing figures.
  report: [
    ['report', 'n', [0]],
    ['document', 'n', [0]],
    ['publish', 'v', [0]],
    ['release', 'v', [4]],
  ],
  statement: [
    ['statement', 'n', [0]],
    ['say', 'v', [0]],
    ['inform', 'v', [0]],
    ['express', 'v', [0]],
  ],
};

/** Senses of a word looked at: its commonest ones (a rare sense makes "talk" a lecture). */
const SENSES = 3;
/** Hypernym levels walked up from a sense. */
const DEPTH = 6;

export class EventKinds {
  private anchors?: Map<string, Exclude<EventKind, 'action'>>;
  /** Every answer given, by its question ("of:n:talks:3", "place:London"): WordNet is asked each thing once. */
  private readonly memo = new Map<string, unknown>();

  constructor(private readonly wordnet: () => WordNet = lookupWordNet) {}

  private remember<T>(key: string, compute: () => T): T {
    if (this.memo.has(key)) return this.memo.get(key) as T;
    let value: T | undefined;
    try {
      value = compute();
    } catch {
      // WordNet unreadable: no kind, no place.
      value = undefined;
    }
    this.memo.set(key, value);
    return value as T;
  }

  private anchorsOf(wn: WordNet): Map<string, Exclude<EventKind, 'action'>> {
    if (this.anchors) return this.anchors;
    const out = new Map<string, Exclude<EventKind, 'action'>>();
    for (const [kind, list] of Object.entries(ANCHORS) as [Exclude<EventKind, 'action'>, [string, WordNetPos, number[]][]][]) {
      for (const [lemma, pos, senses] of list) {
        const offsets = wn.senses(lemma, pos);
        for (const i of senses) if (offsets[i] !== undefined && !out.has(`${pos}${offsets[i]}`)) out.set(`${pos}${offsets[i]}`, kind);
      }
    }
    return (this.anchors = out);
  }

  /** A word's first senses (its base form's, most frequent first). */
  private sensesOf(wn: WordNet, lemma: string, pos: 'n' | 'v', senses: number): readonly number[] {
    const base = wn.baseForms(lemma.replace(/\s+/g, '_'), pos)[0];
    return base ? wn.senses(base, pos).slice(0, senses) : [];
  }

  /** The kind of event a noun or verb (its lemma, lower case) names, or undefined. */
  of(lemma: string, pos: 'n' | 'v', senses = SENSES): Exclude<EventKind, 'action'> | undefined {
    return this.remember(`of:${pos}:${lemma}:${senses}`, () => {
      const wn = this.wordnet();
      const anchors = this.anchorsOf(wn);
      let best: number = EVENT_KINDS.length;
      for (const offset of this.sensesOf(wn, lemma, pos, senses)) {
        let level = [offset];
        const seen = new Set<number>();
        for (let d = 0; d <= DEPTH && level.length; d++) {
          const next: number[] = [];
          for (const o of level) {
            if (seen.has(o)) continue;
            seen.add(o);
            const kind = anchors.get(`${pos}${o}`);
            if (kind) best = Math.min(best, EVENT_KINDS.indexOf(kind));
            for (const p of wn.synset(pos, o)?.pointers ?? []) if ((p.symbol === '@' || p.symbol === '@i') && p.pos === pos) next.push(p.offset);
          }
          level = next;
        }
      }
      return best < EVENT_KINDS.length ? ((EVENT_KINDS as readonly EventKind[])[best] as Exclude<EventKind, 'action'>) : undefined;
    });
  }

  /** The kind a verb names itself (one of its senses is an anchor: "agree", "approve", "pledge"), not through a broader word. */
  core(lemma: string, pos: 'n' | 'v'): Exclude<EventKind, 'action'> | undefined {
    return this.remember(`core:${pos}:${lemma}`, () => {
      const wn = this.wordnet();
      const anchors = this.anchorsOf(wn);
      for (const o of this.sensesOf(wn, lemma, pos, SENSES)) {
        const kind = anchors.get(`${pos}${o}`);
        if (kind) return kind;
      }
      return undefined;
    });
  }

  /** Does the word name a place (WordNet's noun.location), as a proper name is written ("London", "Managua")? */
  isPlace(name: string): boolean {
    return (
      this.remember(`place:${name}`, () => {
        const wn = this.wordnet();
        const lemma = name.toLowerCase().replace(/\s+/g, '_');
        return wn.senses(lemma, 'n').some((o) => {
          const s = wn.synset('n', o);
          // A location, or a building named as one ("the White House"): lexicographer files 15 and 6.
          return s !== undefined && (s.lexFile === 15 || (s.lexFile === 6 && lemma.includes('_'))) && s.written.some((w) => /^[A-Z]/.test(w));
        });
      }) ?? false
    );
  }
}

/** One per process: the lookups are memoised, and WordNet is opened for lookups on first use. */
export const SHARED_EVENT_KINDS = new EventKinds();
