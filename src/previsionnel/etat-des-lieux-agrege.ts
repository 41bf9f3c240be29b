/**
 * The aggregated état des lieux of the existing reservations (the seeds: detailed per pair,
 * aggregated per commune for all réservataires): per commune and réservataire, the flats each
 * convention's `conversion_stock.etat_des_lieux` lists, their droits uniques and the part of the
 * consumption schedule that falls in year N — the very figures of the convention's annex
 * (`convertirStock`), summed, never re-derived.
 */
import { convertirStock, repartir } from '../convention/conversion-stock.js';
import type { Convention } from '../convention/convention.js';
import type { Territoires } from '../reference/territoires.js';

export interface LigneEtatDesLieux {
  commune: string;
  convention: string;
  reservataire: { id: string; nom: string };
  logements: number;
  droitsCentiemes: number;
  /** Droits uniques the schedule consumes in year N (hundredths). */
  consommationAnneeCentiemes: number;
}

export interface TotalEtatDesLieux {
  commune: string;
  reservataires: number;
  logements: number;
  droitsCentiemes: number;
  consommationAnneeCentiemes: number;
}

export function etatDesLieuxAgrege(
  conventions: readonly Convention[],
  annee: number,
  t: Territoires,
): { lignes: LigneEtatDesLieux[]; communes: TotalEtatDesLieux[] } {
  const lignes: LigneEtatDesLieux[] = [];
  for (const c of conventions) {
    if (!c.conversion_stock) continue;
    const conversion = convertirStock({ duree: c.duree, conversion_stock: c.conversion_stock }, t);
    const enN = conversion.echeancier.find((e) => e.annee === annee)?.centiemes ?? 0;
    // The year's consumption, split between communes by their droits (largest remainder).
    const parts = repartir(
      enN,
      conversion.communes.map((row) => row.droitsCentiemes),
    );
    conversion.communes.forEach((row, i) => {
      lignes.push({
        commune: row.commune,
        convention: c.id,
        reservataire: { id: c.reservataire.id, nom: c.reservataire.nom },
        logements: row.logements,
        droitsCentiemes: row.droitsCentiemes,
        consommationAnneeCentiemes: parts[i] ?? 0,
      });
    });
  }
  lignes.sort((a, b) =>
    a.commune !== b.commune
      ? a.commune < b.commune
        ? -1
        : 1
      : a.convention < b.convention
        ? -1
        : 1,
  );
  const parCommune = new Map<string, TotalEtatDesLieux>();
  for (const l of lignes) {
    const row = parCommune.get(l.commune) ?? {
      commune: l.commune,
      reservataires: 0,
      logements: 0,
      droitsCentiemes: 0,
      consommationAnneeCentiemes: 0,
    };
    row.reservataires++;
    row.logements += l.logements;
    row.droitsCentiemes += l.droitsCentiemes;
    row.consommationAnneeCentiemes += l.consommationAnneeCentiemes;
    parCommune.set(l.commune, row);
  }
  return { lignes, communes: [...parCommune.values()] };
}
