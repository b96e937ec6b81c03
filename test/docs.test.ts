/**
 * The README and docs/ stay true to the code: every command, flag, variable,
 * npm script, link and JSON field they name exists, and every one that exists
 * is documented; docs/architecture.md names every source file; the answer
 * table in docs/answers.md is what `npm run eval -- --markdown` prints.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { CONFIG_VARIABLES } from '../src/config';
import { CLI_HELP, runCli } from '../src/cli';
import { MAIN_HELP } from '../src/main';
import { COMMANDS } from '../src/chat/commands';
import { defaultSets, evaluate, markdownBlocks } from '../scripts/eval';
import { betweenMarkers } from '../scripts/doc-markers';
import { ROOT, seedBriefing, tempDir } from './helpers';

const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');
const DOCS = ['README.md', ...readdirSync(path.join(ROOT, 'docs')).map((f) => `docs/${f}`)];
const all = DOCS.map((f) => ({ file: f, text: read(f) }));
const everything = all.map((d) => d.text).join('\n');

/** Every file under a folder, relative to the project, with its extension. */
function sourceFiles(dir: string, ext: RegExp): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(path.join(ROOT, d))) {
      const rel = `${d}/${name}`;
      if (statSync(path.join(ROOT, rel)).isDirectory()) walk(rel);
      else if (ext.test(name)) out.push(rel);
    }
  };
  walk(dir);
  return out;
}
const code = ['src', 'adapters', 'scripts', 'test'].flatMap((d) => sourceFiles(d, /\.(ts|js)$/)).map((f) => read(f));

/** A heading's anchor as GitHub makes it. */
const slug = (heading: string) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N} -]/gu, '')
    .replace(/ /g, '-');

describe('the README', () => {
  it('is read in five minutes: at most 250 lines, the run and test commands on the first screen', () => {
    const readme = read('README.md');
    expect(readme.split('\n').length).toBeLessThanOrEqual(250);
    const firstScreen = readme.split('\n').slice(0, 40).join('\n');
    expect(firstScreen).toContain('npm start');
    expect(firstScreen).toContain('npm test');
  });

  it('the command table lists every command and alias of the registry, and nothing else', () => {
    const readme = read('README.md');
    const table = readme.slice(readme.indexOf('| command | what it does |'), readme.indexOf('\n\n', readme.indexOf('| command | what it does |')));
    const firstCells = table
      .split('\n')
      .slice(2)
      .map((row) => row.split('|')[1]);
    const words = firstCells.flatMap((cell) => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1].split(' ')[0]));
    const known = new Set(COMMANDS.flatMap((c) => [c.name, ...c.aliases]));
    for (const w of words) if (w !== '<question>') expect(known.has(w) ? w : `${w} (not a command)`).toBe(w);
    for (const w of known) expect(words).toContain(w);
  });
});

describe('the docs', () => {
  it('every relative link points at a file that exists, and every anchor at a heading in it', () => {
    for (const { file, text } of all) {
      for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^(https?:|mailto:)/.test(target)) continue;
        const [rel, anchor] = target.split('#');
        const resolved = rel ? path.join(path.dirname(path.join(ROOT, file)), rel) : path.join(ROOT, file);
        expect(existsSync(resolved) ? target : `${file}: ${target} (missing)`).toBe(target);
        if (anchor && resolved.endsWith('.md')) {
          const headings = [...readFileSync(resolved, 'utf8').matchAll(/^#+ (.+)$/gm)].map((m) => slug(m[1]));
          expect(headings.includes(anchor) ? anchor : `${file}: #${anchor} (no such heading)`).toBe(anchor);
        }
      }
    }
  });

  it('every configuration variable is documented, and every upper-case name documented is in the code', () => {
    for (const v of CONFIG_VARIABLES) expect(everything.includes(`\`${v}`) ? v : `${v} (undocumented)`).toBe(v);
    const named = new Set([...everything.matchAll(/`([A-Z][A-Z0-9]*_[A-Z0-9_]+)[=`/ ]/g)].map((m) => m[1]));
    for (const v of named) {
      // A variable the tests or scripts read (TEST_DATABASE_URL), or a name of the code (COMMAND_NAMES).
      expect(CONFIG_VARIABLES.includes(v) || code.some((c) => c.includes(v)) ? v : `${v} (not in the code)`).toBe(v);
    }
  });

  it("every flag documented exists (the CLI's, the bot's, a script's), and every CLI flag is documented", () => {
    const cliFlags = [...CLI_HELP.matchAll(/--([a-z][a-z-]*)/g)].map((m) => m[1]);
    const mainFlags = [...MAIN_HELP.matchAll(/--([a-z][a-z-]*)/g)].map((m) => m[1]);
    // A script's flags are the options its parseArgs call declares.
    const scriptFlags = sourceFiles('scripts', /\.ts$/).flatMap((f) => {
      const text = read(f);
      const at = text.indexOf('parseArgs({');
      if (at < 0) return [];
      const block = text.slice(at, text.indexOf('});', at));
      return [...block.matchAll(/['"]?([a-z][a-z-]*)['"]?: \{ type:/g)].map((m) => m[1]);
    });
    // Node's and npm's own, where the docs show a command line.
    const external = ['cpu-prof', 'max-old-space-size', 'expose-gc', 'silent'];
    const known = new Set([...cliFlags, ...mainFlags, ...scriptFlags, ...external]);
    const documented = new Set([...everything.matchAll(/(?<![\w-])--([a-z][a-z-]*)/g)].map((m) => m[1]));
    for (const f of documented) expect(known.has(f) ? f : `--${f} (no such flag)`).toBe(f);
    for (const f of cliFlags) expect(documented.has(f) ? f : `--${f} (undocumented)`).toBe(f);
  });

  it('every `npm run` script documented exists in package.json', () => {
    const scripts = Object.keys((JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts);
    for (const [, name] of everything.matchAll(/npm run (?:-s )?([a-z][a-z:-]*)/g)) expect(scripts.includes(name) ? name : `npm run ${name} (no such script)`).toBe(name);
  });

  it('docs/architecture.md names every folder and source file of the core and the adapters', () => {
    const arch = read('docs/architecture.md');
    for (const f of [...sourceFiles('src', /\.ts$/), ...sourceFiles('adapters', /\.ts$/)]) {
      const name = path.basename(f);
      expect(arch.includes(name) ? f : `${f} (not in docs/architecture.md)`).toBe(f);
    }
    const folders = ['src', 'adapters'].flatMap((d) =>
      readdirSync(path.join(ROOT, d))
        .filter((n) => statSync(path.join(ROOT, d, n)).isDirectory())
        .map((n) => `${d}/${n}/`),
    );
    for (const d of folders) expect(arch.includes(`\`${d}\``) ? d : `${d} (not in docs/architecture.md)`).toBe(d);
  });
});

describe("the command line's JSON, as docs/answers.md describes it", () => {
  /** The fields docs/answers.md's JSON section names ("name"), and the values it quotes. */
  function documentedFields(): Set<string> {
    const answers = read('docs/answers.md');
    const from = answers.indexOf("## The command line's JSON");
    const section = answers.slice(from, answers.indexOf('\n## ', from + 1));
    return new Set([...section.matchAll(/"([a-zA-Z_]+)"/g)].map((m) => m[1]));
  }

  async function output(args: string[], dataDir: string, stdin = ''): Promise<string> {
    const stdout = new PassThrough();
    let text = '';
    stdout.on('data', (c: Buffer) => (text += c.toString()));
    await runCli(args, { stdin: Readable.from([stdin]), stdout, stderr: new PassThrough(), env: { DATA_DIR: dataDir } });
    return text;
  }

  it('every field the JSON holds is documented, and every field documented is one it holds', async () => {
    const dir = await tempDir();
    // The seeds, and two articles with their address (as feed articles have) reporting a meeting of two days.
    const seeds = path.join(dir, 'seeds');
    await mkdir(seeds);
    for (const f of readdirSync(path.join(ROOT, 'seeds'))) await writeFile(path.join(seeds, f), await readFile(path.join(ROOT, 'seeds', f)));
    const article = (title: string, published: string, url: string, text: string) => `---\ntitle: ${title}\npublisher: Example News\npublished: ${published}\nsource: ${url}\n---\n${text}\n`;
    await writeFile(
      path.join(seeds, 'fed1.txt'),
      article(
        'US and China hold cyber talks in Beijing',
        '2016-06-14',
        'https://news.example.com/1',
        'BEIJING, June 14 - US and Chinese officials met in Beijing on Tuesday for two days of talks on cybersecurity, the first day of the high-level dialogue on cyber crime.',
      ),
    );
    await writeFile(
      path.join(seeds, 'fed2.txt'),
      article(
        'US and China end cyber talks in Beijing',
        '2016-06-15',
        'https://news.example.com/2',
        'BEIJING, June 15 - US and Chinese officials held a second day of talks on cybersecurity in Beijing on Wednesday, at the high-level dialogue on cyber crime.',
      ),
    );
    const questions = readdirSync(path.join(ROOT, 'test/data'))
      .filter((f) => /^questions\..+\.jsonl$/.test(f))
      .flatMap((f) => read(`test/data/${f}`).split('\n').filter(Boolean))
      .map((l) => (JSON.parse(l) as { q: string }).q);
    const outputs = [await output(['ask', '--json', '--seeds', seeds], dir, questions.join('\n') + '\n')];
    for (const c of ['timeline', 'sources', 'people', 'digest']) outputs.push(await output([c, '--json', '--seeds', seeds], dir));
    const held = new Set<string>();
    const walk = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object')
        for (const [k, x] of Object.entries(v)) {
          held.add(k);
          walk(x);
        }
    };
    for (const text of outputs) for (const line of text.split('\n').filter((l) => l.trim())) walk(JSON.parse(line));
    const documented = documentedFields();
    for (const f of held) expect(documented.has(f) ? f : `"${f}" (undocumented)`).toBe(f);
    // The values the section quotes ("kind": "answer") are no fields.
    const values = ['answer', 'no_answer', 'small_talk', 'summary', 'latest'];
    for (const f of documented) if (!values.includes(f)) expect(held.has(f) ? f : `"${f}" (documented, never in the JSON)`).toBe(f);
  }, 120_000);
});

describe("docs/answers.md's answer table", () => {
  it('is what `npm run eval -- --markdown` prints for the seed sets', async () => {
    const b = await seedBriefing();
    const sets = defaultSets(ROOT, path.join(ROOT, 'seeds')).filter((s) => s.agreement);
    const rows = sets.map((s) => ({ name: s.name, r: evaluate(b, s.name, s.questions, { rounds: 0 }), seed: true }));
    expect(betweenMarkers(read('docs/answers.md'), 'eval-seeds')).toBe(markdownBlocks(rows, '')['eval-seeds']);
  }, 120_000);
});
