import { Core, type CommandContext } from '../../src/chat/core';
import { renderText } from '../../src/chat/render/text';
import { FileStateStore } from '../../src/state/file-store';
import { describeSchedule } from '../../src/state/schedule';
import type { DigestSchedule } from '../../src/state/store';
import { seedBriefing, tempDir } from '../helpers';

const DEFAULTS = { cron: '0 9 * * 1', timezone: 'UTC' };
const ctx = (id: string, canManage = true): CommandContext => ({ channel: { platform: 'discord', id, team: 'G', name: `ch-${id}` }, canManage });

async function setup() {
  const { store } = await FileStateStore.open(await tempDir());
  let changes = 0;
  const core = new Core(await seedBriefing(), {
    digest: {
      store,
      clock: () => new Date('2026-11-23T10:00:00Z'),
      describeSchedule: (s?: DigestSchedule) => describeSchedule((s ?? DEFAULTS).cron, (s ?? DEFAULTS).timezone, null),
      defaults: DEFAULTS,
      changed: () => void changes++,
    },
  });
  const say = async (text: string, id = 'C1', manage = true) => renderText(await core.handleText(text, ctx(id, manage)));
  return { store, say, changes: () => changes };
}

describe("a channel's own digest time, pause and resume, through the core", () => {
  it('subscribe with a day, time and zone; again with another time changes it; without one, says the current time', async () => {
    const { say, store, changes } = await setup();
    expect(await say('subscribe friday 16:00 Europe/London')).toContain('Subscribed: #ch-C1 will get the weekly digest every Friday at 16:00 Europe/London');
    expect(changes()).toBe(1);
    expect(await say('subscribe')).toContain('already subscribed to the weekly digest (every Friday at 16:00 Europe/London)');
    // What is left out keeps the channel's own time: the zone stays London, then the day stays Tuesday.
    expect(await say('subscribe tuesday 8am')).toContain('will now get the weekly digest every Tuesday at 08:00 Europe/London');
    expect((await store.subscriptions())[0].schedule).toEqual({ cron: '0 8 * * 2', timezone: 'Europe/London' });
    expect(await say('subscribe 4pm')).toContain('every Tuesday at 16:00 Europe/London');
    expect(await say('subscribe 9 EST')).toContain('every Tuesday at 09:00 EST');
    expect(await say('subscribe whenever')).toContain('"whenever" is not a day, a time');
    expect(await say('subscribe', 'C2')).toContain('every Monday at 09:00 UTC');
    // The preview is dated in the channel's own time zone: 10:00 UTC on 23 Nov is already the 24th on Kiritimati (UTC+14).
    await say('subscribe monday 9:00 Pacific/Kiritimati', 'C3');
    expect(await say('digest', 'C3')).toMatch(/Weekly digest: .+ — 24 Nov 2026/);
    expect(await say('digest', 'C2')).toMatch(/Weekly digest: .+ — 23 Nov 2026/);
  });

  it('pause keeps the subscription and its time; resume starts it again; each says so once; subscriptions lists both', async () => {
    const { say, store } = await setup();
    expect(await say('pause')).toContain('not subscribed');
    await say('subscribe friday 16:00 Europe/London');
    await say('subscribe', 'C2');
    expect(await say('pause')).toContain('Paused: #ch-C1 gets no digest until "resume"');
    expect(await say('pause')).toContain('already paused');
    const list = await say('subscriptions', 'C3', false);
    expect(list).toContain('2 channels are subscribed to the weekly digest:');
    expect(list).toContain('#ch-C1 — paused (would be every Friday at 16:00 Europe/London)');
    expect(list).toContain('#ch-C2 — every Monday at 09:00 UTC');
    expect(await say('resume')).toContain('Resumed: #ch-C1 gets the weekly digest again, every Friday at 16:00 Europe/London');
    expect(await say('resume')).toContain('is not paused');
    expect((await store.subscriptions())[0]).not.toHaveProperty('paused');
  });

  it('only managers subscribe with a time, pause or resume', async () => {
    const { say, store } = await setup();
    await say('subscribe');
    for (const c of ['subscribe friday', 'pause', 'resume']) expect(await say(c, 'C1', false)).toContain('Only members with the Manage Channels permission');
    expect(await store.subscriptions()).toMatchObject([{ key: 'discord:G:C1' }]);
    expect((await store.subscriptions())[0].schedule).toBeUndefined();
  });
});
