import { COMMANDS } from '../../src/chat/commands';
import { Core, type CommandContext } from '../../src/chat/core';
import type { Reply } from '../../src/reply';
import { renderText } from '../../src/chat/render/text';
import { seedBriefing, seedFile } from '../helpers';
import { Briefing } from '../../src/answering/briefing';
import { buildCorpus } from '../../src/corpus/corpus';
import { parseSeeds } from '../../src/corpus/seeds';
import { StoreError, type StateStore } from '../../src/state/store';

const ctx: CommandContext = { channel: { platform: 'console', id: 't' }, canManage: true, invocation: '/cyberpact' };
const run = async (text: string): Promise<Reply> => new Core(await seedBriefing()).handleText(text, ctx);

describe('Core', () => {
  it('answers publicly with citations', async () => {
    const r = await run('who is Max Baucus');
    expect(r.kind).toBe('answer');
    expect(r.visibility).toBe('public');
    const quote = r.blocks.find((b) => b.type === 'quote');
    expect(quote).toMatchObject({ type: 'quote', source: { publisher: 'The Stack' } });
  });

  it('refusals and help are private', async () => {
    expect((await run('what is the weather today')).visibility).toBe('private');
    const help = await run('help');
    expect(help.visibility).toBe('private');
    for (const c of ['sources', 'people', 'timeline', 'digest', 'subscribe', 'unsubscribe', 'subscriptions']) expect(renderText(help)).toContain(`/cyberpact ${c}`);
  });

  it('help says which articles are loaded, in the words a refusal uses', async () => {
    const text = renderText(await run('help'));
    expect(text).toContain('I answer from 5 articles (2013–2016), the newest “China, U.S. making moves to implement cybersecurity agreements” (The Stack).');
    const files = [{ file: 'a.txt', content: seedFile('Harbour bridge opens', 'The harbour bridge opened in 1932 after eight years of work.', '1932-03-19', 'Harbour Herald') }];
    const own = renderText(await new Core(Briefing.fromCorpus(buildCorpus(parseSeeds(files).articles))).handleText('help', ctx));
    expect(own).toContain('I answer from 1 article (1932), the newest “Harbour bridge opens” (Harbour Herald).');
    expect(own).not.toMatch(/US.China/);
  });

  it("help's examples are questions the loaded articles answer", async () => {
    const briefing = await seedBriefing();
    const text = renderText(await new Core(briefing).handleText('help', ctx));
    expect(briefing.examples().length).toBeGreaterThan(1);
    for (const q of briefing.examples()) expect(text).toContain(`/cyberpact ${q}`);
  });

  it('sources lists every article with publisher and date', async () => {
    const text = renderText(await run('sources'));
    for (const p of ['Computer Weekly, Apr 2013', 'CNET, Jun 2015', 'TechWeek Europe, Sep 2015', 'ITProPortal, Dec 2015', 'The Stack, 14 Jun 2016']) expect(text).toContain(p);
  });

  it('who attended: each meeting its people; one whose report names no one says so and quotes it', async () => {
    const text = renderText(await run('who attended'));
    expect(text).toContain('Max Baucus (U.S. ambassador to China), Guo Shengkun (Chinese Minister of Public Security)');
    expect(text).toMatch(/• no one named: “Top-level U\.S\. and Chinese officials were present/);
  });

  it('people lists who is who with roles, merged', async () => {
    const text = renderText(await run('people'));
    expect(text).toContain('Max Baucus — U.S. ambassador to China');
    expect(text).toContain('Xi Jinping (also written Xi Jingping)');
    // A role another of the person's roles holds is said once, the fuller way.
    expect(text).toContain('Barack Obama — US President ·');
    expect(text).toContain('Xi Jinping (also written Xi Jingping) — Chinese President ·');
  });

  it.each([
    ['', /Ask me something about the articles I brief on, e\.g\. "\/cyberpact who is Xi Jinping" — or "\/cyberpact help"/],
    ['     ', /Ask me something/],
    ['x'.repeat(10_000), /too long .*10000 characters/],
    ['\u0001\u0002\u0003', /couldn't find any words to look up in that\. Try "\/cyberpact who is Xi Jinping", or "\/cyberpact help"/],
    ['😀😀', /couldn't find any words/],
    ['<script>alert(1)</script>', /.+/],
  ])('bad input %# gets a clear private reply, not a crash', async (input, msg) => {
    const r = await run(input);
    expect(r.visibility).toBe('private');
    expect(renderText(r)).toMatch(msg);
    expect(renderText(r)).not.toMatch(/at .*\.ts:\d+/);
  });

  it('never echoes a mass mention', async () => {
    for (const q of ['@everyone hotline', '@here what is the weather', 'hotline <!channel>']) {
      const text = JSON.stringify(await run(q));
      expect(text).not.toMatch(/@everyone|@here|<!channel>/);
    }
  });

  it('the digest commands say they are unavailable where no subscriptions are kept (the CLI); the timeline is always there', async () => {
    for (const c of ['subscribe', 'unsubscribe', 'subscriptions']) {
      const r = await run(c);
      expect(r.kind).toBe('error');
      expect(r.summary).toContain(`\`${c}\` is not available in this setup`);
    }
    expect((await run('timeline')).kind).not.toBe('error');
  });
});

describe('internal errors', () => {
  it('reach the operator with an id, and the user only as an apology with that id', async () => {
    const told: { error: unknown; id: string }[] = [];
    const failing = {
      ...COMMANDS.find((c) => c.name === 'timeline')!,
      run: () => {
        throw new Error("EACCES: permission denied, open '/tmp/x/.state.json.15931.2.tmp' xoxb-secret-token");
      },
    };
    const core = new Core(await seedBriefing(), { onError: (error, id) => told.push({ error, id }), commands: COMMANDS.map((c) => (c.name === 'timeline' ? failing : c)) });
    const reply = await core.handleText('timeline', ctx);
    const text = renderText(reply);
    expect(told).toHaveLength(1);
    expect((told[0].error as Error).message).toContain('EACCES');
    expect(told[0].id).toMatch(/^[0-9a-f]{8}$/);
    expect(text).toContain(`error id ${told[0].id}`);
    expect(text).not.toMatch(/EACCES|\/tmp|xoxb|state\.json|at .*\.ts/);
  });
  it('storage that is down: subscribe says it cannot be saved now (questions still work), and the operator is told', async () => {
    const told: unknown[] = [];
    const down = () => Promise.reject(new StoreError('the database failed: connect ECONNREFUSED 10.0.0.5:5432'));
    const store: StateStore = {
      subscriptions: down,
      subscription: down,
      subscribe: down,
      unsubscribe: down,
      unsubscribeWorkspace: down,
      updateSubscription: down,
      feeds: down,
      addFeed: down,
      removeFeed: down,
      claim: down,
      record: down,
      ledger: down,
      ping: down,
      saveInstallation: down,
      installation: down,
      deleteInstallation: down,
      flush: async () => undefined,
      close: async () => undefined,
    };
    const core = new Core(await seedBriefing(), { onError: (e) => told.push(e), digest: { store, clock: () => new Date(), describeSchedule: () => 'weekly' } });
    for (const command of ['subscribe', 'unsubscribe', 'subscriptions']) {
      const text = renderText(await core.handleText(command, ctx));
      expect(text).toContain('cannot be read or saved right now');
      expect(text).toContain('questions still work');
      expect(text).not.toMatch(/ECONNREFUSED|10\.0\.0\.5/);
    }
    expect(told).toHaveLength(3);
    expect((await core.handleText('who attended', ctx)).kind).toBe('answer');
  });
});

describe('everyday messages', () => {
  it.each(['hi', 'Hello there!', 'thanks!', 'what can you do?', 'who are you', 'sup', "what's up?", 'what is this bot'])(
    '"%s" gets a short friendly answer with two example questions, never a quote',
    async (q) => {
      const r = await run(q);
      expect(r.blocks.some((b) => b.type === 'quote')).toBe(false);
      const text = renderText(r);
      expect(text).toMatch(/^(Hi!|You're welcome!)/);
      expect(text.match(/"[^"]+"/g)?.length).toBeGreaterThanOrEqual(2);
    },
  );

  it.each(['give me a summary', 'what is this all about?', 'terms of the deal', 'catch me up', 'key points of the agreement', 'gimme the gist', 'in a nutshell'])(
    '"%s" gets a short briefing: the central event and what was agreed, what followed, what comes next, each cited',
    async (q) => {
      const r = await run(q);
      expect(r.kind).toBe('answer');
      const quotes = r.blocks.filter((b) => b.type === 'quote');
      expect(quotes.length).toBeGreaterThanOrEqual(2);
      const text = renderText(r);
      expect(text).toContain('In brief');
      // The agreement of Xi Jinping's visit is the centre; the December dialogue followed; the Beijing meeting was planned.
      expect(text).toMatch(/The central event \(Sep 2015\):\n“The United States and China have agreed/);
      expect(text).toMatch(/What followed \(Dec 2015\):/);
      expect(text).toMatch(/What comes next \(May 2016, planned\):[^]*meet again in Beijing/);
      expect(text).toContain('timeline');
    },
  );

  it.each(["what's new?", 'what changed recently', "what's been happening", "what's the status of the agreement"])('"%s" answers from the newest article and says its date', async (q) => {
    const r = await run(q);
    const text = renderText(r);
    expect(text).toMatch(/Latest: China, U\.S\. making moves to implement cybersecurity agreements \(14 Jun 2016\)/);
    const first = r.blocks.find((b) => b.type === 'quote');
    expect(first).toMatchObject({ source: { publisher: 'The Stack' } });
  });

  it('"the latest on X" answers from the newest article that speaks of X', async () => {
    const r = await run('latest on the hotline');
    const first = r.blocks.find((b) => b.type === 'quote');
    expect(first).toMatchObject({ type: 'quote', text: expect.stringContaining('hotline') });
  });
});

describe('two events compared', () => {
  it('each is quoted under its date, the earlier first, the later "against" it', async () => {
    const text = renderText(await run('what changed between the 2013 talks and the 2015 deal'));
    expect(text).toMatch(/^Apr 2013: “US Secretary of State John Kerry said the two countries agreed/m);
    expect(text).toMatch(/Against:\nSep 2015: “The United States and China have agreed/);
  });
});

describe('when-questions', () => {
  it('an answer that names no date says the date of the report', async () => {
    const text = renderText(await run('when was the working group set up'));
    expect(text).toContain('When: reported Apr 2013 (the sentence gives no date of its own)');
    // The agreement of Xi's visit: the report that dates it comes first.
    expect(renderText(await run('when did obama and xi agree'))).toContain('When: Sep 2015 (“last September”, in a report of 14 Jun 2016)');
  });

  it('an answer with a date of its own needs no such line', async () => {
    const text = renderText(await run('when did tensions begin'));
    expect(text).toContain('began to rise in 2010');
    expect(text).not.toContain('When:');
  });

  it('a date said relative to the report ("last September") is said as a date', async () => {
    const text = renderText(await run('when did xi visit the white house'));
    expect(text).toContain('last September');
    expect(text).toContain('When: Sep 2015 (“last September”, in a report of 14 Jun 2016)');
  });

  it('"today", "this week" or a weekday is said as around the report\'s date', async () => {
    const text = renderText(await run('when were the talks in western beijing'));
    expect(text).toContain('said today that the discussions taking place in western Beijing this week');
    expect(text).toContain('When: around 14 Jun 2016 (“today”, in a report of 14 Jun 2016)');
  });
});
