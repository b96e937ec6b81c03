import { Briefing } from '../../src/answering/briefing';
import { buildCorpus } from '../../src/corpus/corpus';
import { analyzeQuestion } from '../../src/answering/question';
import { parseSeed } from '../../src/corpus/seeds';
import { seedFile } from '../helpers';

/** A corpus of its own: two presidents, each titled in the text, one named by role in the question. */
function briefing(): Briefing {
  const a = parseSeed(
    'a.txt',
    seedFile(
      'Leaders meet over fishing rights',
      [
        'Ruritanian President Anna Berg met Freedonian President Tom Hale in Strelsau on Monday.',
        'President Tom Hale said the Ruritanian fleet had crossed into Freedonian waters again.',
        'Berg said her government would review the fishing quotas within a month.',
        'Officials from both countries will meet again in the spring.',
      ].join('\n\n'),
      '2020-03-02',
    ),
  );
  return Briefing.fromCorpus(buildCorpus([a]));
}

describe('entity links', () => {
  it('a role the question states is about its holder: "the Ruritanian president" is answered from a sentence naming Berg, not one titling someone else president', () => {
    const b = briefing();
    expect(b.people().map((p) => p.name)).toEqual(expect.arrayContaining(['Anna Berg', 'Tom Hale']));
    const r = b.ask('what did the ruritanian president say');
    expect(r.kind).toBe('answer');
    // Not "President Tom Hale said the Ruritanian fleet …", which holds every word of the question.
    expect(r.answers[0].text).toMatch(/\bBerg\b/);
    expect(r.answers[0].text).not.toMatch(/^President Tom Hale said/);
    // The other holder's role picks the other.
    expect(b.ask('what did the freedonian president say').answers[0].text).toContain('Tom Hale');
  });
});

describe('a person named in full', () => {
  it('is that person, not everyone who shares a first name', () => {
    const a = parseSeed(
      'a.txt',
      seedFile(
        'Two ministers speak',
        [
          'Foreign Minister John Kerry met reporters in Geneva on Monday.',
          'Trade Minister John Wilson spoke to farmers in Leeds.',
          'Wilson said the tariffs on grain would fall next year.',
          'Kerry said the tariffs would be discussed in the autumn.',
        ].join('\n\n'),
        '2020-03-02',
      ),
    );
    const b = Briefing.fromCorpus(buildCorpus([a]));
    const r = b.ask('what did John Kerry say about the tariffs');
    expect(r.answers[0]?.text).toContain('Kerry said the tariffs');
    // Wilson is a John, but not the John asked about: "John" does not stand for "Wilson".
    const linker = (b as unknown as { entities: { hints: (q: ReturnType<typeof analyzeQuestion>) => { expansions?: ReadonlyMap<string, { term: string }[]> } } }).entities;
    const expanded = [...(linker.hints(analyzeQuestion('what did John Kerry say about the tariffs')).expansions?.values() ?? [])].flat().map((x) => x.term);
    expect(expanded).not.toContain('wilson');
    expect(
      linker
        .hints(analyzeQuestion('what did Wilson say'))
        .expansions?.get('wilson')
        ?.map((x) => x.term),
    ).toContain('john');
  });
});

describe('a role misspelled', () => {
  it('is still the role: its holder is the answer', () => {
    const b = briefing();
    const right = b.ask('what did the ruritanian president say').answers[0]?.text;
    expect(right).toMatch(/\bBerg\b/);
    // Misspelled, the role still picks its holder, not "President Tom Hale said the Ruritanian fleet …".
    expect(b.ask('what did the ruritanian presdent say').answers[0]?.text).toBe(right);
  });
});

describe('what someone said', () => {
  it('is a sentence where that person speaks, not one where another speaks about them', () => {
    const a = parseSeed(
      'a.txt',
      seedFile(
        'Quota talks',
        [
          'Fisheries Minister Anna Berg opened the talks in Strelsau on Monday.',
          'Deputy Minister Tom Hale said Berg was tired.',
          '"We will not accept quotas set without us," Berg said to the delegates in the long hall on a cold morning.',
        ].join('\n\n'),
        '2020-03-02',
      ),
    );
    const b = Briefing.fromCorpus(buildCorpus([a]));
    expect(b.ask('what did Berg say').answers[0]?.text).toContain('Berg said to the delegates');
  });
});

describe('a role many people hold', () => {
  it('names none of them: "who is the secretary" does not search the names of the ten who hold it, and one holder of a fuller role is still found by it', () => {
    const names = ['Ann Lee', 'Bo Park', 'Cy Moss', 'Di Hart', 'Ed Pike', 'Flo Reed', 'Gus Lang', 'Hal Dunn', 'Ivy Cole', 'Jo Marsh'];
    const body = [
      ...names.map((n, i) => `Secretary ${n} opened harbour fair number ${i + 1} on Monday.`),
      'Secretary of State Dee Vance said the harbour treaty would be signed in June.',
      'Lee said the fair drew record crowds.',
    ].join('\n\n');
    const b = Briefing.fromCorpus(buildCorpus([parseSeed('a.txt', seedFile('Harbour week', body, '2020-03-02'))]));
    const secretaries = b.people().filter((p) => /Secretary/.test(p.roles.map((r) => r.role).join(' ')));
    expect(secretaries.length).toBeGreaterThanOrEqual(10);
    const hints = b['entities'].hints(analyzeQuestion('who is the secretary'));
    // The role's word is not expanded into the names of the many who hold it.
    const expanded = [...(hints.expansions?.values() ?? [])].flat().map((x) => x.term);
    for (const name of ['lee', 'park', 'moss', 'marsh']) expect(expanded).not.toContain(name);
    // A fuller role held by one person still stands for that person.
    expect(b.ask('what did the secretary of state say').answers[0].text).toContain('Dee Vance');
  });
});
