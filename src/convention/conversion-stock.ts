/**
 * Stock → flux conversion (the seeds' « scénario émergent », DRIHL concertation 2020–2021): every
 * existing droit de suite of the état des lieux becomes a volume of droits uniques
 *
 *   droits uniques = durée restante (years, from date_conversion to fin_droits) × taux de rotation
 *
 * then that volume is consumed year by year. Decisions (documented in the README):
 *
 * - **Durée restante**: `fin_droits` is the last day of the right (inclusive, like `duree.fin`),
 *   so the right runs until the day after it. Whole calendar months from `date_conversion` to
 *   that day (the calendar-month rule of src/convention/calendar.ts), plus the leftover days as
 *   a fraction of the next month, over 12: 2024-01-01 → 2041-06-30 is exactly 17.5 years.
 *   A right ending on the conversion day keeps that one day (1/31 of a month); one that ended
 *   before counts 0 (and `convflux check` reports it).
 * - **Last attribution not counted** (« la prise en considération de la dernière attribution
 *   dans la comptabilisation des droits restants n’est pas retenue »): the volume is the
 *   remaining duration × the rate, nothing more. No unit is added for the attribution the
 *   réservataire would still have made before `fin_droits`, the result is never rounded up to a
 *   whole letting, and the date of the flat's last attribution (its current tenant) plays no
 *   part: the format has no such key.
 * - **Rate**: the most specific of `taux_rotation` that matches the flat: territory first
 *   (commune > EPCI/EPT > département > none), then a rate naming the flat's typologie over one
 *   for every typologie. Two equally specific matches are an error of the convention
 *   (CONVERSION_TAUX_AMBIGU); the computation then keeps the first.
 * - **Rounding**: each flat's droits uniques are rounded half up to the hundredth; the commune
 *   and overall totals are sums of those rounded values (integers of hundredths), so printed
 *   totals always add up. The schedule splits the total in hundredths by the largest-remainder
 *   method, so its years add up to the total too.
 * - **Consumption** over the period from `date_conversion` to the convention's `duree.fin`:
 *   `proportion_flux` (preferred by the seeds): the volume is deducted from the flats the
 *   réservataire obtains through its part of the flux, at the pace of the flux, so each year
 *   gets a share of the volume proportional to its days in that period (equal shares for whole
 *   years); `volume_annuel`: a fixed number each year until the volume is used up;
 *   `annees_identifiees`: equal shares over the identified years (for small réservataires, so
 *   they are « not drowned in the flux »). What is not consumed by the end of the term is the
 *   `reste`.
 */
import { addDays, addMonths, daysBetween } from './calendar.js';
import type { Convention, ConversionStock, LogementReserve, TauxRotation } from './convention.js';
import type { Territoires } from '../reference/territoires.js';

export interface LigneConversion {
  /** Index of the flat in `etat_des_lieux`. */
  index: number;
  logement: LogementReserve;
  /** Remaining duration in years (not rounded). */
  dureeAnnees: number;
  /** Index in `taux_rotation` of the rate applied; undefined when none applies. */
  tauxIndex: number | undefined;
  taux: number | undefined;
  /** Droits uniques in hundredths (rounded half up). */
  droitsCentiemes: number;
}

export interface TotalCommune {
  commune: string;
  logements: number;
  droitsCentiemes: number;
}

export interface AnneeConsommation {
  annee: number;
  centiemes: number;
}

export interface Conversion {
  lignes: LigneConversion[];
  /** One row per commune, by INSEE code. */
  communes: TotalCommune[];
  totalCentiemes: number;
  echeancier: AnneeConsommation[];
  /** Volume not consumed by the end of the term, in hundredths. */
  resteCentiemes: number;
  /** First and last day of the consumption period. */
  periode: { debut: string; fin: string };
}

/** Remaining years of a droit de suite whose last day is `finDroits`, counted from `depuis`. */
export function dureeRestante(depuis: string, finDroits: string): number {
  const terme = addDays(finDroits, 1);
  if (terme <= depuis) return 0;
  let mois = Math.max(0, Math.floor(daysBetween(depuis, terme) / 31) - 1);
  while (addMonths(depuis, mois + 1) <= terme) mois++;
  const debutMois = addMonths(depuis, mois);
  const jours = daysBetween(debutMois, terme);
  const longueur = daysBetween(debutMois, addMonths(depuis, mois + 1));
  return (mois + jours / longueur) / 12;
}

/** How specific a rate is for a flat (higher wins), or undefined when it does not apply. */
export function specificite(
  taux: TauxRotation,
  logement: Pick<LogementReserve, 'commune' | 'typologie'>,
  t: Territoires,
): number | undefined {
  let territoire: number;
  const code = taux.territoire;
  if (code === undefined) territoire = 0;
  else if (code === logement.commune) territoire = 3;
  else if (code.length === 9 && t.groupements.get(code)?.membres.includes(logement.commune))
    territoire = 2;
  else if (code.length <= 3 && t.communes.get(logement.commune)?.departement === code)
    territoire = 1;
  else return undefined;
  if (taux.typologie && !taux.typologie.includes(logement.typologie)) return undefined;
  return territoire * 2 + (taux.typologie ? 1 : 0);
}

/** The rate that applies to a flat: the most specific match, the first one on a tie. */
export function tauxApplicable(
  taux: readonly TauxRotation[],
  logement: Pick<LogementReserve, 'commune' | 'typologie'>,
  t: Territoires,
): { index: number; taux: number } | undefined {
  let best: { index: number; taux: number; score: number } | undefined;
  taux.forEach((candidat, index) => {
    const score = specificite(candidat, logement, t);
    if (score !== undefined && (!best || score > best.score))
      best = { index, taux: candidat.taux, score };
  });
  return best && { index: best.index, taux: best.taux };
}

/** A number rounded half up to the hundredth, as an integer of hundredths. */
export function enCentiemes(value: number): number {
  // Through millionths first, so that 0.875 stored as 0.87499999… still rounds up.
  return Math.round(Math.round(value * 1e6) / 1e4);
}

/** Splits `total` (an integer) in proportion to `poids`, by the largest-remainder method. */
export function repartir(total: number, poids: readonly number[]): number[] {
  const somme = poids.reduce((a, b) => a + b, 0);
  if (somme <= 0) return poids.map(() => 0);
  const parts = poids.map((p) => Math.floor((total * p) / somme));
  const restes = poids.map((p, i) => ({ i, r: total * p - (parts[i] ?? 0) * somme }));
  let manque = total - parts.reduce((a, b) => a + b, 0);
  restes.sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of restes) {
    if (manque <= 0) break;
    parts[i] = (parts[i] ?? 0) + 1;
    manque--;
  }
  return parts;
}

/** Calendar years from `debut` to `fin` with their number of days inside that period. */
function joursParAnnee(debut: string, fin: string): { annee: number; jours: number }[] {
  const out: { annee: number; jours: number }[] = [];
  for (let annee = Number(debut.slice(0, 4)); annee <= Number(fin.slice(0, 4)); annee++) {
    const de = debut > `${String(annee)}-01-01` ? debut : `${String(annee)}-01-01`;
    const a = fin < `${String(annee)}-12-31` ? fin : `${String(annee)}-12-31`;
    out.push({ annee, jours: Math.max(0, daysBetween(de, a) + 1) });
  }
  return out;
}

function echeancier(
  conversion: ConversionStock,
  periode: { debut: string; fin: string },
  total: number,
): { echeancier: AnneeConsommation[]; reste: number } {
  const annees = joursParAnnee(periode.debut, periode.fin);
  const { mode } = conversion.consommation;
  if (mode === 'volume_annuel') {
    const parAn = enCentiemes(conversion.consommation.volume_annuel ?? 0);
    let reste = total;
    const lignes = annees.map(({ annee }) => {
      const centiemes = Math.min(parAn, reste);
      reste -= centiemes;
      return { annee, centiemes };
    });
    return { echeancier: lignes, reste };
  }
  if (mode === 'annees_identifiees') {
    const dans = new Set(annees.map((a) => a.annee));
    const choisies = [...new Set(conversion.consommation.annees ?? [])]
      .filter((a) => dans.has(a))
      .sort((a, b) => a - b);
    if (!choisies.length) return { echeancier: [], reste: total };
    const parts = repartir(
      total,
      choisies.map(() => 1),
    );
    return {
      echeancier: choisies.map((annee, i) => ({ annee, centiemes: parts[i] ?? 0 })),
      reste: 0,
    };
  }
  const parts = repartir(
    total,
    annees.map((a) => a.jours),
  );
  return {
    echeancier: annees.map(({ annee }, i) => ({ annee, centiemes: parts[i] ?? 0 })),
    reste: 0,
  };
}

/** The état des lieux of a convention converted into droits uniques, and their schedule. */
export function convertirStock(
  c: Pick<Convention, 'duree'> & { conversion_stock: ConversionStock },
  t: Territoires,
): Conversion {
  const conversion = c.conversion_stock;
  const date = conversion.date_conversion;
  const lignes = conversion.etat_des_lieux.map((logement, index): LigneConversion => {
    const dureeAnnees = dureeRestante(date, logement.fin_droits);
    const taux = tauxApplicable(conversion.taux_rotation, logement, t);
    return {
      index,
      logement,
      dureeAnnees,
      tauxIndex: taux?.index,
      taux: taux?.taux,
      droitsCentiemes: taux ? enCentiemes(dureeAnnees * taux.taux) : 0,
    };
  });
  const parCommune = new Map<string, TotalCommune>();
  for (const l of lignes) {
    const row = parCommune.get(l.logement.commune) ?? {
      commune: l.logement.commune,
      logements: 0,
      droitsCentiemes: 0,
    };
    row.logements++;
    row.droitsCentiemes += l.droitsCentiemes;
    parCommune.set(row.commune, row);
  }
  const communes = [...parCommune.values()].sort((a, b) => (a.commune < b.commune ? -1 : 1));
  const totalCentiemes = communes.reduce((s, r) => s + r.droitsCentiemes, 0);
  const periode = { debut: date, fin: c.duree.fin };
  const plan = echeancier(conversion, periode, totalCentiemes);
  return {
    lignes,
    communes,
    totalCentiemes,
    echeancier: plan.echeancier,
    resteCentiemes: plan.reste,
    periode,
  };
}
