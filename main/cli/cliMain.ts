import { parseArgs, type ParseArgsConfig } from 'node:util';
import { safeMessage, showText } from '../../shared/text/safeText.js';
import { cliError, cliErrorFrom } from './cliError.js';
import { cliLocale, cliText, hasCliText, usageOf, type CliTextRef } from './cliText.js';
import type { Locale } from '../../shared/i18n/locales.js';

/**
 * A CLI command: its options (node:util parseArgs) and its handler. Its usage line and --help
 * summary are the catalogues' `usage.<name>` and `help.<name>` (cliHelp.{nl,en}.ts), in the CLI's
 * language; `usage`/`summary` are an English fallback for a command that is not in them yet (the
 * CLI help test refuses such a command).
 */
export interface CliCommand {
  summary?: string;
  usage?: string;
  options: NonNullable<ParseArgsConfig['options']>;
  /** `--lang` is the language of the document the command writes (report, handout), not of its messages. */
  langIsDocument?: boolean;
  run(args: { values: Record<string, string | boolean | undefined>; positionals: string[] }): Promise<number>;
}

type Loader = () => Promise<CliCommand>;

/** Commands are loaded lazily so that `cadans analyze` does not pay for SQLite, serial or the web host. */
const COMMANDS: Record<string, Loader> = {
  analyze: async () => (await import('./analyzeCommand.js')).analyzeCommand,
  sensors: async () => (await import('./sensorsCommand.js')).sensorsCommand,
  monitor: async () => (await import('./monitorCommand.js')).monitorCommand,
  record: async () => (await import('./recordCommand.js')).recordCommand,
  clients: async () => (await import('./clientsCommand.js')).clientsCommand,
  sessions: async () => (await import('./sessionsCommand.js')).sessionsCommand,
  export: async () => (await import('./exportCommand.js')).exportCommand,
  report: async () => (await import('./reportCommand.js')).reportCommand,
  backup: async () => (await import('./backupCommand.js')).backupCommand,
  restore: async () => (await import('./restoreCommand.js')).restoreCommand,
  web: async () => (await import('./webCommand.js')).webCommand,
  resonance: async () => (await import('./resonanceCommand.js')).resonanceCommand,
  'access-log': async () => (await import('./accessLogCommand.js')).accessLogCommand,
  prescribe: async () => (await import('./prescribeCommand.js')).prescribeCommand,
  encrypt: async () => (await import('./encryptCommand.js')).encryptCommand,
  decrypt: async () => (await import('./encryptCommand.js')).decryptCommand,
  'import-run': async () => (await import('./importRunCommand.js')).importRunCommand,
  practice: async () => (await import('./practiceCommand.js')).practiceCommand,
};

export function registerCommand(name: string, loader: Loader): void {
  COMMANDS[name] = loader;
}

function helpText(locale: Locale): string {
  return cliText(locale, 'help.overview', { commands: Object.keys(COMMANDS).map((c) => `  ${c}`).join('\n') });
}

/** The usage line of command `name` in the line's language (the command's own English one when the catalogues lack it). */
function usageParam(name: string, cmd: CliCommand): CliTextRef | string {
  return hasCliText(`usage.${name}`) ? usageOf(name) : (cmd.usage ?? `cadans ${name}`);
}

/** `cadans <name> --help`: the usage line and the summary in `locale`. */
function commandHelp(locale: Locale, name: string, cmd: CliCommand): string {
  const usageKey = `usage.${name}`;
  const helpKey = `help.${name}`;
  const usage = hasCliText(usageKey) ? cliText(locale, usageKey) : (cmd.usage ?? `cadans ${name}`);
  const summary = hasCliText(helpKey) ? cliText(locale, helpKey) : (cmd.summary ?? '');
  return `${usage}\n\n${summary}\n`;
}

/** Entry point of the `cadans` CLI; returns the process exit code. Never throws. */
export async function cliMain(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  // The language of the lines below: CADANS_LANG (or a Dutch system locale), else English; a
  // command's own --lang (record, resonance) once the arguments are parsed.
  let locale = cliLocale();
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(helpText(locale) + '\n');
    return name ? 0 : 2;
  }
  const load = COMMANDS[name];
  if (!load) {
    process.stderr.write(`cadans: ${cliText(locale, 'cli.unknownCommand', { name: showText(name, 40) })}\n`);
    return 2;
  }
  try {
    const cmd = await load();
    if (rest.includes('--help') || rest.includes('-h')) {
      process.stdout.write(commandHelp(locale, name, cmd));
      return 0;
    }
    let parsed;
    try {
      parsed = parseArgs({ args: rest, options: cmd.options, allowPositionals: true, strict: true });
    } catch (e) {
      const detail = (e as Error).message.split(/\. |\n/)[0]!;
      const unknown = /^Unknown option '([^']+)'$/.exec(detail);
      throw cliError('cli.usage', { detail: unknown ? cliText(locale, 'cli.unknownOption', { option: unknown[1] }) : detail, usage: usageParam(name, cmd) }, 2);
    }
    // A document's --lang (report, prescribe: default nl) is not the messages' language.
    if (!cmd.langIsDocument) locale = cliLocale(parsed.values.lang);
    // The practice database chosen in the app on this database, unless CADANS_PRACTICE_DB is set.
    // (Loaded only for such a command: `cadans analyze` does not pay for the settings store.)
    if (cmd.options && 'db' in cmd.options) {
      const [{ applyPracticeSetting }, { resolveDbPath }] = await Promise.all([import('../app/practiceSetting.js'), import('./dbPath.js')]);
      applyPracticeSetting(resolveDbPath(parsed.values.db as string | boolean | undefined));
    }
    return await cmd.run(parsed as { values: Record<string, string | boolean | undefined>; positionals: string[] });
  } catch (e) {
    // Messages may carry file names, arguments or parse errors: never a control character or escape sequence.
    // Coded errors and field problems from deep inside (a sensor, a schema, the database) in the user's language.
    const shown = cliErrorFrom(e);
    if (shown) {
      process.stderr.write(`cadans ${name}: ${safeMessage(shown.textIn(locale))}\n`);
      return shown.exitCode;
    }
    if (e instanceof Error && e.name === 'AnalysisInputError') {
      process.stderr.write(`cadans ${name}: ${safeMessage(e.message)}\n`);
      return 1;
    }
    const err = e as Error;
    process.stderr.write(`cadans ${name}: ${safeMessage(cliText(locale, 'cli.internalError', { detail: err?.message ?? String(e) }))}\n`);
    if (process.env.CADANS_DEBUG) process.stderr.write(String(err?.stack) + '\n');
    return 1;
  }
}
