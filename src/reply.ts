/**
 * The platform-neutral reply model. Text in blocks is plain (no markup); each
 * adapter escapes and formats it for its platform and splits it to fit.
 */
import { formatPartialDate, parsePartialDate } from './language/dates';
import type { Citation } from './types';

export type Block =
  | { type: 'heading'; text: string }
  | { type: 'paragraph'; text: string }
  /** A sentence quoted from an article, with its source. */
  | { type: 'quote'; text: string; source: Citation; label?: string }
  | { type: 'list'; items: ListItem[] }
  /** Small print: citations, hints. */
  | { type: 'context'; text: string }
  | { type: 'divider' };

export interface ListItem {
  text: string;
  source?: Citation;
}

export type ReplyKind = 'answer' | 'no_answer' | 'help' | 'error' | 'info' | 'digest';

export interface Reply {
  kind: ReplyKind;
  /** Public replies are seen by the channel; private ones only by the asker. */
  visibility: 'public' | 'private';
  blocks: Block[];
  /** One-line plain text for notifications and fallbacks. */
  summary: string;
}

export function citationText(c: Citation): string {
  return `${c.title} — ${c.publisher}, ${formatIso(c.published)}`;
}

/** "2015-09" → "Sep 2015"; "2016-06-14" → "14 Jun 2016"; "2013" → "2013". */
export function formatIso(iso: string): string {
  const d = parsePartialDate(iso);
  return d ? formatPartialDate(d) : iso;
}
