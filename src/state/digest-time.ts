/**
 * A channel's own digest time as people type it after `subscribe`: a day, a
 * time and an IANA time zone, each optional ("friday 16:00 Europe/London",
 * "4pm", "tuesday"); what is left out comes from the default schedule
 * (the channel's own schedule when it has one, else DIGEST_CRON in
 * DIGEST_TIMEZONE). The result is a weekly cron expression.
 */
import { isTimeZone } from '../language/dates';
import type { DigestSchedule } from './store';

const DAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

function dayOf(word: string): number | undefined {
  const w = word.toLowerCase().replace(/s$/, '');
  const i = DAYS.findIndex((d) => d === w || (w.length >= 3 && d.startsWith(w)));
  return i < 0 ? undefined : i;
}

/** "16:00", "9:30", "4pm", "9:30am", "noon" → [hour, minute]. */
function timeOf(word: string): [number, number] | undefined {
  const w = word.toLowerCase();
  if (w === 'noon') return [12, 0];
  if (w === 'midnight') return [0, 0];
  // A bare hour ("9", "16") is that hour, on the hour.
  const m = /^(\d{1,2})(?::(\d{2}))?(am|pm)?$/.exec(w);
  if (!m) return undefined;
  let h = Number(m[1]);
  const min = Number(m[2] ?? 0);
  if (m[3]) {
    if (h < 1 || h > 12) return undefined;
    h = (h % 12) + (m[3] === 'pm' ? 12 : 0);
  }
  return h <= 23 && min <= 59 ? [h, min] : undefined;
}

/** The day and time of a simple weekly expression ("M H * * D"), if it is one. */
function weeklyParts(cron: string): { minute: number; hour: number; day: number } | undefined {
  const m = /^(\d{1,2}) (\d{1,2}) \* \* ([0-7])$/.exec(cron.trim());
  return m ? { minute: Number(m[1]), hour: Number(m[2]), day: Number(m[3]) % 7 } : undefined;
}

export type ParsedDigestTime = { ok: true; schedule: DigestSchedule } | { ok: false; problem: string };

export const DIGEST_TIME_USAGE = 'subscribe [day] [time] [time zone], e.g. "subscribe friday 16:00 Europe/London"';

/** Parse what follows `subscribe`. */
export function parseDigestTime(args: string, defaults: DigestSchedule): ParsedDigestTime {
  const base = weeklyParts(defaults.cron) ?? { minute: 0, hour: 9, day: 1 };
  let day: number | undefined;
  let time: [number, number] | undefined;
  let timezone: string | undefined;
  for (const word of args.trim().split(/\s+/).filter(Boolean)) {
    const w = word.replace(/^(?:on|at|every)$/i, '');
    if (!w) continue;
    if (day === undefined && dayOf(w) !== undefined) day = dayOf(w);
    else if (!time && timeOf(w)) time = timeOf(w);
    else if (!timezone && /^[A-Za-z_]+(?:\/[A-Za-z0-9_+-]+){0,2}$/.test(w) && isTimeZone(w)) timezone = canonicalZone(w);
    else return { ok: false, problem: `"${word.slice(0, 40)}" is not a day, a time (16:00, 4pm) or a time zone (Europe/London). Usage: ${DIGEST_TIME_USAGE}` };
  }
  const [hour, minute] = time ?? [base.hour, base.minute];
  return { ok: true, schedule: { cron: `${minute} ${hour} * * ${day ?? base.day}`, timezone: timezone ?? defaults.timezone } };
}

/**
 * The zone's name as Intl spells it ("europe/london" → "Europe/London"); another name for a zone
 * ("EST", "US/Eastern") is kept as typed, so that the reply shows what the user wrote, not the zone
 * Intl links it to ("America/Panama").
 */
function canonicalZone(tz: string): string {
  const resolved = new Intl.DateTimeFormat('en-US', { timeZone: tz }).resolvedOptions().timeZone;
  if (resolved.toLowerCase() === tz.toLowerCase()) return resolved;
  return /^[a-z]{2,5}$/i.test(tz) ? tz.toUpperCase() : tz;
}
