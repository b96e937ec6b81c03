/**
 * The OAuth flow's `state`: signed with SLACK_STATE_SECRET (any instance can
 * check it, whichever served /slack/install), ten minutes old at most, and
 * good once: the first redirect that brings it back uses it up (in the shared
 * event log when several instances serve one app), so a replayed redirect
 * installs nothing.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { InstallURLOptions, StateStore } from '@slack/bolt';
import type { EventLog } from '../../src/state/store';

/** How long a state is good for: the time to approve the app in Slack. */
export const STATE_TTL_MS = 10 * 60_000;

export class OneTimeStateStore implements StateStore {
  constructor(
    private readonly secret: string,
    private readonly used: EventLog,
  ) {}

  private sign(payload: string): string {
    return createHmac('sha256', this.secret).update(payload).digest('base64url');
  }

  async generateStateParam(installOptions: InstallURLOptions, now: Date): Promise<string> {
    const payload = Buffer.from(JSON.stringify({ o: installOptions, t: now.getTime(), r: randomBytes(16).toString('base64url') })).toString('base64url');
    return `${payload}.${this.sign(payload)}`;
  }

  async verifyStateParam(now: Date, state: string): Promise<InstallURLOptions> {
    const [payload, mac] = state.split('.');
    const expected = payload ? this.sign(payload) : '';
    if (!payload || !mac || mac.length !== expected.length || !timingSafeEqual(Buffer.from(mac), Buffer.from(expected))) throw invalid('the state is not signed by this app');
    let data: { o?: InstallURLOptions; t?: number; r?: string };
    try {
      data = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as typeof data;
    } catch {
      throw invalid('the state cannot be read');
    }
    if (typeof data.t !== 'number' || typeof data.r !== 'string' || !data.o) throw invalid('the state cannot be read');
    if (now.getTime() - data.t > STATE_TTL_MS || data.t - now.getTime() > 60_000) throw invalid('the state has expired');
    if (!(await this.used.first(`oauth-state:${data.r}`))) throw invalid('the state was used already');
    return data.o;
  }
}

/** The error the OAuth library answers an invalid state with (its code makes it a 400, not a 500). */
function invalid(message: string): Error {
  return Object.assign(new Error(message), { code: 'slack_oauth_invalid_state' });
}
