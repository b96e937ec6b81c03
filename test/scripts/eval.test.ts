import path from 'node:path';
import { asOutOfDomain, defaultSets, evaluate, passes, rankCounts, readQuestions } from '../../scripts/eval';
import { Briefing } from '../../src/answering/briefing';
import { buildCorpus } from '../../src/corpus/corpus';
import { parseSeeds, readSeedDir } from '../../src/corpus/seeds';
import { ROOT, seedBriefing, seedFile } from '../helpers';
import { readGold, scoreEvents } from '../../scripts/event-score';
import { eventsOfCorpus } from '../../src/events/events';

const set = (name: string) => path.join(ROOT, 'test/data', name);
const ND = set('general/notre-dame');
const SB = set('general/super-bowl-50');

const briefings = new Map<string, Promise<Briefing>>();
function generalBriefing(dir: string): Promise<Briefing> {
  let b = briefings.get(dir);
  if (!b) {
    b = readSeedDir(path.join(dir, 'seeds')).then(({ files }) => Briefing.fromCorpus(buildCorpus(parseSeeds(files).articles)));
    briefings.set(dir, b);
  }
  return b;
}
const notreDame = () => generalBriefing(ND);

describe("the eval script's scoring", () => {
  it('folds case, curly quotes, dashes and spaces', () => {
    expect(passes('The U.S.  and China’s “deal” – signed', ['china\'s "deal" - signed'])).toBe(true);
    expect(passes('Something else', ['hotline'])).toBe(false);
  });

  it('with `within`, the answer must come from that passage', () => {
    const within = 'First sentence here. The hotline opened in 2015. Last one.';
    expect(passes('The hotline opened in 2015.', ['2015'], within)).toBe(true);
    expect(passes('Another hotline opened in 2015.', ['2015'], within)).toBe(false);
  });
});

describe('where the ranker puts the right sentence (--ranks)', () => {
  it('counts answerable questions by the rank of the first sentence that passes, among the first 50', () => {
    const body = 'The harbour bridge opened in 1932. The bridge carries eight lanes of traffic. Ferries cross the harbour every hour. A tunnel opened beside it in 1992.';
    const b = Briefing.fromCorpus(buildCorpus(parseSeeds([{ file: 'a.txt', content: seedFile('Harbour', body) }]).articles));
    const counts = rankCounts(b, [
      { id: '1', q: 'when did the harbour bridge open', expect: ['1932'] },
      { id: '2', q: 'how many lanes does the bridge carry', expect: ['eight lanes'] },
      // Right text, but from another passage than `within`: not found.
      { id: '3', q: 'how many lanes does the bridge carry', expect: ['eight lanes'], within: 'Another article altogether.' },
      { id: '4', q: 'is anything refused', expect: null },
    ]);
    expect(counts).toEqual([2, 0, 0, 0, 1]);
    expect(rankCounts(b, [{ id: '4', q: 'is anything refused', expect: null }])).toBeUndefined();
  });
});

// Regression guards at the figures measured after the verb and anaphor weights (blind4
// lowered a question for the title weight; docs/decisions.md): they catch a change that
// makes answers worse, they are not the targets (those are in the issues; the figures in
// docs/answers.md).
describe('answer quality (regression guard)', () => {
  it.each([
    ['questions.dev.jsonl', 0.95, 1],
    ['questions.paraphrase.jsonl', 0.95, 1],
    ['questions.blind1.jsonl', 0.9, 1],
    ['questions.blind2.jsonl', 0.93, 1],
    ['questions.blind3.jsonl', 0.81, 1],
    ['questions.blind4.jsonl', 0.84, 1],
    ['questions.chat.jsonl', 0.87, 1],
  ])('%s: top-1 ≥ %p, refusals ≥ %p', async (name, floor, refusals) => {
    const r = evaluate(await seedBriefing(), name, readQuestions(set(name)), { rounds: 0 });
    expect(r.top1 / r.answerable).toBeGreaterThanOrEqual(floor);
    expect(r.refused / r.refusable).toBeGreaterThanOrEqual(refusals);
  });

  it('notre-dame (general text): top-1 ≥ 80%, recall@3 ≥ 93%, at most 1% of it refused', async () => {
    const r = evaluate(await notreDame(), 'notre-dame', readQuestions(path.join(ND, 'questions.jsonl')), { rounds: 0 });
    expect(r.top1 / r.answerable).toBeGreaterThanOrEqual(0.8);
    expect(r.recall3 / r.answerable).toBeGreaterThanOrEqual(0.93);
    expect(r.refusedAnswerable / r.answerable).toBeLessThanOrEqual(0.01);
  });

  it('notre-dame questions asked of the agreement articles are refused (≥ 99.5%)', async () => {
    const r = evaluate(await seedBriefing(), 'nd→agreement', asOutOfDomain(readQuestions(path.join(ND, 'questions.jsonl'))), { rounds: 0 });
    expect(r.refused / r.refusable).toBeGreaterThanOrEqual(0.995);
  });

  // Held out from tuning (test/data/general/README.md): first measured at 62.0% / 79.9% / 1.2%; guarded at today's.
  it('super-bowl-50 (general text, not tuned on): top-1 ≥ 66.5%, recall@3 ≥ 83%, at most 1% of it refused', async () => {
    const r = evaluate(await generalBriefing(SB), 'super-bowl-50', readQuestions(path.join(SB, 'questions.jsonl')), { rounds: 0 });
    expect(r.top1 / r.answerable).toBeGreaterThanOrEqual(0.665);
    expect(r.recall3 / r.answerable).toBeGreaterThanOrEqual(0.83);
    expect(r.refusedAnswerable / r.answerable).toBeLessThanOrEqual(0.01);
  });

  it('super-bowl-50 questions asked of the agreement articles are refused (≥ 99.5%)', async () => {
    const r = evaluate(await seedBriefing(), 'sb→agreement', asOutOfDomain(readQuestions(path.join(SB, 'questions.jsonl'))), { rounds: 0 });
    expect(r.refused / r.refusable).toBeGreaterThanOrEqual(0.995);
  });

  // The target is 99.5%; guarded at today's figures. The rows gained the 61 event questions
  // (281 questions, was 220): 66.5% and 73.3% with events, 67.3% and 74.7% without (docs/decisions.md).
  it.each([
    ['notre-dame', ND, 0.66],
    ['super-bowl-50', SB, 0.73],
  ])('the agreement questions asked of %s are refused (at least today’s share)', async (name, dir, floor) => {
    // The row `npm run eval` prints for it.
    const row = defaultSets(ROOT, path.join(ROOT, 'seeds')).find((x) => x.name === `agreement asked of ${name} (refuse)`);
    const r = evaluate(await generalBriefing(dir), 'agreement→general', row!.questions, { rounds: 0 });
    expect(r.refused / r.refusable).toBeGreaterThanOrEqual(floor);
  });
});

describe('honest answers (regression guard)', () => {
  it('fragment follow-ups in two-turn conversations are read against the first turn (top-1 ≥ 95%)', async () => {
    const r = evaluate(await seedBriefing(), 'followups', readQuestions(set('questions.followups.jsonl')), { rounds: 0 });
    expect(r.answerable).toBeGreaterThanOrEqual(30);
    expect(r.top1 / r.answerable).toBeGreaterThanOrEqual(0.95);
  });

  it('heavily misspelled questions are answered as the clean ones are (top-1 ≥ 93%)', async () => {
    const r = evaluate(await seedBriefing(), 'typos', readQuestions(set('questions.typos.jsonl')), { rounds: 0 });
    expect(r.answerable).toBeGreaterThanOrEqual(40);
    expect(r.top1 / r.answerable).toBeGreaterThanOrEqual(0.93);
  });

  it('every question naming a person, place or year the articles never mention is refused', async () => {
    const r = evaluate(await seedBriefing(), 'missing-names', readQuestions(set('questions.missing-names.jsonl')), { rounds: 0 });
    expect(r.refusable).toBeGreaterThanOrEqual(40);
    expect(r.refused).toBe(r.refusable);
  });
});

describe('briefings on a story nobody tuned the bot for (regression guard)', () => {
  it('the seeds event questions: top-1 ≥ 78%', async () => {
    const r = evaluate(await seedBriefing(), 'events', readQuestions(set('questions.events.jsonl')), { rounds: 0 });
    expect(r.top1 / r.answerable).toBeGreaterThanOrEqual(0.78);
  });

  const COFFEE = set('news/coffee-quotas');
  it('the coffee quota talks: questions top-1 ≥ 52%', async () => {
    const r = evaluate(await generalBriefing(COFFEE), 'coffee-quotas', readQuestions(path.join(COFFEE, 'questions.jsonl')), { rounds: 0 });
    expect(r.top1 / r.answerable).toBeGreaterThanOrEqual(0.52);
  });

  it.each([
    ['seeds', path.join(ROOT, 'seeds'), set('events.json'), 1, 1, 0],
    ['coffee-quotas', path.join(COFFEE, 'seeds'), path.join(COFFEE, 'events.json'), 0.75, 0.55, 7],
  ])('%s: the timeline finds its gold events (at least today’s recall and precision, at most today’s duplicates), never a fragment', async (_name, seeds, gold, recall, precision, duplicates) => {
    const b = seeds.endsWith(path.join('coffee-quotas', 'seeds')) ? await generalBriefing(path.dirname(seeds)) : await seedBriefing();
    const s = scoreEvents(
      eventsOfCorpus(b.corpus).events.filter((e) => e.milestone),
      readGold(gold),
    );
    expect(s.found / s.gold).toBeGreaterThanOrEqual(recall);
    expect(s.matchedLines / s.lines).toBeGreaterThanOrEqual(precision);
    expect(s.duplicates).toBeLessThanOrEqual(duplicates);
    expect(s.fragments).toBe(0);
  });
});

describe('questions that must be refused out of their domain', () => {
  it('are the answerable ones, less small talk, summaries and the latest news, which any corpus answers', () => {
    const out = asOutOfDomain([
      { id: 'a', q: 'who attended', expect: ['x'] },
      { id: 'b', q: 'give me a summary', expect: ['x'] },
      { id: 'c', q: "what's new?", expect: ['x'] },
      { id: 'd', q: 'thanks!', expect: null },
    ]);
    expect(out).toEqual([{ id: 'a', q: 'who attended', expect: null }]);
  });
});
