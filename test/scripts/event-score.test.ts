import { dateFits, isFragment, scoreEvents, type GoldEvent } from '../../scripts/event-score';
import type { StoryEvent } from '../../src/events/events';

const line = (iso: string, summary: string, sentences: string[] = [], place?: string): StoryEvent => ({
  kind: 'meeting',
  date: { iso, precision: iso.length === 10 ? 'day' : iso.length === 7 ? 'month' : 'year' },
  status: 'happened',
  participants: [],
  decisions: [],
  summary,
  sources: [summary, ...sentences].map((sentence, i) => ({ id: `a${i}`, title: 't', publisher: 'p', published: iso, sentence })),
  articles: 1,
  leads: 1,
  bearing: 1,
  milestone: true,
  ...(place ? { place } : {}),
});

const gold: GoldEvent[] = [
  { id: 'talks', date: '1990-05-04', until: '1990-05-06', kind: 'meeting', status: 'happened', place: 'Geneva', match: ['grain talks'] },
  { id: 'plan', date: '1990-09', kind: 'meeting', status: 'planned', match: ['meet again'] },
  { id: 'aside', date: '1990-05-07', kind: 'action', status: 'happened', match: ['futures fell'], optional: true },
];

describe('scoring a timeline against gold events', () => {
  it('counts found events, lines that match one, right dates, places, duplicates and fragments', () => {
    const s = scoreEvents(
      [
        line('1990-05-05', 'The grain talks continued.', [], 'Geneva'),
        line('1990-05-06', 'The grain talks ended', [], 'Geneva'),
        line('1990-05-07', 'Grain futures fell.'),
        line('1991-09', 'They will meet again.'),
        line('1990-06', 'An unrelated line.'),
      ],
      gold,
    );
    expect(s).toMatchObject({ gold: 2, found: 1, lines: 5, matchedLines: 3, duplicates: 1, placesKnown: 2, placesRight: 2, fragments: 1 });
    expect(s.missed).toEqual(['plan (1990-09)']);
    // The plan's line holds its phrase at a date that does not fit: a wrong date.
    expect(s.wrongDates).toHaveLength(1);
  });

  it('a date fits when it overlaps the gold span at its own precision', () => {
    expect(dateFits({ iso: '1990-05', precision: 'month' }, undefined, { date: '1990-05-04', until: '1990-05-06' })).toBe(true);
    expect(dateFits({ iso: '1990-05-07', precision: 'day' }, undefined, { date: '1990-05-04', until: '1990-05-06' })).toBe(false);
    expect(dateFits({ iso: '1990-05-03', precision: 'day' }, { iso: '1990-05-05', precision: 'day' }, { date: '1990-05-04' })).toBe(true);
  });

  it('a fragment is a line that does not end as a sentence does, or is cut', () => {
    expect(isFragment('They met.')).toBe(false);
    expect(isFragment('by Dec 2015 — Will also establish')).toBe(true);
    expect(isFragment('They met in…')).toBe(true);
  });
});
