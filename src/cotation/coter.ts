/**
 * `convflux cotation`: reads a grid, then streams the requests file (CSV, NDJSON or xlsx through
 * src/input/read-table.ts) and scores each row, or rejects it with its line and reason. The
 * cotations go to a callback one by one: nothing grows with the file but the rejected rows.
 */
import { resolve } from 'node:path';
import type { Diagnostic, Lang } from '../diagnostics/diagnostic.js';
import { displayPath } from '../display-path.js';
import { DatesEnOrdre } from '../input/dates-en-ordre.js';
import { tableDiagnostic } from '../input/line-reader.js';
import {
  readTableCells,
  type RowCells,
  tableFormat,
  type ParseResult,
  type RowPosition,
  type TableColumns,
} from '../input/read-table.js';
import { territoires } from '../reference/territoires.js';
import { estColonnePersonnelle, refuserColonnesPersonnelles } from './colonnes-personnelles.js';
import { CommunesConnues } from './communes-connues.js';
import { CellulesDeLigne, CHAMPS_DATES, LISTES_DATES } from './dates-demande.js';
import {
  champsDeLaGrille,
  COLONNES_DE_BASE,
  lireDemande,
  type ContexteDemande,
  type Demande,
} from './demande.js';
import type { Grille } from '../check/grille/grille.js';
import { parseCotationLayout, type CotationLayout } from '../check/cotation-layout.js';
import { versionSuivanteEnVigueur } from '../check/grille/versions-grille.js';
import type { FileReport } from '../diagnostics/file-report.js';
import { chargerGrille } from '../check/grille/load-grille.js';
import { creerNoteur, type Cotation } from './noter.js';
import { NumerosVus } from './numeros-vus.js';
import { placesDePriorite, prioriteNonDite } from './priorite-renseignee.js';

export interface CoterOptions {
  grille: string;
  demandes: string;
  /** Scoring date (AAAA-MM-JJ). */
  date: string;
  lang?: Lang;
  cwd?: string;
  /**
   * Receives each cotation as it is computed (with its request when the caller needs it);
   * `nonDite`: the request is not found priority and the file gives no value (no column, an
   * empty cell) of a field the priority rule reads — its priority is « non renseigné », not
   * « non » (prioriteDite).
   */
  onCotation?: (c: Cotation, d: Demande, nonDite: boolean) => void;
  /** Receives each request filed after `date` (not scored: it did not exist on that day). */
  onPosterieure?: (d: Demande) => void;
}

export interface CoterResult {
  ok: boolean;
  grille?: Grille;
  grilleFichier: string;
  /**
   * lignes = cotees + rejetees + posterieures + non_lues; posterieures: the requests filed after
   * the scoring date, neither scored nor ranked (COTATION_DEMANDES_POSTERIEURES says which).
   */
  entrees: {
    lignes: number;
    cotees: number;
    rejetees: number;
    posterieures: number;
    non_lues: number;
  };
  /** Why each rejected row was rejected (line, field, reason; never the row's content). */
  rejets: Diagnostic[];
  /** The grid's and the file's diagnostics. */
  diagnostics: Diagnostic[];
}

const ALIASES = {
  numero_unique: ['numero', 'numero_demande', 'numero_unique_national', 'nun', 'numero_sne'],
  date_depot: ['date_de_depot', 'date_demande', 'date_de_la_demande', 'date_creation'],
  date_renouvellement: ['date_de_renouvellement', 'renouvellement'],
  dates_refus: ['date_refus', 'refus', 'dates_de_refus'],
  communes_souhaitees: ['communes', 'commune_souhaitee', 'communes_demandees', 'commune_demandee'],
};

/** The columns the requests file may have for this grid (computed fields are not read). */
export function colonnesDemandes(g: Grille): TableColumns {
  const champs = Object.entries(g.champs)
    .filter(([, c]) => !c.calcul)
    .map(([n]) => n);
  return {
    allowed: [...COLONNES_DE_BASE, ...champs],
    required: ['numero_unique', 'date_depot'],
    aliases: ALIASES,
  };
}

/** NDJSON keys are not checked by the reader: personal ones reject the row, others warn once. */
function clesNdjson(
  allowed: ReadonlySet<string>,
  file: string,
  lang: Lang,
  warnings: Diagnostic[],
) {
  const warned = new Set<string>();
  return (row: Record<string, unknown>, line: number): Diagnostic | undefined => {
    for (const key of Object.keys(row)) {
      if (allowed.has(key)) continue;
      if (estColonnePersonnelle(key))
        return tableDiagnostic(
          file,
          lang,
          'COTATION_COLONNE_PERSONNELLE',
          { colonne: key },
          line,
          0,
        );
      if (!warned.has(key)) {
        warned.add(key);
        warnings.push(
          tableDiagnostic(
            file,
            lang,
            'TABLE_COLONNE_INCONNUE',
            { colonne: key, permises: [...allowed].join(', ') },
            line,
            0,
          ),
        );
      }
    }
    return undefined;
  };
}

/**
 * A numéro unique read a second time rejects its row (the first one stays scored): the file
 * contradicts itself, and convflux cannot tell which row is the request's current state.
 */
function unique(
  parsed: ParseResult<Demande>,
  vus: NumerosVus,
  ctx: ContexteDemande,
  position: RowPosition | undefined,
): ParseResult<Demande> {
  if (!parsed.ok) return parsed;
  const d = parsed.value;
  const premiere = vus.premiere(d.numero_unique, d.ligne);
  if (premiere === undefined) return parsed;
  return { ok: false, diagnostics: [enDouble(d.numero_unique, premiere, d.ligne, ctx, position)] };
}

function enDouble(
  numero: string,
  premiere: number,
  line: number,
  ctx: ContexteDemande,
  position: RowPosition | undefined,
): Diagnostic {
  const column = position ? position.column('numero_unique') : 0;
  return tableDiagnostic(
    ctx.file,
    ctx.lang,
    'COTATION_NUMERO_DOUBLE',
    { numero, premiere: String(premiere) },
    line,
    column,
    '/numero_unique',
  );
}

/**
 * A row rejected for another reason counts as read when its numéro is well formed (its
 * diagnostics quote it): given on another row too, the file contradicts itself all the same,
 * so the later row is rejected as read twice rather than scored (or explained) alone.
 */
function noterRejet(
  diagnostics: Diagnostic[],
  line: number,
  vus: NumerosVus,
  ctx: ContexteDemande,
  position: RowPosition | undefined,
): void {
  if (diagnostics.some((d) => d.code === 'COTATION_NUMERO_DOUBLE')) return;
  const numero = diagnostics.find((d) => typeof d.params['numero'] === 'string')?.params['numero'];
  if (typeof numero !== 'string') return;
  const premiere = vus.premiere(numero, line);
  if (premiere !== undefined) diagnostics.push(enDouble(numero, premiere, line, ctx, position));
}

/** The lines named by COTATION_DEMANDES_POSTERIEURES (then « … »). */
const PREMIERES_POSTERIEURES = 5;

/** The note on the requests filed after the scoring date: how many, the first lines. */
function notePosterieures(
  nombre: number,
  premieres: readonly number[],
  date: string,
  file: string,
  lang: Lang,
): Diagnostic {
  const lignes = premieres.join(', ') + (nombre > premieres.length ? ', …' : '');
  return tableDiagnostic(
    file,
    lang,
    'COTATION_DEMANDES_POSTERIEURES',
    { nombre, date, lignes },
    premieres[0] ?? 0,
    0,
    '/date_depot',
  );
}

/**
 * Why the grid does not apply on the scoring date: not in force yet, or replaced by a later
 * version of its folder already in force (rules/cotation/<SIREN>/v<N>.yaml); undefined when it
 * applies.
 */
async function grilleHorsVigueur(
  g: Grille,
  report: FileReport,
  grillePath: string,
  date: string,
  layout: CotationLayout | undefined,
): Promise<Diagnostic | undefined> {
  if (date < g.en_vigueur_le)
    return report.add(
      'COTATION_GRILLE_PAS_EN_VIGUEUR',
      { version: g.version, enVigueur: g.en_vigueur_le, date },
      '/en_vigueur_le',
    );
  const suivante =
    layout && (await versionSuivanteEnVigueur(grillePath, report.file, layout, date, report.lang));
  if (!suivante) return undefined;
  return report.add(
    'COTATION_GRILLE_REMPLACEE',
    {
      version: g.version,
      date,
      suivante: suivante.version,
      enVigueur: suivante.en_vigueur_le,
      fichier: suivante.fichier,
    },
    '/en_vigueur_le',
  );
}

export async function coterDemandes(o: CoterOptions): Promise<CoterResult> {
  const lang = o.lang ?? 'fr';
  const cwd = o.cwd ?? process.cwd();
  const grillePath = resolve(cwd, o.grille);
  const grilleFichier = displayPath(grillePath, cwd);
  const t = territoires();
  const layout = parseCotationLayout(grillePath);
  const loaded = await chargerGrille(grillePath, grilleFichier, lang, t, layout);
  const entrees = { lignes: 0, cotees: 0, rejetees: 0, posterieures: 0, non_lues: 0 };
  const result: CoterResult = {
    ok: false,
    grilleFichier,
    entrees,
    rejets: [],
    diagnostics: [...loaded.diagnostics],
  };
  const g = loaded.grille;
  if (!g) return result;
  // A grid scores the requests only on the days it applies (its dated versions, README).
  const horsVigueur = await grilleHorsVigueur(g, loaded.report, grillePath, o.date, layout);
  if (horsVigueur) {
    result.diagnostics.push(horsVigueur);
    return result;
  }
  result.grille = g;
  const file = o.demandes === '-' ? '(stdin)' : displayPath(resolve(cwd, o.demandes), cwd);
  const columns = colonnesDemandes(g);
  const ctx: ContexteDemande = {
    grille: g,
    communes: new CommunesConnues(t, new Set(t.groupements.get(g.epci.siren)?.membres ?? [])),
    date: o.date,
    file,
    lang,
    champs: champsDeLaGrille(g),
    barres: false,
    jourMois: false,
    jjMm: 0,
  };
  const noteur = creerNoteur(g);
  const warnings: Diagnostic[] = [];
  const keys = clesNdjson(new Set(columns.allowed), file, lang, warnings);
  const path = o.demandes === '-' ? '-' : resolve(cwd, o.demandes);
  // CSV and workbook headers are checked by the reader; NDJSON keys (or stdin's) here.
  const checkKeys = tableFormat(path) !== 'csv' && tableFormat(path) !== 'xlsx';
  const vus = new NumerosVus();
  const premieresPosterieures: number[] = [];
  const { colonnes } = ctx.champs;
  const prio = placesDePriorite(g, ctx.champs);
  /** `enOrdre`: the row comes from DatesEnOrdre (else a slashed date sends it there). */
  const demande = (row: RowCells, line: number, at: RowPosition, enOrdre: boolean): void => {
    const personal = checkKeys && row.json ? keys(row.json, line) : undefined;
    if (personal) {
      entrees.rejetees++;
      result.rejets.push(personal);
      return;
    }
    ctx.barres = false;
    const lue = lireDemande(row, line, ctx, at);
    if (ctx.barres && !enOrdre) {
      // A JJ/MM/AAAA date (lireDemande reads AAAA-MM-JJ only): read in the file's order.
      jsonLu = row.json !== undefined;
      dates.ligne(row.row(), line, at);
      ctx.jourMois = dates.ordre === 'jour_mois' && !dates.enAttente;
      return;
    }
    const parsed = unique(lue, vus, ctx, at);
    if (!parsed.ok) {
      noterRejet(parsed.diagnostics, line, vus, ctx, at);
      entrees.rejetees++;
      result.rejets.push(...parsed.diagnostics);
      return;
    }
    const d = parsed.value;
    // Filed after the scoring date, the request did not exist that day (as a refusal or a
    // renewal after it is not counted, noter.ts): neither scored nor ranked, but counted and
    // named in a note. Its numéro stays read: given twice, the file contradicts itself.
    if (d.date_depot > o.date) {
      if (++entrees.posterieures <= PREMIERES_POSTERIEURES) premieresPosterieures.push(line);
      o.onPosterieure?.(d);
      return;
    }
    entrees.cotees++;
    const c = noteur.noter(d, o.date);
    // Read from the request's values, as the grid read them: a missing column and an empty cell
    // are both undefined there, whatever the format and whether DatesEnOrdre handed the row on.
    const nonDite = !c.prioritaire && prioriteNonDite(d.valeurs, prio);
    o.onCotation?.(c, d, nonDite);
  };
  /** Whether the rows are NDJSON objects (checked for personal keys). */
  let jsonLu = false;
  // JJ/MM/AAAA dates read as evaluate, classer and the imports read them (one reader, which
  // tells the file's day/month order); its rows in the file's order (the first of a numéro
  // given twice is scored).
  const dates = new DatesEnOrdre(
    (ligne, line, at) => {
      demande(new CellulesDeLigne(ligne, colonnes, jsonLu ? ligne : undefined), line, at, true);
    },
    CHAMPS_DATES,
    LISTES_DATES,
  );
  const read = await readTableCells(
    path,
    {
      lang,
      file,
      columns,
      texte: ['numero_unique'],
      communes: ['communes_souhaitees', 'commune_actuelle'],
    },
    colonnes,
    (row, line, at) => {
      if (!dates.enAttente) {
        demande(row, line, at, false);
        return;
      }
      jsonLu = row.json !== undefined;
      dates.ligne(row.row(), line, at);
      ctx.jourMois = dates.ordre === 'jour_mois' && !dates.enAttente;
    },
  );
  for (const d of dates.fin(file, lang)) {
    entrees.rejetees++;
    result.rejets.push(d);
  }
  entrees.lignes = read.rows + read.rejected + read.unread;
  entrees.rejetees += read.rejected;

  entrees.non_lues = read.unread;
  result.rejets.push(...read.diagnostics);
  result.diagnostics.push(
    ...refuserColonnesPersonnelles(read.fileDiagnostics, lang, columns.allowed),
    ...warnings,
  );
  // Said as evaluate and the imports say it: the file's order was told by a day above 12.
  const jjMm = dates.converties + ctx.jjMm;
  if (jjMm > 0)
    result.diagnostics.push(
      tableDiagnostic(file, lang, 'TABLE_DATES_JJ_MM_AAAA', { nombre: jjMm }, 0, 0),
    );
  if (entrees.posterieures)
    result.diagnostics.push(
      notePosterieures(entrees.posterieures, premieresPosterieures, o.date, file, lang),
    );
  result.ok = ![...result.diagnostics, ...result.rejets].some((d) => d.severity === 'error');
  return result;
}
