import { analyzeQuestion, questionKind, withoutCourtesy } from '../../src/answering/question';
import { termOf } from '../../src/language/text';

describe('question kinds', () => {
  it.each([
    ['who attended', 'who'],
    ['which officials took part', 'who'],
    ['list the attendees', 'who'],
    ["what is Max Baucus's job", 'who'],
    ['when will they meet again', 'when'],
    ['what year was the agreement', 'when'],
    ['where were the talks held', 'where'],
    ['in which city was the deal agreed', 'where'],
    ['how much has cyber theft cost', 'quantity'],
    // A measure asked for is a number.
    ['what was the amount of wins the coach attained', 'quantity'],
    ['what length is the course of study', 'quantity'],
    ['what was the size of the endowment', 'quantity'],
    ['how often will they meet', 'often'],
    ['how frequently is the magazine published', 'often'],
    ['why did Jeh Johnson withdraw', 'why'],
    ['did China deny the allegations', 'yesno'],
    ['what is CISP', 'what'],
    ['hotline', 'keywords'],
    // Politeness in front of the question does not hide its kind.
    ['tell me who was at the talks', 'who'],
    ['can you tell me when they will meet again', 'when'],
    ["I'd like to know where the agreement was signed", 'where'],
    ['do you know why Jeh Johnson withdrew', 'why'],
    ['can you meet', 'yesno'],
  ])('%s → %s', (q, kind) => {
    expect(questionKind(q)).toBe(kind);
  });
});

describe('attendance questions', () => {
  const attend = termOf('attend');
  it.each([
    'who attended',
    'who were the participants',
    'who showed up',
    'which people were at the meeting',
    'who took part in the talks',
    'list the attendees',
    'who was present at the Beijing talks',
    "who attended Monday's talks",
  ])('"%s" asks who attended, searched by the one head word', (q) => {
    const a = analyzeQuestion(q);
    expect(a.attendance).toBe(true);
    expect(a.words.filter((w) => w.term === attend)).toHaveLength(1);
  });

  it.each([
    'what did China say about participation',
    'when did they attend',
    'who is Max Baucus',
    // "present" before the noun it modifies means current.
    'who is the present quarterback of the team',
    // The question's own verb comes first: who coached, not who took part.
    'who coached each participant in the final',
  ])('"%s" does not', (q) => {
    const a = analyzeQuestion(q);
    expect(a.attendance).toBe(false);
  });

  it('keeps the other words of the question', () => {
    expect(analyzeQuestion('who attended the Beijing talks').words.map((w) => w.raw)).toEqual(['beijing', 'talks', 'attended']);
  });
});

describe('the wh-word away from the start', () => {
  it.each([
    ['The basilica is beside to which structure?', 'what'],
    ['In 1899 the university formed which college?', 'what'],
    ['To whom did the statue appear?', 'who'],
    ['In what year was the college formed?', 'when'],
    ['next meeting when?', 'when'],
    ['the talks were held where', 'where'],
  ])('%s → %s', (q, kind) => {
    expect(questionKind(q)).toBe(kind);
  });
});

describe('the noun asked for decides the kind', () => {
  const classes = new Map([
    [termOf('individual'), 'person'],
    [termOf('location'), 'place'],
    [termOf('era'), 'time'],
    [termOf('official'), 'person'],
    [termOf('uk'), 'place'],
    [termOf('city'), 'place'],
    [termOf('network'), 'group'],
    // WordNet's first sense of "last" as a noun is a time.
    [termOf('last'), 'time'],
  ] as const);
  const nounClass = (t: string) => classes.get(t);

  it.each([
    ['Which individual began the library?', 'who', 'name'],
    ['In which location do students spend their third year?', 'where', 'place'],
    ['What era saw the hall built?', 'when', 'date'],
    ['Which structure was used first?', 'what', undefined],
    // The noun phrase's head, its last noun, not its first word.
    ['which us officials were there', 'who', 'name'],
    // A verb or function word ends the phrase: nothing is asked for by "what did".
    ['what did the uk do', 'what', undefined],
    // The tagger's nouns and adjectives are the phrase: "last" here is an adverb, not the noun it can be.
    ['What California city last hosted the games?', 'where', 'place'],
    // A group asked for is answered by its name; the question stays a what-question.
    ['Which network aired the games?', 'what', 'name'],
  ])('%s → %s', (q, kind, answerType) => {
    const a = analyzeQuestion(q, undefined, nounClass);
    expect(a.kind).toBe(kind);
    expect(a.answerType).toBe(answerType);
  });
});

describe('a what-question that asks for a name', () => {
  it.each(['What was the music hall called?', 'What is the hall known as?', 'what is the name of the library'])('%s wants a name', (q) => {
    expect(analyzeQuestion(q).answerType).toBe('name');
  });

  it('other what-questions want no particular type', () => {
    expect(analyzeQuestion('What sits on top of the Main Building?').answerType).toBeUndefined();
  });
});

describe('courtesy around a message', () => {
  it.each([
    ['hey, who attended?', 'who attended'],
    ['summary pls', 'summary'],
    ['Please who is Guo Shengkun', 'who is Guo Shengkun'],
    ['thanks, what is the hotline', 'what is the hotline'],
    ['ok thanks!', ''],
    ['well-known hackers', 'well-known hackers'],
    ['who said please', 'who said'],
  ])('%s → %s', (text, core) => {
    expect(withoutCourtesy(text)).toBe(core);
  });
});

describe('verbs of the question', () => {
  const verbs = (q: string) =>
    analyzeQuestion(q)
      .words.filter((w) => w.verb)
      .map((w) => w.raw);

  it('marks the words the tagger reads as verbs, not the nouns they are said of', () => {
    expect(verbs('when was the deal signed')).toEqual(['signed']);
    expect(verbs('how many firms joined the pilot')).toEqual(['joined']);
  });

  it('a word that is a noun here is no verb, whatever else it can be', () => {
    expect(verbs('where were the talks')).toEqual([]);
    expect(verbs('next meeting when')).toEqual([]);
  });
});

describe('a multi-word verb is the verb it stands for', () => {
  it('"set up" is read as "establish", and is a verb as such', () => {
    const w = analyzeQuestion('did they set up a hotline').words.find((x) => x.raw === 'establish');
    expect(w?.verb).toBe(true);
  });
});
