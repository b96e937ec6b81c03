import { buildPeople, extractMentions, roleIn, sameName } from '../../src/corpus/people';
import { segmentParagraph } from '../../src/language/segment';

const mentions = (text: string) => segmentParagraph(text).flatMap((s) => extractMentions(s.tokens));

describe('people named with a role', () => {
  it('finds the name and the role beside it, before or after', () => {
    expect(mentions('US Secretary of State John Kerry said the talks went well.')).toEqual([expect.objectContaining({ name: 'John Kerry', role: 'US Secretary of State' })]);
    expect(mentions('The U.S. ambassador to China, Max Baucus, said today that talks went well.')).toEqual([expect.objectContaining({ name: 'Max Baucus' })]);
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
