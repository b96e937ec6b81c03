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

  it.each(['questions.blind1.jsonl', 'questions.blind2.jsonl'])('%s: every out-of-scope question refused, top-1 ≥ 90%%', async (name) => {
    const r = evaluate(await seedBriefing(), name, readQuestions(set(name)));
    expect(r.refused).toBe(r.refusable);
    expect(r.top1 / r.answerable).toBeGreaterThanOrEqual(0.9);
  });
});
