import { namedNumbers, numberTerm, numberTerms, writtenNumbers } from '../../src/language/numbers';

describe('numbers however they are written', () => {
  it('reads numbers in words: units, tens, scales and "and"', () => {
    expect(writtenNumbers('it grew to ten thousand volumes').map((n) => n.value)).toEqual([10000]);
    expect(writtenNumbers('one hundred and five wins').map((n) => n.value)).toEqual([105]);
    expect(writtenNumbers('twenty-five men').map((n) => n.value)).toEqual([25]);
    expect(writtenNumbers('two hundred thousand people').map((n) => n.value)).toEqual([200000]);
    expect(writtenNumbers('a thousand people').map((n) => n.value)).toEqual([1000]);
  });

  it('keeps numbers joined by "and" apart unless "and" follows a scale word', () => {
    expect(writtenNumbers('three and four').map((n) => n.value)).toEqual([3, 4]);
  });

  it('reads ordinals, in words or digits', () => {
    expect(writtenNumbers('the third year').map((n) => n.value)).toEqual([3]);
    expect(writtenNumbers('the 3rd year')).toEqual([{ value: 3, words: ['3', 'rd'] }]);
    expect(writtenNumbers('the twenty-first season').map((n) => n.value)).toEqual([21]);
  });

  it('leaves "one", "first" and "second" alone: as often a pronoun, "earliest" or a unit of time', () => {
    expect(writtenNumbers('one of the first to arrive, a second later')).toEqual([]);
  });

  it('indexes digits and words by the same term', () => {
    expect(numberTerms('It had 10,000 books.')).toEqual([numberTerm(10000)]);
    expect(numberTerms('It had ten thousand books.')).toEqual([numberTerm(10000)]);
  });

  it('a question searches an ordinal in digits as one word; numbers in words and plain digits stay words of their own', () => {
    expect(namedNumbers('where do they spend their 3rd year')).toEqual([{ term: numberTerm(3), words: ['3', 'rd'] }]);
    expect(namedNumbers('who won ten thousand dollars')).toEqual([]);
    expect(namedNumbers('what happened in 1924')).toEqual([]);
  });
});
