/**
 * A parc row read from its cells (readTableCells), without an object per row: each field is
 * checked by hand with the schema's own enums and patterns (logement.schema.json, after
 * parseLogement's coercions), then its codes as parseLogement checks them. Only rows that
 * parseLogement would accept pass; any other row is for parseLogement (ajv), which gives the
 * diagnostics. Where unsure the check is stricter: a length is counted in UTF-16 units, never
 * fewer than ajv's code points.
 */
import {
  coerceBoolean,
  coerceInteger,
  cellText,
  type RowCells,
  type RowContext,
  type RowPosition,
} from './read-table.js';
import { proprietesSchema } from './proprietes-schema.js';
import { verifierCodesLogement } from './validate-logement.js';

/** The fields asked for from the reader, in the schema's order (a test compares them). */
export const CHAMPS_LOGEMENT = [
  'logement',
  'bailleur',
  'departement',
  'commune',
  'epci',
  'qpv',
  'typologie',
  'financement',
  'annee_construction',
  'hors_flux',
  'programme',
  'rpls',
] as const;

const { proprietes, valeurs, forme, longueur } = proprietesSchema('logement.schema.json');
const FORMES = {
  bailleur: forme('bailleur'),
  departement: forme('departement'),
  commune: forme('commune'),
  epci: forme('epci'),
  rpls: forme('rpls'),
  logement: forme('logement'),
  programme: forme('programme'),
};
const TYPOLOGIES = valeurs('typologie');
const FINANCEMENTS = valeurs('financement');
const HORS_FLUX = valeurs('hors_flux');
const ANNEE_MIN = proprietes['annee_construction']?.minimum ?? Infinity;
const ANNEE_MAX = proprietes['annee_construction']?.maximum ?? -Infinity;
const LONGUEUR_LOGEMENT = longueur('logement');
const LONGUEUR_PROGRAMME = longueur('programme');

/** A parc row as the fast check leaves it: the fields of a Logement (reused from row to row). */
export interface LogementCellules {
  logement: string;
  bailleur: string;
  departement: string;
  commune: string;
  epci: string | undefined;
  qpv: boolean;
  typologie: string;
  financement: string;
  annee_construction: number;
  hors_flux: string | undefined;
  programme: string | undefined;
}

/** Reads parc rows from their cells; `lire` says whether the row passed (see the module). */
export class LecteurLogement {
  readonly l: LogementCellules = {
    logement: '',
    bailleur: '',
    departement: '',
    commune: '',
    epci: undefined,
    qpv: false,
    typologie: '',
    financement: '',
    annee_construction: 0,
    hors_flux: undefined,
    programme: undefined,
  };
  private readonly ctx: RowContext & { position: RowPosition | undefined };

  constructor(file: string, lang: RowContext['lang']) {
    this.ctx = { file, lang, line: 0, position: undefined };
  }

  /** true: the row is valid and `l` holds it; false: parseLogement must read it. */
  lire(cells: RowCells, line: number, position: RowPosition): boolean {
    if (cells.json || !this.champs(cells)) return false;
    this.ctx.line = line;
    this.ctx.position = position;
    return (
      verifierCodesLogement(this.l as unknown as Record<string, unknown>, this.ctx, true) ===
      undefined
    );
  }

  private champs(cells: RowCells): boolean {
    const l = this.l;
    const logement = cellText(cells, 0);
    const bailleur = cellText(cells, 1);
    const departement = cellText(cells, 2);
    const commune = cellText(cells, 3);
    const epci = cellText(cells, 4);
    const typologie = cellText(cells, 6);
    const financement = cellText(cells, 7);
    const horsFlux = cellText(cells, 9);
    const programme = cellText(cells, 10);
    const rpls = cellText(cells, 11);
    if (
      !logement ||
      logement.length > LONGUEUR_LOGEMENT ||
      !FORMES.logement.test(logement) ||
      bailleur === undefined ||
      !FORMES.bailleur.test(bailleur) ||
      departement === undefined ||
      !FORMES.departement.test(departement) ||
      commune === undefined ||
      !FORMES.commune.test(commune) ||
      epci === undefined ||
      (epci !== '' && !FORMES.epci.test(epci)) ||
      typologie === undefined ||
      !TYPOLOGIES.has(typologie) ||
      financement === undefined ||
      !FINANCEMENTS.has(financement) ||
      horsFlux === undefined ||
      (horsFlux !== '' && !HORS_FLUX.has(horsFlux)) ||
      programme === undefined ||
      programme.length > LONGUEUR_PROGRAMME ||
      (programme !== '' && !FORMES.programme.test(programme)) ||
      rpls === undefined ||
      (rpls !== '' && !FORMES.rpls.test(rpls))
    )
      return false;
    const qpv = cellText(cells, 5);
    const booleen = qpv ? coerceBoolean(qpv) : undefined;
    const annee = coerceInteger(cellText(cells, 8) ?? '');
    if (typeof booleen !== 'boolean' || typeof annee !== 'number') return false;
    if (annee < ANNEE_MIN || annee > ANNEE_MAX) return false;
    l.logement = logement;
    l.bailleur = bailleur;
    l.departement = departement;
    l.commune = commune;
    l.epci = epci || undefined;
    l.qpv = booleen;
    l.typologie = typologie;
    l.financement = financement;
    l.annee_construction = annee;
    l.hors_flux = horsFlux || undefined;
    l.programme = programme || undefined;
    return true;
  }
}
