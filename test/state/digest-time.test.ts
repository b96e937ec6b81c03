import { parseDigestTime } from '../../src/state/digest-time';

const DEFAULTS = { cron: '0 9 * * 1', timezone: 'UTC' };

describe("a channel's own digest time", () => {
  it('day, time and time zone, each optional; what is left out comes from the default', () => {
    expect(parseDigestTime('friday 16:00 Europe/London', DEFAULTS)).toEqual({ ok: true, schedule: { cron: '0 16 * * 5', timezone: 'Europe/London' } });
    expect(parseDigestTime('tue', DEFAULTS)).toEqual({ ok: true, schedule: { cron: '0 9 * * 2', timezone: 'UTC' } });
    expect(parseDigestTime('4pm', DEFAULTS)).toEqual({ ok: true, schedule: { cron: '0 16 * * 1', timezone: 'UTC' } });
    expect(parseDigestTime('on Sundays at 9:30am america/new_york', DEFAULTS)).toEqual({ ok: true, schedule: { cron: '30 9 * * 0', timezone: 'America/New_York' } });
    expect(parseDigestTime('12am Asia/Tokyo', { cron: '15 7 * * 3', timezone: 'Europe/Berlin' })).toEqual({ ok: true, schedule: { cron: '0 0 * * 3', timezone: 'Asia/Tokyo' } });
    // A bare hour is that hour on the hour; a zone's other name is kept as written (not the zone Intl links it to).
    expect(parseDigestTime('friday 9', DEFAULTS)).toEqual({ ok: true, schedule: { cron: '0 9 * * 5', timezone: 'UTC' } });
    expect(parseDigestTime('16 est', DEFAULTS)).toEqual({ ok: true, schedule: { cron: '0 16 * * 1', timezone: 'EST' } });
    // A default that is not weekly: Monday 09:00 for what is left out.
    expect(parseDigestTime('Europe/Paris', { cron: '*/5 * * * *', timezone: 'UTC' })).toEqual({ ok: true, schedule: { cron: '0 9 * * 1', timezone: 'Europe/Paris' } });
  });

  it('anything else is refused, saying which word and how to write it', () => {
    for (const bad of ['friday 25:00', 'someday', '16:00 Mars/Olympus', 'friday friday', '13pm', '24']) {
      const r = parseDigestTime(bad, DEFAULTS);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.problem).toContain('subscribe friday 16:00 Europe/London');
    }
  });
});
