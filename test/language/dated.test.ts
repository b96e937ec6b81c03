import { datesIn, isAfter } from '../../src/language/dated';

const d = (iso: string, precision: 'year' | 'month' | 'day') => ({ iso, precision });

describe('datesIn resolves against the article date', () => {
  it.each([
    ['In February, a report was released.', d('2013-04', 'month'), '2013-02', 'month'],
    ["Xi's visit to the White House last September.", d('2016-06-14', 'day'), '2015-09', 'month'],
    ['They plan to meet again in Beijing in May of 2016.', d('2015-12', 'month'), '2016-05', 'month'],
    ['Tensions began to rise in 2010.', d('2015-12', 'month'), '2010', 'year'],
    ['The first meeting is to be held by the end of the year.', d('2015-09', 'month'), '2015-12', 'month'],
  ])('%s (article %o) → %s', (text, published, iso, precision) => {
    const [r] = datesIn(text, published as never);
    expect(r.date).toEqual({ iso, precision });
  });

  it('"today" and weekdays date the article itself; "A month later" and "now" are not dates', () => {
    expect(datesIn('The ambassador said today that talks went well.', d('2016-06-14', 'day') as never)[0]).toMatchObject({ deictic: true, date: { iso: '2016-06-14' } });
    expect(datesIn('A month later, the UK announced a partnership.', d('2013-04', 'month') as never)).toEqual([]);
    expect(datesIn('The question is now, are words followed by action?', d('2015-09', 'month') as never)).toEqual([]);
  });
});

describe('isAfter', () => {
  it('compares at the precision both dates have', () => {
    expect(isAfter(d('2016-05', 'month'), d('2015-12-11', 'day'))).toBe(true);
    expect(isAfter(d('2015-12', 'month'), d('2015-12-11', 'day'))).toBe(false);
    expect(isAfter(d('2015', 'year'), d('2015-09', 'month'))).toBe(false);
  });
});
