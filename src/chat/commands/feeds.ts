/**
 * The news feeds the bot reads: `feeds` lists them (anyone); `feeds add URL`
 * and `feeds remove URL` change the list (those who may manage digests).
 * Feeds from FEEDS in the environment are listed but changed only there.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { webAddress } from '../../corpus/seeds';
import type { FeedTally } from '../../feeds/poller';
import { clip, defuseMentions } from '../../sanitize';
import { errorReply, infoReply, unavailableReply } from '../replies';
import type { CommandModule } from './spec';

const USAGE = 'feeds · feeds add URL · feeds remove URL';

/** The words that change the list (they need a manager). */
const CHANGE = /^(?:add|remove|delete|rm)$/i;

export const feeds: CommandModule = {
  name: 'feeds',
  aliases: [],
  usage: USAGE,
  summary: 'List the news feeds the bot reads; managers can add or remove one.',
  permission: 'anyone',
  cli: false,
  arguments: true,
  managesWith: (args) => CHANGE.test(args.trim().split(/\s+/)[0]),
  async run(ctx, env, command) {
    const f = env.feeds;
    if (!f) return unavailableReply('feeds');
    const args = 'args' in command && command.args ? command.args.trim() : '';
    const every = `every ${Math.round(f.intervalMs / 60_000)} minutes`;
    if (!args) {
      const added = await f.store.feeds();
      const lines = [...f.configured.map((u) => `${u} (set by the operator)`), ...added.map((x) => x.url)];
      if (!lines.length) return infoReply(`No news feeds are read yet. Those who may manage digests can add one: "feeds add https://example.com/feed.xml" (RSS, Atom or JSON Feed).`, 'private');
      return infoReply(
        `The bot reads ${lines.length} news feed${lines.length === 1 ? '' : 's'}, ${every}; the articles on the story's subject go into its answers and the weekly digest:`,
        'private',
        lines,
      );
    }
    // "add URL" or "remove URL": a word that changes the list, and one address.
    const m = /^(\S+)\s+(\S+)$/.exec(args);
    if (!m || !CHANGE.test(m[1])) return errorReply(`I did not understand "feeds ${args.slice(0, 80)}". Usage: ${USAGE}`);
    if (!ctx.canManage)
      return errorReply('Only those who may manage digests can change the news feeds (Manage Channels on Discord; workspace admins and owners, or the users in SLACK_DIGEST_MANAGERS, on Slack).');
    const url = webAddress(m[2]);
    if (!url) return errorReply(`"${m[2].slice(0, 80)}" is not an http or https address.`);
    if (m[1].toLowerCase() === 'add') {
      // The fetcher's own check of an address (loaded only when a feed is added); a name is resolved only
      // when fetched, and "localhost" is refused here already.
      const { checkUrl } = await import('../../feeds/http');
      try {
        checkUrl(url, f.allowPrivate);
      } catch (e) {
        return errorReply((e as Error).message);
      }
      if (!f.allowPrivate && /^localhost$/i.test(new URL(url).hostname)) return errorReply('localhost is a private or local address; the bot does not read feeds there.');
      // The name resolved now, so that "Added" means the bot can reach it.
      const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
      if (f.resolve) {
        let addresses: string[];
        try {
          addresses = await f.resolve(host);
        } catch (e) {
          const code = (e as NodeJS.ErrnoException).code;
          return errorReply(`${host} cannot be found${code ? ` (${code})` : ''}: check the address. Nothing was added.`);
        }
        const { isPublicAddress } = await import('../../feeds/http');
        const inside = f.allowPrivate ? undefined : addresses.find((a) => !isPublicAddress(a));
        if (inside) return errorReply(`${host} resolves to a private or local address (${inside}); the bot does not read feeds there.`);
      }
      if (f.configured.includes(url)) return infoReply(`${url} is already read (set by the operator).`, 'private');
      const added = await f.store.addFeed({ url, at: f.clock().toISOString(), addedBy: `${ctx.channel.platform}:${ctx.channel.id}` });
      if (!added) return infoReply(`${url} is already read.`, 'private');
      // Read it now rather than at the next interval, and say what it gave when that is quick; problems are logged and retried.
      const poll = f.pollNow().catch(() => undefined);
      const waited = new AbortController();
      const read = await Promise.race([poll, delay(f.readWaitMs ?? 20_000, undefined, { signal: waited.signal }).catch(() => undefined)]);
      waited.abort();
      const tally = read ? read.byFeed[url] : undefined;
      if (tally?.error) return infoReply(`Added ${url}, but it could not be read just now (${clip(defuseMentions(tally.error), 150)}); it is tried again ${every}.`, 'public');
      if (tally)
        return infoReply(`Added ${url} and read it: ${tallyText(tally)}. It is read again ${every}; its articles on the story's subject are answered from and listed in the next digest.`, 'public');
      return infoReply(`Added ${url}: it is read now and then ${every}. Its articles on the story's subject will be answered from and listed in the next digest.`, 'public');
    }
    if (f.configured.includes(url)) return errorReply(`${url} is set by the bot's operator (FEEDS); it can only be removed there.`);
    const removed = await f.store.removeFeed(url);
    return removed
      ? infoReply(`Removed ${url}. Articles already taken from it stay (the operator can delete them from DATA_DIR/articles).`, 'public')
      : errorReply(`${url} is not among the feeds added from chat. "feeds" lists them.`);
  },
};

/** Why items were skipped, as a reader would put it. */
const SKIPPED: Record<string, string> = {
  irrelevant: "not on the story's subject",
  duplicate: 'already kept',
  'not-html': 'not a web page',
  'no-text': 'no article text',
  unreadable: 'unreadable page',
  gone: 'page gone',
  failed: 'could not be fetched (tried again next time)',
};

/** "5 items: 3 articles kept; skipped: 1 not on the story's subject, 1 already kept". */
export function tallyText(t: FeedTally): string {
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
  const skipped = Object.entries(t.skipped).map(([why, n]) => `${n} ${SKIPPED[why] ?? why}`);
  return `${plural(t.items, 'item')}, ${plural(t.kept, 'article')} kept${skipped.length ? `; skipped: ${skipped.join(', ')}` : ''}`;
}
