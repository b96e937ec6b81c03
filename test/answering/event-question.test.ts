import { analyzeQuestion } from '../../src/answering/question';
import { questionDate, readEventQuestion } from '../../src/answering/event-question';

const read = (q: string) => readEventQuestion(analyzeQuestion(q));

describe('questions about events, read once', () => {
  it.each([
    ['when did they meet last', { ask: 'when', direction: 'last', kind: 'meeting' }],
    ['where will they meet next', { ask: 'where', direction: 'next', kind: 'meeting' }],
    ['who represented china at the june 2015 talks', { ask: 'who', kind: 'meeting', date: { iso: '2015-06', precision: 'month' } }],
    ['what was agreed at the december 2015 meeting', { ask: 'decided', date: { iso: '2015-12', precision: 'month' } }],
    ['what happened in june 2015', { ask: 'happened', date: { iso: '2015-06', precision: 'month' } }],
    ['what changed between the 2013 talks and the 2015 deal', { ask: 'changed', date: { iso: '2013', precision: 'year' }, versus: { iso: '2015', precision: 'year' }, terms: [] }],
    ['how is this different from the 2013 talks', { ask: 'changed', date: { iso: '2013', precision: 'year' } }],
  ])('%s', (q, expected) => {
    expect(read(q)).toMatchObject(expected);
  });

  it("questions that name no event, or none in particular, are the sentences'", () => {
    expect(read('who is max baucus')).toBeUndefined();
    expect(read('what is the value of the contract')).toBeUndefined();
    expect(read('where was the agreement held')).toBeUndefined();
  });

  it('dates in questions: a month with its year, a year, a month alone; "may" alone is the verb', () => {
    expect(questionDate('the 2013 talks')).toEqual({ iso: '2013', precision: 'year' });
    expect(questionDate('in may 2016')).toEqual({ iso: '2016-05', precision: 'month' });
    expect(questionDate('in september')).toEqual({ month: 9 });
    expect(questionDate('may i ask who came')).toBeUndefined();
  });
});
