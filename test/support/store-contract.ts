/**
 * What every StateStore promises (src/state/store.ts), as one suite that each
 * implementation's test runs against a fresh store of its own.
 */
import { LEDGER_PER_CHANNEL, type StateStore, type Subscription } from '../../src/state/store';
import type { ChannelRef } from '../../src/types';

export interface StoreFixture {
  /** A new, empty store. */
  open(): Promise<StateStore>;
  /** The same state opened again, as a restart (or another replica) would. */
  reopen(): Promise<StateStore>;
  /** Several stores may be open on the same state at once (replicas); the file store is one per DATA_DIR. */
  shared: boolean;
}

const ch = (id: string, team = 'T1'): ChannelRef => ({ platform: 'slack', id, team, name: `#${id}` });
const sub = (id: string, team = 'T1'): Subscription => ({ key: `slack:${team}:${id}`, channel: ch(id, team), since: '2026-11-01T00:00:00.000Z' });
const SLOT = '2026-11-23T09:00:00.000Z';
const AT = '2026-11-23T09:00:01.000Z';

export function describeStateStore(name: string, fixture: () => StoreFixture): void {
  describe(`${name}: the StateStore contract`, () => {
    let f: StoreFixture;
    const opened: StateStore[] = [];
    const open = async () => {
      const s = await f.open();
      opened.push(s);
      return s;
    };
    const reopen = async () => {
      const s = await f.reopen();
      opened.push(s);
      return s;
    };
    beforeEach(() => {
      f = fixture();
    });
    afterEach(async () => {
      for (const s of opened.splice(0)) await s.close();
    });

    it('subscribes once per channel, lists in the order subscribed, unsubscribes; all of it kept across a reopen', async () => {
      const store = await open();
      expect(await store.subscribe(sub('C1'))).toBe(true);
      expect(await store.subscribe(sub('C2', 'T2'))).toBe(true);
      expect(await store.subscribe({ ...sub('C1'), since: '2026-11-20T00:00:00.000Z' })).toBe(false);
      expect(await store.subscriptions()).toEqual([sub('C1'), sub('C2', 'T2')]);
      expect(await store.subscription(sub('C2', 'T2').key)).toEqual(sub('C2', 'T2'));
      expect(await store.subscription(sub('C9').key)).toBeUndefined();
      expect(await store.unsubscribe(sub('C3').key)).toBe(false);
      expect(await store.unsubscribe(sub('C1').key)).toBe(true);
      await store.flush();
      expect(await (await reopen()).subscriptions()).toEqual([sub('C2', 'T2')]);
    });

    it("keeps a channel's own schedule and its pause, changes and clears them; kept across a reopen", async () => {
      const store = await open();
      const london = { cron: '0 16 * * 5', timezone: 'Europe/London' };
      expect(await store.subscribe({ ...sub('C1'), schedule: london })).toBe(true);
      await store.subscribe(sub('C2'));
      expect(await store.updateSubscription(sub('C2').key, { paused: true })).toBe(true);
      expect(await store.updateSubscription(sub('C9').key, { paused: true })).toBe(false);
      expect(await store.subscriptions()).toEqual([
        { ...sub('C1'), schedule: london },
        { ...sub('C2'), paused: true },
      ]);
      expect(await store.updateSubscription(sub('C1').key, { schedule: null })).toBe(true);
      expect(await store.updateSubscription(sub('C2').key, { paused: false, schedule: { cron: '30 8 * * 1', timezone: 'UTC' } })).toBe(true);
      await store.flush();
      expect(await (await reopen()).subscriptions()).toEqual([sub('C1'), { ...sub('C2'), schedule: { cron: '30 8 * * 1', timezone: 'UTC' } }]);
    });

    it('keeps the feeds added from chat, each once, in the order added; removes them; kept across a reopen', async () => {
      const store = await open();
      const feed = (url: string) => ({ url, addedBy: 'slack:U1', at: AT });
      expect(await store.addFeed(feed('https://example.com/a.xml'))).toBe(true);
      expect(await store.addFeed(feed('https://example.com/b.xml'))).toBe(true);
      expect(await store.addFeed(feed('https://example.com/a.xml'))).toBe(false);
      expect(await store.removeFeed('https://example.com/c.xml')).toBe(false);
      expect(await store.removeFeed('https://example.com/a.xml')).toBe(true);
      await store.flush();
      expect(await (await reopen()).feeds()).toEqual([feed('https://example.com/b.xml')]);
    });

    it("unsubscribes a whole workspace's channels (the bot was removed from it), and no other's", async () => {
      const store = await open();
      for (const s of [sub('C1'), sub('C2'), sub('C3', 'T2'), { ...sub('C4'), key: 'discord:T1:C4', channel: { platform: 'discord' as const, id: 'C4', team: 'T1' } }]) await store.subscribe(s);
      expect(await store.unsubscribeWorkspace('slack', 'T1')).toBe(2);
      expect((await store.subscriptions()).map((s) => s.key)).toEqual(['slack:T2:C3', 'discord:T1:C4']);
      expect(await store.unsubscribeWorkspace('slack', 'T9')).toBe(0);
    });

    it("keeps each workspace's installation, replaces it on a new install, forgets it on uninstall; kept across a reopen", async () => {
      const store = await open();
      expect(await store.installation('T1')).toBeUndefined();
      await store.saveInstallation('T1', 'v1.sealed-one');
      await store.saveInstallation('T2', 'v1.sealed-two');
      await store.saveInstallation('T1', 'v1.sealed-again');
      await store.flush();
      const again = await reopen();
      expect(await again.installation('T1')).toBe('v1.sealed-again');
      expect(await again.deleteInstallation('T1')).toBe(true);
      expect(await again.deleteInstallation('T1')).toBe(false);
      expect(await again.installation('T1')).toBeUndefined();
      expect(await again.installation('T2')).toBe('v1.sealed-two');
      expect(await again.installation('__proto__')).toBeUndefined();
    });

    it('concurrent subscribes lose nothing', async () => {
      const store = await open();
      const results = await Promise.all(Array.from({ length: 30 }, (_, i) => store.subscribe(sub(`C${i}`))));
      expect(results.every(Boolean)).toBe(true);
      expect((await store.subscriptions()).map((s) => s.channel.id).sort()).toEqual(Array.from({ length: 30 }, (_, i) => `C${i}`).sort());
    });

    it('a (channel, slot) is claimed once; a failed one may be claimed again, keeping its attempts; a sent or dropped one never', async () => {
      const store = await open();
      const key = sub('C1').key;
      await store.subscribe(sub('C1'));
      const claim = { channelKey: key, slot: SLOT, at: AT, articleIds: ['a1'] };
      expect(await store.claim(claim)).toEqual({ ok: true, previous: undefined });
      expect(await store.claim(claim)).toEqual({ ok: false, prior: { ...claim, status: 'claimed', attempts: 0 } });
      await store.record(key, SLOT, { status: 'failed', attempts: 3, at: AT, error: 'timeout' });
      expect(await store.claim({ ...claim, articleIds: ['a1', 'a2'] })).toEqual({ ok: true, previous: undefined });
      expect(await store.ledger(key)).toEqual([{ channelKey: key, slot: SLOT, status: 'claimed', at: AT, attempts: 3, articleIds: ['a1', 'a2'] }]);
      await store.record(key, SLOT, { status: 'sent', attempts: 4, at: AT });
      expect(await store.claim(claim)).toMatchObject({ ok: false, prior: { status: 'sent', attempts: 4 } });
      // Another channel's slot is its own.
      expect(await store.claim({ ...claim, channelKey: sub('C2').key })).toEqual({ ok: true, previous: undefined });
    });

    it('an interrupted claim is taken over only while it is still that claim: of several taking it over at once, one wins', async () => {
      const store = await open();
      const other = f.shared ? await reopen() : store;
      const key = sub('C1').key;
      await store.claim({ channelKey: key, slot: SLOT, at: '2026-11-23T09:00:00.000Z', articleIds: [], owner: 'dead' });
      const takeOver = { owner: 'dead', at: '2026-11-23T09:00:00.000Z' };
      // Not the claim that holds it: refused.
      expect(await store.claim({ channelKey: key, slot: SLOT, at: AT, articleIds: [], owner: 'b', takeOver: { owner: 'someone', at: takeOver.at } })).toMatchObject({ ok: false });
      const results = await Promise.all(
        Array.from({ length: 6 }, (_, i) => (i % 2 ? other : store).claim({ channelKey: key, slot: SLOT, at: `2026-11-23T09:20:0${i}.000Z`, articleIds: [], owner: `r${i}`, takeOver })),
      );
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect((await store.ledger(key))[0]).toMatchObject({ status: 'claimed', attempts: 0 });
    });

    it('many claims of one (channel, slot) at once: exactly one is granted', async () => {
      const store = await open();
      const other = f.shared ? await reopen() : store;
      const claim = { channelKey: sub('C1').key, slot: SLOT, at: AT, articleIds: [] };
      const results = await Promise.all(Array.from({ length: 12 }, (_, i) => (i % 2 ? other : store).claim(claim)));
      expect(results.filter((r) => r.ok)).toHaveLength(1);
    });

    it("a claim is told the articles of the channel's last digest sent before its slot", async () => {
      const store = await open();
      const key = sub('C1').key;
      const slots = ['2026-11-02T09:00:00.000Z', '2026-11-09T09:00:00.000Z', '2026-11-16T09:00:00.000Z'];
      await store.claim({ channelKey: key, slot: slots[0], at: AT, articleIds: ['a1'] });
      await store.record(key, slots[0], { status: 'sent', attempts: 1, at: AT });
      await store.claim({ channelKey: key, slot: slots[1], at: AT, articleIds: ['a1', 'a2'] });
      await store.record(key, slots[1], { status: 'failed', attempts: 5, at: AT, error: 'x' });
      expect(await store.claim({ channelKey: key, slot: slots[2], at: AT, articleIds: ['a1', 'a2', 'a3'] })).toEqual({ ok: true, previous: ['a1'] });
      await store.record(key, slots[2], { status: 'sent', attempts: 1, at: AT });
      expect((await store.ledger(key)).map((e) => [e.slot, e.status])).toEqual([
        [slots[0], 'sent'],
        [slots[1], 'failed'],
        [slots[2], 'sent'],
      ]);
    });

    it('a dropped delivery unsubscribes the channel in the same step', async () => {
      const store = await open();
      await store.subscribe(sub('C1'));
      await store.subscribe(sub('C2'));
      await store.claim({ channelKey: sub('C1').key, slot: SLOT, at: AT, articleIds: [] });
      await store.record(sub('C1').key, SLOT, { status: 'dropped', attempts: 1, at: AT, error: 'channel_not_found' });
      expect((await store.subscriptions()).map((s) => s.channel.id)).toEqual(['C2']);
      expect(await store.ledger(sub('C1').key)).toEqual([expect.objectContaining({ status: 'dropped', error: 'channel_not_found' })]);
    });

    it(`keeps the newest ${LEDGER_PER_CHANNEL} ledger entries of each channel`, async () => {
      const store = await open();
      const key = sub('C1').key;
      const slots = Array.from({ length: LEDGER_PER_CHANNEL + 3 }, (_, i) => new Date(Date.UTC(2025, 0, 6 + 7 * i, 9)).toISOString());
      for (const slot of slots) {
        await store.claim({ channelKey: key, slot, at: AT, articleIds: [] });
        await store.record(key, slot, { status: 'sent', attempts: 1, at: AT });
      }
      expect((await store.ledger(key)).map((e) => e.slot)).toEqual(slots.slice(-LEDGER_PER_CHANNEL));
    });
  });
}
