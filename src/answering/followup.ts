/**
 * Follow-up questions ("what did he say?", "why?", "and when was that?"):
 * recognised by their shape, and rewritten against what the conversation
 * was last about: the person the previous answer named, or the previous
 * question's subject. A small memory per conversation (channel and thread)
 * holds that, for a while.
 */
import type { AskResult } from './answer';

/** What a conversation was last about. */
export interface Topic {
  /** The previous question, as asked. */
  question: string;
  /** The person the previous answer named first, if any. */
  person?: string;
  /** The article the previous answer came from. */
  articleId?: string;
  at: number;
}

export type FollowUp =
  | { kind: 'none' }
  /** A follow-up with nothing before it to follow. */
  | { kind: 'orphan' }
  | { kind: 'resolved'; question: string; about: string }
  /** "And after that?", "what happened before?": the report next in time after (or before) the last answer's. */
  | { kind: 'sequence'; direction: 'after' | 'before'; articleId: string };

/** "and after that?", "then what?", "what happened next?" / "and before that?", "what came before?" */
const AFTER =
  /^\s*(?:and|so)?\s*(?:(?:what\s+happened\s+)?(?:after|next)(?:\s+(?:that|this|it))?|then(?:\s+what)?|what\s+happened\s+(?:next|then|after(?:\s+that)?)|what(?:'s|\s+is|\s+came)\s+next)\s*\??\s*$/i;
const BEFORE = /^\s*(?:and|so)?\s*(?:(?:what\s+happened\s+)?before(?:\s+(?:that|this|it))?|earlier|what\s+came\s+before(?:\s+that)?|what\s+happened\s+(?:before|earlier)(?:\s+that)?)\s*\??\s*$/i;

const PERSON_PRONOUN = /\b(?:he|she|him|her|his|hers)\b/i;
const THING_PRONOUN = /\b(?:that|this|it|they|them|their|those|these)\b/i;
/** "that", "this", "those", "these": they point back at what was said. "it" and "they" may stand for the story's own parties and subject. */
const POINTING = /\b(?:that|this|those|these)\b/i;
/** A bare wh-word, perhaps after "and" / "so" ("why?", "and when?"), or "what/how about that". */
const BARE = /^\s*(?:and|so|but)?\s*(?:why|when|where|how|who|what)\s*(?:else|then|exactly|so)?\s*\??\s*$/i;
/** Words that carry no subject of their own in a follow-up. */
const FILLER = new Set(
  'and so but then what did does do was were is are why when where how who whom which say said says mean means about else exactly happen happened after before next that this it they them their those these he she him her his hers the a an of to in on at for with really'.split(
    ' ',
  ),
);

/** Does this message lean on what came before ("what did he say", "why?") rather than stand alone? */
export function isFollowUp(text: string): boolean {
  const words = text.toLowerCase().match(/[a-z']+/g) ?? [];
  if (!words.length || words.length > 8) return false;
  if (BARE.test(text)) return true;
  const ownWords = words.filter((w) => !FILLER.has(w));
  // A person pronoun, a pointing word, a leading "and" or "what about": a fragment leaning on the last answer ("what did he say", "and xi?", "what about Yang?").
  if ((PERSON_PRONOUN.test(text) || POINTING.test(text) || /^\s*(?:and|so|(?:and\s+)?(?:what|how)\s+about)\b/i.test(text)) && ownWords.length <= 2) return true;
  // "it", "they", "them" in a question with words of its own ("when did they meet last", "where was it signed") stand for
  // the story's parties and subject: a whole question. Alone with a bare verb ("what did they say?") they lean back.
  return THING_PRONOUN.test(text) && ownWords.length === 0;
}

/** Rewrite a follow-up against the conversation's topic. */
export function resolveFollowUp(text: string, topic: Topic | undefined): FollowUp {
  const direction = AFTER.test(text) ? 'after' : BEFORE.test(text) ? 'before' : undefined;
  if (direction) return topic?.articleId ? { kind: 'sequence', direction, articleId: topic.articleId } : { kind: 'orphan' };
  if (!isFollowUp(text)) return { kind: 'none' };
  if (!topic) return { kind: 'orphan' };
  if (PERSON_PRONOUN.test(text) && topic.person) {
    const question = text.replace(/\b(?:he|she|him|her)\b/gi, topic.person).replace(/\b(?:his|hers)\b/gi, `${topic.person}'s`);
    return { kind: 'resolved', question, about: topic.person };
  }
  // "And xi?" after "what did obama say about sanctions": the same question about the person it names now.
  const own = ownWordsOf(text);
  if (own.length && topic.person) {
    const names = topic.person.toLowerCase().split(/\s+/);
    const words = topic.question.replace(/\?+\s*$/, '').split(/\s+/);
    const isName = (w: string) => names.includes(w.toLowerCase().replace(/['’]s$/, ''));
    const at = words.findIndex(isName);
    if (at >= 0) {
      // The person's whole name as the question wrote it ("Barack Obama", "obama") gives way to the new one.
      let end = at;
      while (end + 1 < words.length && isName(words[end + 1])) end++;
      const question = [...words.slice(0, at), own.join(' '), ...words.slice(end + 1)].join(' ');
      return { kind: 'resolved', question, about: `“${question}”` };
    }
  }
  // "why?", "and when was that?": the same subject, asked another way.
  const subject = subjectOf(topic.question);
  const asked = text
    .replace(/\b(?:that|this|it)\b/gi, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*\?+\s*$/, '')
    .trim();
  return { kind: 'resolved', question: `${asked} ${subject}`.trim(), about: `“${topic.question.replace(/\?+\s*$/, '')}”` };
}

/** A follow-up's words of its own, as typed ("and xi?" → ["xi"]). */
function ownWordsOf(text: string): string[] {
  return (text.match(/[\p{L}'’-]+/gu) ?? []).filter((w) => !FILLER.has(w.toLowerCase()));
}

/** The previous question without its wh-word and auxiliaries: "who withdrew from the talks" → "withdrew from the talks". */
function subjectOf(question: string): string {
  return question
    .replace(/\?+\s*$/, '')
    .replace(/^\s*(?:and|so)?\s*(?:who|whom|what|when|where|why|how(?:\s+(?:much|many))?|which)\b\s*/i, '')
    .replace(/^(?:is|are|was|were|did|do|does|will|has|have|had)\s+/i, '')
    .trim();
}

/** What an answer was about, to remember for the next message. */
export function topicOf(question: string, r: AskResult, now: number): Topic | undefined {
  if (r.kind !== 'answer') return undefined;
  // The person the question named, when the answer names them ("who is max baucus": Baucus, not the Obama the answer mentions); else the answer's first.
  const said = new Set(question.toLowerCase().match(/[\p{L}]+/gu) ?? []);
  const people = r.answers[0]?.people ?? [];
  const asked = people.find((p) =>
    p.name
      .toLowerCase()
      .split(/\s+/)
      .some((w) => said.has(w)),
  );
  const person = asked?.name ?? people[0]?.name ?? r.roster?.flatMap((e) => e.present)[0]?.name;
  return { question, person, articleId: r.answers[0]?.source.id, at: now };
}

/** Topics per conversation, for `ttlMs`, at most `max` conversations (the oldest forgotten first). */
export class ConversationMemory {
  private readonly topics = new Map<string, Topic>();

  constructor(
    private readonly ttlMs = 30 * 60_000,
    private readonly max = 5_000,
  ) {}

  get(key: string, now: number): Topic | undefined {
    const t = this.topics.get(key);
    if (!t || now - t.at > this.ttlMs) return undefined;
    return t;
  }

  set(key: string, topic: Topic): void {
    this.topics.delete(key);
    this.topics.set(key, topic);
    while (this.topics.size > this.max) this.topics.delete(this.topics.keys().next().value as string);
  }
}

/** What answers a conversation's questions (a Briefing). */
export interface Answerer {
  /** Small talk, a summary, the latest: a question of its own, never a follow-up. */
  intent(question: string): unknown;
  ask(question: string): AskResult;
  nextReport(question: string, articleId: string, direction: 'after' | 'before'): AskResult;
}

/**
 * A message answered in its conversation (`key`: the channel and thread): a follow-up is read
 * against what the conversation was last about, and what this answer is about is remembered for
 * the next. `orphan`: a follow-up with nothing before it.
 */
export function askInConversation(b: Answerer, memory: ConversationMemory, key: string, text: string, now: number): { kind: 'orphan' } | { kind: 'answer'; result: AskResult } {
  const followUp = b.intent(text) ? ({ kind: 'none' } as const) : resolveFollowUp(text, memory.get(key, now));
  if (followUp.kind === 'orphan') return followUp;
  if (followUp.kind === 'sequence') {
    const r = b.nextReport(text, followUp.articleId, followUp.direction);
    const topic = topicOf(text, r, now);
    if (topic) memory.set(key, { ...topic, person: memory.get(key, now)?.person });
    return { kind: 'answer', result: r };
  }
  const question = followUp.kind === 'resolved' ? followUp.question : text;
  const r = b.ask(question);
  const topic = topicOf(question, r, now);
  if (topic) memory.set(key, topic);
  return { kind: 'answer', result: followUp.kind === 'resolved' ? { ...r, question: text, about: followUp.about } : r };
}
