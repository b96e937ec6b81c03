/**
 * Command-line interface, the stable contract used to measure answer quality:
 *   cli ask "who attended" [--json] [--seeds DIR]
 *   cli ask --json < questions.txt        (one JSON object per line)
 *   cli sources|people [--json]
 * In --json mode nothing but JSON goes to stdout.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import dotenv from 'dotenv';
import type { AskResult } from './answering/answer';
import { COMMANDS, parseCommand } from './chat/commands';
import { loadCoreSettings, type CoreSettings } from './core-settings';
import { Core, type CommandContext } from './chat/core';
import { limitLines } from './chat/lines';
import { DELTA_SHARE, loadBriefing, type Loaded } from './answering/load';
import { renderText } from './chat/render/text';
import { version } from './version';

/** The commands the CLI offers, from the registry (src/chat/commands). */
const CLI_COMMANDS = COMMANDS.filter((c) => c.cli);

export const CLI_HELP = `Usage: npm run cli -- <command> [options]

Commands:
${CLI_COMMANDS.map((c) => `  ${(c.name === 'ask' ? 'ask "<question>"' : c.name).padEnd(18)} ${c.summary}`).join('\n')}
  (ask with no question reads one question per line of standard input, each
  answered alone; digest is dated by $DIGEST_TIMEZONE, default UTC)

npm prints a banner of its own on standard output: for JSON alone, run it as
  npm run -s cli -- ask "<question>" --json   (or node dist/src/cli.js …)

Options:
  --json             print JSON only (one object per question)
  --seeds DIR        answer from this folder alone (default: $SEEDS_DIR or ./seeds,
                     with the articles the bot's feeds kept in $DATA_DIR/articles)
  --no-cache         rebuild the corpus instead of using the cache in $DATA_DIR/cache
  -h, --help         this help
  -v, --version      the version
`;

interface Io {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: Record<string, string | undefined>;
}

/** JSON view of an answer: the contract's fields, then extras. */
export function askJson(r: AskResult): object {
  return {
    question: r.question,
    kind: r.kind,
    answers: r.answers,
    ...(r.roster ? { roster: r.roster } : {}),
    ...(r.mode ? { mode: r.mode } : {}),
    ...(r.reportedOn ? { reportedOn: r.reportedOn } : {}),
    ...(r.statedDate ? { statedDate: r.statedDate } : {}),
    ...(r.reason ? { reason: r.reason, suggestions: r.suggestions } : {}),
    ...(r.message ? { message: r.message } : {}),
  };
}

export async function runCli(argv: string[], io: Io): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { json: { type: 'boolean' }, seeds: { type: 'string' }, 'no-cache': { type: 'boolean' }, help: { type: 'boolean', short: 'h' }, version: { type: 'boolean', short: 'v' } },
    });
  } catch (e) {
    io.stderr.write(`${(e as Error).message}\n\n${CLI_HELP}`);
    return 2;
  }
  const [command, ...rest] = args.positionals;
  if (args.values.version) {
    io.stdout.write(`cyberpact ${version()}\n`);
    return 0;
  }
  if (args.values.help || !command) {
    (args.values.help ? io.stdout : io.stderr).write(CLI_HELP);
    return args.values.help ? 0 : 2;
  }
  const json = Boolean(args.values.json);
  let settings: CoreSettings;
  try {
    settings = loadCoreSettings(io.env);
  } catch (e) {
    io.stderr.write(`${(e as Error).message}\n`);
    return 2;
  }
  const seedsDir = path.resolve(args.values.seeds ?? settings.seedsDir);
  const cacheDir = args.values['no-cache'] ? undefined : path.resolve(settings.dataDir, 'cache');
  // The articles the bot answers from: the seeds and those its feeds kept (DATA_DIR/articles); --seeds DIR alone answers from DIR.
  const articlesDir = path.resolve(settings.dataDir, 'articles');
  const extraDirs = args.values.seeds === undefined && existsSync(articlesDir) ? [articlesDir] : undefined;
  let loaded: Loaded;
  try {
    loaded = await loadBriefing({ seedsDir, cacheDir, deltaShare: DELTA_SHARE, ...(extraDirs ? { extraDirs } : {}) });
  } catch (e) {
    io.stderr.write(`error: ${(e as Error).message}\n`);
    return 1;
  }
  for (const err of loaded.errors) io.stderr.write(`warning: ${err.file}: ${err.message}\n`);
  for (const w of loaded.warnings) io.stderr.write(`warning: ${w}\n`);
  const core = new Core(loaded.briefing, { onError: (err, errorId) => io.stderr.write(`error ${errorId}: ${(err as Error)?.stack ?? String(err)}\n`), timeZone: settings.timezone });
  const ctx: CommandContext = { channel: { platform: 'console', id: 'cli' }, canManage: false, invocation: 'npm run cli --' };
  const out = (s: string) => io.stdout.write(s + '\n');

  const spec = CLI_COMMANDS.find((c) => c.name === command);
  if (!spec) {
    io.stderr.write(`unknown command: ${command}\n\n${CLI_HELP}`);
    return 2;
  }
  switch (spec.name) {
    case 'ask': {
      const question = rest.join(' ');
      // `ask ""`: a question was given, and it is empty (stdin is read only when none is given).
      if (rest.length && !question.trim()) {
        if (json) out(JSON.stringify(askLine(core, question)));
        else io.stderr.write('the question is empty\n');
        return json ? 0 : 2;
      }
      if (!question) {
        // Typed at a terminal, no question: say how to ask rather than wait.
        if ((io.stdin as { isTTY?: boolean }).isTTY) {
          io.stderr.write('ask needs a question, or questions piped in, one per line\n');
          return 2;
        }
        // Piped: one question per line, each answered alone (no line follows up on another).
        const rl = readline.createInterface({ input: limitLines(io.stdin), crlfDelay: Infinity });
        let n = 0;
        for await (const line of rl) {
          if (json) out(JSON.stringify(askLine(core, line)));
          else if (line.trim()) out(renderText(await core.handleText(line, { ...ctx, channel: { ...ctx.channel, id: `cli-${++n}` } })));
        }
        return 0;
      }
      if (json) {
        out(JSON.stringify(askLine(core, question)));
        return 0;
      }
      out(renderText(await core.handleText(question, ctx)));
      return 0;
    }
    default:
      out(json ? JSON.stringify(await core.json(spec.name)) : renderText(await core.handle({ type: spec.name }, ctx)));
      return 0;
  }
}

/** One question through the same input rules as chat, as a JSON-able result. */
function askLine(core: Core, line: string): object {
  const cmd = parseCommand(line);
  if (cmd.type === 'ask') return askJson(core.briefing.ask(cmd.question));
  const problem = cmd.type === 'invalid' ? cmd.problem : `"${cmd.type}" is a command, not a question`;
  return { question: line.slice(0, 500), kind: 'no_answer', answers: [], reason: problem };
}

/** Process entry point (scripts/run.js cli …). */
export function main(): void {
  dotenv.config({ quiet: true });
  runCli(process.argv.slice(2), { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env }).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`error: ${(e as Error)?.message ?? String(e)}\n`);
      process.exitCode = 1;
    },
  );
}

if (require.main === module) main();
