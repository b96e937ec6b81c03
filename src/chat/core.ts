/**
 * The core's entry point for every surface: a parsed command in, a
 * platform-neutral reply out. Never throws for anything a user types.
 */
import { randomBytes } from 'node:crypto';
import type { AskResult } from '../answering/answer';
import { formatPartialDate, parsePartialDate } from '../language/dates';
import type { Briefing } from '../answering/briefing';
import { EXAMPLE_QUESTIONS } from '../answering/briefing';
import { sourceOf, type BriefingSource } from '../answering/live';
import { COMMANDS, parseCommand, specOf, type Command } from './commands';
import { ConversationMemory, resolveFollowUp, topicOf } from '../answering/followup';
import { clip, defuseMentions, MAX_INPUT_CHARS } from '../sanitize';
import { citationText, formatIso, type Block, type Reply } from '../reply';
import type { ChannelRef } from '../types';

export type { ChannelRef, Platform } from '../types';

export interface CommandContext {
  channel: ChannelRef;
  /** The user may change this channel's settings (subscribe/unsubscribe). */
  canManage: boolean;
  /** How the surface invokes the bot, for help text ("/cyberpact", "@CyberPact"). */
  invocation?: string;
  /** The thread the message is in, where the platform has threads: a conversation's context is per channel and thread. */
  thread?: string;
}

/** Extra commands a later layer provides (timeline, digest, subscriptions). */
export type CommandHandler = (ctx: CommandContext) => Promise<Reply> | Reply;

export interface CoreOptions {
  /**
   * Told of an internal error with the id the user was given, for the operator's log (the user
   * sees only an apology and the id: never a path, a token or a stack).
   */
  onError?: (error: unknown, errorId: string, ctx: CommandContext) => void;
  /** Milliseconds since the epoch (tests pass a clock). */
  now?: () => number;
}

export class Core {
  private readonly extra = new Map<string, CommandHandler>();
  /** What each conversation was last about, for follow-ups ("what did he say?"). */
  private readonly memory = new ConversationMemory();

  private readonly source: BriefingSource;

  constructor(
    /** The briefing, or where to read the current one from (it is replaced when the corpus changes). */
    briefing: Briefing | BriefingSource,
    private readonly options: CoreOptions = {},
  ) {
    this.source = sourceOf(briefing);
  }

  get briefing(): Briefing {
    return this.source.current;
  }

  /** Register the handler of a grammar command this layer does not answer itself. */
  register(name: 'timeline' | 'digest' | 'subscribe' | 'unsubscribe' | 'subscriptions', handler: CommandHandler): void {
    this.extra.set(name, handler);
  }

  /** Parse and run what the user typed. */
  async handleText(text: string, ctx: CommandContext): Promise<Reply> {
    return this.handle(parseCommand(text), ctx);
  }

  async handle(cmd: Command, ctx: CommandContext): Promise<Reply> {
    try {
      switch (cmd.type) {
        case 'invalid':
          return invalidReply(cmd, ctx);
        case 'help':
          return helpReply(ctx);
        case 'ask':
          return this.ask(cmd.question, ctx);
        case 'sources':
          return this.sourcesReply();
        case 'people':
          return this.peopleReply();
        default: {
          const h = this.extra.get(cmd.type);
          if (!h) return errorReply(`\`${cmd.type}\` is not available in this setup.`);
          if (specOf(cmd.type).permission === 'managers' && !ctx.canManage) return notAllowedReply(ctx, cmd.type);
          return await h(ctx);
        }
      }
    } catch (e) {
      const errorId = randomBytes(4).toString('hex');
      try {
        this.options.onError?.(e, errorId, ctx);
      } catch {
        // A failing logger must not turn an apology into a crash.
      }
      return errorReply(`Sorry, something went wrong on my side. Please try again; if it keeps happening, tell the bot's operator error id ${errorId}.`);
    }
  }

  /** A question, read against what the conversation was last about when it is a follow-up. */
  private ask(text: string, ctx: CommandContext): Reply {
    const now = (this.options.now ?? Date.now)();
    const key = [ctx.channel.platform, ctx.channel.team ?? '', ctx.channel.id, ctx.thread ?? ''].join(':');
    const followUp = this.briefing.intent(text) ? { kind: 'none' as const } : resolveFollowUp(text, this.memory.get(key, now));
    if (followUp.kind === 'orphan') {
      return errorReply(`"${clip(defuseMentions(text), 100)}" follows up on something, and we have not talked yet here. Ask me a question first, e.g. "${EXAMPLE_QUESTIONS[3]}".`);
    }
    if (followUp.kind === 'sequence') {
      const r = this.briefing.nextReport(text, followUp.articleId, followUp.direction);
      const topic = topicOf(text, r, now);
      if (topic) this.memory.set(key, { ...topic, person: this.memory.get(key, now)?.person });
      return askReply(r);
    }
    const question = followUp.kind === 'resolved' ? followUp.question : text;
    const r = this.briefing.ask(question);
    const topic = topicOf(question, r, now);
    if (topic) this.memory.set(key, topic);
    return askReply(followUp.kind === 'resolved' ? { ...r, question: text, about: followUp.about } : r);
  }

  private sourcesReply(): Reply {
    const src = this.briefing.sources();
    return {
      kind: 'info',
      visibility: 'public',
      summary: `${src.length} source articles`,
      blocks: [
        { type: 'heading', text: `Sources (${src.length} articles)` },
        { type: 'list', items: src.map((s) => ({ text: citationText(s) })) },
      ],
    };
  }

  private peopleReply(): Reply {
    const people = this.briefing.people();
    const items = people.map((p) => {
      const roles = [...new Set(p.roles.map((r) => r.role))].join('; ');
      const aka = p.variants.filter((v) => v.includes(' ')).length ? ` (also written ${p.variants.filter((v) => v.includes(' ')).join(', ')})` : '';
      const n = p.sources.length;
      return { text: `${p.name}${aka} — ${roles || 'role not stated'} · in ${n} article${n === 1 ? '' : 's'}`, source: p.roles[0]?.source ?? p.sources[0] };
    });
    return {
      kind: 'info',
      visibility: 'public',
      summary: `${people.length} people in the articles`,
      blocks: [
        { type: 'heading', text: "Who's who" },
        { type: 'list', items },
      ],
    };
  }
}

export function askReply(r: AskResult): Reply {
  const q = clip(defuseMentions(r.question), 200);
  if (r.reason === 'small_talk') {
    return {
      kind: 'help',
      visibility: 'private',
      summary: r.message ?? 'Hi!',
      blocks: [
        { type: 'paragraph', text: r.message ?? 'Hi!' },
        { type: 'context', text: `Try: ${(r.suggestions ?? EXAMPLE_QUESTIONS.slice(0, 2)).map((s) => `"${s}"`).join(' · ')} — or "help".` },
      ],
    };
  }
  if (r.kind === 'answer' && r.mode) return briefReply(r);
  if (r.kind === 'no_answer') {
    return {
      kind: 'no_answer',
      visibility: 'private',
      summary: `No answer to "${q}"`,
      blocks: [
        { type: 'paragraph', text: r.reason ?? "I can't answer that from my sources." },
        { type: 'context', text: `Try: ${(r.suggestions ?? EXAMPLE_QUESTIONS).map((s) => `"${s}"`).join(' · ')} — or "help".` },
      ],
    };
  }
  const [best, ...support] = r.answers;
  const blocks: Block[] = [{ type: 'heading', text: q }];
  if (r.about) blocks.push({ type: 'context', text: `About ${clip(defuseMentions(r.about), 150)}:` });
  if (r.roster?.length) {
    blocks.push({ type: 'paragraph', text: 'Who was there, by meeting:' });
    blocks.push({
      type: 'list',
      items: r.roster.map((e) => {
        const named = e.present.map((p) => (p.role ? `${p.name} (${p.role})` : p.name));
        const withdrew = e.withdrew.map((p) => (p.role ? `${p.name} (${p.role})` : p.name));
        let text = named.length ? named.join(', ') : clip(e.sentence, 300);
        if (withdrew.length) text += `; scheduled but withdrew: ${withdrew.join(', ')}`;
        return { text, source: e.source };
      }),
    });
  } else {
    blocks.push({ type: 'quote', text: best.text, source: best.source });
    if (r.reportedOn) blocks.push({ type: 'context', text: `When: reported ${formatIso(r.reportedOn)} (the sentence gives no date of its own)` });
    if (best.people?.length) blocks.push({ type: 'context', text: best.people.map((p) => (p.role ? `${p.name}: ${p.role}` : p.name)).join(' · ') });
  }
  const rest = r.roster?.length ? r.answers : support;
  if (rest.length) {
    blocks.push({ type: 'paragraph', text: r.roster?.length ? 'From the articles:' : 'Also:' });
    for (const s of rest) blocks.push({ type: 'quote', text: s.text, source: s.source });
  }
  return { kind: 'answer', visibility: 'public', summary: clip(best.text, 150), blocks };
}

/** A summary or the latest news: several cited sentences under labels, and where to read more. */
function briefReply(r: AskResult): Reply {
  const date = (iso: string) => {
    const d = parsePartialDate(iso);
    return d ? formatPartialDate(d) : iso;
  };
  const blocks: Block[] = [];
  if (r.mode === 'summary') {
    const labels = ['The central event', 'Also reported', 'The latest'];
    blocks.push({ type: 'heading', text: 'In brief' });
    r.answers.forEach((a, i) => {
      blocks.push({ type: 'paragraph', text: `${labels[i] ?? 'Also'} (${date(a.source.published)}):` });
      blocks.push({ type: 'quote', text: a.text, source: a.source });
    });
    blocks.push({ type: 'context', text: 'Every milestone in order: `timeline` · the weekly digest: `digest`' });
  } else {
    const newest = r.answers[0].source;
    const label = r.mode === 'next' ? 'Next' : r.mode === 'previous' ? 'Before that' : 'Latest';
    blocks.push({ type: 'heading', text: `${label}: ${newest.title} (${date(newest.published)})` });
    for (const a of r.answers) blocks.push({ type: 'quote', text: a.text, source: a.source });
    blocks.push({ type: 'context', text: 'Everything in order: `timeline` · sources: `sources`' });
  }
  return { kind: 'answer', visibility: 'public', summary: clip(r.answers[0].text, 150), blocks };
}

/** Who may run a managers' command on this platform, said to someone who may not. */
function notAllowedReply(ctx: CommandContext, what: string): Reply {
  const who =
    ctx.channel.platform === 'slack'
      ? "workspace admins and owners, and the people the bot's operator lists in SLACK_DIGEST_MANAGERS"
      : ctx.channel.platform === 'discord'
        ? 'members with the Manage Channels permission'
        : 'members who can manage this channel';
  return errorReply(`Only ${who} can ${what} this channel.`);
}

export function helpReply(ctx: CommandContext): Reply {
  const inv = ctx.invocation ?? '/cyberpact';
  return {
    kind: 'help',
    visibility: 'private',
    summary: 'CyberPact help',
    blocks: [
      { type: 'heading', text: 'CyberPact — briefings on the US–China cybersecurity agreement' },
      { type: 'paragraph', text: `${inv ? `Type ${inv} followed by a question or a command.` : 'Type a question or a command.'} Every answer cites the article it comes from.` },
      { type: 'list', items: COMMANDS.map((c) => ({ text: `${[inv, c.usage].filter(Boolean).join(' ')} — ${c.summary}` })) },
      { type: 'paragraph', text: 'Ask for "a summary" or "what\'s new", and follow up on an answer ("what did he say?", "why?") in the same channel or thread.' },
      ...(ctx.channel.platform === 'console'
        ? [
            {
              type: 'paragraph' as const,
              text: 'Type "quit" or press Ctrl-D to leave. To add an article, put a text file with a title/publisher/published header in the seeds folder (README: "Adding articles") and start again.',
            },
          ]
        : []),
      { type: 'context', text: `Examples: ${EXAMPLE_QUESTIONS.map((s) => [inv, s].filter(Boolean).join(' ')).join(' · ')}` },
    ],
  };
}

export function invalidReply(cmd: Extract<Command, { type: 'invalid' }>, ctx: CommandContext): Reply {
  const inv = ctx.invocation ?? '/cyberpact';
  const text =
    cmd.problem === 'empty'
      ? `Ask me something about the US–China cybersecurity agreement, e.g. ${inv} who attended — or ${inv} help.`
      : cmd.problem === 'too_long'
        ? `That's too long for me (${cmd.length} characters). Please keep questions under ${MAX_INPUT_CHARS} characters.`
        : `I couldn't find any words to look up in that. Try ${inv} who attended, or ${inv} help.`;
  return { kind: 'error', visibility: 'private', summary: text, blocks: [{ type: 'paragraph', text }] };
}

export function errorReply(text: string): Reply {
  return { kind: 'error', visibility: 'private', summary: text, blocks: [{ type: 'paragraph', text }] };
}
