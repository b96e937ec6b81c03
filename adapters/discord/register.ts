/**
 * Registering the /cyberpact command: to one guild when DISCORD_GUILD_ID is
 * set (instant, for development), globally otherwise. A bulk overwrite (PUT),
 * so running it again changes nothing. `npm run discord:register`.
 */
import { REST, Routes } from 'discord.js';
import dotenv from 'dotenv';
import { ConfigError, loadConfig, type DiscordConfig } from '../../src/config';
import { data } from './commands/cyberpact';

export const COMMAND_DEFINITIONS = [data.toJSON()];

export async function registerCommands(config: DiscordConfig, rest?: REST): Promise<{ scope: 'guild' | 'global'; count: number }> {
  const client = rest ?? new REST(config.apiUrl ? { api: config.apiUrl } : {}).setToken(config.token);
  const route = config.guildId ? Routes.applicationGuildCommands(config.applicationId, config.guildId) : Routes.applicationCommands(config.applicationId);
  const result = (await client.put(route, { body: COMMAND_DEFINITIONS })) as unknown[];
  return { scope: config.guildId ? 'guild' : 'global', count: result.length };
}

export function main(): void {
  dotenv.config({ quiet: true });
  let discord: DiscordConfig | undefined;
  try {
    discord = loadConfig(process.env).discord;
  } catch (e) {
    process.stderr.write(`${e instanceof ConfigError ? e.message : String(e)}\n`);
    process.exitCode = 1;
    return;
  }
  if (!discord) {
    process.stderr.write('DISCORD_TOKEN and DISCORD_APPLICATION_ID must be set to register commands (see .env.example).\n');
    process.exitCode = 1;
    return;
  }
  registerCommands(discord).then(
    (r) => process.stdout.write(`Registered ${r.count} command(s) ${r.scope === 'guild' ? `in guild ${discord.guildId}` : 'globally (may take up to an hour to appear)'}.\n`),
    (e: unknown) => {
      process.stderr.write(`registration failed: ${(e as Error)?.message ?? String(e)}\n`);
      process.exitCode = 1;
    },
  );
}

if (require.main === module) main();
