/**
 * A corpus with the lookups every part of answering needs: articles by id,
 * each article's sentences as a range (they are contiguous), and citations.
 * Built once per corpus.
 */
import { citationOf, type Corpus } from '../corpus/corpus';
import { roleIn } from '../corpus/people';
import type { Article, Citation, Person } from '../types';
import type { PersonRef } from './answer';

export class CorpusView {
  private readonly byId: Map<string, Article>;
  private readonly ranges = new Map<string, [number, number]>();

  constructor(readonly corpus: Corpus) {
    this.byId = new Map(corpus.articles.map((a) => [a.id, a]));
    corpus.sentences.forEach((s, i) => {
      const r = this.ranges.get(s.articleId);
      if (r) r[1] = i + 1;
      else this.ranges.set(s.articleId, [i, i + 1]);
    });
  }

  article(id: string): Article | undefined {
    return this.byId.get(id);
  }

  /** An article's citation (its id must be the corpus's). */
  citation(id: string): Citation {
    return citationOf(this.byId.get(id)!);
  }

  /** The [start, end) indexes of an article's sentences. */
  range(articleId: string): [number, number] {
    return this.ranges.get(articleId) ?? [0, 0];
  }

  /** A person as an answer names them: with the role the article gives, if any. */
  personRef(p: Person, articleId?: string): PersonRef {
    const role = roleIn(p, articleId);
    return role ? { name: p.name, role } : { name: p.name };
  }
}
