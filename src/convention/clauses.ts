/**
 * The clauses of a convention as they apply: the written value, else the default of the registry
 * (src/convention/defauts.ts). The engine, `check` and the printed text read them from here only.
 */
import type { Convention, Exclusion } from './convention.js';
import { valeurEffective, type LireParametre } from './defauts.js';

export type Application = 'uniforme_par_commune' | 'globale';
export type PartieRefus = 'candidat' | 'caleol' | 'reservataire' | 'bailleur';

/** A refusal clause with its delay resolved (the designation delay by default). */
export interface RefusApplicable {
  decompte: boolean;
  nouvelle_designation: boolean;
  delai: string;
}

export function application(c: Convention): Application {
  return valeurEffective(c, '/flux/application') as Application;
}

export function ponderation(c: Convention): { orientation: number; attribution: number } {
  return {
    orientation: valeurEffective(c, '/decompte/ponderation/orientation') as number,
    attribution: valeurEffective(c, '/decompte/ponderation/attribution') as number,
  };
}

/**
 * What becomes of the points an open cycle scored provisionally at the end of a year when it
 * ends, in a later year, without its fait générateur: kept (`acquis`) or withdrawn (`retire`,
 * a negative regularisation in the year it ends).
 */
export function provisoireSansSuite(c: Convention): 'acquis' | 'retire' {
  return valeurEffective(c, '/decompte/ponderation/provisoire_sans_suite') as 'acquis' | 'retire';
}

/** The registry's assiette exclusions, per type, read once: the engine asks for every flat freed. */
const exclusionsParDefaut = new Map<string, readonly Exclusion[]>();

export function exclusionsAssiette(c: Convention): readonly Exclusion[] {
  const ecrites = c.assiette?.exclusions;
  if (ecrites) return ecrites;
  let d = exclusionsParDefaut.get(c.reservataire.type);
  if (!d) {
    d = Object.freeze(valeurEffective(c, '/assiette/exclusions') as Exclusion[]);
    exclusionsParDefaut.set(c.reservataire.type, d);
  }
  return d;
}

export function aExpiration(c: Convention): { reprise_pour_un_tour: boolean; decompte: boolean } {
  return {
    reprise_pour_un_tour: valeurEffective(
      c,
      '/designation/a_expiration/reprise_pour_un_tour',
    ) as boolean,
    decompte: valeurEffective(c, '/designation/a_expiration/decompte') as boolean,
  };
}

export function regleRefus(c: Convention, partie: PartieRefus): RefusApplicable {
  const regle = valeurEffective(c, `/refus/${partie}`) as {
    decompte: boolean;
    nouvelle_designation: boolean;
  };
  return {
    decompte: regle.decompte,
    nouvelle_designation: regle.nouvelle_designation,
    delai: valeurEffective(c, `/refus/${partie}/delai`) as string,
  };
}

export function candidats(c: Convention): number {
  return valeurEffective(c, '/designation/candidats') as number;
}

export function garantieEmprunt(c: Convention): boolean {
  return valeurEffective(c, '/reservataire/garantie_emprunt') as boolean;
}

/** The État's share for its agents (undefined for the other réservataires). */
export function dontAgentsEtat(c: Convention): number | undefined {
  return valeurEffective(c, '/flux/dont_agents_etat') as number | undefined;
}

/** The hors-QPV floor (a regulation parameter by default for the État; none for the others). */
export function partHorsQpvMin(c: Convention, parametre: LireParametre): number | undefined {
  const v = valeurEffective(c, '/flux/part_hors_qpv_min', parametre);
  return typeof v === 'number' ? v : undefined;
}
