/**
 * Is a fetched article about what the corpus is about? The corpus's topic is
 * the words most of its articles share: each search term weighs the square of
 * the share of articles that use it, so words nearly every article uses
 * ("China", "cyber", "agreement" here) carry the topic and words of one article
 * count for little. An article's relevance is the share of that weight its
 * own terms cover (0–1). Only the opening of each article counts, its first
 * LEDE_TERMS search terms (news puts what a story is about first): a long
 * article covers more words by its length alone. Nothing in it is specific
 * to one corpus: the profile
 * is read off whatever corpus is loaded. `npm run relevance` measures where
 * relevant and irrelevant articles fall (docs/operations.md, "News feeds").
 */
import type { Corpus } from '../corpus/corpus';
import { escapeRegExp } from '../language/text';

export interface TopicProfile {
  /** Each term's weight: (share of the corpus's articles that use it)². */
  weights: Map<string, number>;
  total: number;
  /**
   * How relevant the corpus's own articles are, each scored against the others (the median): a
   * corpus of one story scores higher than one of a broad subject, so a fetched article is judged
   * against this, not against a fixed number. 0 with fewer than three articles.
   */
  typical: number;
}

/**
 * Relative relevance (an article's relevance over the corpus's typical one) below which a fetched
 * article is not kept (FEEDS_MIN_RELEVANCE); chosen with `npm run relevance`.
 */
export const DEFAULT_MIN_RELEVANCE = 0.7;

/** Search terms (in order, repeats counted) read from the start of an article: roughly its title and first 150 words. */
export const LEDE_TERMS = 80;

/** The distinct terms of an article's opening, from its terms in order. */
export function ledeOf(terms: Iterable<string>): Set<string> {
  const out = new Set<string>();
  let n = 0;
  for (const t of terms) {
    if (n++ >= LEDE_TERMS) break;
    out.add(t);
  }
  return out;
}

/** Terms used by fewer than this share of the articles are left out of the profile (they weigh < 1% of a shared term). */
const MIN_SHARE = 0.1;

const profiles = new WeakMap<Corpus, TopicProfile>();

/** The corpus's topic profile (made once per corpus). */
export function topicProfile(corpus: Corpus): TopicProfile {
  let p = profiles.get(corpus);
  if (p) return p;
  const articles = new Map<string, string[]>();
  for (const s of corpus.sentences) {
    let terms = articles.get(s.articleId);
    if (!terms) articles.set(s.articleId, (terms = []));
    if (terms.length < LEDE_TERMS) terms.push(...s.terms);
  }
  p = profileOf([...articles.values()].map(ledeOf));
  profiles.set(corpus, p);
  return p;
}

/** A profile from each article's set of terms (its opening's: ledeOf). */
export function profileOf(articles: readonly ReadonlySet<string>[]): TopicProfile {
  const counts = new Map<string, number>();
  for (const terms of articles) for (const t of terms) counts.set(t, (counts.get(t) ?? 0) + 1);
  const weight = (n: number, of: number) => {
    const share = n / Math.max(1, of);
    // A term of a single article says nothing about what the corpus shares.
    return share < MIN_SHARE || n < 2 ? 0 : share * share;
  };
  const weights = new Map<string, number>();
  let total = 0;
  for (const [t, n] of counts) {
    const w = weight(n, articles.length);
    if (!w) continue;
    weights.set(t, w);
    total += w;
  }
  // Each article against the others: the counts without it, for its own terms and for the total.
  const loo: number[] = [];
  if (articles.length >= 3) {
    const N = articles.length - 1;
    let totalWithout = 0;
    for (const n of counts.values()) totalWithout += weight(n, N);
    for (const terms of articles) {
      let covered = 0;
      let total = totalWithout;
      for (const t of terms) {
        const n = counts.get(t)!;
        total += weight(n - 1, N) - weight(n, N);
        covered += weight(n - 1, N);
      }
      loo.push(total > 0 ? covered / total : 0);
    }
  }
  loo.sort((a, b) => a - b);
  return { weights, total, typical: loo.length ? loo[loo.length >> 1] : 0 };
}

/** The share (0–1) of the profile's weight that an article's opening covers, given its terms in order. */
export function relevance(profile: TopicProfile, terms: Iterable<string>): number {
  if (!profile.total) return 0;
  let covered = 0;
  for (const t of ledeOf(terms)) covered += profile.weights.get(t) ?? 0;
  return covered / profile.total;
}

/**
 * An article's relevance over the corpus's typical relevance (about 1 for an article like the
 * corpus's own; compare with FEEDS_MIN_RELEVANCE). Infinity when the corpus is too small to say
 * (fewer than three articles): then every article is kept.
 */
export function relativeRelevance(profile: TopicProfile, terms: Iterable<string>): number {
  return profile.typical > 0 ? relevance(profile, terms) / profile.typical : Infinity;
}

/** Does the text mention one of the topic keywords (FEEDS_TOPIC; whole words or phrases, any case)? True when none are set. */
export function mentionsTopic(text: string, keywords: readonly string[]): boolean {
  if (!keywords.length) return true;
  const lower = text.toLowerCase();
  return keywords.some((k) => new RegExp(`(?:^|[^\\p{L}\\p{N}])${escapeRegExp(k.toLowerCase())}(?:$|[^\\p{L}\\p{N}])`, 'u').test(lower));
}
