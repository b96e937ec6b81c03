import { Core, type CommandContext } from '../../src/chat/core';
import { ConversationMemory, isFollowUp, resolveFollowUp } from '../../src/answering/followup';
import { renderText } from '../../src/chat/render/text';
import { seedBriefing } from '../helpers';

describe('recognising a follow-up', () => {
  it.each(['what did he say?', 'why?', 'and why?', 'when was that?', 'and after that?', 'what did she mean', 'who else?', 'where was it', 'and xi?', 'what did they say?', 'why did that happen'])(
    '"%s" leans on what came before',
    (q) => {
      expect(isFollowUp(q)).toBe(true);
    },
  );

  it.each([
    'who is Guo Shengkun',
    'what did the US and China agree to?',
    'did they set up a hotline for emergencies',
    'when will they meet again in Beijing',
    'hotline',
    // "they" and "it" for the story's own parties and subject, in questions with words of their own.
    'when did they meet last',
    'where will they meet next',
    'where was it signed',
    'what did they agree on hacking',
  ])('"%s" stands alone', (q) => {
    expect(isFollowUp(q)).toBe(false);
  });
});

describe('resolving a follow-up', () => {
  it('"and xi?" asks the last question of the person it names now', () => {
    expect(resolveFollowUp('and xi?', { question: 'what did obama say about sanctions', person: 'Barack Obama', at: 0 })).toEqual({
      kind: 'resolved',
      question: 'what did xi say about sanctions',
      about: '“what did xi say about sanctions”',
    });
    expect(resolveFollowUp('what about Yang Jiechi?', { question: 'what did Barack Obama say?', person: 'Barack Obama', at: 0 })).toMatchObject({ question: 'what did Yang Jiechi say' });
  });

  it('in a conversation: "and xi?" leads with Xi\'s own words; "what did he say" after "who is max baucus" is about Baucus, not the Obama his answer mentions', async () => {
    const core = new Core(await seedBriefing());
    const c: CommandContext = { channel: { platform: 'console', id: 'talk' }, canManage: false };
    await core.handleText('what did obama say about sanctions', c);
    const xi = renderText(await core.handleText('and xi?', c));
    expect(xi).toContain('said Mr Xi');
    const d: CommandContext = { channel: { platform: 'console', id: 'talk2' }, canManage: false };
    await core.handleText('who is max baucus', d);
    const he = renderText(await core.handleText('what did he say?', d));
    expect(he).toContain('About Max Baucus');
  });

  it('a pronoun for a person becomes the person the last answer named', () => {
    expect(resolveFollowUp('what did he say?', { question: 'who is Guo Shengkun', person: 'Guo Shengkun', at: 0 })).toEqual({
      kind: 'resolved',
      question: 'what did Guo Shengkun say?',
      about: 'Guo Shengkun',
    });
  });

  it('a bare "why?" asks about the last question\'s subject', () => {
    const r = resolveFollowUp('why?', { question: 'who withdrew from the talks?', at: 0 });
    expect(r).toEqual({ kind: 'resolved', question: 'why withdrew from the talks', about: '“who withdrew from the talks”' });
  });

  it('"after that" follows the last answer\'s article in time', () => {
    const topic = { question: 'q', articleId: 'a1', at: 0 };
    expect(resolveFollowUp('and after that?', topic)).toEqual({ kind: 'sequence', direction: 'after', articleId: 'a1' });
    expect(resolveFollowUp('what happened next', topic)).toEqual({ kind: 'sequence', direction: 'after', articleId: 'a1' });
    expect(resolveFollowUp('and before that?', topic)).toEqual({ kind: 'sequence', direction: 'before', articleId: 'a1' });
    expect(resolveFollowUp('then what?', undefined)).toEqual({ kind: 'orphan' });
  });

  it('with nothing before it, a follow-up is an orphan', () => {
    expect(resolveFollowUp('what did he say?', undefined)).toEqual({ kind: 'orphan' });
    expect(resolveFollowUp('who is Guo Shengkun', undefined)).toEqual({ kind: 'none' });
  });

  it('the memory forgets after its time and keeps a bounded number of conversations', () => {
    const m = new ConversationMemory(1000, 2);
    m.set('a', { question: 'q', at: 0 });
    expect(m.get('a', 500)?.question).toBe('q');
    expect(m.get('a', 1500)).toBeUndefined();
    m.set('b', { question: 'b', at: 0 });
    m.set('c', { question: 'c', at: 0 });
    m.set('d', { question: 'd', at: 0 });
    expect(m.get('b', 0)).toBeUndefined();
    expect(m.get('d', 0)?.question).toBe('d');
  });
});

describe('a conversation', () => {
  const here: CommandContext = { channel: { platform: 'slack', id: 'C1', team: 'T1' }, canManage: false, thread: '1.1' };
  const elsewhere: CommandContext = { channel: { platform: 'slack', id: 'C2', team: 'T1' }, canManage: false };

  it('answers "what did he say?" about the person just discussed, and says so; other channels are not affected', async () => {
    let now = 0;
    const core = new Core(await seedBriefing(), { now: () => now });
    const orphan = renderText(await core.handleText('what did he say?', here));
    expect(orphan).toMatch(/follows up on something, and we have not talked yet here/);
    await core.handleText('who is Guo Shengkun', here);
    const follow = renderText(await core.handleText('what did he say?', here));
    expect(follow).toContain('About Guo Shengkun:');
    expect(follow).toContain('Guo Shengkun, said that he was also committed');
    expect(renderText(await core.handleText('what did he say?', elsewhere))).toMatch(/we have not talked yet here/);
    now = 31 * 60_000;
    expect(renderText(await core.handleText('what did he say?', here))).toMatch(/we have not talked yet here/);
  });

  it('"and after that?" / "and before that?" walk through the reports in time, and say where they end', async () => {
    const core = new Core(await seedBriefing());
    const ctx: CommandContext = { channel: { platform: 'console', id: 'seq' }, canManage: false };
    expect(renderText(await core.handleText('and after that?', ctx))).toMatch(/we have not talked yet here/);
    await core.handleText('when did tensions begin', ctx);
    expect(renderText(await core.handleText('and after that?', ctx))).toMatch(/^== Next: China, U\.S\. making moves to implement cybersecurity agreements \(14 Jun 2016\) ==/);
    expect(renderText(await core.handleText('and after that?', ctx))).toMatch(/That is the newest report I have/);
    expect(renderText(await core.handleText('what came before that?', ctx))).toMatch(/^== Before that: US and China agree to work together on cybersecurity \(Dec 2015\) ==/);
  });

  it('a summary or small talk is never taken for a follow-up', async () => {
    const core = new Core(await seedBriefing());
    expect(renderText(await core.handleText('what is this all about?', here))).toContain('In brief');
    expect(renderText(await core.handleText('thanks!', here))).toMatch(/^You're welcome!/);
  });
});
