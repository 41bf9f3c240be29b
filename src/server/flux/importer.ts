/**
 * Imports of a parc or of events into the service. The body was streamed to a temp file; it is
 * read with the CLI's reader (CSV, NDJSON, .xlsx; RPLS open data for a parc), each row checked
 * by the library (`parseLogement`, or `Classeur` = `classerEvenement` row after row, the flats
 * and their histories read in two queries first) and the accepted rows staged as the tuples to
 * insert (`Etape`: in memory, a temp file past MEMOIRE characters), with the import's progress written
 * every PROGRES rows. Then, all or nothing by default: one rejected row and nothing is written
 * (every rejected row listed with line and reason); else one transaction writes the staged rows
 * (`ecrireLignes`: on PostgreSQL one COPY; on SQLite multi-row INSERTs of `lotMax` rows, one
 * statement text per shape) and marks the import
 * `termine` — a crash before the commit leaves no row.
 * `tolerant` writes the valid rows and returns the rejected ones.
 */
import { rmSync } from 'node:fs';
import { sql, type Kysely } from 'kysely';
import type { Diagnostic, Lang } from '../../diagnostics/diagnostic.js';
import { refusDuService } from '../../diagnostics/dire-au-service.js';
import { FileReport } from '../../diagnostics/file-report.js';
import type { Evenement } from '../../flux/evenement.js';
import type { Logement } from '../../flux/logement.js';
import { DatesEnOrdre } from '../../input/dates-en-ordre.js';
import { EVENEMENT_COLUMNS } from '../../input/parse-evenement.js';
import { LECTURE_PARC, parseLogement } from '../../input/parse-logement.js';
import { readTable, type RowPosition } from '../../input/read-table.js';
import { tableSansLigne } from '../../input/table-source.js';
import { Classeur } from '../../saisie/classeur.js';
import {
  colonnesRplsManquantes,
  ligneRpls,
  minuscules,
  sourcesRpls,
  valeursRpls,
} from '../../saisie/rpls.js';
import { auditer } from '../audit.js';
import type { Base } from '../db/open-database.js';
import { COLONNES_EVENEMENT, type Database } from '../db/schema.js';
import { ecritureVerrouillee, verrouBailleur } from './ecriture-logement.js';
import { Etape } from './etape-import.js';
import { ecrireLignes, type Insertion } from './insertion-import.js';
import { canonique, contenu } from './saisie-evenement.js';
import { indexConventions } from './index-conventions.js';

/** Bound parameters a statement may carry (SQLite's SQLITE_MAX_VARIABLE_NUMBER, PostgreSQL's). */
const PARAMETRES_MAX: Record<Base['dialecte'], number> = { sqlite: 32766, postgres: 65535 };
/** Columns of the rows inserted. */
const COLONNES: Record<Nature, number> = { parc: 5, evenements: 10 };

/**
 * Rows a statement may carry besides: on PostgreSQL statements of 1 000 rows were measured
 * faster than ones as large as the parameter limit allows (4 511 flats: about 1,5 × faster);
 * PostgreSQL now copies (`ecrireLignes`), and 1 000 rows are what one chunk of the COPY carries.
 * On SQLite too (better-sqlite3 alone, a fresh file, WAL, 8 runs: 7 499 flats 17,3 → 14,9 ms of
 * CPU, 19 566 flats 49,6 → 42,2 ms, against lots as large as the limit allows): the text of
 * 1 000 rows is parsed once and reused, and parsing 6 553 rows' text cost more than its fewer
 * runs saved.
 */
const LIGNES_MAX: Record<Base['dialecte'], number> = { sqlite: 1000, postgres: 1000 };

/** Rows per INSERT (COPY chunk): 1 000, fewer if the parameter limit asks. */
export const lotMax = (dialecte: Base['dialecte'], nature: Nature): number =>
  Math.min(LIGNES_MAX[dialecte], Math.floor(PARAMETRES_MAX[dialecte] / COLONNES[nature]));
/**
 * The import's row is updated when PROGRES rows are read, then every PROGRES rows at most once
 * per PROGRES_MS (each update is a commit of its own: a small import pays for few).
 */
export const PROGRES = 1000;
const PROGRES_MS = 250;

export type Nature = 'parc' | 'evenements';
export type FormatImport = 'csv' | 'ndjson' | 'xlsx' | 'rpls';

export interface DemandeImport {
  id: string;
  bailleur: string;
  nature: Nature;
  format: FormatImport;
  tolerant: boolean;
  qui: string;
  quand: () => Date;
  lang: Lang;
  /** The uploaded file (its extension tells the reader the format). */
  fichier: string;
  /** Its name in messages. */
  nom: string;
}

export interface ResultatImport {
  id: string;
  statut: 'termine' | 'rejete';
  lignes: number;
  acceptees: number;
  deja_enregistrees: number;
  anomalies: number;
  /** The rows refused (read or not): each row is accepted, already recorded, or refused. */
  rejetees: number;
  rejets: Diagnostic[];
  /**
   * The anomalous events recorded (`anomalies`), each with the alerts raised on it at its line, as
   * `convflux classer` prints them; empty when nothing was written.
   */
  alertes: Diagnostic[];
  /**
   * What the reading of the file notes without refusing it, as the CLI prints it: the sheet read
   * of a workbook, a column ignored, the encoding, the JJ/MM/AAAA dates read day first.
   */
  remarques: Diagnostic[];
}

interface Preparation {
  lignes: number;
  acceptees: number;
  deja: number;
  anomalies: number;
  rejets: Diagnostic[];
  alertes: Diagnostic[];
  remarques: Diagnostic[];
  /** Events: the bailleur's last seq when read (the classification's basis). */
  seq: number;
}

/** Progress written outside the import's transaction, in order, never awaited by the reader. */
class Progres {
  private file: Promise<unknown> = Promise.resolve();
  private derniere = 0;
  constructor(
    private readonly db: Kysely<Database>,
    private readonly id: string,
  ) {}
  noter(lignes: number, acceptees: number): void {
    const t = performance.now();
    if (lignes > PROGRES && t - this.derniere < PROGRES_MS) return;
    this.derniere = t;
    this.file = this.file
      .then(() =>
        this.db
          .updateTable('import')
          .set({ lignes, acceptees })
          .where('id', '=', this.id)
          .execute(),
      )
      .catch(() => undefined);
  }
  fin(): Promise<unknown> {
    return this.file;
  }
}

/** The file's notes and warnings (not errors), in the service's words. */
const remarquesDu = (ds: readonly Diagnostic[], lang: Lang): Diagnostic[] =>
  ds.filter((d) => d.severity !== 'error').map((d) => refusDuService(d, lang));

/** The file's own errors, in the service's words (a workbook is imported with format=xlsx). */
const fichierErreurs = (ds: readonly Diagnostic[], lang: Lang): Diagnostic[] =>
  ds.filter((d) => d.severity === 'error').map((d) => refusDuService(d, lang));

/** The rows the reader refused itself (« ligne refusée », not the CLI's « ligne ignorée »). */
const lignesRefusees = (ds: readonly Diagnostic[], lang: Lang): Diagnostic[] =>
  ds.map((x) => refusDuService(x, lang));

/**
 * The rejected rows in the file's order (the file's own findings, line 0, first): the rows the
 * reader refused itself (a line that is not JSON…) came after all the others.
 */
function parLigne(rejets: Diagnostic[]): void {
  rejets.sort((a, b) => a.line - b.line);
}

/**
 * A file that holds no line at all is TABLE_VIDE whatever its format, as the CLI says of it
 * (`tableSansLigne`): an empty NDJSON was imported as « 0 ligne » where an empty CSV was refused.
 */
async function fichierVide(d: DemandeImport): Promise<Preparation | undefined> {
  if (!(await tableSansLigne(d.fichier))) return undefined;
  const rejets = [new FileReport(d.nom, d.lang).add('TABLE_VIDE', {})];
  return { ...preparation(0), rejets };
}

/** A preparation before its first row; `seq`: the bailleur's last seq when read (events). */
const preparation = (seq: number): Preparation => ({
  lignes: 0,
  acceptees: 0,
  deja: 0,
  anomalies: 0,
  rejets: [],
  alertes: [],
  remarques: [],
  seq,
});

async function preparerParc(base: Base, d: DemandeImport, etape: Etape): Promise<Preparation> {
  const vide = await fichierVide(d);
  if (vide) return vide;
  const p = preparation(0);
  const progres = new Progres(base.db, d.id);
  const vus = new Map<string, number>();
  const report = new FileReport(d.nom, d.lang);
  const rpls = d.format === 'rpls';
  let entete = true;
  /** RPLS: each column's name as the file writes it, by its lower-cased name. */
  const enTete = new Map<string, string>();
  const lu = await readTable(
    d.fichier,
    {
      lang: d.lang,
      file: d.nom,
      ...(rpls ? { sheets: LECTURE_PARC.sheets } : LECTURE_PARC),
    },
    (row, line, pos) => {
      p.lignes++;
      if (p.lignes % PROGRES === 0) progres.noter(p.lignes, p.acceptees);
      let r = row;
      // RPLS: the parc's fields are read from the file's own columns (FINAN_CODE…), which the
      // diagnostics name, at their column in the line: each field's column as the file writes it.
      let colonnesDe: (() => Map<string, string>) | undefined;
      let position: RowPosition = pos;
      if (rpls) {
        r = minuscules(row);
        if (entete) {
          entete = false;
          for (const k of Object.keys(row)) enTete.set(k.trim().toLowerCase(), k);
          for (const colonne of colonnesRplsManquantes(r, d.lang === 'en' ? 'or' : 'ou'))
            p.rejets.push(
              report.add('SAISIE_RPLS_COLONNE_MANQUANTE', { colonne, role: 'parc' }, '', {
                line: 1,
                column: 0,
              }),
            );
        }
        // Found only for a row refused (the rows accepted do not pay for it).
        const lu = r;
        let colonnes: Map<string, string> | undefined;
        const de = (colonnesDe = () =>
          (colonnes ??= new Map(
            [...sourcesRpls(lu, enTete)].map(([champ, nom]) => [champ, enTete.get(nom) ?? nom]),
          )));
        position = {
          column: (champ) => {
            const nom = de().get(champ);
            return nom === undefined ? 0 : pos.column(nom);
          },
        };
        r = ligneRpls(r, d.bailleur);
      }
      // RPLS: the refusal speaks of the file's column (pointer, name, the values it may hold).
      const de = colonnesDe;
      const fichier = de && (() => ({ colonnes: de(), valeurs: valeursRpls }));
      const parsed = parseLogement(r, line, d.nom, d.lang, position);
      if (!parsed.ok) {
        const f = fichier?.();
        p.rejets.push(...parsed.diagnostics.map((x) => refusDuService(x, d.lang, f)));
        return;
      }
      const l = parsed.value;
      const at = { line, column: 0 };
      const premiere = vus.get(l.logement);
      if (l.bailleur !== d.bailleur)
        p.rejets.push(
          report.add(
            'SAISIE_LOGEMENT_AUTRE_BAILLEUR',
            { logement: l.logement, autre: l.bailleur, bailleur: d.bailleur },
            '/bailleur',
            at,
          ),
        );
      else if (premiere !== undefined) {
        const x = report.add('LOGEMENT_DOUBLON', { logement: l.logement, premiere }, '/logement', {
          line,
          column: position.column('logement'),
        });
        p.rejets.push(fichier ? refusDuService(x, d.lang, fichier()) : x);
      } else {
        vus.set(l.logement, line);
        etape.ajouter([l.logement, l.departement, JSON.stringify(l)]);
        p.acceptees++;
      }
    },
  );
  p.rejets.push(
    ...fichierErreurs(lu.fileDiagnostics, d.lang),
    ...lignesRefusees(lu.diagnostics, d.lang),
  );
  parLigne(p.rejets);
  p.remarques.unshift(...remarquesDu(lu.fileDiagnostics, d.lang));
  p.lignes += lu.rejected + lu.unread;
  await progres.fin();
  return p;
}

interface Existant {
  /** The flats' rows as stored, parsed when an event asks for one. */
  logements: Map<string, string | Logement>;
  historiques: Map<string, Evenement[]>;
  contenus: Map<string, string>;
  seq: number;
}

/** The bailleur's flats and log, both read at once (PostgreSQL: on two connections). */
async function existant(db: Kysely<Database>, bailleur: string): Promise<Existant> {
  const [parc, journal] = await Promise.all([
    db.selectFrom('logement').select(['id', 'donnees']).where('bailleur', '=', bailleur).execute(),
    db
      .selectFrom('evenement')
      .select(['seq', 'id', 'logement', 'donnees'])
      .where('bailleur', '=', bailleur)
      .orderBy('seq')
      .execute(),
  ]);
  const logements = new Map<string, string | Logement>();
  for (const r of parc) logements.set(r.id, r.donnees);
  const historiques = new Map<string, Evenement[]>();
  const contenus = new Map<string, string>();
  let seq = 0;
  for (const r of journal) {
    const e = JSON.parse(r.donnees) as Evenement;
    const h = historiques.get(r.logement) ?? [];
    h.push(e);
    historiques.set(r.logement, h);
    contenus.set(r.id, canonique(e));
    seq = Math.max(seq, r.seq);
  }
  return { logements, historiques, contenus, seq };
}

function logementDe(ex: Existant, id: string): Logement | undefined {
  const l = ex.logements.get(id);
  if (typeof l !== 'string') return l;
  const lu = JSON.parse(l) as Logement;
  ex.logements.set(id, lu);
  return lu;
}

async function preparerEvenements(
  base: Base,
  d: DemandeImport,
  etape: Etape,
): Promise<Preparation> {
  const vide = await fichierVide(d);
  if (vide) return vide;
  // The index is built (CPU) while the log is read (the database's work): both at once.
  const [ex, index] = await Promise.all([
    existant(base.db, d.bailleur),
    indexConventions(base.db, d.bailleur),
  ]);
  const p = preparation(ex.seq);
  const progres = new Progres(base.db, d.id);
  const classeur = new Classeur({
    index,
    lang: d.lang,
    file: d.nom,
    logement: (id) => logementDe(ex, id),
    historique: (id) => ex.historiques.get(id) ?? [],
  });
  const report = new FileReport(d.nom, d.lang);
  const ids = new Map<string, number>();
  // JJ/MM/AAAA dates read as `evaluate` reads them, the rows classified in the file's order.
  const dates = new DatesEnOrdre((row, line) => {
    const id = typeof row['id'] === 'string' ? row['id'] : '';
    const at = { line, column: 0 };
    const connu = ex.contenus.get(id);
    if (connu !== undefined) {
      if (connu === contenu(row, d.lang)) p.deja++;
      else p.rejets.push(report.add('SAISIE_ID_DEJA_PRIS', { id }, '/id', at));
      return;
    }
    const premiere = ids.get(id);
    if (premiere !== undefined) {
      p.rejets.push(report.add('EVENEMENT_DOUBLON', { premiere }, '/id', at));
      return;
    }
    const r = classeur.classer(row, line);
    if (r.classement === 'invalide' || !r.evenement) {
      p.rejets.push(...r.diagnostics.map((x) => refusDuService(x, d.lang)));
      return;
    }
    ids.set(id, line);
    if (r.classement === 'anomalie') {
      // Counted, and said: which rows and why (until 5 December 2026 the answer gave the count
      // alone, where `convflux classer` lists each anomalous row with its alerts).
      p.anomalies++;
      p.alertes.push(...r.diagnostics.map((x) => refusDuService(x, d.lang)));
    }
    const e = r.evenement;
    etape.ajouter([e.id, e.date, e.type, e.logement, JSON.stringify(e), r.classement]);
    p.acceptees++;
  });
  const lu = await readTable(
    d.fichier,
    {
      lang: d.lang,
      file: d.nom,
      columns: EVENEMENT_COLUMNS,
      sheets: ['evenements', 'events', 'mouvements'],
    },
    (row, line, pos) => {
      p.lignes++;
      if (p.lignes % PROGRES === 0) progres.noter(p.lignes, p.acceptees);
      dates.ligne(row, line, pos);
    },
  );
  p.rejets.push(...dates.fin(d.nom, d.lang));
  if (dates.converties > 0)
    p.remarques.push(report.add('TABLE_DATES_JJ_MM_AAAA', { nombre: dates.converties }, ''));
  p.rejets.push(
    ...fichierErreurs(lu.fileDiagnostics, d.lang),
    ...lignesRefusees(lu.diagnostics, d.lang),
  );
  parLigne(p.rejets);
  p.remarques.unshift(...remarquesDu(lu.fileDiagnostics, d.lang));
  p.lignes += lu.rejected + lu.unread;
  await progres.fin();
  return p;
}

/** Whether the bailleur has a flat already (read under the import's lock: no one adds one meanwhile). */
async function aDesLogements(tx: Kysely<Database>, bailleur: string): Promise<boolean> {
  const r = await tx
    .selectFrom('logement')
    .select('id')
    .where('bailleur', '=', bailleur)
    .limit(1)
    .executeTakeFirst();
  return r !== undefined;
}

const LOGEMENT: Insertion = {
  table: 'logement',
  colonnes: ['bailleur', 'id', 'departement', 'donnees', 'import_id'],
};
/** A parc row replaces the flat's earlier row; a bailleur's first parc is a plain INSERT. */
const LOGEMENT_REMPLACE: Insertion = { ...LOGEMENT, remplacer: ['bailleur', 'id'] };
const EVENEMENT: Insertion = {
  table: 'evenement',
  colonnes: ['bailleur', ...COLONNES_EVENEMENT, 'import_id'],
};

async function inserer(
  tx: Kysely<Database>,
  base: Base,
  d: DemandeImport,
  etape: Etape,
): Promise<void> {
  const parc = d.nature === 'parc';
  const quand = d.quand().toISOString();
  const insertion = !parc
    ? EVENEMENT
    : (await aDesLogements(tx, d.bailleur))
      ? LOGEMENT_REMPLACE
      : LOGEMENT;
  const apres = parc ? [d.id] : [quand, d.qui, d.id];
  const lots = etape.lots(lotMax(base.dialecte, d.nature));
  await ecrireLignes(tx, base.dialecte, insertion, lots, [d.bailleur], apres);
}

/**
 * The rows refused. Not the diagnostics' count: a row may have several reasons (« 3 ligne(s)
 * rejetée(s) sur 3 » for two rows refused, one of them for two reasons).
 */
const lignesRejetees = (p: Preparation): number => p.lignes - p.acceptees - p.deja;

async function finir(
  tx: Kysely<Database>,
  d: DemandeImport,
  p: Preparation,
  statut: 'termine' | 'rejete',
): Promise<void> {
  await tx
    .updateTable('import')
    .set({
      statut,
      lignes: p.lignes,
      acceptees: statut === 'termine' ? p.acceptees : 0,
      rejets: JSON.stringify(p.rejets),
      remarques: JSON.stringify(p.remarques),
    })
    .where('id', '=', d.id)
    .execute();
  await auditer(tx, d.quand(), {
    qui: d.qui,
    action: statut === 'termine' ? 'import.termine' : 'import.rejete',
    objet: `bailleur:${d.bailleur}/import:${d.id}`,
    details: {
      nature: d.nature,
      format: d.format,
      lignes: p.lignes,
      acceptees: statut === 'termine' ? p.acceptees : 0,
      // The rows refused, as the answer counts them: it counted their diagnostics (7 for 4 rows,
      // beside an answer saying 4) until 5 December 2026.
      rejetees: lignesRejetees(p),
    },
  });
}

/** The import's row, created before the body is read (its progress is visible at once). */
export async function commencerImport(db: Kysely<Database>, d: DemandeImport): Promise<void> {
  await db
    .insertInto('import')
    .values({
      id: d.id,
      bailleur: d.bailleur,
      nature: d.nature,
      format: d.format,
      statut: 'en_cours',
      lignes: 0,
      acceptees: 0,
      rejets: '[]',
      remarques: '[]',
      cree_le: d.quand().toISOString(),
      cree_par: d.qui,
    })
    .execute();
}

const resultat = (d: DemandeImport, p: Preparation, statut: 'termine' | 'rejete') => ({
  id: d.id,
  statut,
  lignes: p.lignes,
  acceptees: statut === 'termine' ? p.acceptees : 0,
  deja_enregistrees: p.deja,
  anomalies: statut === 'termine' ? p.anomalies : 0,
  rejetees: lignesRejetees(p),
  rejets: p.rejets,
  alertes: statut === 'termine' ? p.alertes : [],
  remarques: p.remarques,
});

/** Runs the import (its row already created); the uploaded file is removed at the end. */
export async function importer(base: Base, d: DemandeImport): Promise<ResultatImport> {
  const fichier = `${d.fichier}.lignes`;
  let e: Etape | undefined;
  try {
    // Events are classified against the log as read: if a live write lands before the commit,
    // the classification is made again (the import holds the bailleur's lock while it writes).
    for (let essai = 0; ; essai++) {
      e?.supprimer();
      const etape = (e = new Etape(fichier));
      let p: Preparation;
      try {
        p =
          d.nature === 'parc'
            ? await preparerParc(base, d, etape)
            : await preparerEvenements(base, d, etape);
      } finally {
        etape.fermer();
      }
      if (p.rejets.length && !d.tolerant) {
        await base.db.transaction().execute((tx) => finir(tx, d, p, 'rejete'));
        return resultat(d, p, 'rejete');
      }
      const fait = await ecritureVerrouillee(
        base,
        [verrouBailleur(d.bailleur, false)],
        async (tx) => {
          if (d.nature === 'evenements' && essai < 3) {
            const s = await tx
              .selectFrom('evenement')
              .select(sql<string | number | null>`max(seq)`.as('m'))
              .where('bailleur', '=', d.bailleur)
              .executeTakeFirst();
            if (Number(s?.m ?? 0) !== p.seq) return false;
          }
          await inserer(tx, base, d, etape);
          await finir(tx, d, p, 'termine');
          return true;
        },
      );
      if (fait) return resultat(d, p, 'termine');
    }
  } finally {
    e?.supprimer();
    rmSync(d.fichier, { force: true });
  }
}
