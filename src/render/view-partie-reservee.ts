/**
 * The view of the article « Part du flux réservée » beyond the figures: for the État, the text of
 * CCH art. R. 441-5-2 I, II and IV as written, the parties' choices under the suppletive II
 * (« Sauf stipulation contraire »), the reading of the hors-QPV floor (lecture retenue par
 * convflux), and the prefectoral arrêtés of derogation (R. 441-5-2 I, second alinéa) that the
 * version records; for every réservataire, whether the perimeter has several communes.
 */
import { arretesDe, type Arrete } from '../convention/arrete.js';
import { application, partHorsQpvMin } from '../convention/clauses.js';
import type { Convention } from '../convention/convention.js';
import type { Parametres } from '../reglementation/parametres.js';
import type { Territoires } from '../reference/territoires.js';
import * as cch from '../reglementation/textes-cch.js';
import { dateLongue, pourcent, pourcentEnLettres } from './typographie.js';
import type { ShapeOf } from './view-model.js';

export interface ArreteDerogationView {
  numero: string;
  /** "12 décembre 2024". */
  date: string;
  debut: string;
  fin: string;
  part: string;
  partEnLettres: string;
  agents: string;
  /** The regulation's words for the motive. */
  motif: string;
}

export interface PartieReserveeView {
  /** The perimeter has more than one commune (« sans être déclinée commune par commune »). */
  plusieursCommunes: boolean;
  citations: {
    i1: string;
    i2: string;
    ii1: string;
    ii2: string;
    iv1: string;
    iv2: string;
    iv3: string;
    nonConsulte: string;
    /** R. 441-5 I: the reservations that stay on identified flats. */
    defense: string;
  };
  /** The parties stipulate against the first paragraph of II (global, not per commune). */
  applicationContraire: boolean;
  horsQpv: {
    present: boolean;
    part: string;
    partEnLettres: string;
    reglementaire: string;
    /** Below the regulation's 30 %: printed as a stipulation contraire. */
    stipulationContraire: boolean;
    /** An indicative objective « hors QPV » of the réservataire's own flats, with its number. */
    indicatifPresent: boolean;
    indicatifNumero: string;
    indicatifPart: string;
  };
  arretes: ArreteDerogationView[];
  arretesPresents: boolean;
  plusieursArretes: boolean;
}

const MOTIFS: Record<Arrete['motif'], string> = {
  securite_publique:
    'afin de permettre le logement des personnels chargés de mission de sécurité publique',
  besoins_economiques: 'pour répondre à des besoins d’ordre économique',
};

/**
 * The arrêtés a version records: those of its département and bailleur signed by its date d'effet
 * and in force during its term. A later arrêté applies « de plein droit » through the general
 * sentence of the article, without changing a text already printed (or signed).
 */
export function arretesImprimes(c: Convention, arretes: readonly Arrete[]): Arrete[] {
  return arretesDe(arretes, c).filter(
    (a) => a.date <= c.date_effet && a.fin >= c.date_effet && a.debut <= c.duree.fin,
  );
}

function arreteView(a: Arrete): ArreteDerogationView {
  return {
    numero: a.numero,
    date: dateLongue(a.date),
    debut: dateLongue(a.debut),
    fin: dateLongue(a.fin),
    part: pourcent(a.part_max),
    partEnLettres: pourcentEnLettres(a.part_max),
    agents: pourcent(a.dont_agents_max),
    motif: MOTIFS[a.motif],
  };
}

function nombreDeCommunes(c: Convention, t: Territoires): number {
  const type = c.reservataire.type;
  if (type === 'commune') return 1;
  if (type === 'epci' || type === 'ept')
    return t.groupements.get(c.reservataire.territoire ?? '')?.membres.length ?? 2;
  return 2; // a département
}

export function buildPartieReserveeView(
  c: Convention,
  ctx: { parametres: Parametres; territoires: Territoires; arretes?: readonly Arrete[] },
): PartieReserveeView {
  const date = c.date_effet;
  const etat = c.reservataire.type === 'etat';
  const reglementaire = ctx.parametres.valueAt('etat_hors_qpv_part_min', date);
  const plancher = partHorsQpvMin(c, (nom) => ctx.parametres.valueAt(nom, date));
  const indicatifs = c.objectifs?.indicatifs ?? [];
  const iHorsQpv = indicatifs.findIndex(
    (o) => o.criteres.qpv === false && Object.keys(o.criteres).length === 1,
  );
  const indicatif = indicatifs[iHorsQpv];
  const arretes = etat ? arretesImprimes(c, ctx.arretes ?? []).map(arreteView) : [];
  return {
    plusieursCommunes: nombreDeCommunes(c, ctx.territoires) > 1,
    citations: {
      i1: cch.R441_5_2_I_1,
      i2: cch.R441_5_2_I_2,
      ii1: cch.R441_5_2_II_1,
      ii2: cch.R441_5_2_II_2,
      iv1: cch.R441_5_2_IV_1,
      iv2: cch.R441_5_2_IV_2,
      iv3: cch.R441_5_2_IV_3_DEBUT,
      nonConsulte: cch.TEXTE_NON_CONSULTE,
      defense: cch.R441_5_I_DEFENSE,
    },
    applicationContraire: etat && application(c) === 'globale',
    horsQpv: {
      present: etat && plancher !== undefined,
      part: plancher !== undefined ? pourcent(plancher) : '',
      partEnLettres: plancher !== undefined ? pourcentEnLettres(plancher) : '',
      reglementaire: typeof reglementaire === 'number' ? pourcent(reglementaire) : '',
      stipulationContraire:
        plancher !== undefined && typeof reglementaire === 'number' && plancher < reglementaire,
      indicatifPresent: etat && indicatif !== undefined,
      indicatifNumero: iHorsQpv >= 0 ? String(iHorsQpv + 1) : '',
      indicatifPart: indicatif ? pourcent(indicatif.part) : '',
    },
    arretes,
    arretesPresents: arretes.length > 0,
    plusieursArretes: arretes.length > 1,
  };
}

const V = 'valeur';
/** The template shape of PartieReserveeView (VIEW_SHAPE in view-model.ts). */
export const PARTIE_RESERVEE_SHAPE: ShapeOf<PartieReserveeView> = {
  plusieursCommunes: V,
  citations: { i1: V, i2: V, ii1: V, ii2: V, iv1: V, iv2: V, iv3: V, nonConsulte: V, defense: V },
  applicationContraire: V,
  horsQpv: {
    present: V,
    part: V,
    partEnLettres: V,
    reglementaire: V,
    stipulationContraire: V,
    indicatifPresent: V,
    indicatifNumero: V,
    indicatifPart: V,
  },
  arretes: [
    { numero: V, date: V, debut: V, fin: V, part: V, partEnLettres: V, agents: V, motif: V },
  ],
  arretesPresents: V,
  plusieursArretes: V,
};
