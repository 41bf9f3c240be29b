/**
 * How the droits uniques of a stock conversion are consumed, in one wording printed twice,
 * identically: in the article on the reserved part and in the conversion annex (review I10: the
 * two said different things). Built from the YAML keys `conversion_stock.imputation`,
 * `consommation.mode` and `fractions`; no cross-reference inside, so that it reads the same in
 * both places.
 */
import type { Convention } from '../convention/convention.js';
import { valeurEffective } from '../convention/defauts.js';

type Stock = NonNullable<Convention['conversion_stock']>;

/** « …consomme un droit unique, jusqu'à … » / « …, dans la limite des droits ouverts … ». */
function limite(auRythmeDuFlux: boolean): string {
  return auRythmeDuFlux
    ? ', tant que le volume restant à consommer atteint un droit unique'
    : ', dans la limite des droits ouverts par l’échéancier de consommation';
}

function fractions(auRythmeDuFlux: boolean, cumulees: boolean): string {
  if (auRythmeDuFlux)
    return cumulees
      ? 'Une fraction de droit unique ne donne lieu à aucune imputation : elle demeure dans le volume restant à consommer.'
      : 'Le volume de droits uniques est arrondi à l’unité inférieure ; la fraction ainsi écartée n’est pas reportée.';
  return cumulees
    ? 'Les fractions de droits ouverts se cumulent d’une année sur l’autre : un logement consomme un droit unique dès que le cumul des droits ouverts non consommés atteint l’unité.'
    : 'Les droits ouverts de chaque année sont arrondis à l’unité inférieure ; les fractions ainsi écartées ne sont pas reportées sur l’année suivante.';
}

/** The consumption rule, as the article and the annex both print it. */
export function regleConsommation(c: Convention, stock: Stock): string {
  const auRythmeDuFlux = stock.consommation.mode === 'proportion_flux';
  const surLaPart = valeurEffective(c, '/conversion_stock/imputation') !== 'en_sus_de_la_part';
  const cumulees = valeurEffective(c, '/conversion_stock/fractions') !== 'arrondi_inferieur';
  const imputation = surLaPart
    ? `Les droits uniques s’imputent sur la part du flux réservée au réservataire et ne s’y ajoutent pas : chaque logement attribué au réservataire au titre de cette part consomme un droit unique${limite(auRythmeDuFlux)}.`
    : `Les droits uniques s’ajoutent à la part du flux réservée au réservataire : chaque logement attribué au réservataire au titre de ce volume consomme un droit unique${limite(auRythmeDuFlux)} et n’est pas décompté sur cette part.`;
  return `${imputation} ${fractions(auRythmeDuFlux, cumulees)}`;
}
