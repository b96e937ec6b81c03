import type { EvalReport } from '../../scripts/eval';
import { KNOBS, main, objective } from '../../scripts/tune';
import { DEFAULT_BRIEFING_OPTIONS } from '../../src/answering/briefing';

describe('npm run tune', () => {
  it("searches the ranking's weights, each over more than one value, one weight at a time", () => {
    const names = KNOBS.map((k) => k.name);
    expect(names).toEqual(expect.arrayContaining(['titleWeight', 'neighbourWeight', 'anaphorWeight', 'passageMix', 'k1', 'b']));
    for (const k of KNOBS) expect(k.values.length).toBeGreaterThan(1);
    // Setting a weight changes only that weight.
    const title = KNOBS.find((k) => k.name === 'titleWeight')!;
    const set = title.set(DEFAULT_BRIEFING_OPTIONS, 0.2);
    expect(title.get(set)).toBe(0.2);
    expect(set.rank.neighbourWeight).toBe(DEFAULT_BRIEFING_OPTIONS.rank.neighbourWeight);
  });

  it('--only with a weight it does not have is one line naming the weights it has, and exit code 2', async () => {
    const argv = process.argv;
    const errors: string[] = [];
    const spy = jest.spyOn(console, 'error').mockImplementation((m: string) => void errors.push(m));
    try {
      process.argv = ['node', 'tune', '--only', 'titleWeight,nosuchWeight'];
      await main();
      expect(process.exitCode).toBe(2);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatch(/no weight named nosuchWeight \(weights: .*titleWeight/);
    } finally {
      process.argv = argv;
      process.exitCode = undefined;
      spy.mockRestore();
    }
  });

  describe('the objective', () => {
    const report = (r: Partial<EvalReport>): EvalReport => ({
      file: 'x',
      answerable: 100,
      top1: 80,
      recall3: 90,
      refusedAnswerable: 0,
      refusable: 200,
      refused: 200,
      failures: [],
      medianMs: 0,
      p99Ms: 0,
      ...r,
    });
    const base = { dev: report({}), nd: report({}), ndOnAgreement: report({ answerable: 0 }), devOnNd: report({ answerable: 0 }) };

    it('weighs top-1, recall@3 and refusals: all right on every set is 1', () => {
      const perfect = report({ top1: 100, recall3: 100 });
      expect(objective({ ...base, dev: perfect, nd: perfect })).toBeCloseTo(1);
      expect(objective(base)).toBeCloseTo(0.5 * 0.8 + 0.25 * 0.9 + 0.25);
    });

    it('pays for answerable notre-dame questions refused', () => {
      expect(objective({ ...base, nd: report({ refusedAnswerable: 10 }) })).toBeCloseTo(objective(base) - 0.05);
    });

    it('pays beyond the refusal term for each point the agreement falls short of refusing 99.5% of notre-dame', () => {
      const at = (refused: number) => objective({ ...base, ndOnAgreement: report({ answerable: 0, refused }) });
      // 199/200 = 99.5%: at the target, only the refusal term's share is lost.
      expect(at(199)).toBeCloseTo(objective(base) - (0.25 * (1 / 200)) / 3);
      // 197/200 = 98.5%: one point short costs 2 × 0.01 more.
      expect(at(197)).toBeCloseTo(objective(base) - (0.25 * (3 / 200)) / 3 - 2 * 0.01);
    });
  });
});
