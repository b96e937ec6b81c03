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

describe('a number is a date only where it reads as one', () => {
  const day = d('1987-03-04', 'day') as never;
  it.each([
    'OPEC output was 16.8-16.9 mln barrels a day.',
    'The plan includes shortfall redistributions totalling 1.22 mln bags.',
    'Prices were 18 dlrs a barrel.',
    'Some 72 groups met in the capital.',
    'Quotas would run for 12 months.',
    'The 1986/87 coffee year (Oct 1/Sept 30) ends soon.',
    'The session resumes at 1900gmt.',
  ])('%s: no date', (text) => {
    expect(datesIn(text, day).filter((x) => !x.deictic)).toEqual([]);
  });

  it('a month without a year is the one the tense allows: back for what happened, ahead for a plan, else the nearer', () => {
    const march = d('1987-03-04', 'day') as never;
    expect(datesIn('OPEC agreed in December to cut output.', march)[0].date).toEqual({ iso: '1986-12', precision: 'month' });
    expect(datesIn('The full council is not due to meet again until September.', march)[0].date).toEqual({ iso: '1987-09', precision: 'month' });
    expect(datesIn('The council will meet in June.', march)[0].date).toEqual({ iso: '1987-06', precision: 'month' });
    expect(datesIn('They examined a plan to meet again in September.', march)[0].date).toEqual({ iso: '1987-09', precision: 'month' });
    expect(datesIn('Producers proposed resuming quotas April 1.', march)[0].date).toEqual({ iso: '1987-04-01', precision: 'day' });
    expect(datesIn('Prices have fallen since the talks failed in February.', march)[0].date).toEqual({ iso: '1987-02', precision: 'month' });
  });

  it('relative months and years, and weekdays, resolve to their own dates', () => {
    const wed = d('1987-03-04', 'day') as never;
    expect(datesIn('Talks last month in London failed.', wed)[0].date).toEqual({ iso: '1987-02', precision: 'month' });
    expect(datesIn('Quotas were suspended in February last year.', wed)[0].date).toEqual({ iso: '1986-02', precision: 'month' });
    expect(datesIn('Quotas were suspended a year ago.', wed)[0].date).toEqual({ iso: '1986', precision: 'year' });
    expect(datesIn('Quotas were re-introduced early this month.', wed)[0].date).toEqual({ iso: '1987-03', precision: 'month' });
    // Wednesday 4 March 1987: "Monday" told as past is the 2nd; "Friday" of a plan is the 6th.
    expect(datesIn("Commenting on Monday's failure, the minister spoke.", wed)[0]).toMatchObject({ deictic: true, date: { iso: '1987-03-02' } });
    expect(datesIn('The board will meet on Friday.', wed)[0]).toMatchObject({ deictic: true, date: { iso: '1987-03-06' } });
    expect(datesIn('Producers will meet this weekend in Managua.', d('1987-03-18', 'day') as never)[0].date).toEqual({ iso: '1987-03-21', precision: 'day' });
  });
});
