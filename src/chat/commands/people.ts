/** Who's who: the people the articles name with a role. */
import type { CommandModule } from './spec';

export const people: CommandModule = {
  name: 'people',
  aliases: ['whoswho'],
  usage: 'people',
  summary: "Who's who: the people in the articles and their roles.",
  permission: 'anyone',
  cli: true,
  run(_ctx, env) {
    const list = env.briefing().people();
    const items = list.map((p) => {
      const roles = [...new Set(p.roles.map((r) => r.role))].join('; ');
      const aka = p.variants.filter((v) => v.includes(' ')).length ? ` (also written ${p.variants.filter((v) => v.includes(' ')).join(', ')})` : '';
      const n = p.sources.length;
      return { text: `${p.name}${aka} — ${roles || 'role not stated'} · in ${n} article${n === 1 ? '' : 's'}`, source: p.roles[0]?.source ?? p.sources[0] };
    });
    return {
      kind: 'info',
      visibility: 'public',
      summary: `${list.length} people in the articles`,
      blocks: [
        { type: 'heading', text: "Who's who" },
        { type: 'list', items },
      ],
    };
  },
  json: (env) => env.briefing().people(),
};
