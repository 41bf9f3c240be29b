/**
 * The command line read against the command table: the command, its arguments and the options
 * given, each checked (known, applicable to the command, with its value), with « vouliez-vous
 * dire … ? » on a near miss. Every mistake is a UsageError in French and English: none of
 * parseArgs' English text reaches the user.
 */
import { parseArgs } from 'node:util';
import type { Lang } from '../diagnostics/diagnostic.js';
import { COMMANDS, OPTIONS, commandDoc, optionsOf, type OptionName } from './command-table.js';
import { UsageError } from './io.js';
import { closest } from './suggest.js';

export interface CommandLine {
  lang: Lang;
  command: string | undefined;
  positionals: string[];
  values: ReturnType<typeof parseTyped>['values'];
}

const parseTyped = (args: string[]) =>
  parseArgs({ args, options: OPTIONS, allowPositionals: true, strict: true });

const isOption = (name: string): name is OptionName => Object.hasOwn(OPTIONS, name);
const dashes = (names: readonly string[]): string => names.map((n) => `--${n}`).join(', ');

function suggestion(word: string, known: readonly string[], lang: Lang, prefix = ''): string {
  const near = closest(word, known);
  if (near === undefined) return '';
  return lang === 'fr'
    ? ` ; vouliez-vous dire « ${prefix}${near} » ?`
    : `; did you mean "${prefix}${near}"?`;
}

function readLang(value: unknown): Lang {
  if (value === 'fr' || value === 'en') return value;
  const got = typeof value === 'string' ? value : '';
  throw new UsageError(
    `--lang attend fr ou en (reçu : « ${got} »)`,
    `--lang expects fr or en (got "${got}")`,
  );
}

function checkCommand(command: string | undefined): void {
  if (command === undefined || command === 'help' || commandDoc(command)) return;
  const names = COMMANDS.map((c) => c.name);
  throw new UsageError(
    `commande inconnue « ${command} »${suggestion(command, names, 'fr')} (commandes : ${names.join(', ')})`,
    `unknown command "${command}"${suggestion(command, names, 'en')} (commands: ${names.join(', ')})`,
    { commande: command, suggestion: closest(command, names) ?? null },
  );
}

interface OptionToken {
  name: string;
  rawName: string;
  value: string | undefined;
  inlineValue: boolean | undefined;
}

function checkOption(tok: OptionToken, command: string | undefined): void {
  const doc = command === undefined ? undefined : commandDoc(command);
  const applicable = optionsOf(doc);
  const own = doc ? doc.options.map((o) => o.name) : [];
  const ownFr = doc ? ` (options de ${doc.name} : ${own.length ? dashes(own) : 'aucune'})` : '';
  const ownEn = doc ? ` (options of ${doc.name}: ${own.length ? dashes(own) : 'none'})` : '';
  const name = tok.name;
  if (!isOption(name) || (tok.rawName.startsWith('--') && name.length === 1)) {
    const known = doc ? applicable : Object.keys(OPTIONS);
    const near = closest(name, known);
    throw new UsageError(
      `option inconnue « ${tok.rawName} »${suggestion(name, known, 'fr', '--')}${ownFr}`,
      `unknown option "${tok.rawName}"${suggestion(name, known, 'en', '--')}${ownEn}`,
      {
        option: tok.rawName,
        suggestion: near === undefined ? null : `--${near}`,
        options: dashes(own),
      },
    );
  }
  const spec: { type: 'string' | 'boolean' } = OPTIONS[name];
  if (spec.type === 'boolean' && tok.inlineValue)
    throw new UsageError(
      `l’option ${tok.rawName} ne prend pas de valeur (reçu : « ${tok.value ?? ''} »)`,
      `option ${tok.rawName} takes no value (got "${tok.value ?? ''}")`,
    );
  if (spec.type === 'string') {
    if (tok.value === undefined)
      throw new UsageError(
        `l’option ${tok.rawName} attend une valeur`,
        `option ${tok.rawName} expects a value`,
      );
    if (!tok.inlineValue && tok.value.startsWith('-') && tok.value !== '-')
      throw new UsageError(
        `l’option ${tok.rawName} attend une valeur, pas l’option « ${tok.value} »`,
        `option ${tok.rawName} expects a value, not the option "${tok.value}"`,
      );
  }
  if (doc && !applicable.includes(name))
    throw new UsageError(
      `${doc.name} : l’option --${name} ne s’applique pas à cette commande${ownFr}`,
      `${doc.name}: option --${name} does not apply to this command${ownEn}`,
      { commande: doc.name, option: `--${name}`, options: dashes(own) },
    );
}

/** Reads and checks the command line; throws a UsageError on the first mistake. */
export function parseCommandLine(argv: string[]): CommandLine {
  const loose = parseArgs({
    args: argv,
    options: OPTIONS,
    allowPositionals: true,
    strict: false,
    tokens: true,
  });
  const lang = readLang(loose.values.lang ?? 'fr');
  const positionals = loose.positionals;
  const command = positionals[0];
  checkCommand(command);
  // `help COMMANDE` names a command too.
  if (command === 'help' && positionals[1] !== undefined) checkCommand(positionals[1]);
  const target = command === 'help' ? positionals[1] : command;
  for (const tok of loose.tokens)
    if (tok.kind === 'option')
      checkOption(
        { name: tok.name, rawName: tok.rawName, value: tok.value, inlineValue: tok.inlineValue },
        target,
      );
  const typed = parseTyped(argv);
  return { lang, command, positionals: typed.positionals.slice(1), values: typed.values };
}

/** The language asked for, before anything else is checked (French when unreadable). */
export function commandLineLang(argv: readonly string[]): Lang {
  let lang: Lang = 'fr';
  argv.forEach((a, i) => {
    const v = a === '--lang' ? argv[i + 1] : a.startsWith('--lang=') ? a.slice(7) : undefined;
    if (v === 'en' || v === 'fr') lang = v;
  });
  return lang;
}
