import type { CatalogueEntry } from './catalogue.js';
import type { LegalReference } from './diagnostic.js';

/** The current wording of L. 441-1 was not read: the basis is a summary (review I7). */
const L441_1: LegalReference = {
  article: 'CCH art. L. 441-1',
  nature: 'resume',
  source:
    'rédaction en vigueur non lue ; sources secondaires nommées dans rules/reglementation/parametres/attributions_*_part_min.yaml',
  texte:
    'Les collectivités territoriales, leurs groupements et Action Logement consacrent au moins un quart de leurs attributions annuelles aux ménages DALO ou, à défaut, aux autres personnes prioritaires ; au moins 25 % des attributions annuelles de logements situés hors QPV vont aux demandeurs du premier quartile de ressources.',
};

/**
 * Messages of `convflux evaluate` about attributions by public (I7): the flag of an events row
 * (never a household's identity) and the shares the law sets per contingent.
 */
export const cataloguePublics: Record<string, CatalogueEntry> = {
  PUBLIC_HORS_ATTRIBUTION: {
    severity: 'warning',
    fr: 'Logement {logement} : public « {public} » porté le {date} par un événement « {type} » ; seule une attribution de la CALEOL porte un public (ignoré).',
    en: 'Flat {logement}: public "{public}" on a "{type}" event on {date}; only a CALEOL attribution carries a public (ignored).',
  },
  PUBLIC_HORS_CONTINGENT: {
    severity: 'warning',
    fr: 'Logement {logement} : attribution du {date} au public « {public} » hors de tout cycle d’un réservataire ; elle n’est comptée dans aucun contingent (ignoré).',
    en: 'Flat {logement}: attribution on {date} to public "{public}" outside any réservataire’s cycle; it counts in no contingent (ignored).',
  },
  PUBLIC_QUARTILE_EN_QPV: {
    severity: 'warning',
    fr: 'Logement {logement} : attribution du {date} au public « {public} », mais le logement est en QPV selon le parc ; premier_quartile_hors_qpv n’est pas compté.',
    en: 'Flat {logement}: attribution on {date} to public "{public}", but the flat is in a QPV according to the parc; premier_quartile_hors_qpv is not counted.',
  },
  PUBLIC_PART_EN_RETARD: {
    severity: 'warning',
    fr: 'Part « {obligation} » en retard d’au moins un logement au {date} : {realise} logement(s) sur {base}, pour {part%} attendus (il en manque {manque}) — {reference}.',
    en: 'Share "{obligation}" behind by at least one flat on {date}: {realise} flat(s) of {base}, for {part%} expected ({manque} short) — {reference}.',
    reference: L441_1,
  },
  PUBLIC_PART_NON_ATTEINTE: {
    severity: 'warning',
    fr: 'Part « {obligation} » non atteinte sur l’année, d’au moins un logement : {realise} logement(s) sur {base}, pour {part%} attendus (il en manque {manque}) — {reference}.',
    en: 'Share "{obligation}" missed over the year by at least one flat: {realise} flat(s) of {base}, for {part%} expected ({manque} short) — {reference}.',
    reference: L441_1,
  },
};
