import { catalogue } from '../diagnostics/catalogue.js';
import type { Diagnostic, Lang } from '../diagnostics/diagnostic.js';
import { renderTemplate } from '../diagnostics/render-message.js';
import { isErrnoError, SystemError, systemErrorFrom } from '../source/system-error.js';
import type { EvaluateFlags } from './commands/evaluate.js';
import { commandDoc } from './command-table.js';
import { commandHelp, globalHelp } from './help.js';
import { UsageError, type CommandIo } from './io.js';
import { commandLineLang, parseCommandLine } from './parse-command-line.js';
// Commands are imported when run: `check` need not load Chromium's driver, `render` the engine.

export interface Flags {
  json: boolean;
  lang: Lang;
  strict: boolean;
  force: boolean;
  color: boolean;
}

/** The CLI as a function: arguments in, exit code out (0 clean, 1 findings, 2 usage/internal). */
export async function main(argv: string[], io: CommandIo = defaultIo()): Promise<number> {
  let flags: Flags | undefined;
  const lang0 = commandLineLang(argv);
  try {
    const line = parseCommandLine(argv);
    const v = line.values;
    flags = {
      json: v.json,
      lang: line.lang,
      strict: v.strict,
      force: v.force,
      color: !v['no-color'] && !v.json && io.isTTY && !process.env['NO_COLOR'],
    };
    const { command, positionals: rest } = line;
    if (command === 'help' || v.help) {
      const name = command === 'help' ? rest[0] : command;
      const doc = name === undefined ? undefined : commandDoc(name);
      io.out(doc ? commandHelp(doc, line.lang) : globalHelp(line.lang));
      return 0;
    }
    if (v.version) {
      io.out('convflux 0.1.0');
      return 0;
    }
    switch (command) {
      case 'check':
        return await (
          await import('./commands/check.js')
        ).runCheck(rest.length ? rest : ['rules/'], flags, io, v.parc);
      case 'seal':
        if (!rest.length)
          throw new UsageError('seal attend au moins un fichier', 'seal expects at least one file');
        return await (await import('./commands/seal.js')).runSeal(rest, flags, io);
      case 'migrate':
        if (!rest.length)
          throw new UsageError(
            'migrate attend au moins un fichier',
            'migrate expects at least one file',
          );
        return await (await import('./commands/migrate.js')).runMigrate(rest, flags, io);
      case 'test':
        return await (
          await import('./commands/test.js')
        ).runTest(rest.length ? rest : ['test/scenarios/'], flags, io);
      case 'schema':
        if (rest.length > 1)
          throw new UsageError(
            'schema attend au plus un fichier (la convention où mettre la ligne)',
            'schema expects at most one file (the convention that gets the line)',
          );
        return (await import('./commands/schema.js')).runSchema(rest[0], flags, io);
      case 'init':
        return (await import('./commands/init.js')).runInit(
          rest,
          {
            ...(v.out !== undefined ? { out: v.out } : {}),
            ...(v.departement !== undefined ? { departement: v.departement } : {}),
          },
          flags,
          io,
        );
      case 'evaluate': {
        if (rest.length)
          throw new UsageError(
            `evaluate : argument inattendu « ${rest[0] ?? ''} » (les conventions se donnent avec --rules)`,
            `evaluate: unexpected argument "${rest[0] ?? ''}" (conventions are given with --rules)`,
          );
        const f: EvaluateFlags = {
          rules: v.rules,
          csv: v.csv,
          tolerant: v.tolerant,
          signees: v.signees,
        };
        if (v.parc !== undefined) f.parc = v.parc;
        if (v.events !== undefined) f.events = v.events;
        if (v.annee !== undefined) f.annee = v.annee;
        if (v.date !== undefined) f.date = v.date;
        if (v.out !== undefined) f.out = v.out;
        if (v.explain !== undefined) f.explain = v.explain;
        if (v.moteur !== undefined) f.moteur = v.moteur;
        if (v.workers !== undefined) f.workers = v.workers;
        return await (await import('./commands/evaluate.js')).runEvaluate(f, flags, io);
      }
      case 'serve':
        return await (
          await import('./commands/serve.js')
        ).runServe(
          rest,
          {
            ...(v.data !== undefined ? { data: v.data } : {}),
            ...(v.port !== undefined ? { port: v.port } : {}),
            ...(v.host !== undefined ? { host: v.host } : {}),
            ...(v.database !== undefined ? { database: v.database } : {}),
            ...(v.exemple ? { exemple: true } : {}),
          },
          flags,
          io,
        );
      case 'echeancier':
        return await (
          await import('./commands/echeancier.js')
        ).runEcheancier(
          rest,
          {
            rules: v.rules,
            signees: v.signees,
            ics: v.ics,
            ...(v.parc !== undefined ? { parc: v.parc } : {}),
            ...(v.events !== undefined ? { events: v.events } : {}),
            ...(v.date !== undefined ? { date: v.date } : {}),
            ...(v.horizon !== undefined ? { horizon: v.horizon } : {}),
          },
          flags,
          io,
        );
      case 'db':
        return await (
          await import('./commands/db.js')
        ).runDb(
          rest,
          {
            ...(v.data !== undefined ? { data: v.data } : {}),
            ...(v.database !== undefined ? { database: v.database } : {}),
            ...(v.out !== undefined ? { out: v.out } : {}),
          },
          flags,
          io,
        );
      case 'orient':
        return await (
          await import('./commands/orient.js')
        ).runOrient(
          rest,
          {
            rules: v.rules,
            signees: v.signees,
            allOpen: v['all-open'],
            ...(v.parc !== undefined ? { parc: v.parc } : {}),
            ...(v.events !== undefined ? { events: v.events } : {}),
            ...(v.logement !== undefined ? { logement: v.logement } : {}),
            ...(v.date !== undefined ? { date: v.date } : {}),
            ...(v['filiere-part'] !== undefined ? { filierePart: v['filiere-part'] } : {}),
            ...(v['filiere-fenetre'] !== undefined ? { filiereFenetre: v['filiere-fenetre'] } : {}),
          },
          flags,
          io,
        );
      case 'simulate':
        return await (
          await import('./commands/simulate.js')
        ).runSimulate(
          rest,
          {
            rules: v.rules,
            csv: v.csv,
            tolerant: v.tolerant,
            signees: v.signees,
            projets: v.projet ?? [],
            surcharges: v.set ?? [],
            reorienter: v.reorienter,
            ...(v.parc !== undefined ? { parc: v.parc } : {}),
            ...(v.events !== undefined ? { events: v.events } : {}),
            ...(v.annee !== undefined ? { annee: v.annee } : {}),
            ...(v.date !== undefined ? { date: v.date } : {}),
            ...(v['date-effet'] !== undefined ? { dateEffet: v['date-effet'] } : {}),
            ...(v.out !== undefined ? { out: v.out } : {}),
          },
          flags,
          io,
        );
      case 'rules':
        if (rest.length !== 1 || rest[0] === undefined)
          throw new UsageError(
            'rules attend un fichier de convention',
            'rules expects one convention file',
          );
        return await (await import('./commands/rules.js')).runRules(rest[0], flags, io);
      case 'render':
        return await (
          await import('./commands/render.js')
        ).runRender(
          rest,
          {
            html: v.html,
            avenant: v.avenant,
            ...(v.out !== undefined ? { out: v.out } : {}),
            ...(v.sign !== undefined ? { sign: v.sign } : {}),
            ...(v['sign-password-env'] !== undefined
              ? { signPasswordEnv: v['sign-password-env'] }
              : {}),
            ...(v.signataire !== undefined ? { signataire: v.signataire } : {}),
          },
          flags,
          io,
        );
      case 'bilan': {
        return await (
          await import('./commands/bilan.js')
        ).runBilan(
          rest,
          {
            rules: v.rules,
            html: v.html,
            tolerant: v.tolerant,
            signees: v.signees,
            ...(v.parc !== undefined ? { parc: v.parc } : {}),
            ...(v.events !== undefined ? { events: v.events } : {}),
            ...(v.annee !== undefined ? { annee: v.annee } : {}),
            ...(v.date !== undefined ? { date: v.date } : {}),
            ...(v.out !== undefined ? { out: v.out } : {}),
            ...(v.prevision !== undefined ? { prevision: v.prevision } : {}),
            ...(v.workers !== undefined ? { workers: v.workers } : {}),
            reservataires: v.reservataire ?? [],
            conventions: v.convention ?? [],
          },
          flags,
          io,
        );
      }
      case 'previsionnel':
        return await (
          await import('./commands/previsionnel.js')
        ).runPrevisionnel(
          rest,
          {
            rules: v.rules,
            html: v.html,
            signees: v.signees,
            ...(v.prevision !== undefined ? { prevision: v.prevision } : {}),
            ...(v.parc !== undefined ? { parc: v.parc } : {}),
            ...(v.events !== undefined ? { events: v.events } : {}),
            ...(v.annee !== undefined ? { annee: v.annee } : {}),
            ...(v.out !== undefined ? { out: v.out } : {}),
          },
          flags,
          io,
        );
      case 'sign':
        return await (
          await import('./commands/sign.js')
        ).runSign(
          rest,
          {
            ...(v.cert !== undefined ? { cert: v.cert } : {}),
            ...(v.out !== undefined ? { out: v.out } : {}),
            ...(v['sign-password-env'] !== undefined
              ? { signPasswordEnv: v['sign-password-env'] }
              : {}),
            ...(v.signataire !== undefined ? { signataire: v.signataire } : {}),
          },
          flags,
          io,
        );
      case 'classer':
        return await (
          await import('./commands/classer.js')
        ).runClasser(
          rest,
          {
            rules: v.rules,
            ...(v.parc !== undefined ? { parc: v.parc } : {}),
            ...(v.events !== undefined ? { events: v.events } : {}),
          },
          flags,
          io,
        );
      case 'verify':
        return await (
          await import('./commands/verify.js')
        ).runVerify(rest, v.yaml !== undefined ? { yaml: v.yaml } : {}, flags, io);
      case 'diff':
        return await (await import('./commands/diff.js')).runDiff(rest, flags, io);
      case 'cotation':
        return await (
          await import('./commands/cotation.js')
        ).runCotation(
          rest,
          {
            csv: v.csv,
            documentGrille: v['document-grille'],
            html: v.html,
            ...(v.grille !== undefined ? { grille: v.grille } : {}),
            ...(v.demandes !== undefined ? { demandes: v.demandes } : {}),
            ...(v.date !== undefined ? { date: v.date } : {}),
            ...(v.explain !== undefined ? { explain: v.explain } : {}),
            ...(v.releve !== undefined ? { releve: v.releve } : {}),
            ...(v.attributions !== undefined ? { attributions: v.attributions } : {}),
            ...(v.out !== undefined ? { out: v.out } : {}),
          },
          flags,
          io,
        );
      case undefined:
        throw new UsageError(
          'commande manquante (convflux --help les liste)',
          'missing command (convflux --help lists them)',
        );
      default:
        // In the table (its help is written) but not wired to a module: a bug of convflux.
        throw new Error(`commande ${command} non branchée`);
    }
  } catch (error) {
    const lang: Lang = flags?.lang ?? lang0;
    const diagnostic = failureDiagnostic(error, lang);
    if (flags?.json ?? argv.includes('--json')) {
      io.out(JSON.stringify({ ok: false, diagnostics: [diagnostic] }));
    } else {
      io.err(`convflux${lang === 'fr' ? ' :' : ':'} ${diagnostic.message}`);
      if (diagnostic.code === 'USAGE') io.err(seeHelp(argv, lang));
    }
    return 2;
  }
}

/**
 * Whether the command's work is all done when `main` returns — its output given, its files
 * written, no server, browser or child process left to close (`evaluate`): the launcher then ends
 * the process at once instead of letting Node wait for V8's background compilations of code that
 * will not run again and tear the heap down (one bailleur × département: ≈ 40–110 ms of wall time
 * on a shared machine).
 */
export function termineAuRetour(argv: string[]): boolean {
  try {
    return parseCommandLine(argv).command === 'evaluate';
  } catch {
    return false;
  }
}

/** Where to read more after a usage mistake: the command's own help when one is named. */
function seeHelp(argv: readonly string[], lang: Lang): string {
  const named = argv.find((a) => commandDoc(a) !== undefined);
  const where = named ? `convflux help ${named}` : 'convflux --help';
  return lang === 'fr' ? `Voir \`${where}\`.` : `See \`${where}\`.`;
}

/**
 * What a failed command says: a usage mistake, a system or set-up problem (its own code), or,
 * for anything else, `ERREUR_INTERNE` — a bug of convflux.
 */
function failureDiagnostic(error: unknown, lang: Lang): Diagnostic {
  const base = { severity: 'error' as const, line: 0, column: 0, pointer: '' };
  if (error instanceof UsageError)
    return { ...base, code: 'USAGE', file: '', message: error.text(lang), params: error.params };
  if (error instanceof SystemError) {
    const entry = catalogue[error.code];
    const message = entry ? renderTemplate(entry[lang], error.params, lang) : error.code;
    return { ...base, code: error.code, file: error.file, message, params: error.params };
  }
  if (isErrnoError(error)) {
    const chemin = typeof error.path === 'string' ? error.path : '';
    return failureDiagnostic(systemErrorFrom(error, chemin, lang, false), lang);
  }
  const detail = error instanceof Error ? error.message : String(error);
  const message = renderTemplate(
    catalogue['ERREUR_INTERNE']?.[lang] ?? '{detail}',
    { detail },
    lang,
  );
  return { ...base, code: 'ERREUR_INTERNE', file: '', message, params: { detail } };
}

function defaultIo(): CommandIo {
  return {
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
    isTTY: process.stdout.isTTY,
    cwd: process.cwd(),
  };
}
