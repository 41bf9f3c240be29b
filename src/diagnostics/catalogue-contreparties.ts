import type { CatalogueEntry } from './catalogue.js';
import type { LegalReference } from './diagnostic.js';

/** L. 441-1 as quoted by the 2023 report of the Congrès des notaires (current text not read). */
const L441_1: LegalReference = {
  article: 'CCH art. L. 441-1',
  texte:
    '« en contrepartie d’un apport de terrain, d’un financement ou d’une garantie financière » (rédaction en vigueur citée par le rapport du 119e Congrès des notaires, 2023)',
  url: 'https://rapport-congresdesnotaires.fr/2023-rapport-du-119e-congres/les-droits-de-reservation',
};

/** The only wording of the loan-guarantee cap found: R*441-5 before décret n° 2020-145. */
export const R441_5_GARANTIE: LegalReference = {
  article: 'CCH art. R.* 441-5 (rédaction antérieure au décret n° 2020-145)',
  texte:
    '« Le total des logements réservés aux collectivités territoriales, aux établissements publics les groupant et aux chambres de commerce et d’industrie en contrepartie de l’octroi de la garantie financière des emprunts ne peut globalement représenter plus de 20 % des logements de chaque programme. » Lecture retenue par convflux : limite appliquée à la part du flux fondée sur des garanties d’emprunt.',
};

const DECRET_2020_145: LegalReference = {
  article: 'décret n° 2020-145 du 20 février 2020, article transitoire',
  texte:
    '« Les conventions de réservation … conclues … avant le 24 novembre 2018, qui ne portent pas exclusivement sur un flux annuel de logements, doivent être mises en conformité … »',
};

/** Messages of the contreparties, loan-guarantee and substitution checks. */
export const catalogueContreparties: Record<string, CatalogueEntry> = {
  CONTREPARTIES_ABSENTES: {
    severity: 'error',
    fr: 'Aucune contrepartie ne fonde les droits de {reservataire} : ajoutez la liste « contreparties » (garantie d’emprunt, subvention, apport de terrain, financement employeur…, avec l’acte qui l’accorde) ; hors l’État, les réservations sont consenties en contrepartie d’un apport de terrain, d’un financement ou d’une garantie financière.',
    en: 'No contrepartie founds the rights of {reservataire}: add the “contreparties” list (loan guarantee, subsidy, land, employer financing…, with the act that grants it); except for the State, reservations are granted in exchange for land, financing or a financial guarantee.',
    reference: L441_1,
  },
  CONTREPARTIES_ETAT: {
    severity: 'warning',
    fr: 'Des contreparties sont déclarées pour l’État : ses droits résultent de la loi (CCH art. R. 441-5-2), elles ne sont pas imprimées.',
    en: 'Contreparties are declared for the State: its rights come from the law (CCH art. R. 441-5-2); they are not printed.',
  },
  GARANTIE_SANS_CONTREPARTIE: {
    severity: 'warning',
    fr: 'garantie_emprunt est vrai mais aucune contrepartie de nature « garantie_emprunt » n’est listée : ajoutez les délibérations qui ont accordé la garantie.',
    en: 'garantie_emprunt is true but no contrepartie of nature “garantie_emprunt” is listed: add the délibérations that granted the guarantee.',
  },
  GARANTIE_NON_DECLAREE: {
    severity: 'warning',
    fr: 'La contrepartie n° {numero} est une garantie d’emprunt, mais reservataire.garantie_emprunt n’est pas vrai : le plafond des réservations contre garantie ne serait pas vérifié.',
    en: 'Contrepartie no. {numero} is a loan guarantee, but reservataire.garantie_emprunt is not true: the cap on guarantee-based reservations would not be checked.',
  },
  GARANTIE_PART_SUPERIEURE: {
    severity: 'error',
    fr: 'La part fondée sur des garanties d’emprunt ({garantie%}) dépasse la part du flux réservée ({part%}).',
    en: 'The guarantee-based share ({garantie%}) exceeds the reserved share of the flux ({part%}).',
  },
  GARANTIE_EMPRUNT_LECTURE: {
    severity: 'info',
    fr: 'Plafond des réservations contre garantie d’emprunt ({limite%}) vérifié sur la part fondée sur des garanties, clé {base} ({valeur%}) : lecture retenue par convflux. Le seul texte trouvé (R.* 441-5 avant le décret n° 2020-145) le rapporte aux « logements de chaque programme », globalement pour toutes les collectivités garantes ; convflux ne connaît pas les programmes et additionne, commune par commune, les parts fondées sur des garanties des conventions du même bailleur.',
    en: 'Cap on loan-guarantee reservations ({limite%}) checked on the guarantee-based share, key {base} ({valeur%}): convflux’s reading. The only text found (R.* 441-5 before décret no. 2020-145) applies it to “the flats of each programme”, globally for all guaranteeing authorities; convflux does not know the programmes and adds up, commune by commune, the guarantee-based shares of the same bailleur’s conventions.',
    reference: R441_5_GARANTIE,
  },
  GARANTIE_EMPRUNT_GLOBALE: {
    severity: 'warning',
    fr: 'Du {du} au {au}, les parts fondées sur des garanties d’emprunt des collectivités garantes du bailleur {siren} totalisent {total%} à {communes} ({detail}) : au-delà de {limite%} (lecture retenue par convflux de la limite « globale »).',
    en: 'From {du} to {au}, the guarantee-based shares of the guaranteeing authorities of bailleur {siren} add up to {total%} in {communes} ({detail}): above {limite%} (convflux’s reading of the “global” cap).',
    reference: R441_5_GARANTIE,
  },
  SUBSTITUTION_CONVENTION_ABSENTE: {
    severity: 'error',
    fr: 'L’état des lieux convertit des droits issus de « {convention} », que la clé substitution ne liste pas : sans clause de substitution, les droits de suite de cette convention subsistent à côté des droits uniques.',
    en: 'The état des lieux converts rights from “{convention}”, which the substitution key does not list: without a substitution clause, that convention’s droits de suite survive beside the droits uniques.',
    reference: DECRET_2020_145,
  },
  SUBSTITUTION_DATE_HORS_DUREE: {
    severity: 'error',
    fr: 'Date de substitution {date} hors de la durée de la convention (du {debut} au {fin}).',
    en: 'Substitution date {date} is outside the convention’s term (from {debut} to {fin}).',
  },
};
