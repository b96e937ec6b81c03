import { articleRoster } from '../../src/answering/roster';
import { buildCorpus } from '../../src/corpus/corpus';
import { parseSeeds } from '../../src/corpus/seeds';
import { seedFile } from '../helpers';

describe('who was at a meeting', () => {
  it('present when they spoke or attended; withdrew when they pulled out', () => {
    const body = [
      'Mayor Alice Brown attended the harbour talks on Monday.',
      'Trade Minister Bob Stone was scheduled to attend, but withdrew after a storm.',
      'Port Director Carla Diaz said the talks were useful.',
    ].join(' ');
    const corpus = buildCorpus(parseSeeds([{ file: 'a.txt', content: seedFile('Harbour talks', body) }]).articles, { wordnet: null });
    const roster = articleRoster(corpus, [0, corpus.sentences.length]);
    const status = Object.fromEntries(roster.map((r) => [r.person.name, r.status]));
    expect(status).toEqual({ 'Alice Brown': 'present', 'Bob Stone': 'withdrew', 'Carla Diaz': 'present' });
  });
});
