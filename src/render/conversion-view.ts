/**
 * The annex « État des lieux des réservations et conversion des droits de suite »: the
 * computation of src/convention/conversion-stock.ts, typeset in French. Amounts are hundredths
 * printed with both decimals, so the rows of each table add up to its total.
 */
import { idLogementReserve, type Convention } from '../convention/convention.js';
import { valeurEffective } from '../convention/defauts.js';
import { estRpls, rplsDe } from '../convention/rpls.js';
import { convertirStock } from '../convention/conversion-stock.js';
import type { Territoires } from '../reference/territoires.js';
import {
  centiemes,
  dateLongue,
  enLettres,
  listeEt,
  nombre,
  pourcent,
  siren,
} from './typographie.js';
import { regleConsommation } from './conversion-regle.js';
import type { ConversionView } from './view-model.js';

export const CONVERSION_ABSENTE: ConversionView = {
  presente: false,
  dateConversion: '',
  taux: [],
  logements: [],
  communes: [],
  plusieursCommunes: false,
  nombreLogements: '',
  total: '',
  totalEnDroits: '',
  modeProportionFlux: false,
  modeVolumeAnnuel: false,
  modeAnneesIdentifiees: false,
  volumeAnnuel: '',
  annees: '',
  periode: '',
  echeancier: [],
  reste: '',
  resteNonNul: false,
  surLaPart: true,
  fractionsCumulees: true,
  reliquatReporte: true,
  colonneRpls: false,
  regleConsommation: '',
};

/** The official name of a commune (or its code when unknown). */
export type NomCommune = (code: string) => string;

/** "0,50 droit unique", "4 droits uniques" (French plural from two). */
function droitsUniques(nombreTexte: string, valeur: number): string {
  return `${nombreTexte} ${valeur >= 2 ? 'droits uniques' : 'droit unique'}`;
}

function territoireTaux(t: Territoires, nomCommune: NomCommune, code: string | undefined): string {
  if (code === undefined) return 'Tout le périmètre';
  if (code.length === 9) return `${t.groupements.get(code)?.nom ?? code} (${siren(code)})`;
  if (code.length === 5) return `${nomCommune(code)} (${code})`;
  return `${t.departements.get(code) ?? code} (${code})`;
}

export function buildConversionView(
  c: Convention,
  t: Territoires,
  nomCommune: NomCommune,
): ConversionView {
  const stock = c.conversion_stock;
  if (!stock) return CONVERSION_ABSENTE;
  const result = convertirStock({ duree: c.duree, conversion_stock: stock }, t);
  const { mode } = stock.consommation;
  const n = result.lignes.length;
  // « N° RPLS » only when every flat carries a real 10-character RPLS id (review C10).
  const colonneRpls = result.lignes.every((l) => estRpls(rplsDe(c, l.logement)));
  return {
    presente: true,
    dateConversion: dateLongue(stock.date_conversion),
    taux: stock.taux_rotation.map((r, i) => ({
      numero: i + 1,
      territoire: territoireTaux(t, nomCommune, r.territoire),
      typologies: r.typologie ? r.typologie.join(', ') : 'Toutes',
      taux: pourcent(r.taux),
    })),
    logements: result.lignes.map((l) => ({
      rpls: colonneRpls ? (l.logement.rpls ?? '') : idLogementReserve(l.logement),
      adresse: l.logement.adresse,
      commune: nomCommune(l.logement.commune),
      codeCommune: l.logement.commune,
      typologie: l.logement.typologie,
      financement: l.logement.financement,
      conventionOrigine: l.logement.convention_origine,
      finDroits: dateLongue(l.logement.fin_droits),
      dureeRestante: nombre(l.dureeAnnees, 2),
      taux: l.taux === undefined ? '' : pourcent(l.taux),
      droits: centiemes(l.droitsCentiemes),
    })),
    communes: result.communes
      .map((r) => ({
        commune: nomCommune(r.commune),
        code: r.commune,
        logements: r.logements,
        droits: centiemes(r.droitsCentiemes),
      }))
      .sort((a, b) => a.commune.localeCompare(b.commune, 'fr')),
    plusieursCommunes: result.communes.length > 1,
    nombreLogements: `${enLettres(n)} (${String(n)}) logement${n > 1 ? 's' : ''}`,
    total: centiemes(result.totalCentiemes),
    totalEnDroits: droitsUniques(centiemes(result.totalCentiemes), result.totalCentiemes / 100),
    modeProportionFlux: mode === 'proportion_flux',
    modeVolumeAnnuel: mode === 'volume_annuel',
    modeAnneesIdentifiees: mode === 'annees_identifiees',
    volumeAnnuel:
      stock.consommation.volume_annuel === undefined
        ? ''
        : droitsUniques(
            nombre(stock.consommation.volume_annuel, 2),
            stock.consommation.volume_annuel,
          ),
    annees: listeEt(result.echeancier.map((a) => String(a.annee))),
    periode: `du ${dateLongue(result.periode.debut)} au ${dateLongue(result.periode.fin)}`,
    echeancier: result.echeancier.map((a) => ({ annee: a.annee, droits: centiemes(a.centiemes) })),
    reste: centiemes(result.resteCentiemes),
    resteNonNul: result.resteCentiemes > 0,
    surLaPart: valeurEffective(c, '/conversion_stock/imputation') !== 'en_sus_de_la_part',
    fractionsCumulees: valeurEffective(c, '/conversion_stock/fractions') !== 'arrondi_inferieur',
    reliquatReporte: valeurEffective(c, '/conversion_stock/reliquat_au_terme') !== 'eteint',
    colonneRpls,
    regleConsommation: regleConsommation(c, stock),
  };
}
