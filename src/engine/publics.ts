/**
 * Attributions by public (CCH art. L. 441-1, review I7): the non-identifying flag a CALEOL
 * attribution may carry (DALO household, other priority household, first-quartile household in a
 * flat outside QPV), its checks on each event, the counts per contingent and the shares the law
 * sets, read from the dated regulation parameters.
 */
import type { TypeReservataire } from '../convention/convention.js';
import { TYPES_QUART_PRIORITAIRES } from '../convention/defauts-modalites.js';
import type { Lang, ParamValue } from '../diagnostics/diagnostic.js';
import type { Evenement } from '../flux/evenement.js';
import type { Logement } from '../flux/logement.js';
import { loadParametres } from '../reglementation/load-reglementation.js';
import type {
  ObligationPublic,
  PublicAttribution,
  PublicsResultat,
  StatutObjectif,
} from './evaluation.js';

export const PUBLICS: readonly PublicAttribution[] = [
  'dalo',
  'prioritaire',
  'premier_quartile_hors_qpv',
];

/** The flags as bits (1 dalo, 2 prioritaire, 4 premier quartile), for the columnar store. */
export function masquePublics(publics: readonly PublicAttribution[] | undefined): number {
  let m = 0;
  for (const p of publics ?? []) m |= 1 << PUBLICS.indexOf(p);
  return m;
}

export function publicsDuMasque(m: number): PublicAttribution[] {
  return PUBLICS.filter((_, i) => (m & (1 << i)) !== 0);
}

/** An alert of the state machine about a flag (code and parameters; the machine dates it). */
export interface AlertePublic {
  code: string;
  params: Record<string, ParamValue>;
}

/**
 * What is wrong with the flag of an event, if anything: a flag on anything but a CALEOL
 * attribution, on an attribution outside any réservataire's cycle (it counts for no contingent),
 * or a first-quartile-outside-QPV flag on a flat in QPV. The flag is then not counted.
 */
export function alertePublic(
  e: Evenement,
  l: Logement,
  enCycle: boolean,
): AlertePublic | undefined {
  const publics = e.public;
  if (!publics?.length) return undefined;
  const valeur = publics.join('+');
  if (e.type !== 'caleol' || e.decision !== 'attribution')
    return {
      code: 'PUBLIC_HORS_ATTRIBUTION',
      params: { public: valeur, type: e.decision ? `${e.type} ${e.decision}` : e.type },
    };
  if (!enCycle) return { code: 'PUBLIC_HORS_CONTINGENT', params: { public: valeur } };
  if (l.qpv && publics.includes('premier_quartile_hors_qpv'))
    return { code: 'PUBLIC_QUARTILE_EN_QPV', params: { public: valeur } };
  return undefined;
}

/** The flags an attribution in a cycle is counted with (the first quartile only outside QPV). */
export function publicsComptes(
  e: Evenement,
  l: Logement,
): readonly PublicAttribution[] | undefined {
  if (!e.public?.length) return undefined;
  return l.qpv ? e.public.filter((p) => p !== 'premier_quartile_hors_qpv') : e.public;
}

/** Counts of one contingent's attributed flats (plain data: worker threads merge them). */
export interface ComptePublics {
  /** Flats attributed with at least one flag. */
  renseignes: number;
  dalo: number;
  prioritaire: number;
  /** DALO or, failing that, other priority households: counted once per flat. */
  dalo_ou_prioritaire: number;
  premier_quartile_hors_qpv: number;
  /** Flats attributed outside QPV (the base of the first-quartile share). */
  hors_qpv: number;
}

export function comptePublicsVide(): ComptePublics {
  return {
    renseignes: 0,
    dalo: 0,
    prioritaire: 0,
    dalo_ou_prioritaire: 0,
    premier_quartile_hors_qpv: 0,
    hors_qpv: 0,
  };
}

/** Adds one attributed flat, with the flags of its last attribution of the year. */
export function ajouterLogementAttribue(
  c: ComptePublics,
  publics: readonly PublicAttribution[] | undefined,
  qpv: boolean,
): void {
  if (!qpv) c.hors_qpv++;
  if (!publics?.length) return;
  c.renseignes++;
  const dalo = publics.includes('dalo');
  const prioritaire = publics.includes('prioritaire');
  if (dalo) c.dalo++;
  if (prioritaire) c.prioritaire++;
  if (dalo || prioritaire) c.dalo_ou_prioritaire++;
  if (!qpv && publics.includes('premier_quartile_hors_qpv')) c.premier_quartile_hors_qpv++;
}

export function fusionnerPublics(into: ComptePublics, from: ComptePublics): void {
  for (const k of Object.keys(into) as (keyof ComptePublics)[]) into[k] += from[k];
}

/** Contingents bound by the DALO quarter: collectivités territoriales, EPCI/EPT, Action Logement. */
const CONTINGENTS_DALO: ReadonlySet<TypeReservataire> = new Set(TYPES_QUART_PRIORITAIRES);

/** Where the stipulated share is written (the article « Publics prioritaires » prints it). */
const CLE_STIPULEE = 'modalites.publics_prioritaires.part_attributions';

const PARAMETRE_DALO = 'attributions_dalo_part_min';
const PARAMETRE_QUARTILE = 'attributions_premier_quartile_hors_qpv_part_min';

/** The data's words are French whatever `--lang` (the text output translates the codes). */
const LIBELLES = {
  dalo_ou_prioritaires: 'Ménages DALO ou, à défaut, prioritaires',
  premier_quartile_hors_qpv: 'Ménages du premier quartile, logements hors QPV',
};

/** « CCH art. L. 441-1 (résumé : rédaction en vigueur non lue) » when only a summary is known. */
const referenceDe = (article: string, nature: string | undefined): string =>
  nature === 'citation' ? article : `${article} (résumé : rédaction en vigueur non lue)`;

const round = (x: number): number => Math.round(x * 1e6) / 1e6;

/** The statut of a share: sans objet without base or without any flag in the contingent. */
function statutPart(
  realise: number,
  cible: number,
  base: number,
  renseigne: boolean,
  final: boolean,
): StatutObjectif {
  if (base === 0 || !renseigne) return 'sans_objet';
  if (realise >= cible - 1e-9) return 'atteint';
  return final ? 'non_atteint' : 'en_retard';
}

export interface ContexteObligations {
  type: TypeReservataire;
  /** The share of the DALO/prioritaires quarter the convention writes, if it writes one. */
  partStipulee?: number;
  /** Evaluation date: the parameters in force that day. */
  date: string;
  final: boolean;
  lang: Lang;
}

/** The attributions by public of one contingent and the shares the law sets for it. */
export function resultatPublics(
  c: ComptePublics,
  logements: number,
  ctx: ContexteObligations,
): PublicsResultat {
  const parametres = loadParametres(ctx.lang);
  const obligations: ObligationPublic[] = [];
  /** The law's share (a dated parameter) and its reference, when the contingent owes it. */
  const loi = (parametre: string): { part: number; reference: string } | undefined => {
    const part = parametres.valueAt(parametre, ctx.date);
    const p = parametres.byName.get(parametre);
    if (typeof part !== 'number' || !p) return undefined;
    return { part, reference: referenceDe(p.reference.article, p.reference.nature) };
  };
  const obligation = (
    code: keyof typeof LIBELLES,
    cible: { part: number; reference: string } | undefined,
    base: number,
    realise: number,
  ): void => {
    if (!cible) return;
    obligations.push({
      code,
      libelle: LIBELLES[code],
      part_cible: cible.part,
      base,
      realise,
      taux: base > 0 ? round(realise / base) : null,
      statut: statutPart(realise, cible.part * base, base, c.renseignes > 0, ctx.final),
      reference: cible.reference,
    });
  };
  const dalo = plusHaute(
    CONTINGENTS_DALO.has(ctx.type) ? loi(PARAMETRE_DALO) : undefined,
    ctx.partStipulee,
  );
  obligation('dalo_ou_prioritaires', dalo, logements, c.dalo_ou_prioritaire);
  obligation(
    'premier_quartile_hors_qpv',
    loi(PARAMETRE_QUARTILE),
    c.hors_qpv,
    c.premier_quartile_hors_qpv,
  );
  const par_public: PublicsResultat['par_public'] = {};
  for (const p of PUBLICS) if (c[p] > 0) par_public[p] = c[p];
  return {
    attributions: logements,
    par_public,
    non_renseigne: logements - c.renseignes,
    obligations,
  };
}

/**
 * The share that binds: the law's, or the convention's when it writes a higher one (a lower one
 * is an error of `check`, PUBLICS_PART_INFERIEURE_AU_QUART, and the law's prevails).
 */
function plusHaute(
  loi: { part: number; reference: string } | undefined,
  stipulee: number | undefined,
): { part: number; reference: string } | undefined {
  if (stipulee === undefined || (loi && stipulee <= loi.part)) return loi;
  return { part: stipulee, reference: `convention (${CLE_STIPULEE})` };
}

/** Obligations behind by at least one flat: how many flats short (for the alert). */
export function manque(o: ObligationPublic): number {
  return o.part_cible * o.base - o.realise;
}
