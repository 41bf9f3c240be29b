/**
 * A cotation grid (rules/cotation/<SIREN>/v<N>.yaml) as read from its schema
 * (schemas/cotation.schema.json): seniority rule, fields of the request it reads, criteria by
 * group with their coefficient (multiplicative grid) or points (additive grid).
 */
import type { LegalReference } from '../../diagnostics/diagnostic.js';

export type Scalaire = string | number | boolean;

/** Tests on one field, all true together. */
export interface Test {
  egal?: Scalaire;
  dans?: Scalaire[];
  hors?: Scalaire[];
  superieur_a?: number;
  au_moins?: number;
  inferieur_a?: number;
  au_plus?: number;
}

/** field → tests (conjunction); `une_de`: at least one of the listed conditions. */
export type Condition = { une_de?: Condition[] } & {
  [champ: string]: Test | Condition[] | undefined;
};

export type TypeChamp = 'booleen' | 'nombre' | 'entier' | 'enum';

export interface Champ {
  type: TypeChamp;
  libelle: string;
  multiple?: boolean;
  valeurs?: Record<string, string>;
  min?: number;
  max?: number;
  calcul?: { ecart_absolu?: [string, string]; difference?: [string, string] };
}

export interface Valeur {
  id: string;
  libelle: string;
  coefficient?: number;
  points?: number;
  si: Condition;
}

export interface Critere {
  id: string;
  libelle: string;
  texte_source?: string;
  note?: string;
  coefficient?: number;
  points?: number;
  si: Condition;
  valeurs?: Valeur[];
}

export interface Groupe {
  id: string;
  libelle: string;
  texte_source?: string;
  coefficient?: number;
  points?: number;
  criteres: Critere[];
}

export type Combinaison = 'multiplicative' | 'additive';

export interface Grille {
  cotation: 1;
  epci: { siren: string; nom: string };
  version: number;
  en_vigueur_le: string;
  /** `en_vigueur_le` is convflux's choice, not given by the source: the documents say so. */
  date_retenue_par_convflux?: boolean;
  note?: string;
  fictive?: boolean;
  source?: { titre: string; auteur?: string; url?: string };
  references?: (LegalReference & { texte: string; nature: 'citation' | 'resume' })[];
  anciennete: {
    points_par_mois: number;
    depuis: 'date_depot' | 'date_renouvellement';
    refus: 'remise_a_zero' | 'aucun_effet';
    texte_source?: string;
  };
  combinaison: Combinaison;
  texte_combinaison?: string;
  priorite?: { si: Condition; note?: string };
  champs: Record<string, Champ>;
  groupes: Groupe[];
  refus: { texte: string; texte_source?: string };
}

/** The columns every requests file may have, besides the grid's fields. */
export const COLONNES_DE_BASE = [
  'numero_unique',
  'date_depot',
  'date_renouvellement',
  'dates_refus',
  'typologie',
  'communes_souhaitees',
  'commune_actuelle',
] as const;

/**
 * Fields every request has, besides those the grid declares: `typologie` (wished) and the
 * derived `localisation_actuelle` (current commune against the first wished commune and its
 * EPCI, the EPCI asked for: see CommunesConnues.localisation).
 */
export const CHAMPS_INTEGRES: Readonly<Record<string, Champ>> = {
  typologie: {
    type: 'enum',
    libelle: 'Typologie souhaitée',
    valeurs: { t1: 'T1', t2: 'T2', t3: 'T3', t4: 'T4', t5: 'T5', t6: 'T6 et plus' },
  },
  localisation_actuelle: {
    type: 'enum',
    libelle: 'Commune actuelle par rapport à l’EPCI et à la commune demandés',
    valeurs: {
      hors_epci: 'commune actuelle hors de l’EPCI demandé',
      dans_epci: 'commune actuelle dans l’EPCI demandé, autre que la commune demandée',
      meme_commune: 'commune actuelle identique à la commune demandée',
    },
  },
};

/** The field of the grid or built in, by name. */
export function champ(grille: Grille, nom: string): Champ | undefined {
  return Object.hasOwn(grille.champs, nom) ? grille.champs[nom] : CHAMPS_INTEGRES[nom];
}

/** A criterion's weight: its own, else its group's. */
export function poids(
  c: Critere | Valeur,
  g: Groupe,
  combinaison: Combinaison,
): number | undefined {
  return combinaison === 'multiplicative'
    ? (c.coefficient ?? g.coefficient)
    : (c.points ?? g.points);
}

/** The `si` tests of a condition as [field, test] pairs (without `une_de`). */
export function testsOf(c: Condition): [string, Test][] {
  return Object.entries(c).filter(
    (e): e is [string, Test] => e[0] !== 'une_de' && !!e[1] && !Array.isArray(e[1]),
  );
}
