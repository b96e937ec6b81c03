/**
 * What a question asks for: its kind (who, when, where, how much, why, …),
 * the type of thing that answers it, its content words, and whether it asks
 * who attended something. The English it reads is the lexicon's.
 */
import { DEFAULT_LEXICON, type AnswerType, type Lexicon, type QuestionKind } from '../language/lexicon';
import { foldTypography, normalizePhrases, termOf, tokenize } from '../language/text';
import { acronymTerm, askedAcronym } from '../language/acronyms';
import type { NounClass } from '../language/related';
import { readWords } from '../language/segment';
import { namedPeriods } from '../language/periods';
import { namedNumbers } from '../language/numbers';

export type { QuestionKind } from '../language/lexicon';

export interface QuestionWord {
  raw: string;
  term: string;
  /** Written with a capital inside the question: a name. */
  name?: boolean;
  /** Its place among the question's words, stop words included (what stood next to what). */
  at?: number;
  /** Tagged as a verb in the question: what the question says of its nouns weighs less than they do (RankOptions.verbWeight). */
  verb?: boolean;
  /** Its dictionary form as the tagger reads it, lower case, when its term differs ("began" → "begin", "children" → "child"). */
  lemma?: string;
  /** Its part of speech as the tagger reads it in the question (universal tags: NOUN, PROPN, VERB, ADP…). */
  pos?: string;
}

export interface AnalyzedQuestion {
  text: string;
  kind: QuestionKind;
  /** What answers it: a name, a place, a date, a number, a cause; none for what/yes-no/keyword questions. */
  answerType?: AnswerType;
  words: QuestionWord[];
  /** "who attended", "who was at the talks", "who took part". */
  attendance: boolean;
  /** "How many *touchdowns* …": the term of what is counted (see Lexicon.asksCount). */
  counted?: string;
}

export function questionKind(text: string, lexicon: Lexicon = DEFAULT_LEXICON): QuestionKind {
  const t = text.toLowerCase().replace(lexicon.preamble, '');
  for (const [kind, re] of lexicon.kindRules) if (re.test(t)) return kind;
  return 'keywords';
}

/** Search terms of a lexicon's word lists, computed once per lexicon. */
const termSets = new WeakMap<Lexicon, { attendance: Set<string>; light: Set<string>; speech: Set<string> }>();
function termSetsOf(lexicon: Lexicon): { attendance: Set<string>; light: Set<string>; speech: Set<string> } {
  let sets = termSets.get(lexicon);
  if (!sets) {
    sets = { attendance: new Set(lexicon.attendance.words.map(termOf)), light: new Set([...lexicon.lightVerbs].map(termOf)), speech: new Set([...lexicon.speechVerbs].map(termOf)) };
    termSets.set(lexicon, sets);
  }
  return sets;
}

/** Is this search term one of the lexicon's words for attending? */
export function isAttendanceTerm(term: string, lexicon: Lexicon = DEFAULT_LEXICON): boolean {
  return termSetsOf(lexicon).attendance.has(term);
}

/** Is this search term a verb of speaking ("say", "told")? */
export function isSpeechTerm(term: string, lexicon: Lexicon = DEFAULT_LEXICON): boolean {
  return termSetsOf(lexicon).speech.has(term);
}

/** Is this search term a light verb of the lexicon? */
export function isLightTerm(term: string, lexicon: Lexicon = DEFAULT_LEXICON): boolean {
  return termSetsOf(lexicon).light.has(term);
}

/** What a noun of the corpus names, if anything: a person, a place, a time or a group. */
export type NounClassOf = (term: string) => NounClass | undefined;

const KIND_OF_CLASS = { person: 'who', place: 'where', time: 'when' } as const;

/** Tags (Universal POS) that end the noun phrase a question asks for: "which NFL team *won*", "what city *last* hosted". */
const PHRASE_END_TAGS = new Set(['VERB', 'AUX', 'ADV', 'ADP', 'PART', 'SCONJ', 'CCONJ', 'DET', 'PUNCT']);

export function analyzeQuestion(text: string, lexicon: Lexicon = DEFAULT_LEXICON, nounClass?: NounClassOf): AnalyzedQuestion {
  let kind = questionKind(text, lexicon);
  const lower = text.toLowerCase();
  // Tagged as tokenize reads it: a multi-word verb ("set up") is the one verb it stands for ("establish").
  const { verbs, lemmas, tags } = readWords(normalizePhrases(foldTypography(text), lexicon));
  // "Which individual …", "in which location …", "what era …": the noun asked for says the kind.
  const asked = (kind === 'what' || kind === 'keywords') && nounClass ? lexicon.askedNoun.exec(lower)?.[1] : undefined;
  // The noun phrase's head is its last noun: "which *US officials*" asks for officials. The phrase
  // ends at the tagger's first verb, adverb or function word ("what California city *last* hosted": not "last").
  const phrase = asked?.trim().split(/\s+/) ?? [];
  const end = phrase.findIndex((w) => PHRASE_END_TAGS.has(tags.get(w) ?? 'NOUN'));
  const cls = (end < 0 ? phrase : phrase.slice(0, end))
    .reverse()
    .map((w) => nounClass?.(termOf(w)))
    .find((c) => c !== undefined);
  if (cls && cls !== 'group') kind = KIND_OF_CLASS[cls];
  // "What was the hall called?", "what is it known as": a what-question asking for a name.
  // "Which network …", "what company …": a group asked for is answered by its name.
  const typed = lexicon.answerTypes[kind] ?? (kind === 'what' && (cls === 'group' || lexicon.asksForName.test(lower)) ? 'name' : undefined);
  // "How much did it cost": an amount of money, not any number.
  // "In what year …": a year, not any time ("twice a month").
  const answerType = typed === 'date' && lexicon.asksForYear.test(lower) ? 'year' : typed === 'number' && lexicon.asksForMoney.test(lower) ? 'money' : typed;
  const tokens = tokenize(text, lexicon);
  const capital = (i: number) => /^[A-Z][a-z]/.test(tokens[i]?.raw ?? '');
  // "The 1920s", "the 20th century", "ten thousand", "3rd": one period or number, searched by its term, not by its words one by one.
  const phraseAt = new Map<number, { term: string; raw: string; length: number }>();
  const said = (i: number) => tokens[i]?.raw.toLowerCase().replace(/,/g, '');
  for (const p of [...namedPeriods(text), ...namedNumbers(text)]) {
    const at = tokens.findIndex((_, i) => p.words.every((w, k) => said(i + k) === w) && !phraseAt.has(i));
    if (at < 0) continue;
    // "Twenty-five" is also read whole ("twentyfive"): that reading is the phrase's too.
    const length = p.words.length + Number(said(at + p.words.length)?.replace(/-/g, '') === p.words.join(''));
    phraseAt.set(at, { term: p.term, raw: p.words.join(' '), length });
  }
  const inPhrase = new Set([...phraseAt].flatMap(([at, p]) => Array.from({ length: p.length - 1 }, (_, k) => at + 1 + k)));
  // A name: capitalised inside the question, or first and followed by a capitalised word ("Notre Dame students …").
  const words = tokens
    .map((t, i) => ({ t, i, name: i > 0 ? capital(i) : capital(0) && !t.stop && capital(1) }))
    .filter(({ t, i }) => phraseAt.has(i) || (!inPhrase.has(i) && !t.stop && !lexicon.frames[kind]?.has(t.raw.toLowerCase())))
    .map(({ t, i, name }) => {
      const phrase = phraseAt.get(i);
      if (phrase) return { raw: phrase.raw, term: phrase.term, at: i } satisfies QuestionWord;
      const w: QuestionWord = name ? { raw: t.raw.toLowerCase(), term: t.term, name, at: i } : { raw: t.raw.toLowerCase(), term: t.term, at: i };
      if (verbs.has(w.raw)) w.verb = true;
      const pos = tags.get(w.raw);
      if (pos) w.pos = pos;
      const lemma = lemmas.get(w.raw);
      if (lemma && /^[a-z]+$/.test(lemma) && termOf(lemma) !== w.term) w.lemma = lemma;
      return w;
    });
  // "What does NCAA stand for": the sentence that defines the acronym is searched, by its term, with the acronym itself.
  const acronym = askedAcronym(text, lexicon.asksAcronym.question);
  const searched = acronym ? [...words.filter((w) => !lexicon.asksAcronym.words.has(w.raw)), { raw: acronym.toLowerCase(), term: acronymTerm(acronym) }] : words;
  // "How many touchdowns": the counted noun's dictionary form, as the corpus's terms hold it ("touchdowns" → touchdown).
  const countedWord = answerType === 'number' ? lexicon.asksCount.exec(lower)?.[1] : undefined;
  const counted = countedWord === undefined ? undefined : termOf(lemmas.get(countedWord) ?? countedWord);
  const read = readAttendance({ text, kind, answerType, words: searched, attendance: false }, (w) => w.term, lexicon);
  return counted === undefined ? read : { ...read, counted };
}

/**
 * "Who were the participants", "who was present", "which people were at the meeting": a
 * who-question asking who attended, its attendance words one concept, searched by one word that
 * stands for them all. `termFor` gives the term a word is read as (the briefing passes spelling
 * corrections, so "who atended" is the attendance question it means).
 */
export function readAttendance(q: AnalyzedQuestion, termFor: (w: QuestionWord, i: number) => string, lexicon: Lexicon = DEFAULT_LEXICON): AnalyzedQuestion {
  if (q.kind !== 'who' || q.attendance) return q;
  // The words of a phrase that asks who attended ("who *showed up*", "who *took part*") are the question's attendance words.
  const phrase = lexicon.attendance.phrase.exec(q.text)?.[0].toLowerCase().split(/\s+/) ?? [];
  // An attendance word that is not a verb and stands right before another of the question's words
  // modifies it: "the *present* quarterback" asks who the current one is, not who was present.
  const modifies = (w: QuestionWord, i: number) => !w.verb && w.at !== undefined && q.words[i + 1]?.at === w.at + 1;
  const attends = q.words.map((w, i) => (isAttendanceTerm(termFor(w, i), lexicon) && !modifies(w, i)) || phrase.includes(w.raw));
  if (!phrase.length && !attends.some(Boolean)) return q;
  // A verb of the question's own before its attendance word says what the question asks who did:
  // "who *coached* each participant" is no question of who took part.
  const first = attends.indexOf(true);
  if (!phrase.length && q.words.some((w, i) => i < first && w.verb && !attends[i])) return q;
  const rest = q.words.filter((_, i) => !attends[i]);
  const said = q.words.find((_, i) => attends[i]);
  return { ...q, words: [...rest, { raw: said?.raw ?? 'attend', term: ATTEND }], attendance: true };
}

const ATTEND = termOf('attend');

/** What a message wants when it is not a question about the articles' content. */
export type Intent = 'small_talk' | 'summary' | 'latest';

/** Small talk, a summary or the latest news: asked of whatever corpus is loaded, answered from it (or not from it at all). */
export function intentOf(question: string, lexicon: Lexicon = DEFAULT_LEXICON): Intent | undefined {
  const { intents } = lexicon;
  const said = question
    .toLowerCase()
    .replace(/[\s.!?,;:]+$/g, '')
    .trim();
  if (intents.smallTalk.test(said)) return 'small_talk';
  // "summary pls", "hey, what can you do?", "ok thanks": the courtesy aside, what is left.
  const core = withoutCourtesy(said, lexicon);
  if (core !== said) {
    if (!core || intents.smallTalk.test(core)) return 'small_talk';
    if (intents.summary.test(core)) return 'summary';
  }
  if (intents.summary.test(said)) return 'summary';
  if (intents.latest.test(said)) return 'latest';
  return undefined;
}

/** A message without the courtesy around it ("hey, who attended?" → "who attended"; "ok thanks" → ""). */
export function withoutCourtesy(text: string, lexicon: Lexicon = DEFAULT_LEXICON): string {
  const { leading, trailing } = lexicon.courtesy;
  let core = text.replace(/[\s.!?,;:]+$/g, '').trim();
  for (let before = ''; before !== core;) {
    before = core;
    core = core
      .replace(leading, '')
      .replace(trailing, '')
      .replace(/[\s.!?,;:]+$/g, '')
      .trim();
  }
  return core;
}
