import { COMMAND_NAMES, COMMANDS, parseCommand } from '../../src/chat/commands';
import { MAX_INPUT_CHARS } from '../../src/sanitize';

describe('parseCommand', () => {
  it.each(['help', 'sources', 'people', 'timeline', 'digest', 'subscribe', 'unsubscribe', 'subscriptions'])('%s is a command', (c) => {
    expect(parseCommand(c)).toEqual({ type: c });
    expect(parseCommand(` ${c.toUpperCase()} `)).toEqual({ type: c });
  });

  it('anything else is a question; "ask" is optional; "/cyberpact" prefix is ignored', () => {
    expect(parseCommand('who attended')).toEqual({ type: 'ask', question: 'who attended' });
    expect(parseCommand('ask who attended')).toEqual({ type: 'ask', question: 'who attended' });
    expect(parseCommand('/cyberpact who attended')).toEqual({ type: 'ask', question: 'who attended' });
    expect(parseCommand('help me understand the deal')).toEqual({ type: 'ask', question: 'help me understand the deal' });
  });

  it('bad input is classified, never thrown', () => {
    expect(parseCommand('')).toEqual({ type: 'invalid', problem: 'empty' });
    expect(parseCommand('    \t ')).toEqual({ type: 'invalid', problem: 'empty' });
    expect(parseCommand('x'.repeat(10_000))).toMatchObject({ type: 'invalid', problem: 'too_long', length: 10_000 });
    expect(parseCommand('y'.repeat(MAX_INPUT_CHARS + 1))).toMatchObject({ type: 'invalid', problem: 'too_long' });
    expect(parseCommand('🔥🔥🔥')).toEqual({ type: 'invalid', problem: 'no_words' });
    expect(parseCommand('<!channel> <@U123>')).toEqual({ type: 'invalid', problem: 'no_words' });
    expect(parseCommand('\u0000\u0007\u001b[31m')).toMatchObject({ type: 'invalid' });
  });

  it('strips markup, mentions, control characters and emoji from questions', () => {
    expect(parseCommand('<@U123> @everyone who\u0007 attended 🔥 <!here>')).toEqual({ type: 'ask', question: 'who attended' });
    expect(parseCommand('<b>hotline</b>')).toEqual({ type: 'ask', question: 'b hotline /b' });
  });
});

describe('the command specs are the one source', () => {
  it('every command name has exactly one module in the registry, and every module a name', () => {
    const names = COMMANDS.map((c) => c.name).sort();
    expect(names).toEqual([...COMMAND_NAMES, 'ask'].sort());
    expect(new Set(COMMANDS.flatMap((c) => c.aliases)).size).toBe(COMMANDS.flatMap((c) => c.aliases).length);
  });

  it('the CLI lists exactly the commands the registry offers it', async () => {
    const { CLI_HELP } = await import('../../src/cli');
    for (const c of COMMANDS) expect(CLI_HELP.includes(`  ${c.name === 'ask' ? 'ask "<question>"' : c.name} `)).toBe(c.cli);
  });

  it('every name and alias of every spec parses to its command', () => {
    for (const spec of COMMANDS.filter((c) => c.name !== 'ask')) {
      for (const word of [spec.name, ...spec.aliases]) expect(parseCommand(word)).toEqual({ type: spec.name });
    }
    expect(parseCommand('?')).toEqual({ type: 'help' });
  });

  it("Discord's option description lists the commands from the specs, within Discord's 100 characters", async () => {
    const { OPTION_DESCRIPTION } = await import('../../adapters/discord/commands/cyberpact');
    expect(OPTION_DESCRIPTION.length).toBeLessThanOrEqual(100);
    expect(OPTION_DESCRIPTION).toContain('a command: sources, people, timeline, digest');
  });

  it('Core refuses a managers-only command to someone who may not manage the channel, whatever handler is registered', async () => {
    const { Core } = await import('../../src/chat/core');
    const { seedBriefing } = await import('../helpers');
    const { COMMANDS } = await import('../../src/chat/commands');
    let ran = false;
    const subscribe = {
      ...COMMANDS.find((c) => c.name === 'subscribe')!,
      run: () => {
        ran = true;
        return { kind: 'info' as const, visibility: 'public' as const, summary: 'ok', blocks: [] };
      },
    };
    const core = new Core(await seedBriefing(), { commands: COMMANDS.map((c) => (c.name === 'subscribe' ? subscribe : c)) });
    const r = await core.handleText('subscribe', { channel: { platform: 'discord', id: 'c' }, canManage: false });
    expect(ran).toBe(false);
    expect(r.summary).toMatch(/Only members with the Manage Channels permission can subscribe/);
  });
});
