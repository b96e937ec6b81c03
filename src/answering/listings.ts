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

/**
 * The names of the corpus's people mentioned in the most sentences (most first, then by name), at
 * most `count`: names of two words or more, as a person's name is written in full ("Barack Obama";
 * a one-word "name" is more often a role read as one).
 */
export function mostMentioned(view: CorpusView, count: number): string[] {
  const { people, sentencePeople } = view.corpus;
  const mentions = new Array<number>(people.length).fill(0);
  for (const list of sentencePeople) for (const i of list) mentions[i]++;
  return people
    .map((p, i) => ({ name: p.name, n: mentions[i] }))
    .filter((p) => p.n > 0 && /\S\s+\S/.test(p.name))
    .sort((a, b) => b.n - a.n || a.name.localeCompare(b.name))
    .slice(0, count)
    .map((p) => p.name);
}
