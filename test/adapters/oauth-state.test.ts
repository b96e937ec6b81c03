import { OneTimeStateStore, STATE_TTL_MS } from '../../adapters/slack/oauth-state';
import { RecentIds } from '../../adapters/slack';

const log = () => {
  const ids = new RecentIds();
  return { first: async (id: string) => ids.first(id) };
};

describe('the OAuth state: signed, fresh, good once', () => {
  const now = new Date('2026-12-07T10:00:00Z');
  const options = { scopes: ['commands'] };

  it('verifies once, on any instance that shares the secret and the log', async () => {
    const shared = log();
    const a = new OneTimeStateStore('state-secret', shared);
    const b = new OneTimeStateStore('state-secret', shared);
    const state = await a.generateStateParam(options, now);
    await expect(b.verifyStateParam(now, state)).resolves.toEqual(options);
    await expect(a.verifyStateParam(now, state)).rejects.toMatchObject({ code: 'slack_oauth_invalid_state', message: 'the state was used already' });
  });

  it('refuses a state signed with another secret, changed, or too old', async () => {
    const store = new OneTimeStateStore('state-secret', log());
    const state = await store.generateStateParam(options, now);
    await expect(new OneTimeStateStore('other-secret', log()).verifyStateParam(now, state)).rejects.toThrow(/not signed/);
    const [payload, mac] = state.split('.');
    await expect(store.verifyStateParam(now, `${payload}x.${mac}`)).rejects.toThrow(/not signed/);
    await expect(store.verifyStateParam(now, 'garbage')).rejects.toThrow(/not signed/);
    await expect(store.verifyStateParam(new Date(now.getTime() + STATE_TTL_MS + 1), state)).rejects.toThrow(/expired/);
  });
});
