/**
 * The replies every command shares: answers (quoted and cited), briefs,
 * help, refusals of what was typed, errors. Platform-neutral (`Reply`);
 * each adapter renders them.
 */
import { eventWhen } from '../events/events';
import type { AskResult } from '../answering/answer';
import { formatPartialDate, parsePartialDate } from '../language/dates';
import { clip, defuseMentions, MAX_INPUT_CHARS } from '../sanitize';
import { describeCorpus, formatIso, type Block, type CorpusFacts, type Reply } from '../reply';
import type { Command, CommandSpec } from './commands/spec';
import type { CommandContext } from './context';
import type { ChannelRef } from '../types';

/** A command as the user types it on this surface: "/cyberpact help" in Slack and Discord, "help" in the terminal. */
function invoked(inv: string, command: string): string {
  return [inv, command].filter(Boolean).join(' ');
}

/** The questions a reply suggests trying, or only "help" when it has none. */
function tryLine(suggestions: readonly string[] = []): string {
  return suggestions.length ? `Try: ${suggestions.map((s) => `"${s}"`).join(' · ')} — or "help".` : 'Try "help".';
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
        { type: 'context', text: tryLine(r.suggestions) },
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
        { type: 'context', text: tryLine(r.suggestions) },
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
        // A meeting whose report names no one says so, and quotes what it says of who was there.
        let text = named.length ? named.join(', ') : `no one named: “${clip(e.sentence, 300)}”`;
        if (withdrew.length) text += `; scheduled but withdrew: ${withdrew.join(', ')}`;
        return { text, source: e.source };
      }),
    });
  } else {
    blocks.push({ type: 'quote', text: best.text, source: best.source, ...(best.label ? { label: best.label } : {}) });
    if (r.reportedOn) blocks.push({ type: 'context', text: `When: reported ${formatIso(r.reportedOn)} (the sentence gives no date of its own)` });
    if (r.statedDate) {
      const { iso, said, approximate } = r.statedDate;
      const from = formatIso(r.answers[0].source.published);
      blocks.push({ type: 'context', text: approximate ? `When: around ${formatIso(iso)} (“${said}”, in a report of ${from})` : `When: ${formatIso(iso)} (“${said}”, in a report of ${from})` });
    }
    if (best.people?.length) blocks.push({ type: 'context', text: best.people.map((p) => (p.role ? `${p.name}: ${p.role}` : p.name)).join(' · ') });
  }
  const rest = r.roster?.length ? r.answers : support;
  if (rest.length) {
    blocks.push({ type: 'paragraph', text: r.roster?.length ? 'From the articles:' : rest.every((s) => s.label) ? 'Against:' : 'Also:' });
    for (const s of rest) blocks.push({ type: 'quote', text: s.text, source: s.source, ...(s.label ? { label: s.label } : {}) });
  }
  return { kind: 'answer', visibility: 'public', summary: clip(best.text, 150), blocks };
}

/** A summary or the latest news: several cited sentences under labels, and where to read more. */
export function briefReply(r: AskResult): Reply {
  const date = (iso: string) => {
    const d = parsePartialDate(iso);
    return d ? formatPartialDate(d) : iso;
  };
  const blocks: Block[] = [];
  if (r.mode === 'summary') {
    const labels = ['The central event', 'Also reported', 'The latest'];
    blocks.push({ type: 'heading', text: 'In brief' });
    r.answers.forEach((a, i) => {
      const when = a.event ? eventWhen({ date: parsePartialDate(a.event.date), until: a.event.until ? parsePartialDate(a.event.until) : undefined }) : date(a.source.published);
      blocks.push({ type: 'paragraph', text: `${a.label ?? labels[i] ?? 'Also'} (${when}${a.event?.status === 'planned' ? ', planned' : ''}):` });
      blocks.push({ type: 'quote', text: a.text, source: a.source });
      // What it decided, where the sentence does not say it.
      const decided = a.event?.decisions.find((d) => !a.text.includes(d) && /^(?:ha(?:ve|s|d)\s+)?[a-z]+ed\b/.test(d) && !/\b(?:will|would|could|may)\b/.test(d));
      if (decided) blocks.push({ type: 'context', text: `Decided: ${decided}` });
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
export function notAllowedReply(ctx: CommandContext, what: string): Reply {
  const who =
    ctx.channel.platform === 'slack'
      ? "workspace admins and owners, and the people the bot's operator lists in SLACK_DIGEST_MANAGERS"
      : ctx.channel.platform === 'discord'
        ? 'members with the Manage Channels permission'
        : 'members who can manage this channel';
  return errorReply(`Only ${who} can ${what} this channel.`);
}

/**
 * Help: what the loaded articles are (`corpus`, the same words as a refusal's: a team's own corpus
 * is described as itself, not as the US–China agreement), the commands, and `examples` (questions
 * the loaded articles answer, see Briefing.examples).
 */
export function helpReply(ctx: CommandContext, commands: readonly CommandSpec[], examples: readonly string[], corpus: CorpusFacts): Reply {
  const inv = ctx.invocation ?? '/cyberpact';
  return {
    kind: 'help',
    visibility: 'private',
    summary: 'CyberPact help',
    blocks: [
      { type: 'heading', text: 'CyberPact — briefings from news articles, with sources' },
      {
        type: 'paragraph',
        text: `${describeCorpus(corpus)} ${inv ? `Type ${inv} followed by a question or a command.` : 'Type a question or a command.'} Every answer cites the article it comes from.`,
      },
      { type: 'list', items: commands.map((c) => ({ text: `${invoked(inv, c.usage)} — ${c.summary}` })) },
      { type: 'paragraph', text: 'Ask for "a summary" or "what\'s new", and follow up on an answer ("what did he say?", "why?") in the same channel or thread.' },
      ...(ctx.channel.platform === 'console'
        ? [
            {
              type: 'paragraph' as const,
              text: 'Type "quit" or press Ctrl-D to leave. To add an article, put a text file with a title/publisher/published header in the seeds folder (README, "Adding articles"): it is read while the bot runs (unless WATCH_SEEDS=false).',
            },
          ]
        : []),
      ...(examples.length ? [{ type: 'context' as const, text: `Examples: ${examples.map((s) => invoked(inv, s)).join(' · ')}` }] : []),
    ],
  };
}

/** What was typed cannot be run; `example` is a question the loaded articles answer (Briefing.examples), if any. */
export function invalidReply(cmd: Extract<Command, { type: 'invalid' }>, ctx: CommandContext, example?: string): Reply {
  const inv = ctx.invocation ?? '/cyberpact';
  const help = `"${invoked(inv, 'help')}"`;
  const tryExample = example ? `"${invoked(inv, example)}"` : undefined;
  const text =
    cmd.problem === 'empty'
      ? `Ask me something about the articles I brief on, e.g. ${tryExample ? `${tryExample} — or ${help}` : help}.`
      : cmd.problem === 'too_long'
        ? `That's too long for me (${cmd.length} characters). Please keep questions under ${MAX_INPUT_CHARS} characters.`
        : `I couldn't find any words to look up in that. Try ${tryExample ? `${tryExample}, or ${help}` : help}.`;
  return { kind: 'error', visibility: 'private', summary: text, blocks: [{ type: 'paragraph', text }] };
}

export function errorReply(text: string): Reply {
  return { kind: 'error', visibility: 'private', summary: text, blocks: [{ type: 'paragraph', text }] };
}

/** A plain statement (a setting changed, a list), for the channel or only the asker, with an optional list after it. */
export function infoReply(text: string, visibility: Reply['visibility'], items: readonly string[] = []): Reply {
  return { kind: 'info', visibility, summary: text, blocks: [{ type: 'paragraph', text }, ...(items.length ? [{ type: 'list' as const, items: items.map((t) => ({ text: t })) }] : [])] };
}

/** A channel as people name it ("#general", or "channel C123" when its name is not known). */
export function channelName(c: ChannelRef): string {
  return c.name ? (c.name.startsWith('#') ? c.name : `#${c.name}`) : `channel ${c.id}`;
}

/** A command this setup cannot run (the digest's commands in the CLI, which keeps no subscriptions). */
export function unavailableReply(name: string): Reply {
  return errorReply(`\`${name}\` is not available in this setup.`);
}

/** The state store failed (a database that is down): the user may try again later; questions still work. */
export function storageDownReply(errorId: string): Reply {
  return errorReply(
    `Subscriptions cannot be read or saved right now: the bot's storage is not answering, so nothing was changed. Please try again in a few minutes; questions still work. (Error id ${errorId} for the bot's operator.)`,
  );
}
