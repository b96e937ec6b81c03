import { oneDies, together } from '../../scripts/load-check';

const URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

describe('the load check (npm run load-check), small', () => {
  it('two instances on one database post every channel once, also when one dies mid-slot', async () => {
    const a = await together(URL, 60, 6, 1);
    expect(a.posts.get(1)).toBe(60);
    expect(a.byInstance.reduce((x, y) => x + y, 0)).toBe(60);
    const b = await oneDies(URL, 60, 6, 1, 6);
    expect(b.posts.get(1)).toBe(60);
    expect(b.leftToLease).toBeGreaterThan(0);
  }, 60_000);
});
