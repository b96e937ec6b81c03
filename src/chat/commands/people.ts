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
      const roles = distinctRoles(p.roles.map((r) => r.role)).join('; ');
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

/**
 * A person's roles, each once: one whose words another holds ("President" beside "US President",
 * "President" beside "Chinese President") says less of the same role and is left out.
 */
export function distinctRoles(roles: readonly string[]): string[] {
  const words = (r: string) => r.toLowerCase().split(/\s+/);
  const unique = [...new Set(roles)];
  return unique.filter((r) => !unique.some((o) => o !== r && o.length > r.length && words(r).every((w) => words(o).includes(w))));
}
