import {
  idLogementReserve,
  type Convention,
  type ConversionStock,
} from '../convention/convention.js';
import { convertirStock, tauxApplicable } from '../convention/conversion-stock.js';
import type { FileReport } from '../diagnostics/file-report.js';
import type { Territoires } from '../reference/territoires.js';

const BASE = '/conversion_stock';

/** Two rates on the same territory whose typologies overlap (both "all", or a common one). */
function typologiesCommunes(
  a: ConversionStock['taux_rotation'][number],
  b: ConversionStock['taux_rotation'][number],
): string[] | undefined {
  if (a.territoire !== b.territoire) return undefined;
  if (!a.typologie && !b.typologie) return ['toutes'];
  if (!a.typologie || !b.typologie) return undefined;
  const communes = a.typologie.filter((x) => b.typologie?.includes(x));
  return communes.length ? communes : undefined;
}

/**
 * The checks of `conversion_stock` on a convention whose section, term and territory passed the
 * schema (codes and geography are checked with the other references, src/check/reference-checks.ts).
 */
export function checkConversion(
  report: FileReport,
  c: Convention & { conversion_stock: ConversionStock },
  t: Territoires,
): void {
  const conversion = c.conversion_stock;
  const date = conversion.date_conversion;
  const { debut, fin } = c.duree;
  if (date < debut || date > fin)
    report.add('CONVERSION_DATE_HORS_DUREE', { date, debut, fin }, `${BASE}/date_conversion`);

  conversion.taux_rotation.forEach((taux, k) => {
    for (let j = 0; j < k; j++) {
      const autre = conversion.taux_rotation[j];
      const communes = autre && typologiesCommunes(autre, taux);
      if (communes) {
        report.add(
          'CONVERSION_TAUX_AMBIGU',
          { numero: k + 1, autre: j + 1, typologies: communes.join(', ') },
          `${BASE}/taux_rotation/${String(k)}`,
        );
        break;
      }
    }
  });

  const vus = new Map<string, number>();
  conversion.etat_des_lieux.forEach((logement, i) => {
    const at = `${BASE}/etat_des_lieux/${String(i)}`;
    const rpls = idLogementReserve(logement);
    const premier = vus.get(rpls);
    if (premier !== undefined)
      report.add(
        'CONVERSION_RPLS_DOUBLON',
        { rpls, ligne: premier + 1 },
        `${at}/${logement.logement === undefined ? 'rpls' : 'logement'}`,
      );
    else vus.set(rpls, i);
    if (logement.fin_droits < date)
      report.add(
        'CONVERSION_FIN_DROITS_ANTERIEURE',
        { rpls, fin: logement.fin_droits, date },
        `${at}/fin_droits`,
      );
    // A commune unknown to the geography is reported by the reference checks: no rate either.
    if (t.communes.has(logement.commune) && !tauxApplicable(conversion.taux_rotation, logement, t))
      report.add(
        'CONVERSION_TAUX_ABSENT',
        {
          rpls,
          typologie: logement.typologie,
          commune: `${t.communes.get(logement.commune)?.nom ?? ''} (${logement.commune})`,
        },
        at,
      );
  });

  const result = convertirStock(c, t);
  const appliques = new Set(result.lignes.map((l) => l.tauxIndex));
  conversion.taux_rotation.forEach((taux, k) => {
    if (!appliques.has(k))
      report.add(
        'CONVERSION_TAUX_INUTILISE',
        { numero: k + 1, taux: taux.taux },
        `${BASE}/taux_rotation/${String(k)}`,
      );
  });

  const consommation = conversion.consommation;
  const { mode } = consommation;
  if (consommation.volume_annuel !== undefined && mode !== 'volume_annuel')
    report.add(
      'CONVERSION_CLE_SANS_EFFET',
      { cle: 'volume_annuel', mode },
      `${BASE}/consommation/volume_annuel`,
      { atKey: true },
    );
  if (consommation.annees !== undefined && mode !== 'annees_identifiees')
    report.add(
      'CONVERSION_CLE_SANS_EFFET',
      { cle: 'annees', mode },
      `${BASE}/consommation/annees`,
      {
        atKey: true,
      },
    );

  const { periode } = result;
  if (mode === 'annees_identifiees')
    (consommation.annees ?? []).forEach((annee, i) => {
      if (annee < Number(periode.debut.slice(0, 4)) || annee > Number(periode.fin.slice(0, 4)))
        report.add(
          'CONVERSION_ANNEE_HORS_DUREE',
          { annee, debut: periode.debut, fin: periode.fin },
          `${BASE}/consommation/annees/${String(i)}`,
        );
    });
  if (mode === 'volume_annuel' && result.resteCentiemes > 0 && periode.debut <= periode.fin)
    report.add(
      'CONVERSION_VOLUME_NON_CONSOMME',
      {
        volume: consommation.volume_annuel ?? 0,
        reste: result.resteCentiemes / 100,
        total: result.totalCentiemes / 100,
        fin: periode.fin,
      },
      `${BASE}/consommation/volume_annuel`,
    );
}
