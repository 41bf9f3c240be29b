/**
 * Wording of the code de la construction et de l'habitation that the printed conventions quote.
 * Only text actually read is here: CCH art. R. 441-5-2 and the fourth paragraph of R. 441-5 I as
 * written by décret n° 2020-145 (excerpts of public repositories, quoted in the legal review
 * of December 2026, §2.1, and read again through the project's search corpus). The sources stop
 * in the middle of the last sentence of R. 441-5-2 IV: the text says so instead of completing
 * it. Typography is the document's (apostrophe ’, narrow no-break space before %); the words
 * are the regulation's, « Etat » without accent included.
 */
import { FINE } from '../render/typographie.js';

const pc = (n: number): string => `${String(n)}${FINE}%`;

/** R. 441-5-2 I, first paragraph (the État's part and its agents). */
export const R441_5_2_I_1 = `I.-Lorsque le bénéficiaire des réservations de logements locatifs sociaux est l’Etat, la part des logements réservés par le préfet de département dans le cadre de la convention de réservation mentionnée à l’article R. 441-5 représente ${pc(30)} au plus du flux annuel total de logements de chaque organisme bailleur, dont au plus ${pc(5)} au bénéfice des agents civils et militaires de l’Etat.`;

/** R. 441-5-2 I, second paragraph (the préfet's derogation by arrêté). */
export const R441_5_2_I_2 =
  'Toutefois, afin de permettre le logement des personnels chargés de mission de sécurité publique ou pour répondre à des besoins d’ordre économique, un arrêté du préfet peut, à titre exceptionnel, déroger à ces limites, pour une durée déterminée qui ne peut excéder un an.';

/** R. 441-5-2 II, first paragraph (uniform in each commune, unless stipulated otherwise). */
export const R441_5_2_II_1 =
  'II.-Sauf stipulation contraire, la part du flux annuel de logements réservés par le préfet s’applique uniformément dans chacune des communes où l’organisme bailleur dispose de logements locatifs sociaux.';

/** R. 441-5-2 II, second paragraph (hors-QPV floor, unless stipulated otherwise). */
export const R441_5_2_II_2 = `Sauf stipulation contraire, la part du flux annuel de logements réservés par le préfet sur le patrimoine du bailleur situé en dehors des quartiers prioritaires de la ville ne peut être inférieure à ${pc(30)}.`;

/** R. 441-5-2 IV, the three paragraphs; the third is cut where the sources stop. */
export const R441_5_2_IV_1 =
  'IV.-En cas de non-respect par le bailleur de ses engagements, le préfet peut résilier la convention après une mise en demeure restée sans suite pendant deux mois.';
export const R441_5_2_IV_2 =
  'A défaut de signature de la convention ou en cas de résiliation de celle-ci, le préfet règle par arrêté les modalités pratiques de mise en œuvre des réservations dont bénéficie l’Etat.';
/** Up to the last word the sources give in full. */
export const R441_5_2_IV_3_DEBUT =
  'La méconnaissance des règles d’attribution et d’affectation des logements prévues dans une convention de réservation';
/** Printed after the quotation, which ends on « […] » where the sources stop: the parties refer
 * to the paragraph as it is in force, without a quotation of what was not read. */
export const TEXTE_NON_CONSULTE =
  'Les parties se réfèrent à cet alinéa dans sa rédaction en vigueur.';

/** R. 441-5 I, fourth paragraph: the reservations that stay on identified flats. */
export const R441_5_I_DEFENSE =
  'Les réservations prévues par la convention portent sur un flux annuel de logements exprimé en pourcentage du patrimoine locatif social de l’organisme bailleur, à l’exception de celles faites au profit des services relevant de la défense nationale ou de la sécurité intérieure qui portent sur des logements identifiés dans des programmes.';
