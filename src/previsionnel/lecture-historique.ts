/**
 * What the forecast reads from the bailleur's files: the flats of its parc in the département
 * (those in the flux: `hors_flux` flats stay in stock) and the `liberation` events of the years
 * before N. The same readers and row checks as `convflux evaluate`; rows of other bailleurs or
 * départements are skipped, rejected rows are reported with file and line (never their content).
 */
import { resolve } from 'node:path';
import type { Diagnostic, Lang } from '../diagnostics/diagnostic.js';
import type { Logement } from '../flux/logement.js';
import { EVENEMENT_COLUMNS, parseEvenement } from '../input/parse-evenement.js';
import { LOGEMENT_COLUMNS, parseLogement } from '../input/parse-logement.js';
import { readTable } from '../input/read-table.js';
import { STDIN } from '../input/table-source.js';

/** A path as readTable takes it: `-` (the standard input) as is. */
const chemin = (cwd: string, path: string): string => (path === STDIN ? STDIN : resolve(cwd, path));

export interface Historique {
  /** The flats of the bailleur × département in the flux, by id. */
  logements: Map<string, Logement>;
  /** Liberations per year (N-3 … N-1) per flat id. */
  liberations: Map<number, Map<string, number>>;
  /** Rows rejected and file problems. */
  diagnostics: Diagnostic[];
  lignes: { logements: number; evenements: number };
  /** SHA-256 of an input read from the standard input (it cannot be read again). */
  empreintes: { parc?: string; evenements?: string };
}

export interface LectureOptions {
  parc: string;
  evenements: string;
  bailleur: string;
  departement: string;
  annee: number;
  lang: Lang;
  cwd: string;
}

async function lireParc(o: LectureOptions, h: Historique): Promise<void> {
  const r = await readTable(
    chemin(o.cwd, o.parc),
    { lang: o.lang, file: o.parc, columns: LOGEMENT_COLUMNS },
    (row, line, position) => {
      if (String(row['bailleur']) !== o.bailleur || String(row['departement']) !== o.departement)
        return;
      const parsed = parseLogement(row, line, o.parc, o.lang, position);
      if (!parsed.ok) h.diagnostics.push(...parsed.diagnostics);
      else if (!parsed.value.hors_flux) h.logements.set(parsed.value.logement, parsed.value);
    },
  );
  h.lignes.logements = r.rows;
  if (r.sha256) h.empreintes.parc = r.sha256;
  h.diagnostics.push(...r.fileDiagnostics, ...r.diagnostics);
}

async function lireEvenements(o: LectureOptions, h: Historique): Promise<void> {
  const r = await readTable(
    chemin(o.cwd, o.evenements),
    { lang: o.lang, file: o.evenements, columns: EVENEMENT_COLUMNS },
    (row, line, position) => {
      if (row['type'] !== 'liberation' || typeof row['logement'] !== 'string') return;
      if (!h.logements.has(row['logement'])) return;
      const parsed = parseEvenement(row, line, o.evenements, o.lang, position);
      if (!parsed.ok) {
        h.diagnostics.push(...parsed.diagnostics);
        return;
      }
      const an = Number(parsed.value.date.slice(0, 4));
      const annee = h.liberations.get(an);
      if (!annee) return;
      annee.set(parsed.value.logement, (annee.get(parsed.value.logement) ?? 0) + 1);
    },
  );
  h.lignes.evenements = r.rows;
  if (r.sha256) h.empreintes.evenements = r.sha256;
  h.diagnostics.push(...r.fileDiagnostics, ...r.diagnostics);
}

/** Reads the parc first (the events are kept only for its flats). */
export async function lireHistorique(o: LectureOptions): Promise<Historique> {
  const h: Historique = {
    logements: new Map(),
    liberations: new Map([1, 2, 3].map((k) => [o.annee - k, new Map<string, number>()])),
    diagnostics: [],
    lignes: { logements: 0, evenements: 0 },
    empreintes: {},
  };
  await lireParc(o, h);
  await lireEvenements(o, h);
  return h;
}
