/** The global help and each command's help, written from the command table. */
import type { Lang } from '../diagnostics/diagnostic.js';
import { COMMANDS, GLOBAL_OPTIONS, type CommandDoc, type OptionDoc } from './command-table.js';

const TEXT = {
  fr: {
    titre: 'convflux — conventions de réservation en flux',
    usage: 'Usage :',
    commandes: 'Commandes :',
    options: 'Options :',
    communes: 'Options de toutes les commandes :',
    aucune: '(aucune option propre)',
    detail: 'Aide d’une commande : convflux help COMMANDE, ou convflux COMMANDE --help.',
    sorties:
      'Codes de sortie : 0 sans erreur, 1 erreurs trouvées, 2 usage ou problème d’installation.',
  },
  en: {
    titre: 'convflux — conventions de réservation en flux (flux reservation agreements)',
    usage: 'Usage:',
    commandes: 'Commands:',
    options: 'Options:',
    communes: 'Options of every command:',
    aucune: '(no option of its own)',
    detail: 'Help on a command: convflux help COMMAND, or convflux COMMAND --help.',
    sorties: 'Exit codes: 0 no error, 1 errors found, 2 usage or set-up problem.',
  },
};

const optionLabel = (o: OptionDoc, lang: Lang): string =>
  `${o.name === 'help' ? '-h, ' : ''}--${o.name}${o.arg ? ` ${o.arg[lang]}` : ''}`;

/**
 * The options of the list `o` cannot be given with: those it names (`exclut`) and those that
 * name it, so the pair is said on both lines.
 */
function exclues(o: OptionDoc, list: readonly OptionDoc[]): string[] {
  const noms = new Set(o.exclut ?? []);
  for (const p of list) if (p.exclut?.includes(o.name)) noms.add(p.name);
  return [...noms].map((n) => `--${n}`);
}

function optionText(o: OptionDoc, list: readonly OptionDoc[], lang: Lang): string {
  const sans = exclues(o, list);
  if (!sans.length) return o.text[lang];
  return lang === 'fr'
    ? `${o.text.fr} ; pas avec ${sans.join(' ni ')}`
    : `${o.text.en}; not with ${sans.join(' or ')}`;
}

function optionLines(list: readonly OptionDoc[], lang: Lang): string[] {
  const width = Math.max(...list.map((o) => optionLabel(o, lang).length));
  return list.map((o) => `  ${optionLabel(o, lang).padEnd(width)}  ${optionText(o, list, lang)}`);
}

export function globalHelp(lang: Lang): string {
  const x = TEXT[lang];
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    x.titre,
    '',
    x.commandes,
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary[lang]}`),
    '',
    x.usage,
    ...COMMANDS.flatMap((c) => c.usage.map((u) => `  convflux ${u[lang]}`)),
    '',
    x.communes,
    ...optionLines(GLOBAL_OPTIONS, lang),
    '',
    x.detail,
    x.sorties,
  ].join('\n');
}

export function commandHelp(c: CommandDoc, lang: Lang): string {
  const x = TEXT[lang];
  return [
    `convflux ${c.name} — ${c.summary[lang]}`,
    '',
    x.usage,
    ...c.usage.map((u) => `  convflux ${u[lang]}`),
    '',
    x.options,
    ...(c.options.length ? optionLines(c.options, lang) : [`  ${x.aucune}`]),
    '',
    x.communes,
    ...optionLines(GLOBAL_OPTIONS, lang),
    '',
    x.sorties,
  ].join('\n');
}
