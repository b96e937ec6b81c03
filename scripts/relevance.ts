/**
 * Where the feed relevance threshold falls: `npm run relevance`.
 *
 * Scores articles against a corpus's topic profile (src/feeds/relevance.ts)
 * and prints each score, the lowest relevant and the highest irrelevant one.
 * Two corpora, so the rule is seen to hold on more than the agreement:
 *  - the agreement (seeds/): relevant are each seed article scored against the
 *    other four (leave one out) and test/data/feeds/relevant; irrelevant are
 *    test/data/feeds/irrelevant and the Notre Dame articles;
 *  - Notre Dame (test/data/general/notre-dame/seeds): relevant are its articles,
 *    each against the others; irrelevant are the agreement's seeds and fixtures.
 */
import path from 'node:path';
import { analyseArticle } from '../src/corpus/corpus';
import { parseSeeds, readSeedDir } from '../src/corpus/seeds';
import { DEFAULT_MIN_RELEVANCE, ledeOf, profileOf, relativeRelevance } from '../src/feeds/relevance';
import { projectRoot } from './root';

const ROOT = projectRoot();

interface Doc {
  name: string;
  terms: string[];
}

async function docs(dir: string): Promise<Doc[]> {
  const { files } = await readSeedDir(dir);
  return parseSeeds(files).articles.map((a) => ({
    name: path.relative(ROOT, path.join(dir, a.file)),
    terms: [a.title, ...analyseArticle(a).sentences.map((s) => s.terms)].flat().filter((t): t is string => typeof t === 'string' && t !== a.title),
  }));
}

function report(title: string, corpus: Doc[], relevant: Doc[], irrelevant: Doc[]): { low: number; high: number } {
  const rows: [string, string, number][] = [];
  corpus.forEach((d, i) => rows.push(['relevant (left out)', d.name, relativeRelevance(profileOf(corpus.filter((_, j) => j !== i).map((x) => ledeOf(x.terms))), d.terms)]));
  const whole = profileOf(corpus.map((d) => ledeOf(d.terms)));
  for (const d of relevant) rows.push(['relevant', d.name, relativeRelevance(whole, d.terms)]);
  for (const d of irrelevant) rows.push(['irrelevant', d.name, relativeRelevance(whole, d.terms)]);
  console.log(`\n## ${title}\n\nTypical relevance of its own articles (median, each against the others): ${whole.typical.toFixed(3)}. Scores below are relative to it.\n`);
  console.log('| kind | article | relevance | kept at ' + DEFAULT_MIN_RELEVANCE + ' |\n|---|---|---|---|');
  for (const [kind, name, score] of rows) console.log(`| ${kind} | ${name} | ${score.toFixed(3)} | ${score >= DEFAULT_MIN_RELEVANCE ? 'yes' : 'no'} |`);
  const low = Math.min(...rows.filter((r) => r[0] !== 'irrelevant').map((r) => r[2]));
  const high = Math.max(...rows.filter((r) => r[0] === 'irrelevant').map((r) => r[2]));
  const wrong = rows.filter((r) => (r[0] === 'irrelevant') === r[2] >= DEFAULT_MIN_RELEVANCE).length;
  console.log(`\nlowest relevant ${low.toFixed(3)}, highest irrelevant ${high.toFixed(3)}; at ${DEFAULT_MIN_RELEVANCE}: ${wrong} of ${rows.length} on the wrong side`);
  return { low, high };
}

export async function main(): Promise<void> {
  const fixtures = path.join(ROOT, 'test/data/feeds');
  const seeds = await docs(path.join(ROOT, 'seeds'));
  const nd = await docs(path.join(ROOT, 'test/data/general/notre-dame/seeds'));
  const rel = await docs(path.join(fixtures, 'relevant'));
  const irr = await docs(path.join(fixtures, 'irrelevant'));
  const a = report('Corpus: the agreement (seeds/)', seeds, rel, [...irr, ...nd]);
  const b = report('Corpus: Notre Dame (test/data/general/notre-dame)', nd, [], [...seeds, ...rel, ...irr]);
  console.log(`\nBoth corpora: lowest relevant ${Math.min(a.low, b.low).toFixed(3)}, highest irrelevant ${Math.max(a.high, b.high).toFixed(3)}`);
}
