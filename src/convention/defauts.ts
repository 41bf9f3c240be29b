/**
 * The one registry of the convention format's defaults: what an omitted key means. The flux
 * engine, `convflux check`, the printed convention (src/render/build-view.ts), `convflux init`
 * and the README all read it; `test/defauts.test.ts` proves, key by key, that omitting a key
 * gives the same text and the same figures as writing its default.
 *
 * Each default says on what it rests: the law (`loi`, with its article), or a choice of convflux
 * (`choix_convflux`: a supplementary rule the parties are free to change, stated as such).
 */
import { parsePointer } from '../source/json-pointer.js';
import { EXCLUSIONS, type TypeReservataire } from './convention.js';
import { DEFAUTS_JURIDICTION } from './defauts-juridiction.js';
import { DEFAUTS_MODALITES } from './defauts-modalites.js';
import { DEFAUTS_CONTREPARTIES } from './defauts-contreparties.js';
import { DEFAUTS_VIE_LOGEMENT } from './defauts-vie-logement.js';

export type Fondement = { nature: 'loi'; article: string } | { nature: 'choix_convflux' };

export type JsonValue = string | number | boolean | JsonValue[] | { [key: string]: JsonValue };

/** What an omitted key is worth. */
export type ValeurDefaut =
  /** A fixed value. */
  | { valeur: JsonValue }
  /** The convention's value at another key (e.g. the designation delay). */
  | { cle: string }
  /** A regulation parameter (rules/reglementation/parametres/), in force at the date. */
  | { parametre: string }
  /** Nothing: the clause does not exist (no floor, no reservation). */
  | { aucune: true };

export interface CasDefaut {
  /** The réservataire types of this case; absent: every type not named by an earlier case. */
  types?: readonly TypeReservataire[];
  defaut: ValeurDefaut;
  fondement: Fondement;
  /** One sentence explaining the default. */
  explication: { fr: string; en: string };
}

export interface Defaut {
  /** JSON pointer of the key in a convention. */
  cle: string;
  cas: readonly CasDefaut[];
}

const CHOIX: Fondement = { nature: 'choix_convflux' };
const loi = (article: string): Fondement => ({ nature: 'loi', article });

export const PARTIES_REFUS = ['candidat', 'caleol', 'reservataire', 'bailleur'] as const;

const QUI_REFUSE: Record<(typeof PARTIES_REFUS)[number], { fr: string; en: string }> = {
  candidat: { fr: 'du candidat', en: 'by the candidate' },
  caleol: { fr: 'de la CALEOL', en: 'by the CALEOL' },
  reservataire: { fr: 'du réservataire', en: 'by the réservataire' },
  bailleur: {
    fr: 'du bailleur (dossier incomplet non complété)',
    en: 'by the bailleur (incomplete file not completed)',
  },
};

function refus(partie: (typeof PARTIES_REFUS)[number]): Defaut[] {
  const qui = QUI_REFUSE[partie];
  return [
    {
      cle: `/refus/${partie}`,
      cas: [
        {
          defaut: { valeur: { decompte: false, nouvelle_designation: true } },
          fondement: CHOIX,
          explication: {
            fr: `Après un refus ${qui.fr}, une nouvelle désignation est due au réservataire et le logement n’est pas décompté.`,
            en: `After a refusal ${qui.en}, a new designation is owed to the réservataire and the flat is not counted.`,
          },
        },
      ],
    },
    {
      cle: `/refus/${partie}/delai`,
      cas: [
        {
          defaut: { cle: '/designation/delai' },
          fondement: CHOIX,
          explication: {
            fr: `Le délai de la nouvelle désignation après un refus ${qui.fr} est le délai de désignation.`,
            en: `The delay of the new designation after a refusal ${qui.en} is the designation delay.`,
          },
        },
      ],
    },
  ];
}

/** Every default of the format, in the order of the format. */
export const DEFAUTS: readonly Defaut[] = [
  {
    cle: '/reservataire/garantie_emprunt',
    cas: [
      {
        defaut: { valeur: false },
        fondement: CHOIX,
        explication: {
          fr: 'Sans mention, la réservation n’est pas la contrepartie d’une garantie d’emprunt.',
          en: 'Unless stated, the reservation is not given in exchange for a loan guarantee.',
        },
      },
    ],
  },
  {
    cle: '/flux/dont_agents_etat',
    cas: [
      {
        types: ['etat'],
        defaut: { valeur: 0 },
        fondement: CHOIX,
        explication: {
          fr: 'Sans mention, la part de l’État ne comporte aucune réservation au bénéfice de ses agents civils et militaires (le plafond de 5 % n’impose pas de minimum).',
          en: 'Unless stated, the State’s share holds no reservation for its civil and military employees (the 5 % cap sets no minimum).',
        },
      },
      {
        defaut: { aucune: true },
        fondement: loi('CCH art. R. 441-5-2 I'),
        explication: {
          fr: 'Seule la convention de l’État peut réserver une part à ses agents.',
          en: 'Only the State’s convention may reserve a share for its employees.',
        },
      },
    ],
  },
  {
    cle: '/flux/application',
    cas: [
      {
        types: ['etat'],
        defaut: { valeur: 'uniforme_par_commune' },
        fondement: loi('CCH art. R. 441-5-2 II'),
        explication: {
          fr: 'Sauf stipulation contraire, la part de l’État s’applique uniformément dans chaque commune.',
          en: 'Unless agreed otherwise, the State’s share applies uniformly in each commune.',
        },
      },
      {
        defaut: { valeur: 'globale' },
        fondement: CHOIX,
        explication: {
          fr: 'Sans mention, la part s’apprécie globalement sur le périmètre de la convention, sans être déclinée par commune.',
          en: 'Unless stated, the share is measured over the whole perimeter, not commune by commune.',
        },
      },
    ],
  },
  {
    cle: '/flux/part_hors_qpv_min',
    cas: [
      {
        types: ['etat'],
        defaut: { parametre: 'etat_hors_qpv_part_min' },
        fondement: loi('CCH art. R. 441-5-2 II'),
        explication: {
          fr: 'Sauf stipulation contraire, la part du flux de l’État hors quartiers prioritaires ne peut être inférieure à 30 % (paramètre etat_hors_qpv_part_min ; lecture retenue par convflux : au moins cette part du flux hors QPV va à l’État).',
          en: 'Unless agreed otherwise, the State’s share outside priority neighbourhoods may not be below 30 % (parameter etat_hors_qpv_part_min; convflux’s reading: at least that share of the flux outside QPV goes to the State).',
        },
      },
      {
        defaut: { aucune: true },
        fondement: CHOIX,
        explication: {
          fr: 'Sans mention, aucune part minimale hors QPV n’est stipulée.',
          en: 'Unless stated, no minimum share outside QPV is agreed.',
        },
      },
    ],
  },
  {
    cle: '/assiette/exclusions',
    cas: [
      {
        defaut: { valeur: [...EXCLUSIONS] },
        fondement: loi('CCH art. R. 441-5 I'),
        explication: {
          fr: 'Les logements nécessaires aux mutations internes, aux relogements liés au renouvellement urbain, aux ORCOD, à la lutte contre l’habitat indigne et à la vente de logements sociaux sont déduits du flux annuel par la loi.',
          en: 'Flats needed for internal transfers and for rehousing (urban renewal, ORCOD, substandard housing, sale of social housing) are deducted from the annual flux by law.',
        },
      },
    ],
  },
  {
    cle: '/decompte/ponderation/attribution',
    cas: [
      {
        defaut: { valeur: 1 },
        fondement: CHOIX,
        explication: {
          fr: 'Un logement décompté au fait générateur vaut un point.',
          en: 'A flat counted at the triggering event is worth one point.',
        },
      },
    ],
  },
  {
    cle: '/decompte/ponderation/orientation',
    cas: [
      {
        defaut: { valeur: 0 },
        fondement: CHOIX,
        explication: {
          fr: 'Un logement orienté dont le fait générateur n’est pas intervenu à la date du décompte ne vaut aucun point.',
          en: 'An oriented flat whose triggering event has not occurred at the date of the count is worth no point.',
        },
      },
    ],
  },
  {
    cle: '/decompte/ponderation/provisoire_sans_suite',
    cas: [
      {
        defaut: { valeur: 'retire' },
        fondement: CHOIX,
        explication: {
          fr: 'Les points comptés à titre provisoire pour un logement orienté au 31 décembre sont retirés, l’année où l’orientation prend fin, si le logement n’a pas été décompté.',
          en: 'The points counted provisionally for a flat oriented at 31 December are withdrawn, in the year the orientation ends, if the flat was not counted.',
        },
      },
    ],
  },
  {
    cle: '/designation/candidats',
    cas: [
      {
        defaut: { valeur: 3 },
        fondement: CHOIX,
        explication: {
          fr: 'Le réservataire désigne trois candidats par logement, nombre de demandes que la CALEOL doit examiner pour un même logement sauf exceptions (CCH art. R. 441-3).',
          en: 'The réservataire designates three candidates per flat, the number of applications the CALEOL must examine for one flat save exceptions (CCH art. R. 441-3).',
        },
      },
    ],
  },
  {
    cle: '/designation/a_expiration/reprise_pour_un_tour',
    cas: [
      {
        defaut: { valeur: true },
        fondement: CHOIX,
        explication: {
          fr: 'À défaut de désignation dans le délai, le bailleur reprend le logement pour un tour.',
          en: 'Without a designation within the delay, the bailleur takes the flat back for one letting.',
        },
      },
    ],
  },
  {
    cle: '/designation/a_expiration/decompte',
    cas: [
      {
        defaut: { valeur: false },
        fondement: CHOIX,
        explication: {
          fr: 'Un logement repris faute de désignation dans le délai n’est pas décompté au titre des droits du réservataire.',
          en: 'A flat taken back for lack of a designation within the delay is not counted for the réservataire.',
        },
      },
    ],
  },
  {
    cle: '/effet_avant_signature',
    cas: [
      {
        defaut: { valeur: false },
        fondement: CHOIX,
        explication: {
          fr: 'Un avenant prend effet à sa date d’effet ou, si elle est postérieure, à son entrée en vigueur (la dernière signature) ; une date d’effet antérieure à la signature n’est retenue que si les parties le stipulent.',
          en: 'An avenant takes effect on its date d’effet or, if later, on its entry into force (the last signature); a date d’effet before the signature holds only if the parties stipulate it.',
        },
      },
    ],
  },
  ...PARTIES_REFUS.flatMap(refus),
  ...DEFAUTS_JURIDICTION,
  ...DEFAUTS_MODALITES,
  ...DEFAUTS_CONTREPARTIES,
  ...DEFAUTS_VIE_LOGEMENT,
];

const parCle = new Map(DEFAUTS.map((d) => [d.cle, d]));

/** The registry entry of a key (throws on a key that has no default: a bug of convflux). */
export function defautDe(cle: string): Defaut {
  const d = parCle.get(cle);
  if (!d) throw new Error(`pas de valeur par défaut pour ${cle}`);
  return d;
}

/** The case of a key's default that applies to a réservataire type. */
export function casPour(cle: string, type: TypeReservataire | undefined): CasDefaut {
  const cas = defautDe(cle).cas;
  const found =
    cas.find((c) => type !== undefined && c.types?.includes(type)) ??
    cas.find((c) => c.types === undefined);
  if (!found) throw new Error(`pas de cas par défaut pour ${cle}`);
  return found;
}

/** The value at a pointer of a (possibly invalid) convention. */
export function valeurA(data: unknown, pointer: string): unknown {
  let node = data;
  for (const segment of parsePointer(pointer)) {
    if (node && typeof node === 'object' && !Array.isArray(node))
      node = (node as Record<string, unknown>)[segment];
    else return undefined;
  }
  return node;
}

/** Reads a regulation parameter in force at a date (undefined: not known). */
export type LireParametre = (nom: string) => unknown;

/**
 * The value a convention has at a key: the written one, else its default (undefined when the
 * default is « aucune », or a parameter that is not known).
 */
export function valeurEffective(
  data: unknown,
  cle: string,
  parametre: LireParametre = () => undefined,
): unknown {
  const ecrite = valeurA(data, cle);
  if (ecrite !== undefined) return ecrite;
  const type = valeurA(data, '/reservataire/type');
  const { defaut } = casPour(
    cle,
    typeof type === 'string' ? (type as TypeReservataire) : undefined,
  );
  if ('valeur' in defaut) return structuredClone(defaut.valeur);
  if ('cle' in defaut) return valeurA(data, defaut.cle);
  if ('parametre' in defaut) return parametre(defaut.parametre);
  return undefined;
}

/** True when the key is not written in the convention (its default applies). */
export function estParDefaut(data: unknown, cle: string): boolean {
  return valeurA(data, cle) === undefined;
}

/** Defaults of the tools' parameters (no convention key): the « effet filière » threshold. */
export { DEFAUTS_OUTILS, defautOutil, INTERPRETATION_CONVFLUX } from './defauts-outils.js';
