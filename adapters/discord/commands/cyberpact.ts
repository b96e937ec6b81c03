/**
 * The /cyberpact application command: its definition and its handlers (the
 * discord.js guide's one module per command). One required string option
 * carries the shared grammar; autocomplete suggests commands and questions.
 */
import { MessageFlags, PermissionFlagsBits, SlashCommandBuilder, type AutocompleteInteraction, type ChatInputCommandInteraction, type InteractionReplyOptions } from 'discord.js';
import { COMMANDS } from '../../../src/chat/commands';
import type { CommandContext, Core } from '../../../src/chat/core';
import { MAX_INPUT_CHARS } from '../../../src/sanitize';
import type { Logger } from '../../../src/log';
import { renderDiscord } from '../render';

export const OPTION = 'query';

/** The option's description, listing the commands from their specs (Discord allows 100 characters). */
export const OPTION_DESCRIPTION = (() => {
  const names = COMMANDS.filter((c) => c.name !== 'ask').map((c) => c.name);
  let text = 'A question ("who attended") or a command: ';
  for (const [i, n] of names.entries()) {
    const next = `${text}${i ? ', ' : ''}${n}`;
    if (next.length > 96) return `${text}…`;
    text = next;
  }
  return text;
})();

export const data = new SlashCommandBuilder()
  .setName('cyberpact')
  .setDescription('Briefings on the US–China cybersecurity agreement, with sources')
  .addStringOption((o) => o.setName(OPTION).setDescription(OPTION_DESCRIPTION).setRequired(true).setMaxLength(MAX_INPUT_CHARS).setAutocomplete(true));

const COMMAND_NAMES = COMMANDS.filter((c) => c.name !== 'ask').map((c) => c.name as string);

/** Up to 25 choices matching what the user has typed so far. */
export function suggestions(typed: string, examples: readonly string[]): { name: string; value: string }[] {
  const all = [...COMMAND_NAMES, ...examples];
  const t = typed.trim().toLowerCase();
  const ranked = all.filter((s) => !t || s.toLowerCase().includes(t)).sort((a, b) => Number(!a.toLowerCase().startsWith(t)) - Number(!b.toLowerCase().startsWith(t)));
  const list = ranked.length ? ranked : typed.trim() ? [typed.trim().slice(0, 100)] : all;
  return list.slice(0, 25).map((s) => ({ name: s.slice(0, 100), value: s.slice(0, 100) }));
}

/** The commands, and questions the loaded articles answer (Briefing.examples). */
export async function autocomplete(core: Core, interaction: AutocompleteInteraction): Promise<void> {
  await interaction.respond(suggestions(interaction.options.getFocused(), core.briefing.examples()));
}

export interface ExecuteOptions {
  /** Defer when the answer is not ready within this many ms (Discord allows 3 s for the first response); 0 always defers. Default 1500. */
  deferAfterMs: number;
}

export function contextOf(interaction: ChatInputCommandInteraction): CommandContext {
  const ch = interaction.channel;
  const name = ch && 'name' in ch && typeof ch.name === 'string' ? ch.name : undefined;
  return {
    channel: { platform: 'discord', id: interaction.channelId, team: interaction.guildId ?? undefined, name },
    // In a guild, subscribing needs Manage Channels in that channel; in a DM the user owns the conversation.
    canManage: interaction.inGuild() ? Boolean(interaction.memberPermissions?.has(PermissionFlagsBits.ManageChannels)) : true,
    invocation: '/cyberpact',
  };
}

export async function execute(core: Core, interaction: ChatInputCommandInteraction, log: Logger, options: ExecuteOptions): Promise<void> {
  const text = interaction.options.getString(OPTION, true);
  const work = core.handleText(text, contextOf(interaction));
  let timer: NodeJS.Timeout | undefined;
  const slow = new Promise<'slow'>((r) => (timer = setTimeout(() => r('slow'), options.deferAfterMs)));
  const first = options.deferAfterMs <= 0 ? 'slow' : await Promise.race([work, slow]);
  clearTimeout(timer);
  let deferred = false;
  if (first === 'slow') {
    await interaction.deferReply();
    deferred = true;
  }
  const reply = await work;
  const payloads = renderDiscord(reply);
  const ephemeral = reply.visibility === 'private';
  const opts = (p: (typeof payloads)[number]): InteractionReplyOptions => ({ ...p, allowedMentions: { parse: [] }, ...(ephemeral ? { flags: MessageFlags.Ephemeral } : {}) });
  if (deferred) {
    if (ephemeral) {
      // A deferred reply is public; a private answer goes in an ephemeral follow-up instead.
      await interaction.deleteReply().catch((e: unknown) => log.warn({ err: String(e) }, 'could not delete deferred reply'));
      for (const p of payloads) await interaction.followUp(opts(p));
    } else {
      await interaction.editReply({ ...payloads[0], allowedMentions: { parse: [] } });
      for (const p of payloads.slice(1)) await interaction.followUp(opts(p));
    }
  } else {
    await interaction.reply(opts(payloads[0]));
    for (const p of payloads.slice(1)) await interaction.followUp(opts(p));
  }
}
