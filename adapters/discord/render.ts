/**
 * Reply → Discord message payloads with embeds, within Discord's limits:
 * 4,096 characters of embed description, 256 of a title, 2,048 of a footer,
 * 6,000 over a message's embeds, 10 embeds a message. Long replies become
 * several messages. Markdown in quoted text is escaped, mentions defused.
 */
import { escapeMarkdown, type APIEmbed } from 'discord.js';
import { defuseMentions } from '../../src/sanitize';
import { splitText } from '../../src/chat/render/split';
import { alsoText, citationText, linkTarget, type Block, type Reply } from '../../src/reply';

export const DISCORD_LIMITS = { content: 2000, title: 256, description: 4096, footer: 2048, embedsTotal: 6000, embedsPerMessage: 10, fieldValue: 1024, fields: 25 };
/** Description chunk size: under 4,096, and one embed a message stays under 6,000 with title and footer. */
const CHUNK = 3500;

const COLOR = { answer: 0x1d3557, no_answer: 0x6c757d, help: 0x457b9d, error: 0xe63946, info: 0x457b9d, digest: 0x2a9d8f } as const;

export interface DiscordPayload {
  embeds: APIEmbed[];
}

const esc = (s: string) => escapeMarkdown(defuseMentions(s));
const clip = (s: string, n: number) => (s.length <= n ? s : s.slice(0, n - 1) + '…');
/** A citation, as a masked link to the article when it has an address (embeds render those). */
const cite = (c: Parameters<typeof citationText>[0]) => {
  const url = linkTarget(c);
  return url ? `[${esc(citationText(c))}](${url})` : esc(citationText(c));
};

function lines(b: Block): string {
  switch (b.type) {
    case 'heading':
      return `**${esc(b.text)}**`;
    case 'paragraph':
      return esc(b.text);
    case 'quote':
      return `${b.label ? `**${esc(b.label)}**\n` : ''}> ${esc(b.text)}\n— *${cite(b.source)}*`;
    case 'list':
      return b.items.map((i) => `• ${esc(i.text)}${i.source ? `\n  *${cite(i.source)}*${i.more?.length ? ` · ${esc(alsoText(i.more))}` : ''}` : ''}`).join('\n');
    case 'context':
      return `-# ${esc(b.text)}`;
    case 'divider':
      return '───';
  }
}

/** @param marker added to every footer (the digest's slot, for finding it after a crash) */
export function renderDiscord(reply: Reply, marker?: string): DiscordPayload[] {
  const [first, ...rest] = reply.blocks;
  const title = first?.type === 'heading' ? clip(defuseMentions(first.text), DISCORD_LIMITS.title) : undefined;
  const body = (title ? rest : reply.blocks).map(lines).join('\n\n');
  const pieces = splitText(body || esc(reply.summary), CHUNK);
  const firstQuote = reply.blocks.find((b) => b.type === 'quote');
  const base = reply.kind === 'answer' && firstQuote?.type === 'quote' ? `Source: ${citationText(firstQuote.source)}` : 'CyberPact · every answer cites its article';
  // The marker is kept whole: the footer's own text gives way.
  const footer = marker ? `${clip(base, DISCORD_LIMITS.footer - marker.length - 40)} · ${marker}` : clip(base, DISCORD_LIMITS.footer);
  return pieces.map((description, i) => {
    const embed: APIEmbed = { description, color: COLOR[reply.kind] };
    if (i === 0 && title) embed.title = title;
    if (pieces.length > 1) embed.footer = { text: clip(`${footer} · part ${i + 1}/${pieces.length}`, DISCORD_LIMITS.footer) };
    else embed.footer = { text: footer };
    return { embeds: [embed] };
  });
}
