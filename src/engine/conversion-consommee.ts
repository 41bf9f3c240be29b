/**
 * Consumption of the droits uniques of `conversion_stock` (src/convention/conversion-stock.ts).
 * Lectures retenues par convflux (README « What is counted »):
 *
 * - a droit unique is consumed by a point the réservataire scores through the flux (an
 *   attribution counts 1, as in its réalisé): with `imputation: sur_la_part` (the default) every
 *   point of the year consumes one; with `en_sus_de_la_part` the droits add to the part, so only
 *   the points beyond the year's dû consume them;
 * - the years before the evaluated one count from the events of the input (from
 *   `date_conversion`): with one year of events, the volume at 1 January is the whole volume;
 * - the schedule (`echeancier` of the conversion: proportion_flux, volume_annuel or
 *   annees_identifiees) gives what should remain at the evaluation date, the evaluated year
 *   pro rata of its days elapsed; with `fractions: arrondi_inferieur` each year's share is rounded
 *   down to whole droits. Consumption is behind when at least one whole droit more remains than
 *   the schedule leaves (CONVERSION_CONSOMMATION_EN_RETARD).
 */
import { daysBetween } from '../convention/calendar.js';
import { exclusionsAssiette } from '../convention/clauses.js';
import type { ConversionStock } from '../convention/convention.js';
import { convertirStock } from '../convention/conversion-stock.js';
import type { Logement } from '../flux/logement.js';
import type { Territoires } from '../reference/territoires.js';
import { versionAt, type ConventionIndex, type ConventionVersion } from './convention-index.js';
import type { FlatResult } from './cycle.js';
import type { ConversionResultat } from './evaluation.js';
import { partDue } from './part-due.js';

/** By convention index, by year before the evaluated one: [dû, réalisé] (plain data). */
export type ConversionSommes = Record<number, Record<number, [number, number]>>;

const year = (d: string): number => Number(d.slice(0, 4));

function noter(
  s: ConversionSommes,
  entry: number,
  annee: number,
  du: number,
  realise: number,
): void {
  const parAn = (s[entry] ??= {});
  const row = (parAn[annee] ??= [0, 0]);
  row[0] += du;
  row[1] += realise;
}

export function fusionnerConversion(into: ConversionSommes, from: ConversionSommes): void {
  for (const [entry, parAn] of Object.entries(from))
    for (const [annee, [du, realise]] of Object.entries(parAn))
      noter(into, Number(entry), Number(annee), du, realise);
}

/** Tallies, for the conventions that convert a stock, the years between the conversion and the evaluated one. */
export class SuiviConversion {
  private readonly dates = new Map<number, string | null>();

  constructor(
    private readonly index: ConventionIndex,
    private readonly debut: string,
    private readonly reference: (entry: number) => ConventionVersion | undefined,
  ) {}

  /** date_conversion of the convention, or null when it converts no stock. */
  private dateConversion(entry: number): string | null {
    let d = this.dates.get(entry);
    if (d === undefined) {
      d = this.reference(entry)?.convention.conversion_stock?.date_conversion ?? null;
      this.dates.set(entry, d);
    }
    return d;
  }

  addFlat(
    l: Logement,
    r: FlatResult,
    s: ConversionSommes,
    anterieures?: ReadonlyMap<number, FlatResult>,
  ): void {
    if (anterieures?.size) {
      // Each earlier year as its own evaluation read it (a later annulation corrected it).
      for (const [annee, ra] of anterieures) this.ajouter(l, ra, s, annee);
      const autres = (d: string): boolean => !anterieures.has(year(d));
      this.ajouter(
        l,
        {
          ...r,
          scores: r.scores.filter((sc) => autres(sc.date)),
          liberations: r.liberations.filter(autres),
        },
        s,
      );
      return;
    }
    this.ajouter(l, r, s);
  }

  /** `seule`: only the scores and liberations of that year. */
  private ajouter(l: Logement, r: FlatResult, s: ConversionSommes, seule?: number): void {
    for (const sc of r.scores) {
      if (sc.date >= this.debut || (seule !== undefined && year(sc.date) !== seule)) continue;
      const depuis = this.dateConversion(sc.entry);
      if (depuis !== null && sc.date >= depuis) noter(s, sc.entry, year(sc.date), 0, sc.points);
    }
    if (l.hors_flux !== undefined) return;
    const annees = new Set<number>();
    for (const liberation of r.liberations) {
      if (liberation >= this.debut || annees.has(year(liberation))) continue;
      if (seule !== undefined && year(liberation) !== seule) continue;
      annees.add(year(liberation));
      for (const entry of this.index.covering(l)) {
        const depuis = this.dateConversion(entry.index);
        const version = versionAt(entry, liberation);
        if (depuis === null || liberation < depuis || !version) continue;
        const exclusions = exclusionsAssiette(version.convention);
        const exclu = r.horsAssiette.some(
          (h) => year(h.date) === year(liberation) && exclusions.includes(h.motif),
        );
        if (!exclu)
          noter(
            s,
            entry.index,
            year(liberation),
            partDue(entry, version.convention, liberation),
            0,
          );
      }
    }
  }
}

const centiemes = (x: number): number => Math.round(x * 100) / 100;

/** Droits consumed in a year by its dû and réalisé, as the convention imputes them. */
function consommes(stock: ConversionStock, du: number, realise: number): number {
  return stock.imputation === 'en_sus_de_la_part'
    ? Math.max(0, realise - du)
    : Math.max(0, realise);
}

/** Share of the year's schedule due by `date` (days elapsed in the consumption period). */
function prorata(annee: number, date: string, periode: { debut: string; fin: string }): number {
  const de = periode.debut > `${String(annee)}-01-01` ? periode.debut : `${String(annee)}-01-01`;
  const a = periode.fin < `${String(annee)}-12-31` ? periode.fin : `${String(annee)}-12-31`;
  if (date >= a) return 1;
  if (date < de) return 0;
  return (daysBetween(de, date) + 1) / (daysBetween(de, a) + 1);
}

export interface ConversionCalcul {
  resultat: ConversionResultat;
  retard: number;
}

/** The year's consumption of a convention's droits uniques, or undefined when it converts none yet. */
export function conversionResultat(
  version: ConventionVersion,
  annee: number,
  date: string,
  anterieures: Record<number, [number, number]> | undefined,
  courante: [du: number, realise: number],
  t: Territoires,
): ConversionCalcul | undefined {
  const c = version.convention;
  const stock = c.conversion_stock;
  if (!stock || stock.date_conversion > date) return undefined;
  const conversion = convertirStock({ duree: c.duree, conversion_stock: stock }, t);
  const volume = conversion.totalCentiemes / 100;
  let restant = volume;
  for (let y = year(stock.date_conversion); y < annee; y++) {
    const [du, realise] = anterieures?.[y] ?? [0, 0];
    restant -= Math.min(restant, consommes(stock, du, realise));
  }
  const debut = restant;
  const consomme = Math.min(debut, consommes(stock, courante[0], courante[1]));
  restant = debut - consomme;
  const arrondi = stock.fractions === 'arrondi_inferieur';
  const part = (x: number): number => (arrondi ? Math.floor(x + 1e-9) : x);
  let prevu = 0;
  for (const e of conversion.echeancier) {
    if (e.annee < annee) prevu += part(e.centiemes / 100);
    else if (e.annee === annee)
      prevu += part((e.centiemes / 100) * prorata(annee, date, conversion.periode));
  }
  const attendu = centiemes(Math.max(0, volume - prevu));
  const retard = centiemes(restant - attendu);
  return {
    resultat: {
      volume_initial: centiemes(volume),
      debut_annee: centiemes(debut),
      consomme: centiemes(consomme),
      restant: centiemes(restant),
      attendu,
      en_retard: retard >= 1 - 1e-9,
    },
    retard,
  };
}
