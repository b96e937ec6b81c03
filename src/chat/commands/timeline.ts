/** The story's milestones in date order. */
import { timelineReply } from '../../timeline/digest';
import { storyOf } from '../../timeline/timeline';
import type { CommandModule } from './spec';

export const timeline: CommandModule = {
  name: 'timeline',
  aliases: ['milestones'],
  usage: 'timeline',
  summary: "The story's milestones in date order, each with its sources.",
  permission: 'anyone',
  cli: true,
  run: async (_ctx, env) => timelineReply(await env.timeline(), storyOf(env.briefing().corpus).subject),
  json: (env) => env.timeline(),
};
