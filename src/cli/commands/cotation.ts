/**
 * `convflux cotation --grille G --demandes D --date AAAA-MM-JJ [--json|--csv] [--explain N]`:
 * scores every request of the file with the grid, each score with its explanation.
 */
import { isIsoDate } from '../../convention/calendar.js';
import { coterDemandes, type CoterResult } from '../../cotation/coter.js';
import { numeroLu, numeroNormalise, type Demande } from '../../cotation/demande.js';
import { CSV_ENTETE, expliquer, ligneCsv } from '../../cotation/format-cotation.js';
import { cotationDite } from '../../cotation/priorite-renseignee.js';
import { chiffre, formule, type Cotation } from '../../cotation/noter.js';
import { lignesEnDouble, numeroNonCote } from '../../cotation/numero-non-cote.js';
import { ecrireDocumentGrille, ecrireReleve, type DocumentEcrit } from '../../cotation/releve.js';
import type { Diagnostic, Lang } from '../../diagnostics/diagnostic.js';
import { formatDiagnostic } from '../../diagnostics/format-text.js';
import { UsageError, type CommandIo } from '../io.js';
import type { Flags } from '../main.js';
import { requireInputs } from '../require-inputs.js';
import { ecrireJson } from '../ecrire-json.js';

export interface CotationFlags {
  grille?: string;
  demandes?: string;
  date?: string;
  csv: boolean;
  explain?: string;
  /** Step 4: the relevé of one request, the public grid document. */
  releve?: string;
  attributions?: string;
  documentGrille: boolean;
  html: boolean;
  out?: string;
}

/** Rejected rows printed on stderr in text mode. */
const MAX_REJETS = 20;
/**
 * CSV rows written per call (one write per row is slow on a pipe). 500 rows (about 60 Ko) keep
 * the joined text out of V8's large-object space, which only a full collection empties.
 */
const LOT = 500;

function usage(f: CotationFlags, flags: Flags): void {
  const fr = flags.lang === 'fr';
  const missing = [
    f.grille === undefined ? (fr ? '--grille FICHIER' : '--grille FILE') : '',
    f.demandes === undefined ? (fr ? '--demandes FICHIER' : '--demandes FILE') : '',
    f.date === undefined ? '--date AAAA-MM-JJ' : '',
  ].filter(Boolean);
  if (missing.length)
    throw new UsageError(
      `cotation : il manque ${missing.join(', ')}`,
      `cotation: missing ${missing.join(', ')}`,
    );
  if (!isIsoDate(f.date ?? ''))
    throw new UsageError(
      `--date attend une date AAAA-MM-JJ du calendrier (reçu : ${f.date ?? ''})`,
      `--date expects a calendar date YYYY-MM-DD (got: ${f.date ?? ''})`,
    );
  if (f.csv && flags.json)
    throw new UsageError('--csv et --json s’excluent', '--csv and --json are mutually exclusive');
  // Given without the relevé they serve, they were ignored without a word.
  if (f.attributions !== undefined && f.releve === undefined)
    throw new UsageError(
      '--attributions ne sert qu’au relevé : ajoutez --releve NUMERO --out DOSSIER',
      '--attributions only serves the relevé: add --releve NUMBER --out FOLDER',
    );
  // A name typed instead of a numéro is not written back (README: never a name in a message).
  for (const [option, valeur] of [
    ['--explain', f.explain],
    ['--releve', f.releve],
  ] as const)
    if (valeur !== undefined && numeroLu(valeur) === undefined)
      throw new UsageError(
        `${option} attend le numéro unique d’une demande (6 à 24 lettres ou chiffres, plus de chiffres que de lettres, espaces permis, par ex. 0671119000001) ; la valeur donnée n’en est pas un (elle n’est pas répétée ici : un message n’écrit jamais un nom ni une adresse)`,
        `${option} expects a request’s numéro unique (6 to 24 letters or digits, more digits than letters, spaces allowed, e.g. 0671119000001); the value given is not one (it is not repeated here: a message never writes a name or an address)`,
      );
  if (f.explain !== undefined && f.releve !== undefined)
    throw new UsageError(
      '--explain et --releve s’excluent (le relevé contient l’explication)',
      '--explain and --releve are mutually exclusive (the relevé holds the explanation)',
    );
}

/** Text mode: one line per request scored, its score and the formula with the numbers. */
function ligneTexte(c: Cotation, lang: Lang): string {
  const fr = lang === 'fr';
  const score = chiffre(c.score, lang);
  const prioritaire = c.prioritaire ? (fr ? ' — prioritaire' : ' — priority') : '';
  return fr
    ? `${c.numero_unique} (ligne ${String(c.ligne)}) : ${score} point(s) — ${formule(c, lang)}${prioritaire}`
    : `${c.numero_unique} (line ${String(c.ligne)}): ${score} point(s) — ${formule(c, lang)}${prioritaire}`;
}

function summary(r: CoterResult, lang: Lang): string {
  const e = r.entrees;
  return lang === 'fr'
    ? `Demandes : ${String(e.lignes)} ligne(s), ${String(e.cotees)} cotée(s), ${String(e.rejetees)} rejetée(s)${e.posterieures ? `, ${String(e.posterieures)} déposée(s) après la date de cotation` : ''}${e.non_lues ? `, ${String(e.non_lues)} non lue(s)` : ''}.`
    : `Requests: ${String(e.lignes)} row(s), ${String(e.cotees)} scored, ${String(e.rejetees)} rejected${e.posterieures ? `, ${String(e.posterieures)} filed after the scoring date` : ''}${e.non_lues ? `, ${String(e.non_lues)} not read` : ''}.`;
}

function printDiagnostics(r: CoterResult, lang: Lang, io: CommandIo): void {
  const fmt = (d: Diagnostic): string =>
    formatDiagnostic(d, { lang, color: false, details: false });
  for (const d of r.diagnostics) io.err(fmt(d));
  for (const d of r.rejets.slice(0, MAX_REJETS)) io.err(fmt(d));
  const autres = r.rejets.length - MAX_REJETS;
  if (autres > 0)
    io.err(
      lang === 'fr'
        ? `… et ${String(autres)} autre(s) rejet(s).`
        : `… and ${String(autres)} more rejected row(s).`,
    );
  io.err(summary(r, lang));
}

function needOut(f: CotationFlags, flags: Flags, what: string): string {
  if (f.out === undefined)
    throw new UsageError(
      `cotation ${what} : il manque --out DOSSIER`,
      `cotation ${what}: missing --out FOLDER`,
    );
  return f.out;
}

function written(d: DocumentEcrit | undefined, lang: Lang, io: CommandIo): void {
  if (!d) return;
  const pages =
    d.pages === undefined
      ? ''
      : lang === 'fr'
        ? ` (${String(d.pages)} page(s))`
        : ` (${String(d.pages)} page(s))`;
  io.out(`${lang === 'fr' ? 'Écrit :' : 'Written:'} ${d.fichier}${pages}`);
}

/** The options of scoring, which the grid document does not read (they were ignored unsaid). */
function optionsDeCotation(f: CotationFlags): string[] {
  const given: [string, boolean][] = [
    ['--demandes', f.demandes !== undefined],
    ['--date', f.date !== undefined],
    ['--csv', f.csv],
    ['--explain', f.explain !== undefined],
    ['--releve', f.releve !== undefined],
    ['--attributions', f.attributions !== undefined],
  ];
  return given.filter(([, g]) => g).map(([o]) => o);
}

async function documentGrille(f: CotationFlags, flags: Flags, io: CommandIo): Promise<number> {
  if (f.grille === undefined)
    throw new UsageError(
      'cotation --document-grille : il manque --grille FICHIER',
      'cotation --document-grille: missing --grille FILE',
    );
  const ignorees = optionsDeCotation(f);
  if (ignorees.length)
    throw new UsageError(
      `cotation --document-grille ne lit que la grille : retirez ${ignorees.join(', ')}`,
      `cotation --document-grille reads the grid only: remove ${ignorees.join(', ')}`,
    );
  const out = needOut(f, flags, '--document-grille');
  await requireInputs([f.grille], io.cwd);
  const r = await ecrireDocumentGrille({
    grille: f.grille,
    out,
    html: f.html,
    lang: flags.lang,
    cwd: io.cwd,
  });
  const ok = !r.diagnostics.some((d) => d.severity === 'error');
  if (flags.json) ecrireJson(io, { ok, document: r.document ?? null, diagnostics: r.diagnostics });
  else {
    written(r.document, flags.lang, io);
    for (const d of r.diagnostics)
      io.err(formatDiagnostic(d, { lang: flags.lang, color: false, details: false }));
  }
  return ok ? 0 : 1;
}

async function releve(f: CotationFlags, flags: Flags, io: CommandIo): Promise<number> {
  const out = needOut(f, flags, '--releve');
  const r = await ecrireReleve({
    grille: f.grille ?? '',
    demandes: f.demandes ?? '',
    date: f.date ?? '',
    numero: f.releve ?? '',
    out,
    html: f.html,
    lang: flags.lang,
    cwd: io.cwd,
    ...(f.attributions !== undefined ? { attributions: f.attributions } : {}),
  });
  const ok = r.ok && r.document !== undefined;
  if (flags.json) {
    ecrireJson(io, {
      ok,
      document: r.document ?? null,
      entrees: r.entrees,
      rejets: r.rejets,
      diagnostics: r.diagnostics,
    });
    return ok ? 0 : 1;
  }
  written(r.document, flags.lang, io);
  printDiagnostics(r, flags.lang, io);
  return ok ? 0 : 1;
}

export async function runCotation(
  rest: string[],
  f: CotationFlags,
  flags: Flags,
  io: CommandIo,
): Promise<number> {
  if (rest.length)
    throw new UsageError(
      `cotation : argument inattendu « ${rest[0] ?? ''} » (la grille se donne avec --grille)`,
      `cotation: unexpected argument "${rest[0] ?? ''}" (the grid is given with --grille)`,
    );
  if (f.documentGrille) return documentGrille(f, flags, io);
  usage(f, flags);
  await requireInputs(
    [f.grille ?? '', f.demandes ?? '', ...(f.attributions !== undefined ? [f.attributions] : [])],
    io.cwd,
  );
  if (f.releve !== undefined) return releve(f, flags, io);
  const lang = flags.lang;
  const date = f.date ?? '';
  const cotations: Cotation[] = [];
  /** The cotations whose priority the file does not say (no column, an empty cell): non renseigné. */
  const nonDites = new Set<Cotation>();
  let lot: string[] = f.csv ? [CSV_ENTETE] : [];
  const explique = f.explain === undefined ? undefined : numeroNormalise(f.explain);
  let posterieure: Demande | undefined;
  const r = await coterDemandes({
    grille: f.grille ?? '',
    demandes: f.demandes ?? '',
    date,
    lang,
    cwd: io.cwd,
    onCotation: (c, _d, nonDite) => {
      if (explique !== undefined) {
        if (c.numero_unique === explique) cotations.push(c);
        if (nonDite) nonDites.add(c);
      } else if (f.csv) {
        lot.push(ligneCsv(c, nonDite));
        if (lot.length >= LOT) {
          io.out(lot.join('\n'));
          lot = [];
        }
      } else if (flags.json) {
        cotations.push(c);
        if (nonDite) nonDites.add(c);
      } else {
        lot.push(ligneTexte(c, lang));
        if (lot.length >= LOT) {
          io.out(lot.join('\n'));
          lot = [];
        }
      }
    },
    onPosterieure: (d) => {
      if (d.numero_unique === explique) posterieure = d;
    },
  });
  if (explique !== undefined && r.grille) {
    const numero = explique;
    // A numéro read twice: its first row was scored, but which row is the request is unknown.
    if (lignesEnDouble(r, numero).length) cotations.length = 0;
    if (!cotations.length) {
      r.diagnostics.unshift(
        numeroNonCote(
          r,
          numero,
          f.demandes ?? '',
          lang,
          posterieure && { demande: posterieure, date },
        ),
      );
      r.ok = false;
    }
  }
  const code = r.ok ? 0 : 1;
  if (flags.json) {
    const g = r.grille;
    const sortie = {
      ok: r.ok,
      grille: g
        ? { fichier: r.grilleFichier, epci: g.epci, version: g.version, combinaison: g.combinaison }
        : null,
      date,
      entrees: r.entrees,
      // `prioritaire: null` when the file does not say (README).
      cotations: nonDites.size ? cotations.map((c) => cotationDite(c, nonDites.has(c))) : cotations,
      rejets: r.rejets,
      diagnostics: r.diagnostics,
    };
    // Piece by piece: the JSON of a region's requests is longer than a string may be.
    ecrireJson(io, sortie);
    return code;
  }
  // --csv --explain N: N's row under the header (its explanation as data, as --json gives it).
  if (f.explain !== undefined && f.csv)
    lot.push(...cotations.map((c) => ligneCsv(c, nonDites.has(c))));
  if (lot.length) io.out(lot.join('\n'));
  if (f.explain !== undefined && !f.csv && r.grille)
    for (const c of cotations)
      io.out(expliquer(c, r.grille, date, lang, nonDites.has(c)).join('\n'));
  printDiagnostics(r, lang, io);
  return code;
}
