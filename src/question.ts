/**
 * What a question asks for: its kind (who, when, where, how much, why, …),
 * its content words, and whether it asks who attended something.
 */
import { isAttendanceTerm } from './synonyms';
import { termOf, tokenize } from './text';

export type QuestionKind = 'who' | 'when' | 'where' | 'quantity' | 'why' | 'yesno' | 'what' | 'keywords';

export interface QuestionWord {
  raw: string;
  term: string;
}

export interface AnalyzedQuestion {
  text: string;
  kind: QuestionKind;
  words: QuestionWord[];
  /** "who attended", "who was at the talks", "who took part". */
  attendance: boolean;
}

const KIND_RULES: [QuestionKind, RegExp][] = [
  ['quantity', /\bhow\s+(?:much|many|large|big)\b|\bwhat\s+(?:amount|number|percentage|sum)\b/],
  ['when', /^\s*(?:and\s+)?when\b|\bwhat\s+(?:date|year|month|day|time)\b|\bhow\s+long\s+ago\b|\bsince\s+when\b|\bwhich\s+(?:year|month|date)\b/],
  ['where', /^\s*(?:and\s+)?where\b|\bwhat\s+(?:city|country|place|location|venue)\b|\bin\s+which\s+(?:city|country|place)\b|\bwhich\s+(?:city|country|place|venue)\b/],
  ['why', /^\s*(?:and\s+)?why\b|\bwhat\s+(?:caused|was\s+the\s+reason|made)\b|\breason\b/],
  ['who', /\bwhat\s+(?:is|was|are|were)\s+.+?(?:'s|’s|s')?\s+(?:job|role|position|title|post|function)\b|\bwhat\s+(?:job|role|position|title|post)\b|^\s*(?:and\s+)?(?:who|whom|whose)\b|\bwhich\s+(?:officials?|people|person|leaders?|ministers?|minister|delegates?)\b|\bname\s+the\b|^\s*(?:list|name|give)\s+(?:me\s+)?(?:the\s+|all\s+(?:the\s+)?)?(?:attendees|participants|delegates|officials|people|leaders)\b/],
  ['who', /\b(?:role|job|position|title)\b/],
  ['yesno', /^\s*(?:is|are|was|were|did|do|does|will|can|could|has|have|had|would|should)\b/],
  ['what', /^\s*(?:what|which|how)\b/],
];

/** Politeness before the question proper: "can you tell me who…", "I'd like to know when…". */
const PREAMBLE =
  /^\s*(?:(?:hey|hi|ok|okay|so|and|please)[\s,]+)*(?:(?:can|could|would|will)\s+you\s+(?:please\s+)?)?(?:(?:tell|show|remind|give)\s+me\s+|(?:do|does)\s+(?:you|anyone)\s+know\s+|i(?:'d|’d|\s+would)?\s+(?:like|want|need)\s+to\s+know\s+|i\s+(?:wonder|am\s+wondering)\s+)/;

export function questionKind(text: string): QuestionKind {
  const t = text.toLowerCase().replace(PREAMBLE, '');
  for (const [kind, re] of KIND_RULES) if (re.test(t)) return kind;
  return 'keywords';
}

const ATTEND_PHRASE =
  /\b(?:who|whom|people|persons|officials|leaders|ministers|delegates)\s+(?:was|were|is|are)\s+(?:at|there|in\s+the\s+room|present|in\s+attendance)\b|\btook\s+part\b|\btaking\s+part\b|\b(?:showed|turned)\s+up\b|\bwho\s+(?:went|came)\b/i;

/**
 * Words that frame a question of a kind rather than say what it is about:
 * "what is X's job" (who), "in which city" (where), "what year" (when).
 */
const FRAME: Partial<Record<QuestionKind, Set<string>>> = {
  who: new Set(['job', 'role', 'position', 'title', 'post', 'function', 'hold', 'holds', 'held', 'does', 'work', 'works', 'person', 'people']),
  where: new Set(['city', 'country', 'place', 'location', 'venue', 'town']),
  when: new Set(['date', 'year', 'month', 'day', 'time']),
  quantity: new Set(['amount', 'number', 'total', 'figure', 'sum']),
  why: new Set(['reason']),
};

/**
 * Light verbs carry little of what a question is about ("what does CISP *stand
 * for*", "*play* some music"): they count half in how much of a question a
 * sentence covers.
 */
const LIGHT = new Set(
  'say says said saying speak spoke mean means meaning stand play make made get go going come give take think want need like look see show put use find become seem feel try keep do does did happen'
    .split(' ')
    .map(termOf),
);

/** Is this search term a light verb? */
export function isLightTerm(term: string): boolean {
  return LIGHT.has(term);
}

export function analyzeQuestion(text: string): AnalyzedQuestion {
  const kind = questionKind(text);
  const words = tokenize(text)
    .filter((t) => !t.stop && !FRAME[kind]?.has(t.raw.toLowerCase()))
    .map((t) => ({ raw: t.raw.toLowerCase(), term: t.term }));
  const byPhrase = ATTEND_PHRASE.test(text);
  const attendance = kind === 'who' && (byPhrase || words.some((w) => isAttendanceTerm(w.term)));
  if (!attendance) return { text, kind, words, attendance };
  // In a question about who attended, "participants", "present" and "joined"
  // all name one concept: search for it by its head word, which the thesaurus
  // widens to the others, so the phrasing does not pick the sentence.
  // "Which people were at the meeting" asks about attending without the word: say it.
  const attend = termOf('attend');
  const rest = words.filter((w) => !isAttendanceTerm(w.term));
  const said = words.find((w) => isAttendanceTerm(w.term));
  return { text, kind, words: [...rest, { raw: said?.raw ?? 'attend', term: attend }], attendance };
}
