/**
 * Defaults of `modalites`: the exchange and implementation terms that the État convention must
 * settle (arrêté du 10 mars 2011, art. 1, 3° to 9°; CCH art. R. 441-5-2 III) and that every
 * convention prints. Each is a stipulation the parties may change (`choix_convflux`), except the
 * quarter of attributions to priority households, which rests on the law (CCH art. L. 441-1;
 * its current wording was not read: indirect sources only, see the README).
 */
import type { Defaut, Fondement, JsonValue } from './defauts.js';
import type { TypeReservataire } from './convention.js';

const CHOIX: Fondement = { nature: 'choix_convflux' };

/** One key, one case for every réservataire. */
function unique(cle: string, valeur: JsonValue, fr: string, en: string): Defaut {
  return { cle, cas: [{ defaut: { valeur }, fondement: CHOIX, explication: { fr, en } }] };
}

/** Réservataires bound to direct a quarter of their attributions to priority households. */
export const TYPES_QUART_PRIORITAIRES: readonly TypeReservataire[] = [
  'commune',
  'epci',
  'ept',
  'departement',
  'region',
  'action_logement',
];

/** The default procedure by which a household's eligibility is recognised (printed as is). */
export const ELIGIBILITE_DEFAUT =
  'Les ménages reconnus prioritaires et devant être logés d’urgence par la commission de médiation ' +
  'sont éligibles au vu de la décision de cette commission (CCH, art. L. 441-2-3). L’éligibilité ' +
  'des autres ménages prioritaires au sens de l’article L. 441-1 du même code est reconnue par ' +
  'les services de l’État au vu des critères de cet article et du plan départemental d’action ' +
  'pour le logement et l’hébergement des personnes défavorisées (PDALHPD).';

/** The default designation channel of the État's agents. */
export const SERVICE_AGENTS_DEFAUT =
  'le service de la préfecture chargé du logement des agents de l’État';

const partAttributions: Defaut = {
  cle: '/modalites/publics_prioritaires/part_attributions',
  cas: [
    {
      types: TYPES_QUART_PRIORITAIRES,
      defaut: { valeur: 0.25 },
      fondement: {
        nature: 'loi',
        article: 'CCH art. L. 441-1 (texte en vigueur non lu ; sources indirectes)',
      },
      explication: {
        fr: 'Un quart au moins des attributions du contingent va à des ménages bénéficiant d’une décision favorable de la commission de médiation (L. 441-2-3) ou, à défaut, prioritaires au sens de l’article L. 441-1.',
        en: 'At least a quarter of the contingent’s attributions go to households with a favourable decision of the commission de médiation (L. 441-2-3) or, failing that, priority households under L. 441-1.',
      },
    },
    {
      defaut: { aucune: true },
      fondement: CHOIX,
      explication: {
        fr: 'Sans mention, aucune part chiffrée n’est stipulée (l’État : tout le contingent va aux publics prioritaires).',
        en: 'Unless stated, no figure is agreed (the State: the whole contingent serves priority households).',
      },
    },
  ],
};

const serviceAgents: Defaut = {
  cle: '/modalites/agents_etat/service_designataire',
  cas: [
    {
      types: ['etat'],
      defaut: { valeur: SERVICE_AGENTS_DEFAUT },
      fondement: CHOIX,
      explication: {
        fr: 'Les candidats au titre des logements réservés aux agents civils et militaires de l’État sont désignés par le service de la préfecture chargé de leur logement.',
        en: 'Candidates for the flats reserved for the State’s civil and military employees are designated by the préfecture’s service in charge of their housing.',
      },
    },
    {
      defaut: { aucune: true },
      fondement: { nature: 'loi', article: 'CCH art. R. 441-5-2 I' },
      explication: {
        fr: 'Seule la convention de l’État réserve des logements à ses agents.',
        en: 'Only the State’s convention reserves flats for its employees.',
      },
    },
  ],
};

/** The defaults of `modalites`, in the order of the format. */
export const DEFAUTS_MODALITES: readonly Defaut[] = [
  unique(
    '/modalites/notification/delai',
    '8 jours',
    'Le bailleur notifie le logement à orienter dans les huit jours.',
    'The bailleur notifies the flat to orient within eight days.',
  ),
  unique(
    '/modalites/notification/a_compter_de',
    'conge',
    'Le délai de notification court de la réception du congé du locataire.',
    'The notification delay runs from the receipt of the tenant’s notice.',
  ),
  unique(
    '/modalites/notification/jours',
    'calendaires',
    'Le délai de notification se compte en jours calendaires.',
    'The notification delay is counted in calendar days.',
  ),
  unique(
    '/modalites/notification/date_reference',
    'envoi',
    'La notification, faite par voie dématérialisée, prend date à son envoi.',
    'The notification, sent electronically, takes effect on the day it is sent.',
  ),
  {
    cle: '/modalites/notification/canal',
    cas: [
      {
        types: ['etat'],
        defaut: { valeur: 'SYPLO' },
        fondement: CHOIX,
        explication: {
          fr: 'Les notifications à l’État passent par SYPLO.',
          en: 'Notifications to the State go through SYPLO.',
        },
      },
      {
        types: ['action_logement'],
        defaut: { valeur: 'AL’in' },
        fondement: CHOIX,
        explication: {
          fr: 'Les notifications à Action Logement passent par AL’in.',
          en: 'Notifications to Action Logement go through AL’in.',
        },
      },
      {
        defaut: { valeur: 'la messagerie électronique désignée par chaque partie' },
        fondement: CHOIX,
        explication: {
          fr: 'Les notifications passent par la messagerie électronique désignée par chaque partie.',
          en: 'Notifications go through the e-mail address each party designates.',
        },
      },
    ],
  },
  partAttributions,
  unique(
    '/modalites/publics_prioritaires/outil',
    'SYPLO',
    'Les ménages prioritaires éligibles sont identifiés (labellisés) dans SYPLO.',
    'Eligible priority households are identified (labelled) in SYPLO.',
  ),
  unique(
    '/modalites/publics_prioritaires/eligibilite',
    ELIGIBILITE_DEFAUT,
    'L’éligibilité résulte de la décision de la commission de médiation (DALO) ou, pour les autres prioritaires, de la reconnaissance par les services de l’État (L. 441-1, PDALHPD).',
    'Eligibility follows from the decision of the commission de médiation (DALO) or, for other priority households, from recognition by the State’s services (L. 441-1, PDALHPD).',
  ),
  unique(
    '/modalites/dossiers/delai_completude',
    '8 jours',
    'Un dossier incomplet est signalé au réservataire dans les huit jours de la désignation.',
    'An incomplete file is reported to the réservataire within eight days of the designation.',
  ),
  unique(
    '/modalites/information_caleol/delai',
    '8 jours',
    'Le bailleur informe le réservataire des décisions de la CALEOL dans les huit jours.',
    'The bailleur informs the réservataire of the CALEOL’s decisions within eight days.',
  ),
  unique(
    '/modalites/information_baux/delai',
    '15 jours',
    'Le bailleur informe le réservataire des baux signés et des refus des candidats dans les quinze jours.',
    'The bailleur informs the réservataire of signed leases and candidates’ refusals within fifteen days.',
  ),
  unique(
    '/modalites/gestion',
    'directe',
    'Le réservataire désigne lui-même ses candidats (gestion directe).',
    'The réservataire designates its candidates itself (direct management).',
  ),
  serviceAgents,
];
