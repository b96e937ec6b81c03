/**
 * Reply → Slack messages (Block Kit plus plain-text fallback), split to stay
 * inside Slack's limits: 50 blocks a message, 3,000 characters a section,
 * 150 a header, and a bounded fallback `text`. Text is escaped per Slack's
 * rules (&, <, >) so nothing from an article or a user can form a mention.
 */
import { defuseMentions } from '../../src/sanitize';
import { splitText } from '../../src/chat/render/split';
import { alsoText, citationText, linkTarget, type Block, type Reply } from '../../src/reply';

export const SLACK_LIMITS = { blocksPerMessage: 50, sectionChars: 3000, headerChars: 150, contextChars: 2000, textChars: 3000, messageChars: 12_000 };

export interface SlackBlock {
  type: string;
  [k: string]: unknown;
}

export interface SlackMessage {
  text: string;
  blocks: SlackBlock[];
}

/** Escape for mrkdwn and plain_text: &, <, > (Slack's rules), and defuse @channel-style words. */
export function escapeSlack(s: string): string {
  return defuseMentions(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function clipChars(s: string, max: number): string {
  return s.length <= max ? s : s.slice(0, max - 1) + '…';
}

const section = (text: string): SlackBlock => ({ type: 'section', text: { type: 'mrkdwn', text } });
/** A citation in italics, a link to the article when it has an address. */
const cite = (s: Parameters<typeof citationText>[0]) => {
  const url = linkTarget(s);
  return url ? `_<${url}|${escapeSlack(citationText(s))}>_` : `_${escapeSlack(citationText(s))}_`;
};

function blocksOf(b: Block): SlackBlock[] {
  switch (b.type) {
    case 'heading':
      return [{ type: 'header', text: { type: 'plain_text', text: clipChars(defuseMentions(b.text), SLACK_LIMITS.headerChars), emoji: false } }];
    case 'paragraph':
      return splitText(escapeSlack(b.text), SLACK_LIMITS.sectionChars).map(section);
    case 'quote':
      return [
        ...splitText(`${b.label ? `*${escapeSlack(b.label)}* ` : ''}>${escapeSlack(b.text)}`, SLACK_LIMITS.sectionChars).map(section),
        { type: 'context', elements: [{ type: 'mrkdwn', text: clipChars(cite(b.source), SLACK_LIMITS.contextChars) }] },
      ];
    case 'list': {
      const lines = b.items.map((i) => `• ${escapeSlack(i.text)}${i.source ? `\n      ${cite(i.source)}${i.more?.length ? ` · ${escapeSlack(alsoText(i.more))}` : ''}` : ''}`);
      return splitText(lines.join('\n'), SLACK_LIMITS.sectionChars).map(section);
    }
    case 'context':
      return [{ type: 'context', elements: [{ type: 'mrkdwn', text: clipChars(escapeSlack(b.text), SLACK_LIMITS.contextChars) }] }];
    case 'divider':
      return [{ type: 'divider' }];
  }
}

function size(b: SlackBlock): number {
  return JSON.stringify(b).length;
}

/** One or more messages that together carry the reply. */
export function renderSlack(reply: Reply): SlackMessage[] {
  const all = reply.blocks.flatMap(blocksOf);
  const messages: SlackMessage[] = [];
  let cur: SlackBlock[] = [];
  let chars = 0;
  for (const b of all) {
    if (cur.length && (cur.length >= SLACK_LIMITS.blocksPerMessage || chars + size(b) > SLACK_LIMITS.messageChars)) {
      messages.push({ text: '', blocks: cur });
      cur = [];
      chars = 0;
    }
    cur.push(b);
    chars += size(b);
  }
  if (cur.length) messages.push({ text: '', blocks: cur });
  const summary = escapeSlack(reply.summary);
  return messages.map((m, i) => ({
    ...m,
    text: clipChars(messages.length > 1 ? `${summary} (${i + 1}/${messages.length})` : summary, SLACK_LIMITS.textChars),
  }));
}
