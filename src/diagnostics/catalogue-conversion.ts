import type { CatalogueEntry } from './catalogue.js';
import type { LegalReference } from './diagnostic.js';

/**
 * The conversion method is local practice, not a rule of the CCH: the consensus of the
 * Île-de-France concertation, cited as such (the flats of the état des lieux stay codes and
 * addresses: no household data).
 */
const CONCERTATION: LegalReference = {
  article: 'pratique locale : concertation DRIHL 2021, conversion du stock en flux',
  texte:
    'Les droits de suite existants sont transformés en un volume de droits uniques déterminé en prenant en compte le taux de rotation et la durée restante des réservations ; la dernière attribution n’est pas prise en considération (restitution de la concertation, 25 mai 2021).',
};

/** Messages of the checks of `conversion_stock` (src/check/conversion-checks.ts). */
export const catalogueConversion: Record<string, CatalogueEntry> = {
  CONVERSION_DATE_HORS_DUREE: {
    severity: 'error',
    fr: 'Date de conversion du stock {date} hors de la durée de la convention (du {debut} au {fin}).',
    en: 'Stock conversion date {date} is outside the convention’s term (from {debut} to {fin}).',
  },
  CONVERSION_FIN_DROITS_ANTERIEURE: {
    severity: 'error',
    fr: 'Logement {rpls} : le droit de suite a pris fin le {fin}, avant la conversion du {date} ; il n’y a rien à convertir, retirez-le de l’état des lieux.',
    en: 'Flat {rpls}: the droit de suite ended on {fin}, before the conversion on {date}; there is nothing to convert, remove it from the état des lieux.',
    reference: CONCERTATION,
  },
  CONVERSION_TAUX_ABSENT: {
    severity: 'error',
    fr: 'Logement {rpls}, {typologie} à {commune} : aucun taux de rotation ne s’applique ; ajoutez un taux sans territoire ni typologie, ou un taux pour ce territoire.',
    en: 'Flat {rpls}, {typologie} in {commune}: no turnover rate applies; add a rate with no territory nor typologie, or one for this territory.',
    reference: CONCERTATION,
  },
  CONVERSION_TAUX_AMBIGU: {
    severity: 'error',
    fr: 'Le taux de rotation n° {numero} vise le même territoire et des typologies communes ({typologies}) que le taux n° {autre} : pour un même logement, un seul taux doit être le plus précis.',
    en: 'Turnover rate no. {numero} covers the same territory and common typologies ({typologies}) as rate no. {autre}: for a given flat, only one rate may be the most specific.',
  },
  CONVERSION_TAUX_INUTILISE: {
    severity: 'warning',
    fr: 'Le taux de rotation n° {numero} ({taux%}) ne s’applique à aucun logement de l’état des lieux (hors du territoire, ou un taux plus précis s’applique).',
    en: 'Turnover rate no. {numero} ({taux%}) applies to no flat of the état des lieux (outside the territory, or a more specific rate applies).',
  },
  CONVERSION_RPLS_DOUBLON: {
    severity: 'error',
    fr: 'Logement {rpls} en double dans l’état des lieux (déjà ligne {ligne}) : un logement par ligne.',
    en: 'Flat {rpls} appears twice in the état des lieux (already row {ligne}): one flat per row.',
  },
  CONVERSION_ANNEE_HORS_DUREE: {
    severity: 'error',
    fr: 'Année {annee} hors de la période de consommation des droits uniques (du {debut} au {fin}).',
    en: 'Year {annee} is outside the period in which the droits uniques are consumed (from {debut} to {fin}).',
  },
  CONVERSION_CLE_SANS_EFFET: {
    severity: 'warning',
    fr: 'La clé « {cle} » est sans effet dans le mode de consommation « {mode} ».',
    en: 'Key "{cle}" has no effect with consumption mode "{mode}".',
  },
  CONVERSION_VOLUME_NON_CONSOMME: {
    severity: 'warning',
    fr: 'À {volume} droits uniques par an, {reste} des {total} droits uniques restent à consommer au terme de la convention ({fin}).',
    en: 'At {volume} droits uniques a year, {reste} of the {total} droits uniques are still to be consumed at the end of the convention ({fin}).',
  },
};
