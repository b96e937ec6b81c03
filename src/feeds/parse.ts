/**
 * A fetched feed's items: RSS 2.0, Atom and JSON Feed, read with
 * @extractus/feed-extractor (which also reads RDF). Only what the bot uses is
 * kept, bounded: an id, the linked page, a title, a date.
 */
import { extractFromJson, extractFromXml, type FeedData } from '@extractus/feed-extractor';
import { webAddress } from '../corpus/seeds';

export interface FeedItem {
  /** The item's guid / id, or its link when it has none. */
  guid: string;
  /** The page the item links to (absolute, http or https). */
  url: string;
  title?: string;
  /** ISO date-time, when the feed gives a date it can read. */
  published?: string;
}

export interface ParsedFeed {
  title?: string;
  items: FeedItem[];
}

/** Items read from one feed at most (a feed is a window on recent news). */
export const MAX_ITEMS = 200;

const clip = (s: unknown, n: number): string | undefined => (typeof s === 'string' && s.trim() ? s.trim().slice(0, n) : undefined);

/** Parse a feed's body; throws an Error saying why when it is not a feed. */
export function parseFeed(body: string, contentType: string, feedUrl: string): ParsedFeed {
  const text = body.replace(/^\uFEFF/, '').trim();
  const json = /json/i.test(contentType) || text.startsWith('{');
  let data: FeedData;
  try {
    data = json ? extractFromJson(text, { baseUrl: feedUrl, descriptionMaxLen: 0 }) : extractFromXml(text, { baseUrl: feedUrl, descriptionMaxLen: 0 });
  } catch (e) {
    throw new Error(`not a readable ${json ? 'JSON Feed' : 'RSS or Atom feed'}: ${(e as Error).message}`, { cause: e });
  }
  if (!data || !Array.isArray(data.entries)) throw new Error('not a feed: no items');
  const items: FeedItem[] = [];
  for (const e of data.entries.slice(0, MAX_ITEMS)) {
    const link = typeof e.link === 'string' ? resolve(e.link, feedUrl) : undefined;
    if (!link) continue;
    const published = typeof e.published === 'string' && !Number.isNaN(Date.parse(e.published)) ? new Date(e.published).toISOString() : undefined;
    items.push({ guid: clip(e.id, 500) ?? link, url: link, title: clip(e.title, 300), published });
  }
  return { title: clip(data.title, 200), items };
}

function resolve(link: string, base: string): string | undefined {
  try {
    return webAddress(new URL(link.trim(), base).href);
  } catch {
    return undefined;
  }
}
