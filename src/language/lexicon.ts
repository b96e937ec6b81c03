/**
 * What the engine knows about English, in one place: stop words, phrasal
 * verbs folded to one word, the patterns that tell a question's kind, the
 * words that frame a kind rather than say what it is about, light verbs,
 * cause markers, and the words for attending (the vocabulary of the
 * `who attended` roster). Nothing here is about one corpus: related words
 * come from WordNet (src/related.ts), names and spellings from the corpus.
 *
 * The engine takes a `Lexicon` as an option (BriefingOptions.lexicon), the
 * way MiniSearch takes `processTerm`; DEFAULT_LEXICON is the English one.
 */

export type QuestionKind = 'who' | 'when' | 'often' | 'where' | 'quantity' | 'why' | 'yesno' | 'what' | 'keywords';

/** The answer types a kind asks for: a name, a place, a date, a number, a cause, or a frequency (a time expression or a count: "semi-annual", "twice a year", "100 times"). */
export type AnswerType = 'name' | 'place' | 'date' | 'number' | 'cause' | 'frequency' | 'money' | 'year';

export interface Lexicon {
  /** Words that carry no topic, dropped on both sides (lower case). */
  stopWords: ReadonlySet<string>;
  /** Multi-word verbs folded to one word before tokenising, on both sides ("took part" → participate). */
  phrases: readonly (readonly [RegExp, string])[];
  /** Question kind by pattern over the lower-cased question, first match wins. */
  kindRules: readonly (readonly [QuestionKind, RegExp])[];
  /** Politeness before the question proper ("can you tell me", "I'd like to know"), removed before the kind rules. */
  preamble: RegExp;
  /** Words that frame a question of a kind ("what *year*", "in which *city*"), dropped from its search words. */
  frames: Partial<Record<QuestionKind, ReadonlySet<string>>>;
  /** Verbs that say little about a topic ("say", "make", "happen"): they count half. */
  lightVerbs: ReadonlySet<string>;
  /** Verbs of speaking ("say", "tell"): "what did Xi say" asks for what Xi said, in a sentence that attributes it to him. */
  speechVerbs: ReadonlySet<string>;
  /** How a sentence that speaks of the one before it opens ("He …", "It also …", "This contract …", "Located on the first floor, it …"): its words carry on that sentence's. */
  anaphor: RegExp;
  /** "Which X" / "what X": the words after it, up to a verb or function word ("which US *officials* were"); the last of them with a class in the corpus's person, place and time nouns names what is asked for. */
  askedNoun: RegExp;
  /** A what-question that asks for a name ("what was it called", "known as", "the name of"). */
  asksForName: RegExp;
  /** What each kind of question is answered with. */
  answerTypes: Partial<Record<QuestionKind, AnswerType>>;
  /** A quantity question about money ("how much did it cost", "how much money was raised"): answered by an amount of money. */
  asksForMoney: RegExp;
  /** An amount of money in a sentence: "$1.2 billion", "5 million dollars", "tens of billions of dollars", "£300". */
  money: RegExp;
  /** A when-question asking for a year ("in what year was …"): answered by a year, not any time ("twice a month"). */
  asksForYear: RegExp;
  /** "How many X …": a count of X, the noun it captures, which a sentence states as a number before it ("seven times", "105 receptions"). */
  asksCount: RegExp;
  /** Numbers written as words ("seven", "hundred", "dozen"), as a sentence counts with them; digits count without a list. */
  numberWords: ReadonlySet<string>;
  /** Words that introduce a cause or purpose ("because", "in order to"), for why-questions. */
  causeMarkers: RegExp;
  /** Time expressions the tagger may not mark as dates ("next year", "semi-annual"). */
  timePhrases: RegExp;
  /** Abbreviated titles that stand before a name and end no sentence ("Fr. Zahm", "the Rev. John Jenkins"), lower case, no dot. */
  titleAbbreviations: ReadonlySet<string>;
  /** Words for attending, and phrases that ask who attended: the `who attended` roster's vocabulary. */
  attendance: { words: readonly string[]; phrase: RegExp };
  /**
   * What a message wants when it is not a question about the articles' content (tested on the whole
   * message, lower case, trailing punctuation removed): small talk, a summary, the latest news.
   */
  intents: { smallTalk: RegExp; summary: RegExp; latest: RegExp };
  /** A summary that asks for what was agreed ("the terms of the deal", "key points of the agreement"): its central event's decisions lead. */
  asksTerms: RegExp;
  /** Courtesy around a message ("hey, …", "… please", "ok thanks"), removed before it is read (case-insensitive). */
  courtesy: { leading: RegExp; trailing: RegExp };
  /** A question that looks ahead ("when is the next meeting", "when will they meet"), tested on the lower-cased question; its look-ahead words ("next") are tested alone. */
  asksAhead: RegExp;
  /**
   * A sentence that speaks of what is to come ("will be reinstated", "plan to meet again", "is
   * expected to"), tested on its text: with a date after its article's, what answers a question
   * that looks ahead.
   */
  statesAhead: RegExp;
  /**
   * A question asking what an acronym stands for ("what does NCAA stand for", "what is the AFC
   * short for"), tested on the lower-cased question, and its asking words, which are not searched:
   * the sentence that defines the acronym is (see acronyms.ts).
   */
  asksAcronym: { question: RegExp; words: ReadonlySet<string> };
}

const STOP_WORDS = new Set(
  (
    'a about above after against all am an and any are aren as at be because been before being below between both but by ' +
    'can could did do does doing down during each few for from had has have having he her here hers herself him himself ' +
    'his how i if in into is it its itself just me more most my myself no nor not now of off on once only or other our ours ' +
    'ourselves out over own same she should so some such than that the their theirs them themselves then there these they this ' +
    'those through to too under until up very was we were what when where which while who whom whose why will with would you your yours ' +
    'yourself yourselves us s t don doesn didn wasn weren isn hasn haven hadn shouldn wouldn couldn also ever get got tell ' +
    'told know let please thing things something anything kind sort much many long ago happen happened happens occur occurred ' +
    'exactly actually really today now currently latest recently since'
  ).split(' '),
);
// "us" is both a pronoun and the country; the tokenizer maps "U.S."/"US" (upper case) to "usa" first.

const PHRASES: [RegExp, string][] = [
  [/\b(?:take|takes|took|taking|taken)\s+part\b/gi, 'participate'],
  [/\b(?:take|takes|took|taking|taken)\s+place\b/gi, 'held'],
  [/\b(?:pull|pulls|pulled|pulling)\s+out\b/gi, 'withdraw'],
  [/\b(?:drop|drops|dropped|dropping)\s+out\b/gi, 'withdraw'],
  [/\b(?:set|sets|setting)\s+up\b/gi, 'establish'],
  [/\b(?:stand|stands|stood)\s+for\b/gi, 'means'],
  [/\b(?:call|calls|called|calling)\s+off\b/gi, 'cancel'],
  [/\b(?:carry|carries|carried|carrying)\s+out\b/gi, 'conduct'],
  [/\b(?:step|steps|stepped|stepping)\s+up\b/gi, 'increase'],
  [/\b(?:speed|speeds|sped|speeding)\s+up\b/gi, 'accelerate'],
  [/\b(?:meet|meets|met|meeting)\s+up\b/gi, 'meet'],
  [/\ba\s+(?:great|good)\s+deal\s+of\b/gi, 'much'],
  [/\bin\s+terms\s+of\b/gi, 'regarding'],
];

/** Nouns that make "which X" / "what X" ask for a person. */
const PERSON_NOUNS = 'person|people|persons|man|men|woman|women|individuals?|officials?|leaders?|ministers?|presidents?|delegates?|founders?|authors?|members?';

const KIND_RULES: [QuestionKind, RegExp][] = [
  // "How often", "how frequently", "how regularly": a frequency, which is a time expression ("semi-annual", "every year").
  ['often', /\bhow\s+(?:often|frequent(?:ly)?|regular(?:ly)?)\b/],
  // A measure asked for ("what was the amount of wins", "what length is the course", "the size of the endowment") is a number.
  [
    'quantity',
    /\bhow\s+(?:much|many|large|big|old|far|tall|long(?!\s+ago))\b|\bwhat\s+(?:(?:is|was|are|were)\s+(?:the\s+)?)?(?:amount|number|percentage|sum|proportion|share|size|length|count|total|population|cost|price|value|height|width|depth|distance|duration|age|rate|weight|area)\b/,
  ],
  ['when', /^\s*(?:and\s+)?when\b|\bwhen\s*\?*\s*$|\b(?:what|which)\s+(?:date|year|month|day|time|decade|century|season)\b|\bhow\s+long\s+ago\b|\bsince\s+when\b|\bin\s+what\s+year\b/],
  [
    'where',
    /^\s*(?:and\s+)?where\b|\bwhere\s*\?*\s*$|\b(?:what|which)\s+(?:city|country|place|location|venue|town|state|region|continent|building)\b|\bin\s+which\s+(?:city|country|place|town|state)\b/,
  ],
  ['why', /^\s*(?:and\s+)?why\b|\bwhat\s+(?:caused|was\s+the\s+reason|made)\b|\breason\b/],
  [
    'who',
    new RegExp(
      String.raw`\bwhat\s+(?:is|was|are|were)\s+.+?(?:'s|’s|s')?\s+(?:job|role|position|title|post|function)\b|\bwhat\s+(?:job|role|position|title|post)\b|^\s*(?:and\s+)?(?:who|whom|whose)\b|\b(?:which|what)\s+(?:${PERSON_NOUNS})\b|\bname\s+the\b|^\s*(?:list|name|give)\s+(?:me\s+)?(?:the\s+|all\s+(?:the\s+)?)?(?:attendees|participants|${PERSON_NOUNS})\b|\bwhat\s+(?:is|was)\s+the\s+name\b|\bby\s+whom\b`,
    ),
  ],
  ['who', /\b(?:role|job|position|title)\b|^\s*(?:to|for|by|from|with)\s+whom\b|\bwhom?\s*\?*\s*$/],
  ['yesno', /^\s*(?:is|are|was|were|did|do|does|will|can|could|has|have|had|would|should)\b/],
  // "What …", "In which …", "To what …", and the wh-word at the end: "… is beside to which structure?"
  ['what', /^\s*(?:(?:in|on|at|to|for|from|by|of|with|during|under|into|after|before)\s+)?(?:what|which|how)\b|\b(?:what|which)(?:\s+[a-z'-]+){0,3}\s*\?*\s*$/],
];

const PREAMBLE =
  /^\s*(?:(?:hey|hi|ok|okay|so|and|please)[\s,]+)*(?:(?:can|could|would|will)\s+you\s+(?:please\s+)?)?(?:(?:tell|show|remind|give)\s+me\s+|(?:do|does)\s+(?:you|anyone)\s+know\s+|i(?:'d|’d|\s+would)?\s+(?:like|want|need)\s+to\s+know\s+|i\s+(?:wonder|am\s+wondering)\s+)/;

const FRAMES: Partial<Record<QuestionKind, Set<string>>> = {
  who: new Set(['job', 'role', 'position', 'title', 'post', 'function', 'hold', 'holds', 'held', 'does', 'work', 'works', 'person', 'people', 'name']),
  where: new Set(['city', 'country', 'place', 'location', 'venue', 'town', 'state', 'region']),
  when: new Set(['date', 'year', 'month', 'day', 'time', 'decade', 'century']),
  quantity: new Set(['amount', 'number', 'total', 'figure', 'sum', 'size', 'length', 'count']),
  why: new Set(['reason']),
  often: new Set(['often', 'frequent', 'frequently', 'regular', 'regularly']),
};

const LIGHT_VERBS = new Set(
  'say says said saying speak spoke mean means meaning stand play make made get go going come give take think want need like look see show put use find become seem feel try keep do does did happen'.split(
    ' ',
  ),
);

export const DEFAULT_LEXICON: Lexicon = {
  stopWords: STOP_WORDS,
  phrases: PHRASES,
  kindRules: KIND_RULES,
  preamble: PREAMBLE,
  frames: FRAMES,
  lightVerbs: LIGHT_VERBS,
  speechVerbs: new Set(
    'say says said tell told add added comment commented remark remarked reply replied respond responded claim claimed warn warned urge urged announce announced insist insisted stress stressed'.split(
      ' ',
    ),
  ),
  // Or whose subject, after a phrase put first, is a pronoun: "Located on the first floor of Stanford Hall, it is …".
  anaphor: /^(?:he|she|it|they|this|these|those|his|her|its|their|such)\b|^[^.;:]{0,80}?,\s+(?:he|she|it|they)\s/i,
  askedNoun: /\b(?:which|what)\s+((?:(?!(?:is|are|was|were|did|do|does|has|have|had|will|would|can|could|should|the|a|an|of|for|to|in|on|at)\b)[a-z]+\s*){1,3})/,
  asksForName: /\b(?:called|named|known\s+as|referred\s+to\s+as|(?:the\s+)?name\s+of|nicknamed|titled)\b/,
  answerTypes: { who: 'name', when: 'date', often: 'frequency', where: 'place', quantity: 'number', why: 'cause' },
  asksCount: /\bhow\s+many\s+([a-z][a-z-]*)/,
  numberWords: new Set(
    'one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand million billion dozen'.split(
      ' ',
    ),
  ),
  asksForMoney: /\b(?:cost|costs|costing|price|priced|prices|pay|pays|paid|spend|spends|spent|worth|earn|earns|earned|raise|raised|money|fees?|budget|revenue|salary|dollars?|funding|endowment)\b/,
  asksForYear: /\b(?:what|which)\s+year\b/,
  money:
    /[$€£¥]\s?\d|\b(?:\d[\d,.]*|[a-z]*illions?|hundreds|thousands|tens|one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|forty|fifty|hundred|thousand)\s+(?:(?:of\s+)?(?:hundred|thousand|million|billion|trillion)s?\s+)?(?:of\s+)?(?:dollars|euros|pounds|yen|yuan)\b/i,
  causeMarkers: /\b(?:because|due to|as a result|owing to|in response|so that|in order to|aimed at|caused by|thanks to|led to)\b/i,
  timePhrases:
    /\b(?:(?:end|start|beginning|middle) of the (?:year|month)|next (?:year|month|week)|last (?:year|month|week)|years? ago|(?:semi-|bi-?)?annual(?:ly)?|(?:bi-?)?(?:weekly|monthly)|daily|yearly|fortnightly|twice|thrice|yesterday|tomorrow|(?:1[0-9]|20)\d\d)\b/i,
  titleAbbreviations: new Set('fr rev revd msgr mr mrs ms dr st sr jr gen col lt sgt capt cmdr adm gov sen rep prof mt ft hon pres supt insp'.split(' ')),
  courtesy: {
    leading: /^(?:please|pls|plz|hey|hi|hello|ok(?:ay)?|so|well|um+|oh|thanks|thank you|thx)(?:[\s,!.]+|$)/i,
    trailing: /(?:^|[\s,!.]+)(?:please|pls|plz|thanks|thank you|thx|ty|cheers|mate|bot)$/i,
  },
  // Not in the past tense ("when did they arrive at the future site" looks back).
  asksAhead: /^(?!.*\b(?:did|was|were|had)\b).*\b(?:next|upcoming|will|shall|going to|again)\b/,
  statesAhead: /\b(?:will|shall|going to|plans? to|planned|planning|expected to|scheduled|upcoming)\b/i,
  asksAcronym: {
    question: /\b(?:stands?\s+for|short\s+for|acronym|abbreviation|abbreviated|initials)\b|^what\s+does\s+(?:the\s+)?\S+\s+mean\b/,
    words: new Set(['stand', 'stands', 'short', 'acronym', 'abbreviation', 'abbreviated', 'initials', 'mean', 'means']),
  },
  asksTerms: /\b(?:terms|key points|main points|provisions|conditions)\b/,
  intents: {
    smallTalk:
      /^(?:(?:hi|hello|hey|hiya|yo|howdy|greetings|good (?:morning|afternoon|evening))(?: there)?(?: (?:bot|cyberpact|everyone|all))?|(?:many )?thanks?(?: you)?(?: (?:so|very) much)?(?: a lot)?|thx|ty|cheers|great|cool|nice|awesome|perfect|ok(?:ay)?|bye|goodbye|see you|good ?night|who are you|what are you|what can you do|what do you do|how do(?:es)? (?:you|this|it) work|how are you(?: doing)?|are you (?:a bot|there|alive|human)|help me|sup|wh?at'?s up|wassup|what is this(?: bot| thing)?|who made you)$/,
    summary:
      /^(?:(?:give me |gimme |can you give me |i'd like |i want |just )?(?:a |the )?(?:summary|overview|recap|briefing|brief|tl;?dr|gist|rundown|big picture|(?:main|key) points|highlights)(?: (?:of|on|about) .+)?|in a nutshell|summari[sz]e(?: .+)?|(?:so )?what(?:'s| is| was) (?:this|it|the \w+|the whole thing) (?:all )?about|what are the (?:terms|main points|key points|highlights)(?: of .+)?|(?:the )?terms of the \w+|what happened|catch me up|bring me up to (?:speed|date))$/,
    latest:
      /\b(?:what'?s new|what is new|anything new|latest|most recent|newest|recent(?:ly)? (?:news|developments?|updates?)|any (?:news|updates?)|current (?:status|state)|where (?:do|does) (?:it|things|the \w+) stand|(?:changed|happened|happening) (?:recently|lately)|what'?s been happening|(?:what'?s|what is) the (?:status|state) of)\b/,
  },
  attendance: {
    words: ['attend', 'attended', 'attendance', 'attendee', 'attendees', 'participant', 'participants', 'participate', 'participated', 'present', 'presence', 'joined'],
    phrase:
      /\b(?:who|whom|people|persons|officials|leaders|ministers|delegates)\s+(?:was|were|is|are)\s+(?:at|there|in\s+the\s+room|present|in\s+attendance)\b|\btook\s+part\b|\btaking\s+part\b|\b(?:showed|turned)\s+up\b|\bwho\s+(?:went|came)\b/i,
  },
};
