import { dayIn, formatPartialDate, isTimeZone, monthOf, parsePartialDate } from '../../src/language/dates';

describe('partial dates', () => {
  it('parses year, month and day precision and rejects impossible dates', () => {
    expect(parsePartialDate('2015')).toEqual({ iso: '2015', precision: 'year' });
    expect(parsePartialDate('2015-09')).toEqual({ iso: '2015-09', precision: 'month' });
    expect(parsePartialDate('2016-06-14')).toEqual({ iso: '2016-06-14', precision: 'day' });
    expect(parsePartialDate('2015-13')).toBeUndefined();
    expect(parsePartialDate('2015-02-30')).toBeUndefined();
    expect(parsePartialDate('Sept 2015')).toBeUndefined();
  });

  it('formats each precision', () => {
    expect(formatPartialDate({ iso: '2013', precision: 'year' })).toBe('2013');
    expect(formatPartialDate({ iso: '2015-09', precision: 'month' })).toBe('Sep 2015');
    expect(formatPartialDate({ iso: '2016-06-14', precision: 'day' })).toBe('14 Jun 2016');
  });

  it('names months by word and abbreviation; "may" only when asked', () => {
    expect(monthOf('June')).toBe(6);
    expect(monthOf('sept')).toBe(9);
    expect(monthOf('Sep.')).toBe(9);
    expect(monthOf('dec')).toBe(12);
    expect(monthOf('may')).toBeUndefined();
    expect(monthOf('may', { includeMay: true })).toBe(5);
    expect(monthOf('ju')).toBeUndefined();
    expect(monthOf('mars')).toBeUndefined();
    expect(monthOf('junebug')).toBeUndefined();
  });

  it('tells the day an instant falls on in a time zone, and which zones exist', () => {
    const t = new Date('2026-11-22T23:30:00Z');
    expect(dayIn(t)).toBe('2026-11-22');
    expect(dayIn(t, 'Asia/Tokyo')).toBe('2026-11-23');
    expect(dayIn(new Date('2026-11-23T03:00:00Z'), 'America/Los_Angeles')).toBe('2026-11-22');
    expect(isTimeZone('Europe/Berlin')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
  });
});
