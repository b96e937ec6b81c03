import path from 'node:path';
import { evaluate, passes, readQuestions } from '../scripts/eval';
import { ROOT, seedBriefing } from './helpers';

const set = (name: string) => path.join(ROOT, 'test/data', name);

describe('answer quality (the eval script\'s scoring, as a regression guard)', () => {
  it('scores by the eval rules: case, curly quotes, dashes and spaces folded', () => {
    expect(passes('The U.S.  and China’s “deal” – signed', ["china's \"deal\" - signed"])).toBe(true);
    expect(passes('Something else', ['hotline'])).toBe(false);
  });

  it.each(['questions.dev.jsonl', 'questions.paraphrase.jsonl'])('%s: top-1 ≥ 95%%, recall@3 100%%, every out-of-scope question refused', async (name) => {
    const r = evaluate(await seedBriefing(), name, readQuestions(set(name)));
    expect(r.top1 / r.answerable).toBeGreaterThanOrEqual(0.95);
    expect(r.recall3).toBe(r.answerable);
    expect(r.refused).toBe(r.refusable);
  });

  it.each([
    ['questions.blind1.jsonl', 0.9],
    ['questions.blind2.jsonl', 0.9],
    ['questions.blind3.jsonl', 0.85],
    ['questions.blind4.jsonl', 0.85],
  ])('%s: every out-of-scope question refused, top-1 ≥ %p', async (name, floor) => {
    const r = evaluate(await seedBriefing(), name, readQuestions(set(name)));
    expect(r.refused).toBe(r.refusable);
    expect(r.top1 / r.answerable).toBeGreaterThanOrEqual(floor);
  });
});
