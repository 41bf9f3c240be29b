/**
 * The saisie forms: for each event type the API accepts, the fields of an `--events` row it
 * needs (schemas/evenement.schema.json), and how a form's values become the row sent to
 * `POST /api/bailleurs/:siren/evenements` (as a CSV row: strings, `public` joined by « + »; the
 * API reads it with the CLI's reader). No check here: the API's diagnostics are the answer.
 */
import type { Lang } from '../../diagnostics/diagnostic.js';
import { t } from '../i18n/messages.js';

export const TYPES_PRINCIPAUX = ['designation', 'caleol', 'refus', 'bail_signe'] as const;
export const TYPES_AUTRES = [
  'liberation',
  'orientation',
  'conge',
  'retrait_conge',
  'notification',
  'reprise',
  'mise_en_service',
  'hors_assiette',
  'annulation',
] as const;
export type TypeEvenement = (typeof TYPES_PRINCIPAUX)[number] | (typeof TYPES_AUTRES)[number];

type Genre = 'texte' | 'nombre' | 'choix' | 'cases' | 'reservataire';

interface DefChamp {
  genre: Genre;
  options?: readonly string[];
}

const CHAMPS: Record<string, DefChamp> = {
  logement: { genre: 'texte' },
  date: { genre: 'texte' },
  reservataire: { genre: 'reservataire' },
  candidats: { genre: 'nombre' },
  contingent: { genre: 'choix', options: ['', 'agents_etat'] },
  decision: { genre: 'choix', options: ['attribution', 'refus', 'ajournement'] },
  public: { genre: 'cases', options: ['dalo', 'prioritaire', 'premier_quartile_hors_qpv'] },
  par: { genre: 'choix', options: ['candidat', 'reservataire', 'bailleur'] },
  motif: {
    genre: 'choix',
    options: [
      'mutation_interne',
      'relogement_renouvellement_urbain',
      'relogement_orcod',
      'relogement_habitat_indigne',
      'relogement_vente',
    ],
  },
  date_liberation_prevue: { genre: 'texte' },
  annule: { genre: 'texte' },
};

/** The fields of each type after `logement` and `date`; `*` = required by the schema. */
const PAR_TYPE: Record<TypeEvenement, readonly string[]> = {
  designation: ['reservataire*', 'candidats', 'contingent'],
  caleol: ['decision*', 'public', 'reservataire'],
  refus: ['par*', 'reservataire'],
  bail_signe: ['reservataire'],
  liberation: [],
  orientation: ['reservataire*'],
  conge: ['date_liberation_prevue*'],
  retrait_conge: [],
  notification: ['reservataire'],
  reprise: [],
  mise_en_service: [],
  hors_assiette: ['motif*'],
  annulation: ['annule*'],
};

export function typeEvenement(v: unknown): TypeEvenement | undefined {
  return typeof v === 'string' && v in PAR_TYPE ? (v as TypeEvenement) : undefined;
}

/** The form's fields of a type, in order, each with whether it is required. */
export function champsDu(type: TypeEvenement): { nom: string; requis: boolean }[] {
  return ['logement*', 'date*', ...PAR_TYPE[type]].map((c) => ({
    nom: c.replace('*', ''),
    requis: c.endsWith('*'),
  }));
}

/** What the visitor typed: one string per field, a list for checkboxes. */
export type Valeurs = Record<string, string | string[]>;

const texte = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');
const liste = (v: unknown): string[] =>
  (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string' && x !== '');

/** The values of a type's fields read from a posted form. */
export function valeursPostees(type: TypeEvenement, corps: Record<string, unknown>): Valeurs {
  const v: Valeurs = {};
  for (const { nom } of champsDu(type))
    v[nom] = CHAMPS[nom]?.genre === 'cases' ? liste(corps[nom]) : texte(corps[nom]);
  return v;
}

/** The row sent to the API: the non-empty fields, as an events file's row. */
export function ligneEvenement(
  id: string,
  type: TypeEvenement,
  valeurs: Valeurs,
): Record<string, string> {
  const ligne: Record<string, string> = { id, type };
  for (const [nom, v] of Object.entries(valeurs)) {
    const s = Array.isArray(v) ? v.join('+') : v;
    if (s !== '') ligne[nom] = s;
  }
  return ligne;
}

export interface OptionVue {
  valeur: string;
  libelle: string;
  choisi: boolean;
}

export interface ChampVue {
  nom: string;
  libelle: string;
  aide?: string;
  requis: boolean;
  type: string;
  valeur: string;
  estChoix: boolean;
  estCases: boolean;
  options: OptionVue[];
}

function optionsDe(
  nom: string,
  def: DefChamp,
  requis: boolean,
  reservataires: readonly string[],
  lang: Lang,
): { valeur: string; libelle: string }[] {
  if (def.genre === 'reservataire')
    return [
      { valeur: '', libelle: t(lang, requis ? 'sai_choisir' : 'sai_aucun') },
      ...reservataires.map((r) => ({ valeur: r, libelle: r })),
    ];
  const opts = (def.options ?? []).map((o) => ({
    valeur: o,
    libelle: t(lang, `sai_opt_${nom}_${o}`),
  }));
  return def.genre === 'choix' && requis
    ? [{ valeur: '', libelle: t(lang, 'sai_choisir') }, ...opts]
    : opts;
}

/** The fields of a type ready for the templates (`champ`, `champ-liste`, `champ-coches`). */
export function vueChamps(
  type: TypeEvenement,
  valeurs: Valeurs,
  reservataires: readonly string[],
  lang: Lang,
): ChampVue[] {
  return champsDu(type).map(({ nom, requis }) => {
    const def = CHAMPS[nom] ?? { genre: 'texte' };
    const v = valeurs[nom] ?? '';
    const choisis = Array.isArray(v) ? v : [v];
    const aide = t(lang, `sai_aide_${nom}`);
    const estChoix = def.genre === 'choix' || def.genre === 'reservataire';
    return {
      nom,
      libelle: t(lang, `sai_champ_${nom}`),
      ...(aide.startsWith('⟦') ? {} : { aide }),
      requis,
      type: def.genre === 'nombre' ? 'number' : 'text',
      valeur: Array.isArray(v) ? '' : v,
      estChoix,
      estCases: def.genre === 'cases',
      options: optionsDe(nom, def, requis, reservataires, lang).map((o) => ({
        ...o,
        choisi: choisis.includes(o.valeur),
      })),
    };
  });
}
