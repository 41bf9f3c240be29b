import { parseArgs, type ParseArgsConfig } from 'node:util';
import { catalogue } from '../diagnostics/catalogue.js';
import type { Diagnostic, Lang } from '../diagnostics/diagnostic.js';
import { renderTemplate } from '../diagnostics/render-message.js';
import { isErrnoError, SystemError, systemErrorFrom } from '../source/system-error.js';
import type { EvaluateFlags } from './commands/evaluate.js';
import { UsageError, type CommandIo } from './io.js';
// Commands are imported when run: `check` need not load Chromium's driver, `render` the engine.

const HELP = `convflux — conventions de réservation en flux

Usage :
  convflux check [CHEMIN…]       vérifie des conventions (fichiers ou dossiers ; défaut : rules/)
  convflux seal FICHIER…         scelle une version signée (écrit son empreinte)
  convflux test [CHEMIN…]        joue les scénarios YAML (défaut : test/scenarios/)
  convflux schema                chemin du schéma JSON (complétion dans l'éditeur)
  convflux init TYPE [--out FICHIER] [--departement DD]   squelette commenté d'une convention (etat, commune, epci…)
  convflux evaluate --parc P --events E --annee AAAA [--rules DOSSIER…] [--date AAAA-MM-JJ]
                                 évalue une année d'événements du flux (défaut : --rules rules/)
  convflux rules CONVENTION      règles json-rules-engine tirées d'une convention
  convflux bilan --parc P --events E --annee AAAA --out DOSSIER [--rules DOSSIER…] [--date AAAA-MM-JJ] [--html]
                 [--reservataire ID…] [--convention ID…]
                                 bilan annuel (CCH R. 441-5-1) de chaque convention : PDF et CSV des logements proposés et attribués
  convflux render CHEMIN… [--out F|D] [--html]
                                 imprime la convention prête à signer (PDF ; un dossier : toutes)
  convflux render --avenant ANCIENNE.yaml NOUVELLE.yaml [--out F|D] [--html]
                                 imprime l'avenant : articles modifiés, ancienne et nouvelle rédaction en regard
  convflux render CHEMIN… --sign CERT.p12 [--signataire bailleur|reservataire] [--sign-password-env VAR]
                                 … et la signe (PAdES) ; mot de passe dans $CONVFLUX_SIGN_PASSWORD
  convflux sign FICHIER.pdf --cert CERT.p12 [--signataire bailleur|reservataire] [--sign-password-env VAR] [--out F]
                                 contresigne un PDF scellé dans le champ libre du signataire (défaut : <nom>-signe.pdf)
  convflux verify FICHIER.pdf [--yaml V.yaml | --yaml ANCIENNE.yaml --yaml NOUVELLE.yaml]
                                 vérifie les signatures du PDF et qu'il est le rendu de ce YAML (de ces deux versions pour un avenant)

Options :
  --json            sortie JSON
  --lang fr|en      langue des messages (défaut : fr)
  --strict          (check) les avertissements font aussi échouer
  --force           (seal) rescelle une version signée modifiée
  --csv             (evaluate) tableau des conventions en CSV
  --out DOSSIER     (evaluate) écrit evaluation.json et les CSV (conventions, objectifs, alertes, rejets)
                    (render) fichier de sortie, ou dossier (défaut : dossier courant, <id>-v<N>.pdf)
                    (bilan) dossier des bilans : <id>-bilan-<AAAA>.pdf (ou .html avec --html) et .csv
  --html            (render) écrit le HTML au lieu du PDF (sans navigateur)
  --avenant         (render) l'avenant entre deux versions d'une convention (défaut : <id>-avenant-<N>.pdf)
  --sign CERT.p12   (render) signe chaque PDF (certificat PKCS#12) dans le champ du signataire
  --signataire P    (render --sign) bailleur ou reservataire (défaut : le premier champ libre)
  --sign-password-env VAR  (render --sign) variable du mot de passe (défaut : CONVFLUX_SIGN_PASSWORD)
  --reservataire ID (bilan) seulement les conventions de ce réservataire (répétable)
  --convention ID   (bilan) seulement cette convention (répétable)
  --yaml FICHIER    (verify) le YAML dont le PDF doit être le rendu, octet pour octet ; deux fois pour un avenant
  --explain LOGEMENT (evaluate) suit un logement événement par événement, règle par règle
  --tolerant        (evaluate) des lignes rejetées ne font pas échouer
  --signees         (evaluate) n'applique que les versions signées
  --moteur M        (evaluate) compile (défaut) ou json-rules-engine (référence, lent)
  --workers N       (evaluate) threads de calcul (défaut : un par cœur au-delà de 20 Mo de parc ; 0 = un seul)
  --no-color        sans couleurs
  -h, --help        cette aide

Codes de sortie : 0 sans erreur, 1 erreurs trouvées, 2 usage ou erreur interne.`;

const options = {
  json: { type: 'boolean', default: false },
  lang: { type: 'string', default: 'fr' },
  strict: { type: 'boolean', default: false },
  force: { type: 'boolean', default: false },
  rules: { type: 'string', multiple: true, default: [] },
  parc: { type: 'string' },
  events: { type: 'string' },
  annee: { type: 'string' },
  date: { type: 'string' },
  csv: { type: 'boolean', default: false },
  out: { type: 'string' },
  explain: { type: 'string' },
  tolerant: { type: 'boolean', default: false },
  signees: { type: 'boolean', default: false },
  moteur: { type: 'string' },
  html: { type: 'boolean', default: false },
  avenant: { type: 'boolean', default: false },
  workers: { type: 'string' },
  sign: { type: 'string' },
  cert: { type: 'string' },
  'sign-password-env': { type: 'string' },
  signataire: { type: 'string' },
  yaml: { type: 'string', multiple: true },
  reservataire: { type: 'string', multiple: true },
  convention: { type: 'string', multiple: true },
  departement: { type: 'string' },
  'no-color': { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
  version: { type: 'boolean', default: false },
} satisfies ParseArgsConfig['options'];

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
  try {
    const parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
    const v = parsed.values;
    if (v.lang !== 'fr' && v.lang !== 'en')
      throw new UsageError(`--lang attend fr ou en (reçu : ${v.lang})`);
    flags = {
      json: v.json,
      lang: v.lang,
      strict: v.strict,
      force: v.force,
      color: !v['no-color'] && !v.json && io.isTTY && !process.env['NO_COLOR'],
    };
    const [command, ...rest] = parsed.positionals;
    if (v.help || command === 'help') {
      io.out(HELP);
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
        ).runCheck(rest.length ? rest : ['rules/'], flags, io);
      case 'seal':
        if (!rest.length) throw new UsageError('seal attend au moins un fichier');
        return await (await import('./commands/seal.js')).runSeal(rest, flags, io);
      case 'test':
        return await (
          await import('./commands/test.js')
        ).runTest(rest.length ? rest : ['test/scenarios/'], flags, io);
      case 'schema':
        return (await import('./commands/schema.js')).runSchema(flags, io);
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
      case 'rules':
        if (rest.length !== 1 || rest[0] === undefined)
          throw new UsageError('rules attend un fichier de convention');
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
        const inapplicables = (
          ['csv', 'explain', 'moteur', 'workers', 'avenant', 'sign', 'strict', 'force'] as const
        )
          .filter((k) => v[k] !== undefined && v[k] !== false)
          .map((k) => `--${k}`);
        return await (
          await import('./commands/bilan.js')
        ).runBilan(
          rest,
          {
            rules: v.rules,
            html: v.html,
            tolerant: v.tolerant,
            signees: v.signees,
            inapplicables,
            ...(v.parc !== undefined ? { parc: v.parc } : {}),
            ...(v.events !== undefined ? { events: v.events } : {}),
            ...(v.annee !== undefined ? { annee: v.annee } : {}),
            ...(v.date !== undefined ? { date: v.date } : {}),
            ...(v.out !== undefined ? { out: v.out } : {}),
            reservataires: v.reservataire ?? [],
            conventions: v.convention ?? [],
          },
          flags,
          io,
        );
      }
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
      case 'verify':
        return await (
          await import('./commands/verify.js')
        ).runVerify(rest, v.yaml !== undefined ? { yaml: v.yaml } : {}, flags, io);
      case undefined:
        throw new UsageError('commande manquante');
      default:
        throw new UsageError(
          `commande inconnue « ${command} » (check, seal, test, schema, init, evaluate, rules, render, sign, verify, bilan)`,
        );
    }
  } catch (error) {
    const lang: Lang = flags?.lang ?? 'fr';
    const diagnostic = failureDiagnostic(error, lang);
    if (flags?.json) {
      io.out(JSON.stringify({ ok: false, diagnostics: [diagnostic] }));
    } else {
      io.err(`convflux : ${diagnostic.message}`);
      if (diagnostic.code === 'USAGE') io.err('Voir `convflux --help`.');
    }
    return 2;
  }
}

/**
 * What a failed command says: a usage mistake, a system or set-up problem (its own code), or,
 * for anything else, `ERREUR_INTERNE` — a bug of convflux.
 */
function failureDiagnostic(error: unknown, lang: Lang): Diagnostic {
  const base = { severity: 'error' as const, line: 0, column: 0, pointer: '' };
  const usage =
    error instanceof UsageError ||
    (error instanceof Error && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'));
  if (usage) return { ...base, code: 'USAGE', file: '', message: error.message, params: {} };
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
