/** The agreement's milestones in date order. */
import { timelineReply } from '../../timeline/digest';
import type { CommandModule } from './spec';

export const timeline: CommandModule = {
  name: 'timeline',
  aliases: ['milestones'],
  usage: 'timeline',
  summary: "The agreement's milestones in date order, each with its source.",
  permission: 'anyone',
  cli: true,
  run: async (_ctx, env) => timelineReply(await env.timeline()),
  json: (env) => env.timeline(),
};
