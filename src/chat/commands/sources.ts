/** The articles the briefing knows, with publisher and date. */
import { citationText } from '../../reply';
import type { CommandModule } from './spec';

export const sources: CommandModule = {
  name: 'sources',
  aliases: ['articles'],
  usage: 'sources',
  summary: 'List the articles I know, with publisher and date.',
  permission: 'anyone',
  cli: true,
  run(_ctx, env) {
    const src = env.briefing().sources();
    return {
      kind: 'info',
      visibility: 'public',
      summary: `${src.length} source articles`,
      blocks: [
        { type: 'heading', text: `Sources (${src.length} articles)` },
        { type: 'list', items: src.map((s) => ({ text: citationText(s) })) },
      ],
    };
  },
  json: (env) => env.briefing().sources(),
};
