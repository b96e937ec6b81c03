/**
 * A small news site on 127.0.0.1, for the feed tests and to try the feed
 * reader by hand (`npm run news-fixture`, then start the bot with the FEEDS
 * line it prints): RSS 2.0, Atom and JSON
 * Feed documents (written from the formats' specifications) listing article
 * pages that carry the usual furniture (navigation, a cookie banner, related
 * links, comments), and the ways a site goes wrong: malformed XML, a 50 MB
 * body, a response that never finishes, a redirect loop, 404, 500, 429 with
 * Retry-After, a page that is not HTML.
 */
import { readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parseSeed } from '../src/corpus/seeds';
import { projectRoot } from './root';

export const FIXTURES = path.join(projectRoot(), 'test/data/feeds');

export interface FixtureArticle {
  /** Path on the server, e.g. /news/dialogue. */
  path: string;
  title: string;
  publisher: string;
  published: string;
  paragraphs: string[];
  /** The page's link rel=canonical, when it names another address for itself. */
  canonical?: string;
}

/** A fixture article from test/data/feeds (relevant/x or irrelevant/x), served at `at`. */
export function fixtureArticle(name: string, at: string, canonical?: string): FixtureArticle {
  const raw = parseSeed(`${path.basename(name)}.txt`, readFileSync(path.join(FIXTURES, `${name}.txt`), 'utf8'));
  return {
    path: at,
    title: raw.title,
    publisher: raw.publisher,
    published: raw.published.iso,
    paragraphs: raw.body
      .split(/\n\s*\n/)
      .map((p) => p.trim())
      .filter(Boolean),
    canonical,
  };
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The article as a news site's page: furniture around the story. */
export function pageHtml(a: FixtureArticle, base: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(a.title)} | ${esc(a.publisher)}</title>
<meta property="og:site_name" content="${esc(a.publisher)}">
<meta property="article:published_time" content="${a.published}T08:00:00Z">
${a.canonical ? `<link rel="canonical" href="${esc(base + a.canonical)}">` : ''}
</head><body>
<div class="cookie-banner" id="cookie-consent"><p>We use cookies to improve your experience. By continuing you accept our cookie policy.</p><button>Accept all cookies</button></div>
<header><nav class="site-nav"><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/tech">Technology</a></li><li><a href="/sport">Sport</a></li><li><a href="/subscribe">Subscribe</a></li></ul></nav></header>
<main><article>
<h1>${esc(a.title)}</h1>
<p class="byline">By Staff Reporter · <time datetime="${a.published}">${a.published}</time></p>
${a.paragraphs.map((p) => `<p>${esc(p)}</p>`).join('\n')}
</article>
<aside class="related"><h2>Related stories</h2><ul><li><a href="/x1">Ten gadgets to buy this winter</a></li><li><a href="/x2">Markets close higher on Friday</a></li><li><a href="/x3">Weather: storms expected this weekend</a></li></ul></aside>
<section class="comments" id="comments"><h2>Comments (3)</h2><div class="comment"><p>Great article, thanks!</p></div><div class="comment"><p>First! Click here to win a prize.</p></div><div class="comment"><p>Share this on social media.</p></div></section>
</main>
<footer><p>© 2026 Fixture Media. All rights reserved. Privacy policy · Terms of use · Contact us</p></footer>
</body></html>`;
}

export interface FeedEntryFixture {
  id: string;
  path: string;
  title: string;
  published: string;
}

export function rss(title: string, base: string, items: FeedEntryFixture[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>${esc(title)}</title><link>${base}/</link><description>Fixture news</description>
${items.map((i) => `<item><title>${esc(i.title)}</title><link>${base}${i.path}</link><guid isPermaLink="false">${esc(i.id)}</guid><pubDate>${new Date(i.published).toUTCString()}</pubDate></item>`).join('\n')}
</channel></rss>`;
}

export function atom(title: string, base: string, items: FeedEntryFixture[]): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>${esc(title)}</title><id>${base}/atom</id><updated>2026-11-23T00:00:00Z</updated>
${items.map((i) => `<entry><title>${esc(i.title)}</title><id>${esc(i.id)}</id><link rel="alternate" href="${base}${i.path}"/><updated>${i.published}T08:00:00Z</updated><published>${i.published}T08:00:00Z</published></entry>`).join('\n')}
</feed>`;
}

export function jsonFeed(title: string, base: string, items: FeedEntryFixture[]): string {
  return JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title,
    home_page_url: `${base}/`,
    items: items.map((i) => ({ id: i.id, url: `${base}${i.path}`, title: i.title, date_published: `${i.published}T08:00:00Z` })),
  });
}

export interface NewsServer {
  base: string;
  /** Routes: path → handler (replace or add during a test). */
  routes: Map<string, http.RequestListener>;
  /** Requests by path, and how many were conditional (If-None-Match / If-Modified-Since). */
  hits: Map<string, number>;
  conditional: Map<string, number>;
  /** Serve an article page. */
  article(a: FixtureArticle): void;
  /** Serve a feed document of the given kind whose items can change between requests, with an ETag. */
  feed(at: string, kind: 'rss' | 'atom' | 'json', title: string, items: () => FeedEntryFixture[]): void;
  close(): Promise<void>;
}

export async function startNewsServer(port = 0): Promise<NewsServer> {
  const routes = new Map<string, http.RequestListener>();
  const hits = new Map<string, number>();
  const conditional = new Map<string, number>();
  const open = new Set<http.ServerResponse>();
  const server = http.createServer((req, res) => {
    const p = new URL(req.url ?? '/', 'http://x').pathname;
    hits.set(p, (hits.get(p) ?? 0) + 1);
    if (req.headers['if-none-match'] || req.headers['if-modified-since']) conditional.set(p, (conditional.get(p) ?? 0) + 1);
    open.add(res);
    res.on('close', () => open.delete(res));
    const route = routes.get(p);
    if (route) return void route(req, res);
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  });
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const s: NewsServer = {
    base,
    routes,
    hits,
    conditional,
    article(a) {
      routes.set(a.path, (_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(pageHtml(a, base)));
    },
    feed(at, kind, title, items) {
      routes.set(at, (req, res) => {
        const body = kind === 'rss' ? rss(title, base, items()) : kind === 'atom' ? atom(title, base, items()) : jsonFeed(title, base, items());
        const etag = `"${Buffer.from(body).length.toString(16)}-${items().length}"`;
        if (req.headers['if-none-match'] === etag) return void res.writeHead(304, { etag }).end();
        const type = kind === 'rss' ? 'application/rss+xml' : kind === 'atom' ? 'application/atom+xml' : 'application/feed+json';
        res.writeHead(200, { 'content-type': `${type}; charset=utf-8`, etag }).end(body);
      });
    },
    async close() {
      for (const r of open) r.destroy();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
  // The ways a site goes wrong.
  routes.set('/broken.xml', (_q, res) =>
    res.writeHead(200, { 'content-type': 'application/rss+xml' }).end('<?xml version="1.0"?><rss version="2.0"><channel><title>Broken</title><item><title>no end'),
  );
  routes.set('/huge.xml', (_q, res) => {
    res.writeHead(200, { 'content-type': 'application/rss+xml' });
    const chunk = Buffer.alloc(1024 * 1024, 'a');
    let sent = 0;
    const more = () => {
      while (sent < 50 && res.write(chunk)) sent++;
      if (sent >= 50) res.end();
      else res.once('drain', more);
    };
    res.on('error', () => undefined);
    more();
  });
  routes.set('/hang.xml', (_q, res) => {
    res.writeHead(200, { 'content-type': 'application/rss+xml' });
    res.write('<?xml version="1.0"?><rss version="2.0"><channel>');
    // …and never another byte.
  });
  routes.set('/loop-a', (_q, res) => res.writeHead(302, { location: '/loop-b' }).end());
  routes.set('/loop-b', (_q, res) => res.writeHead(302, { location: '/loop-a' }).end());
  routes.set('/error.xml', (_q, res) => res.writeHead(500, { 'content-type': 'text/plain' }).end('server error'));
  routes.set('/busy.xml', (_q, res) => res.writeHead(429, { 'retry-after': '7200', 'content-type': 'text/plain' }).end('slow down'));
  routes.set('/paper.pdf', (_q, res) => res.writeHead(200, { 'content-type': 'application/pdf' }).end('%PDF-1.4 not a web page'));
  return s;
}

/**
 * `npm run news-fixture [-- --port 8088]`: serves every fixture article (test/data/feeds) behind an
 * RSS feed, an Atom feed and a JSON Feed, until stopped; prints how to point the bot at them.
 */
export async function main(): Promise<void> {
  const { values } = parseArgs({ options: { port: { type: 'string' } } });
  const s = await startNewsServer(values.port ? Number(values.port) : 0);
  const entries: FeedEntryFixture[] = [];
  for (const kind of ['relevant', 'irrelevant']) {
    for (const f of readdirSync(path.join(FIXTURES, kind)).filter((n) => n.endsWith('.txt'))) {
      const name = f.replace(/\.txt$/, '');
      const a = fixtureArticle(`${kind}/${name}`, `/${kind === 'relevant' ? 'news' : 'more'}/${name}`);
      s.article(a);
      entries.push({ id: `urn:fixture:${name}`, path: a.path, title: a.title, published: a.published });
    }
  }
  s.feed('/rss.xml', 'rss', 'Fixture Wire', () => entries.slice(0, 3));
  s.feed('/atom.xml', 'atom', 'Fixture Atom', () => entries.slice(3, 6));
  s.feed('/feed.json', 'json', 'Fixture JSON', () => entries.slice(6));
  const feeds = ['rss.xml', 'atom.xml', 'feed.json'].map((f) => `${s.base}/${f}`).join(',');
  process.stdout.write(
    `Serving ${entries.length} fixture articles at ${s.base} (Ctrl-C stops). In another terminal:\n\n  FEEDS=${feeds} FEEDS_ALLOW_PRIVATE=1 npm start\n\nthen type "digest" (the articles taken in this week are listed as new), or ask about them.\n`,
  );
  await new Promise<void>((resolve) => process.once('SIGINT', () => resolve()));
  await s.close();
}
