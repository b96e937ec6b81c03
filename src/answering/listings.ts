/** The listings of a corpus: its articles (oldest first, with how many sentences each gave) and its people (with roles and sources). */
import type { Citation } from '../types';
import type { CorpusView } from './view';

export interface SourceInfo extends Citation {
  sentences: number;
}

export interface PersonInfo {
  name: string;
  variants: string[];
  roles: { role: string; source: Citation }[];
  sources: Citation[];
}

export function sourceList(view: CorpusView): SourceInfo[] {
  return [...view.corpus.articles]
    .sort((a, b) => a.published.iso.localeCompare(b.published.iso))
    .map((a) => {
      const [start, end] = view.range(a.id);
      return { ...view.citation(a.id), sentences: end - start };
    });
}

export function peopleList(view: CorpusView): PersonInfo[] {
  return view.corpus.people.map((p) => ({
    name: p.name,
    variants: p.variants,
    roles: p.roles.map((r) => ({ role: r.role, source: view.citation(r.articleId) })),
    sources: p.articleIds.map((id) => view.citation(id)),
  }));
}
