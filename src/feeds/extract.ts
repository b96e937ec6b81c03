/**
 * A web page's article: its main text found by Mozilla's Readability (the
 * Firefox reader view) on a jsdom document (no scripts run, nothing else loaded), without the page's navigation,
 * banners, related links and comments; and what the page's metadata says of
 * it (canonical address, site name, publication date).
 */
import type { JSDOM } from 'jsdom';
import { webAddress } from '../corpus/seeds';

export interface PageArticle {
  title?: string;
  /** The article's paragraphs, as plain text. */
  paragraphs: string[];
  /** The page's own address for itself (link rel=canonical, og:url), when it gives one. */
  canonical?: string;
  /** The site's name (og:site_name, application-name). */
  siteName?: string;
  /** ISO date or date-time the page says the article was published. */
  published?: string;
}

/** Paragraphs kept from one page; longer articles are cut there. */
export const MAX_PARAGRAPHS = 400;

type Doc = JSDOM['window']['document'];

const meta = (doc: Doc, selectors: string[]): string | undefined => {
  for (const s of selectors) {
    const v = doc.querySelector(s)?.getAttribute('content') ?? doc.querySelector(s)?.getAttribute('href');
    if (v?.trim()) return v.trim();
  }
  return undefined;
};

const clean = (s: string) => s.replace(/\s+/g, ' ').trim();

/**
 * Read a page's article; undefined when Readability finds no article text in it. The DOM and
 * Readability are loaded at the first page (a bot that reads no feeds never loads them).
 */
export async function extractArticle(html: string, pageUrl: string): Promise<PageArticle | undefined> {
  const [{ JSDOM }, { Readability }] = await Promise.all([import('jsdom'), import('@mozilla/readability')]);
  const dom = new JSDOM(html, { url: pageUrl });
  try {
    return read(dom.window.document, pageUrl, Readability);
  } finally {
    dom.window.close();
  }
}

function read(doc: Doc, pageUrl: string, Readability: typeof import('@mozilla/readability').Readability): PageArticle | undefined {
  const canonicalRaw = meta(doc, ['link[rel="canonical"]', 'meta[property="og:url"]']);
  const canonical = canonicalRaw ? resolveUrl(canonicalRaw, pageUrl) : undefined;
  const siteName = meta(doc, ['meta[property="og:site_name"]', 'meta[name="application-name"]', 'meta[name="publisher"]']);
  const publishedMeta =
    meta(doc, ['meta[property="article:published_time"]', 'meta[name="date"]', 'meta[name="pubdate"]', 'meta[itemprop="datePublished"]', 'time[datetime]']) ??
    doc.querySelector('time[datetime]')?.getAttribute('datetime') ??
    undefined;
  const parsed = new Readability(doc, { charThreshold: 200 }).parse();
  if (!parsed?.content) return undefined;
  const body = doc.createElement('div');
  body.innerHTML = parsed.content;
  const paragraphs: string[] = [];
  for (const el of body.querySelectorAll('p, h2, h3, h4, li, blockquote, pre')) {
    // A block inside another block that is kept is read with it.
    if (el.parentElement?.closest('p, li, blockquote, pre')) continue;
    const text = clean(el.textContent ?? '');
    if (text) paragraphs.push(text);
    if (paragraphs.length >= MAX_PARAGRAPHS) break;
  }
  if (!paragraphs.length && parsed.textContent?.trim())
    paragraphs.push(
      ...parsed.textContent
        .split(/\n\s*\n/)
        .map(clean)
        .filter(Boolean)
        .slice(0, MAX_PARAGRAPHS),
    );
  if (!paragraphs.length) return undefined;
  const published = [publishedMeta, parsed.publishedTime ?? undefined].find((d) => d && !Number.isNaN(Date.parse(d)));
  return {
    title: parsed.title ? clean(parsed.title) : undefined,
    paragraphs,
    canonical,
    siteName: siteName ? clean(siteName) : parsed.siteName ? clean(parsed.siteName) : undefined,
    published: published ? new Date(published).toISOString() : undefined,
  };
}

function resolveUrl(link: string, base: string): string | undefined {
  try {
    return webAddress(new URL(link, base).href);
  } catch {
    return undefined;
  }
}
