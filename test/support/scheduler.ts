/** A digest scheduler wired to a real adapter, for the platform tests: one slot, fast retries, no logs. */
import type { ChatAdapter, DeliveryKey } from '../../src/adapter';
import type { Briefing } from '../../src/answering/briefing';
import { silentLogger } from '../../src/log';
import { DigestScheduler } from '../../src/state/schedule';
import type { StateStore } from '../../src/state/store';
import { buildDigest } from '../../src/timeline/digest';
import type { ChannelRef } from '../../src/types';

export function schedulerFor(
  adapter: Pick<ChatAdapter, 'send' | 'delivered'>,
  store: StateStore,
  briefing: Briefing,
  slot: Date,
  afterDeliver?: (channel: ChannelRef, key: DeliveryKey) => Promise<void>,
): DigestScheduler {
  return new DigestScheduler(
    {
      store,
      clock: () => slot,
      deliver: (c, r, k) => adapter.send(c, r, k),
      delivered: adapter.delivered ? (c, k) => adapter.delivered!(c, k) : undefined,
      afterDeliver,
      render: (_c, prev, now) => buildDigest({ timeline: [], articles: briefing.sources(), previousArticleIds: prev, now }),
      articleIds: () => ['a'],
      log: silentLogger(),
      sleep: async () => undefined,
    },
    { cron: '0 9 * * 1', timezone: 'UTC', catchupHours: 1, attempts: 3, retryBaseMs: 1 },
  );
}
