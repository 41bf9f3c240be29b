/**
 * The cause of a non-État reservation (review B2, C2): the `contreparties` of the convention
 * (garantie d'emprunt, subvention, apport de terrain, financement employeur…) printed as recitals
 * (« Considérant que … ») after the visas, as visas of the délibérations that granted them, and
 * as an annex « Contreparties ». The État's rights come from the law: no contreparties there.
 */
import type {
  Acte,
  Contrepartie,
  Convention,
  NatureContrepartie,
} from '../convention/convention.js';
import { dateLongue, INSECABLE, nombre } from './typographie.js';

/** One contrepartie, typeset. */
export interface ContrepartieView {
  numero: number;
  /** "Garantie d’emprunt". */
  nature: string;
  objet: string;
  /** "délibération du conseil municipal n° 2008-112 du 21 novembre 2008". */
  acte: string;
  /** "1 250 000 €", or "" when not stated. */
  montant: string;
  /** "48", or "" when not stated. */
  logements: string;
  /** "31 décembre 2048", or "". */
  echeance: string;
  /** The recital, without « Considérant que » and the final « ; ». */
  considerant: string;
}

export interface ContrepartiesView {
  presentes: boolean;
  liste: ContrepartieView[];
  /** Annex number (0 when absent). */
  annexe: number;
}

const V = 'valeur';
/** The shape of ContrepartiesView for VIEW_SHAPE (src/render/view-model.ts). */
export const CONTREPARTIES_SHAPE = {
  presentes: V,
  liste: [
    {
      numero: V,
      nature: V,
      objet: V,
      acte: V,
      montant: V,
      logements: V,
      echeance: V,
      considerant: V,
    },
  ],
  annexe: V,
} as const;

const NATURES: Record<NatureContrepartie, string> = {
  garantie_emprunt: 'Garantie d’emprunt',
  subvention: 'Subvention',
  apport_terrain: 'Apport de terrain',
  financement_employeur: 'Financement au titre de la participation des employeurs',
  autre: 'Autre contrepartie',
};

const ACTES: Record<NonNullable<Acte['nature']>, string> = {
  deliberation: 'délibération',
  delegation: 'délégation',
  delegation_signature: 'délégation de signature',
  arrete: 'arrêté',
  decision: 'décision',
  statuts: 'statuts',
  convention: 'convention',
};

const FEMININS = /^(commission|assemblée|direction|présidence|conférence|délégation)\b/i;

/** "du conseil municipal", "de la commission permanente", "de l’assemblée…". */
function deLOrgane(organe: string): string {
  if (/^[aeiouyéèêàâîôû]/i.test(organe)) return `de l’${organe}`;
  return FEMININS.test(organe) ? `de la ${organe}` : `du ${organe}`;
}

/** "délibération du conseil municipal n° 2008-112 du 21 novembre 2008". */
export function acteTexte(acte: Acte): string {
  const nature = ACTES[acte.nature ?? 'deliberation'];
  const organe = acte.organe ? ` ${deLOrgane(acte.organe)}` : '';
  const numero = acte.numero ? ` n°${INSECABLE}${acte.numero}` : '';
  return `${nature}${organe}${numero} du ${dateLongue(acte.date)}`;
}

function euros(montant: number): string {
  return `${nombre(montant, 2)}${INSECABLE}€`;
}

/** The recital of one contrepartie: what the réservataire gave, by which act. */
function considerant(k: Contrepartie): string {
  const montant = k.montant === undefined ? '' : ` ${euros(k.montant)}`;
  const par = `, par ${acteTexte(k.acte)}`;
  const jusquau = k.echeance ? `, jusqu’au ${dateLongue(k.echeance)}` : '';
  switch (k.nature) {
    case 'garantie_emprunt':
      return `le réservataire a accordé sa garantie à l’emprunt${montant ? ` de${montant}` : ''} contracté par le bailleur pour ${k.objet}${par}${jusquau}`;
    case 'subvention':
      return `le réservataire a accordé au bailleur une subvention${montant ? ` de${montant}` : ''} pour ${k.objet}${par}`;
    case 'apport_terrain':
      return `le réservataire a apporté au bailleur le terrain d’assiette de ${k.objet}${par}`;
    case 'financement_employeur':
      return `le réservataire a accordé au bailleur un financement${montant ? ` de${montant}` : ''} au titre de la participation des employeurs à l’effort de construction pour ${k.objet}${par}`;
    default:
      return `le réservataire a consenti au bailleur la contrepartie suivante : ${k.objet}${montant ? ` (${montant.trim()})` : ''}${par}`;
  }
}

/** The contreparties of a convention, typeset; `annexe` is its number in the annexes. */
export function buildContrepartiesView(c: Convention, annexe: number): ContrepartiesView {
  const liste = (c.contreparties ?? []).map((k, i): ContrepartieView => ({
    numero: i + 1,
    nature: NATURES[k.nature],
    objet: k.objet,
    acte: acteTexte(k.acte),
    montant: k.montant === undefined ? '' : euros(k.montant),
    logements: k.logements === undefined ? '' : nombre(k.logements, 0),
    echeance: k.echeance ? dateLongue(k.echeance) : '',
    considerant: considerant(k),
  }));
  return { presentes: liste.length > 0, liste, annexe: liste.length ? annexe : 0 };
}

const OBJETS_VISA: Record<NatureContrepartie, string> = {
  garantie_emprunt: 'accordant la garantie d’emprunt pour',
  subvention: 'accordant une subvention pour',
  apport_terrain: 'portant apport du terrain d’assiette de',
  financement_employeur: 'accordant un financement pour',
  autre: 'portant contrepartie pour',
};

/**
 * The visas of the délibérations and arrêtés that granted the contreparties (review C2: one visa
 * per act, instead of « Vu les garanties d’emprunt accordées au bailleur par … »).
 */
export function visasContreparties(c: Convention): string[] {
  const visas = new Set<string>();
  for (const k of c.contreparties ?? []) {
    const nature = k.acte.nature ?? 'deliberation';
    if (nature !== 'deliberation' && nature !== 'arrete') continue;
    const article = nature === 'arrete' ? 'l’' : 'la ';
    visas.add(`${article}${acteTexte(k.acte)} ${OBJETS_VISA[k.nature]} ${k.objet}`);
  }
  return [...visas];
}

/** Annex numbers: objectives, then contreparties and conversion when present, then the rest. */
export function numerosAnnexes(
  contreparties: boolean,
  conversion: boolean,
): { objectifs: number; conversion: number; recapitulatif: number; identification: number } {
  let n = 1;
  if (contreparties) n++;
  const conversionNumero = conversion ? ++n : 0;
  return {
    objectifs: 1,
    conversion: conversionNumero,
    recapitulatif: n + 1,
    identification: n + 2,
  };
}
