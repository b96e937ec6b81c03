/**
 * One fetched page read as a candidate article: its article extracted
 * (extract.ts) and analysed as the corpus analyses its own, so that its
 * relevance can be judged. Pure work on text, run in the page worker
 * (page-worker.ts) so that a hostile page stalls no answer.
 */
import { analyseArticle } from '../corpus/corpus';
import { parsePartialDate } from '../language/dates';
import { extractArticle, type PageArticle } from './extract';

/** What the feed item says of its page. */
export interface ItemFacts {
  title?: string;
  published?: string;
  /** The feed's title: the publisher when the page names none. */
  feedTitle: string;
}

export interface PageRead {
  article: PageArticle;
  title: string;
  publisher: string;
  /** ISO day. */
  published: string;
  /** The search terms of its sentences, as the corpus makes them (what relevance is judged on). */
  terms: string[];
}

/** Characters of article text analysed from one page; a longer article is cut there. */
export const MAX_ARTICLE_CHARS = 200_000;

/** Read a page's article, or undefined when it holds none. `today`: the date given an article its page and item do not date. */
export async function readPage(html: string, url: string, item: ItemFacts, today: string): Promise<PageRead | undefined> {
  const extracted = await extractArticle(html, url);
  if (!extracted) return undefined;
  let chars = 0;
  const paragraphs = extracted.paragraphs.filter((p) => (chars += p.length) <= MAX_ARTICLE_CHARS);
  if (!paragraphs.length) paragraphs.push(extracted.paragraphs[0].slice(0, MAX_ARTICLE_CHARS));
  const article = { ...extracted, paragraphs };
  const canonical = article.canonical ?? url;
  const title = item.title ?? article.title ?? canonical;
  const publisher = article.siteName ?? item.feedTitle;
  const date = article.published ?? item.published;
  const published = (date && parsePartialDate(date.slice(0, 10))?.iso) ?? today;
  // Judged by the same analysis the corpus gives its articles.
  const part = analyseArticle({ id: 'candidate', file: 'candidate.txt', title, publisher, published: { iso: published, precision: 'day' }, body: paragraphs.join('\n\n') });
  return { article, title, publisher, published, terms: part.sentences.flatMap((s) => s.terms) };
}
