/** Plain-text rendering of replies, for the terminal chat and the CLI. */
import { alsoText, citationText, type Block, type Reply } from '../../reply';
import type { Citation } from '../../types';

/** A citation, with the article's address when it has one. */
const cite = (c: Citation) => (c.url ? `${citationText(c)} <${c.url}>` : citationText(c));

function block(b: Block): string {
  switch (b.type) {
    case 'heading':
      return `== ${b.text} ==`;
    case 'paragraph':
      return b.text;
    case 'quote':
      return `${b.label ? `${b.label}: ` : ''}“${b.text}”\n    — ${cite(b.source)}`;
    case 'list':
      return b.items.map((i) => `  • ${i.text}${i.source ? `\n      (${cite(i.source)}${i.more?.length ? `; ${alsoText(i.more)}` : ''})` : ''}`).join('\n');
    case 'context':
      return `  ${b.text}`;
    case 'divider':
      return '—'.repeat(20);
  }
}

export function renderText(r: Reply): string {
  return r.blocks.map(block).join('\n');
}
