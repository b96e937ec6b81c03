import { buildCorpus } from '../../src/corpus/corpus';
import { parseSeed } from '../../src/corpus/seeds';
import { Briefing } from '../../src/answering/briefing';
import { seedFile } from '../helpers';

const article = (n: number, title: string, body: string) => parseSeed(`a${n}.txt`, seedFile(title, body, '1990-05-04', 'Wire'));

describe('a question about a name or year the articles never mention is refused, saying which', () => {
  const briefing = Briefing.fromCorpus(
    buildCorpus([
      article(1, 'Grain talks in Geneva', 'Ruritania and Freedonia held talks on grain export quotas in Geneva in May 1990. Trade minister Anna Kovacs said the talks were useful.'),
      article(2, 'Grain quotas agreed', 'Ruritania and Freedonia agreed to cut grain export quotas, minister Anna Kovacs said in Geneva.'),
    ]),
  );

  it.each([
    ['what did Putin say about the quotas', 'Putin'],
    ['what did putin say about the quotas', 'Putin'],
    ['did Merkel attend the grain talks', 'Merkel'],
    ['what was agreed in 2019', '2019'],
  ])('"%s": the articles don\'t mention %s', (q, name) => {
    const r = briefing.ask(q);
    expect(r.kind).toBe('no_answer');
    expect(r.reason).toMatch(new RegExp(`^The articles don't mention ${name}\\.`));
  });

  it('a name they hold, misspelled or not, and a year they hold are answered', () => {
    expect(briefing.ask('what did Kovacs say about the talks').kind).toBe('answer');
    expect(briefing.ask('what did Kovac say about the talks').reason ?? '').not.toMatch(/don't mention/);
    expect(briefing.ask('what happened in 1990').reason ?? '').not.toMatch(/don't mention/);
  });

  it('a function word typed without its apostrophe or with a slip is no name', () => {
    expect(briefing.ask('whats agreed on grain quotas').reason ?? '').not.toMatch(/don't mention/);
    expect(briefing.ask('whic countries agreed on grain quotas').reason ?? '').not.toMatch(/don't mention/);
  });
});
