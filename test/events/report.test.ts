import { datelinePlace, eventWordOf, reportOf, withoutDateline } from '../../src/events/report';
import { segmentParagraph } from '../../src/language/segment';
import type { PartialDate } from '../../src/types';

const day = (iso: string): PartialDate => ({ iso, precision: 'day' });
const report = (text: string, published: PartialDate, lead = false) => {
  const [s] = segmentParagraph(text);
  return reportOf(s.tokens, s.text, published, lead);
};

describe('event reports of a sentence', () => {
  it('a lead about a meeting: its kind, its day, its place from the dateline, what it failed to decide', () => {
    const r = report('LONDON, March 2 - A special meeting of the International Coffee Organization council failed to agree on how to set export quotas, delegates said.', day('1987-03-02'), true)!;
    expect(r).toMatchObject({ kind: 'meeting', trigger: 'meeting', own: true, status: 'happened', place: 'London', date: day('1987-03-02') });
    expect(r.participants).toContain('International Coffee Organization');
    expect(r.decisions).toEqual(['failed to agree on how to set export quotas']);
    expect(r.about).toEqual(expect.arrayContaining(['special']));
  });

  it('a plan: dated ahead, planned, at the place it names', () => {
    const r = report('Coffee producers of the Other Milds group will meet May 4 in Guatemala to discuss quotas.', day('1987-04-02'))!;
    expect(r).toMatchObject({ kind: 'meeting', status: 'planned', place: 'Guatemala', date: day('1987-05-04') });
  });

  it('a lead planning a meeting months ahead is not placed where the story was filed; one "here" is', () => {
    const away = report('LONDON, March 31 - Guatemala will host a meeting of coffee producers in May to discuss export quotas, a delegate said.', day('1987-03-31'), true)!;
    expect(away).toMatchObject({ kind: 'meeting', status: 'planned' });
    expect(away.place).toBeUndefined();
    const here = report('MANAGUA, March 18 - Coffee producers from four countries will meet here Friday to discuss export quotas, officials said.', day('1987-03-18'), true)!;
    expect(here).toMatchObject({ kind: 'meeting', status: 'planned', place: 'Managua' });
  });

  it('history told in an article: dated by its own words, happened', () => {
    const r = report('Export quotas were suspended in February last year after prices soared.', day('1987-03-03'))!;
    expect(r).toMatchObject({ kind: 'decision', status: 'happened', own: false, date: { iso: '1986-02', precision: 'month' } });
  });

  it('a sentence that dates nothing and is no lead reports no event; a quantity is no date', () => {
    expect(report('Brazil is the largest coffee producer.', day('1987-03-02'))).toBeUndefined();
    expect(report('Output was 16.8-16.9 mln barrels a day.', day('1987-03-02'))).toBeUndefined();
  });

  it("a lead with a plan and no date is its day's announcement", () => {
    const r = report('The US and China are to set up a working group on cyber security.', { iso: '2013-04', precision: 'month' }, true)!;
    expect(r).toMatchObject({ own: true, status: 'happened', date: { iso: '2013-04', precision: 'month' } });
  });

  it('the event word: the subject before the verbs, not a noun deep in the sentence', () => {
    const [a] = segmentParagraph('Uganda was disappointed by the stalemate in recent coffee talks in London.');
    expect(eventWordOf(a.tokens).kind).not.toBe('meeting');
    const [b] = segmentParagraph('Talks on coffee quotas were extended into today.');
    expect(eventWordOf(b.tokens)).toMatchObject({ kind: 'meeting' });
  });

  it('datelines: the place, and the text after it', () => {
    expect(datelinePlace('RIO DE JANEIRO, March 25 - Brazil will not change its policy.')).toBe('Rio de Janeiro');
    expect(datelinePlace('TRIESTE, Italy, March 3 - The prospects appear dim.')).toBe('Trieste');
    expect(datelinePlace('The prospects appear dim.')).toBeUndefined();
    expect(withoutDateline('LONDON, April 1 - Producers will meet.')).toBe('Producers will meet.');
  });
});
