import { KNOBS, main } from '../../scripts/tune';
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
});
