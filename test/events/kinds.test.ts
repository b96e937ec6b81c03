import { EventKinds } from '../../src/events/kinds';

describe("event kinds from WordNet's classes", () => {
  const kinds = new EventKinds();
  it.each([
    ['meeting', 'n', 'meeting'],
    ['talks', 'n', 'meeting'],
    ['summit', 'n', 'meeting'],
    ['conference', 'n', 'meeting'],
    ['meet', 'v', 'meeting'],
    ['negotiate', 'v', 'meeting'],
    ['pact', 'n', 'agreement'],
    ['treaty', 'n', 'agreement'],
    ['agree', 'v', 'agreement'],
    ['sign', 'v', 'agreement'],
    ['decide', 'v', 'decision'],
    ['suspend', 'v', 'decision'],
    ['propose', 'v', 'proposal'],
    ['accuse', 'v', 'accusation'],
    ['charge', 'v', 'accusation'],
    ['report', 'n', 'report'],
    ['say', 'v', 'statement'],
  ] as const)('%s (%s) is a %s', (word, pos, kind) => {
    expect(kinds.of(word, pos)).toBe(kind);
  });

  it('words that name no event have no kind', () => {
    for (const w of ['price', 'quota', 'market', 'coffee']) expect(kinds.of(w, 'n')).toBeUndefined();
    expect(kinds.of('fall', 'v')).toBeUndefined();
  });

  it('places are WordNet locations written with a capital, and buildings named as places', () => {
    expect(kinds.isPlace('London')).toBe(true);
    expect(kinds.isPlace('Managua')).toBe(true);
    expect(kinds.isPlace('White House')).toBe(true);
    expect(kinds.isPlace('Obama')).toBe(false);
  });

  it('core(): a verb of the kind itself, not one under it', () => {
    expect(kinds.core('agree', 'v')).toBe('agreement');
    expect(kinds.core('set', 'v')).toBeUndefined();
  });
});
