import { buildPeople, extractMentions, roleIn, sameName } from '../../src/corpus/people';
import { segmentParagraph } from '../../src/language/segment';

const mentions = (text: string) => segmentParagraph(text).flatMap((s) => extractMentions(s.tokens));

describe('people named with a role', () => {
  it('finds the name and the role beside it, before or after', () => {
    expect(mentions('US Secretary of State John Kerry said the talks went well.')).toEqual([expect.objectContaining({ name: 'John Kerry', role: 'US Secretary of State' })]);
    expect(mentions('The U.S. ambassador to China, Max Baucus, said today that talks went well.')).toEqual([expect.objectContaining({ name: 'Max Baucus' })]);
  });

  it('a title after the role, a clerical title before the name, and an organisation after "of" are no names', () => {
    expect(mentions('The vision of the Rev. Theodore Hesburgh, President Emeritus of the University, shaped it.')).toEqual([]);
    expect(mentions('The university president, Fr. Edward Sorin, opened it.')).toEqual([expect.objectContaining({ name: 'Edward Sorin', role: 'president' })]);
    expect(mentions("Father John O'Hara was elected president of Notre Dame in 1934.")).toEqual([]);
    // With a name after the organisation, the last two capitalised words are the name.
    expect(mentions('Secretary of State John Kerry spoke.')).toEqual([expect.objectContaining({ name: 'John Kerry', role: 'Secretary of State' })]);
  });

  it('one person across spellings and articles, with each article’s role', () => {
    expect(sameName('Xi Jinping', 'Xi Jingping')).toBe(true);
    expect(sameName('Xi Jinping', 'Jinping')).toBe(true);
    expect(sameName('John Kerry', 'John Smith')).toBe(false);
    const people = buildPeople(
      new Map([
        ['a', [{ name: 'Xi Jinping', role: 'President' }]],
        ['b', [{ name: 'Xi Jingping', role: 'Chinese President' }]],
      ]),
    );
    expect(people).toHaveLength(1);
    expect(people[0].articleIds.sort()).toEqual(['a', 'b']);
    expect(roleIn(people[0], 'b')).toBe('Chinese President');
  });
});
