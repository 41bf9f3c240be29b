/**
 * An events row read from its cells (readTableCells), without an object per row: each field is
 * checked by hand with the schema's own enums and patterns (evenement.schema.json, after
 * parseEvenement's coercions), with the per-type requirements and the congé's date check. Only
 * rows that parseEvenement would accept pass, with dates written AAAA-MM-JJ (a JJ/MM/AAAA date
 * takes the slow way, which converts it); any other row is for parseEvenement (ajv), which
 * gives the diagnostics. Where unsure the check is stricter (lengths in UTF-16 units).
 */
import { isIsoDate } from '../convention/calendar.js';
import { dansAnneesEvaluees } from '../flux/annees-evaluees.js';
import type { Evenement } from '../flux/evenement.js';
import { listePublics } from './parse-evenement.js';
import { proprietesSchema } from './proprietes-schema.js';
import { cellText, coerceInteger, type RowCells } from './read-table.js';

/** The fields asked for from the reader, in the schema's order (a test compares them). */
export const CHAMPS_EVENEMENT = [
  'id',
  'date',
  'type',
  'logement',
  'reservataire',
  'contingent',
  'motif',
  'decision',
  'par',
  'candidats',
  'public',
  'annule',
  'date_liberation_prevue',
] as const;

const {
  schema: brut,
  proprietes,
  valeurs,
  forme,
  longueur,
} = proprietesSchema('evenement.schema.json');
const schema = brut as typeof brut & {
  allOf: {
    if: { properties: { type: { enum?: string[]; const?: string } } };
    then: { required: string[] };
  }[];
};
const RESERVATAIRE = forme('reservataire');
/** The ids' pattern (no NUL: PostgreSQL cannot store it), the same for id, logement and annule. */
const IDS = { id: forme('id'), logement: forme('logement'), annule: forme('annule') };
const TYPES = valeurs('type');
const CONTINGENTS = valeurs('contingent');
const MOTIFS = valeurs('motif');
const DECISIONS = valeurs('decision');
const PARTIES = valeurs('par');
const PUBLICS = new Set(proprietes['public']?.items?.enum ?? []);
const LONGUEURS = {
  id: longueur('id'),
  logement: longueur('logement'),
  annule: longueur('annule'),
};
/** Type → the field its rows require (the schema's allOf). */
const REQUIS = new Map<string, keyof Evenement>();
for (const { if: si, then } of schema.allOf)
  for (const type of si.properties.type.enum ?? [si.properties.type.const ?? ''])
    for (const champ of then.required) REQUIS.set(type, champ as keyof Evenement);

/** '' → undefined (absent); a value outside `permises` → false (the slow way). */
const parmi = (v: string | undefined, permises: ReadonlySet<string>): string | undefined | false =>
  v === undefined ? false : v === '' ? undefined : permises.has(v) ? v : false;
/** A date of the years evaluated (else parseEvenement says why). */
const datePlausible = (v: string): boolean => isIsoDate(v) && dansAnneesEvaluees(v);
/** A date field: '' → undefined, AAAA-MM-JJ of the years evaluated → itself, else → false. */
const dateOuRien = (v: string | undefined): string | undefined | false =>
  v === undefined ? false : v === '' ? undefined : datePlausible(v) ? v : false;

/** Reads events rows from their cells; `lire` says whether the row passed (see the module). */
export class LecteurEvenement {
  /** The row read (reused from row to row: the event store copies what it keeps). */
  readonly e: Evenement = { id: '', date: '', type: 'liberation', logement: '' };

  /** true: the row is valid and `e` holds it; false: parseEvenement must read it. */
  lire(cells: RowCells): boolean {
    if (cells.json) return false;
    const id = cellText(cells, 0);
    const date = cellText(cells, 1);
    const type = cellText(cells, 2);
    const logement = cellText(cells, 3);
    if (
      !id ||
      id.length > LONGUEURS.id ||
      !IDS.id.test(id) ||
      !date ||
      !datePlausible(date) ||
      !type ||
      !TYPES.has(type) ||
      !logement ||
      logement.length > LONGUEURS.logement ||
      !IDS.logement.test(logement)
    )
      return false;
    const e = this.e;
    e.id = id;
    e.date = date;
    e.type = type as Evenement['type'];
    e.logement = logement;
    return this.facultatifs(cells, e) && this.requis(e);
  }

  private facultatifs(cells: RowCells, e: Evenement): boolean {
    const reservataire = cellText(cells, 4);
    const contingent = parmi(cellText(cells, 5), CONTINGENTS);
    const motif = parmi(cellText(cells, 6), MOTIFS);
    const decision = parmi(cellText(cells, 7), DECISIONS);
    const par = parmi(cellText(cells, 8), PARTIES);
    const candidats = cellText(cells, 9);
    const publics = cellText(cells, 10);
    const annule = cellText(cells, 11);
    const prevue = dateOuRien(cellText(cells, 12));
    if (
      reservataire === undefined ||
      (reservataire !== '' && !RESERVATAIRE.test(reservataire)) ||
      contingent === false ||
      motif === false ||
      decision === false ||
      par === false ||
      candidats === undefined ||
      publics === undefined ||
      annule === undefined ||
      annule.length > LONGUEURS.annule ||
      (annule !== '' && !IDS.annule.test(annule)) ||
      prevue === false
    )
      return false;
    const nombre = candidats === '' ? undefined : coerceInteger(candidats);
    if (nombre !== undefined && typeof nombre !== 'number') return false;
    const liste = publics === '' ? undefined : listePublics(publics);
    if (liste && !publicsPermis(liste)) return false;
    e.reservataire = reservataire || undefined;
    e.contingent = contingent as Evenement['contingent'];
    e.motif = motif as Evenement['motif'];
    e.decision = decision as Evenement['decision'];
    e.par = par as Evenement['par'];
    e.candidats = nombre;
    e.public = liste as Evenement['public'];
    e.annule = annule || undefined;
    e.date_liberation_prevue = prevue;
    return true;
  }

  /** The field the type requires is there, and a congé's liberation is not before it. */
  private requis(e: Evenement): boolean {
    const champ = REQUIS.get(e.type);
    if (champ !== undefined && e[champ] === undefined) return false;
    return e.type !== 'conge' || (e.date_liberation_prevue ?? '') >= e.date;
  }
}

/** Every value allowed, none twice (the schema's items and uniqueItems). */
function publicsPermis(liste: readonly string[]): boolean {
  for (let i = 0; i < liste.length; i++) {
    const p = liste[i] ?? '';
    if (!PUBLICS.has(p) || liste.indexOf(p) !== i) return false;
  }
  return true;
}
