/**
 * Defaults of the keys of the cause of the reservation and of the stock conversion (issue 10:
 * B2, I9, B3, I10). Each is a stipulation the parties are free to change (choix_convflux).
 */
import type { Defaut } from './defauts.js';

const CHOIX = { nature: 'choix_convflux' } as const;

export const DEFAUTS_CONTREPARTIES: readonly Defaut[] = [
  {
    cle: '/flux/part_garantie_emprunt',
    cas: [
      {
        defaut: { cle: '/flux/part' },
        fondement: CHOIX,
        explication: {
          fr: 'Sans mention, toute la part du flux d’un réservataire qui a garanti des emprunts du bailleur est réputée fondée sur ces garanties (le plafond s’applique à toute la part).',
          en: 'Unless stated, the whole share of a réservataire that guaranteed the bailleur’s loans is deemed based on those guarantees (the cap applies to the whole share).',
        },
      },
    ],
  },
  {
    cle: '/conversion_stock/imputation',
    cas: [
      {
        defaut: { valeur: 'sur_la_part' },
        fondement: CHOIX,
        explication: {
          fr: 'Les droits uniques issus de la conversion s’imputent sur la part du flux réservée ; ils ne s’y ajoutent pas.',
          en: 'The droits uniques of the conversion count within the reserved share; they do not add to it.',
        },
      },
    ],
  },
  {
    cle: '/conversion_stock/fractions',
    cas: [
      {
        defaut: { valeur: 'cumulees' },
        fondement: CHOIX,
        explication: {
          fr: 'Les fractions de droits uniques se cumulent d’une année sur l’autre.',
          en: 'Fractions of droits uniques add up from one year to the next.',
        },
      },
    ],
  },
  {
    cle: '/conversion_stock/reliquat_au_terme',
    cas: [
      {
        defaut: { valeur: 'reporte' },
        fondement: CHOIX,
        explication: {
          fr: 'Le volume de droits uniques non consommé au terme de la convention est reporté sur la convention suivante entre les parties.',
          en: 'The volume of droits uniques not consumed at the end of the term carries over to the parties’ next convention.',
        },
      },
    ],
  },
  {
    cle: '/substitution/a_compter_du',
    cas: [
      {
        defaut: { cle: '/date_effet' },
        fondement: CHOIX,
        explication: {
          fr: 'La convention se substitue aux conventions antérieures listées à compter de sa date d’effet.',
          en: 'The convention replaces the listed prior conventions from its date d’effet.',
        },
      },
    ],
  },
  {
    cle: '/substitution/logements_deja_orientes',
    cas: [
      {
        defaut: { valeur: 'regis_par_ancienne_convention' },
        fondement: CHOIX,
        explication: {
          fr: 'Les logements orientés avant la substitution restent régis par l’ancienne convention jusqu’à leur attribution, décomptée au titre de la présente convention.',
          en: 'Flats oriented before the substitution stay under the old convention until attributed; the attribution counts under this convention.',
        },
      },
    ],
  },
];
