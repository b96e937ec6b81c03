/**
 * Untrusted text from users: bounded, stripped of control characters and of
 * platform markup that could ping people, before it reaches the core or is
 * echoed back.
 */
import { stripControl } from './language/text';

export const MAX_INPUT_CHARS = 500;

/** Slack (<@U1>, <!channel>, <#C1|x>, <mailto:…|x>) and Discord (<@1>, <@!1>, <@&1>, <#1>) markup. */
const PLATFORM_MARKUP = /<(?:[@#!][^>\s]{0,80}|mailto:[^>\s]{0,300})>/g;
/** A link as the platforms wrap it (Slack <https://…> or <https://…|label>, Discord <https://…>): kept as its address. */
const WRAPPED_LINK = /<(https?:\/\/[^>|\s]{1,2000})(?:\|[^>]{0,300})?>/g;
const MASS_MENTION = /@(everyone|here|channel)\b/gi;
/** Pictographs, flags, variation selectors, joiners. */
// The class lists joiners and modifiers on purpose, to remove them one by one.
// eslint-disable-next-line no-misleading-character-class
const EMOJI = /[\p{Extended_Pictographic}\p{Regional_Indicator}\u{FE0F}\u{200D}\u{20E3}\u{1F3FB}-\u{1F3FF}]/gu;

export interface CleanInput {
  text: string;
  /** The input was cut to MAX_INPUT_CHARS (characters beyond were dropped). */
  truncatedFrom?: number;
}

/** Clean what a user typed: no control characters, mention markup or emoji; single spaces. */
// Terminal escape sequences are what this matches: their control characters are the point.
// eslint-disable-next-line no-control-regex
const ANSI_ESCAPE = /\u001b(?:\[[0-9;?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|[@-Z\\-_])/g;

export function cleanUserText(raw: string): string {
  return stripControl(raw.replace(ANSI_ESCAPE, ' '))
    .replace(PLATFORM_MARKUP, ' ')
    .replace(WRAPPED_LINK, ' $1 ')
    .replace(MASS_MENTION, ' ')
    .replace(EMOJI, ' ')
    .replace(/[<>]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Make text safe to echo on any platform: mass mentions defused with a zero-width space. */
export function defuseMentions(s: string): string {
  return s.replace(MASS_MENTION, '@\u200b$1').replace(/<([@#!])/g, '<\u200b$1');
}

/** Shorten for echoing ("…" appended). */
export function clip(s: string, max: number): string {
  const chars = [...s];
  return chars.length <= max ? s : chars.slice(0, Math.max(0, max - 1)).join('') + '…';
}
