import { tokenize } from '../../src/language/text';

const words = (s: string) => tokenize(s).map((t) => `${t.raw}${t.stop ? '' : '*'}`);

describe('tokenize', () => {
  it('keeps "won", the past of "win", as a word to search', () => {
    expect(words('Who won Super Bowl 50?')).toEqual(['Who', 'won*', 'Super*', 'Bowl*', '50*']);
  });

  it("reads the verb before a negation's n't as an auxiliary, not a word to search", () => {
    expect(words("They won't sign")).toEqual(['They', 'won', 't', "won't*", 'sign*']);
    expect(words("China didn't deny it")).toEqual(['China*', 'didn', 't', "didn't*", 'deny*', 'it']);
  });

  it('keeps "current", which tells one holder of an office from the others', () => {
    expect(words('who is the current president')).toEqual(['who', 'is', 'the', 'current*', 'president*']);
  });

  it('reads U.S. and its spellings as one country', () => {
    expect(
      tokenize('the U.S. and the US')
        .filter((t) => !t.stop)
        .map((t) => t.term),
    ).toEqual(['usa', 'usa']);
  });
});
