import { squadSet } from '../../scripts/squad';
import { parseSeeds } from '../../src/corpus/seeds';

const squad = {
  version: '1.1',
  data: [
    { title: 'Other', paragraphs: [] },
    {
      title: 'Tiny_Bridge',
      paragraphs: [
        { context: 'The bridge opened in 1931.', qas: [{ id: 'q1', question: 'When did the bridge open? ', answers: [{ text: '1931' }, { text: '1931' }, { text: 'in 1931' }] }] },
        { context: 'It was painted green.', qas: [{ id: 'q2', question: 'What colour is it?', answers: [{ text: 'green' }] }] },
        { context: 'Tolls ended in 1950.', qas: [] },
      ],
    },
  ],
};

describe('a SQuAD article as a general question set', () => {
  const set = squadSet(squad, 'Tiny_Bridge', { perFile: 2, prefix: 'tb' });

  it('writes its paragraphs in order, so many to a seed file, as articles the seed parser reads', () => {
    expect([...set.seeds.keys()]).toEqual(['tb_00.txt', 'tb_01.txt']);
    const { articles, errors } = parseSeeds([...set.seeds].map(([file, content]) => ({ file, content })));
    expect(errors).toEqual([]);
    expect(articles.map((a) => [a.title, a.publisher])).toEqual([
      ['Tiny Bridge (part 1)', 'Wikipedia'],
      ['Tiny Bridge (part 2)', 'Wikipedia'],
    ]);
    expect(articles[0].body.trim()).toBe('The bridge opened in 1931.\n\nIt was painted green.');
  });

  it('keeps each question with its distinct answers and the paragraph the answer must come from', () => {
    expect(set.questions.map((l) => JSON.parse(l) as unknown)).toEqual([
      { id: 'q1', q: 'When did the bridge open?', expect: ['1931', 'in 1931'], within: 'The bridge opened in 1931.' },
      { id: 'q2', q: 'What colour is it?', expect: ['green'], within: 'It was painted green.' },
    ]);
  });

  it('names the articles the file has when the one asked for is not there', () => {
    expect(() => squadSet(squad, 'Missing')).toThrow(/Other, Tiny_Bridge/);
  });
});
