import { centuryTerm, decadeTerm, namedPeriods, periodTerms, spannedYearTerm } from '../../src/language/periods';

describe('periods a text names', () => {
  it('a year belongs to its decade and century', () => {
    expect(periodTerms('The bridge opened in 1924.')).toEqual(expect.arrayContaining([decadeTerm(1920), centuryTerm(20)]));
    expect(periodTerms('It was founded in 2001.')).toEqual(expect.arrayContaining([decadeTerm(2000), centuryTerm(21)]));
  });

  it('"the 1900s" is the twentieth century; a named century is that century', () => {
    expect(periodTerms('It grew in the early 1900s.')).toContain(centuryTerm(20));
    expect(periodTerms('a 19th-century church')).toContain(centuryTerm(19));
    expect(periodTerms('in the eighteenth century')).toContain(centuryTerm(18));
  });

  it('a span holds each year inside it, its end written in full or with two digits', () => {
    expect(periodTerms('He served as president from 1946 to 1952.')).toEqual(expect.arrayContaining([spannedYearTerm(1947), spannedYearTerm(1951)]));
    expect(periodTerms('He served for 35 years (1952–87).')).toContain(spannedYearTerm(1980));
    expect(periodTerms('He played during 1916–20.')).toContain(spannedYearTerm(1918));
    // The ends are years the text writes out; they are found as words.
    expect(periodTerms('from 1946 to 1952')).not.toContain(spannedYearTerm(1946));
  });

  it('a lifetime is no time something held: its years are not listed', () => {
    expect(periodTerms('Theodore Hesburgh (1917–2015) was a priest.')).not.toContain(spannedYearTerm(1960));
  });

  it('a question names decades and centuries as whole periods, with the words they are written in', () => {
    expect(namedPeriods('what happened in the 1920s')).toEqual([{ term: decadeTerm(1920), words: ['1920', 's'] }]);
    expect(namedPeriods('the most notable 20th century coach')).toEqual([{ term: centuryTerm(20), words: ['20', 'th', 'century'] }]);
    expect(namedPeriods('what happened in 1924')).toEqual([]);
  });
});
