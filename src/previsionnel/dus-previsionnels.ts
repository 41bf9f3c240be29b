/**
 * Each réservataire's expected due for year N: its part (the one `evaluate` applies, through
 * `partDue`: the stipulated part, or the part a prefectoral arrêté in force sets) × the net
 * forecast flux of its territory, the net being the gross forecast minus the deductions of the
 * categories its convention excludes from the assiette (`exclusionsAssiette`, as `evaluate`).
 * The version is the one in force on 1 January N, else on the first day of N it takes effect
 * (lecture retenue par convflux: no pro rata of a version change within N).
 */
import { exclusionsAssiette } from '../convention/clauses.js';
import type { Exclusion, TypeReservataire } from '../convention/convention.js';
import { enCentiemes } from '../convention/conversion-stock.js';
import {
  versionAt,
  type ConventionEntry,
  type ConventionVersion,
} from '../engine/convention-index.js';
import { partDue } from '../engine/part-due.js';
import { netPour, type CelluleFlux } from './deductions.js';

export interface DuCommune {
  commune: string;
  fluxNetCentiemes: number;
  duCentiemes: number;
}

export interface DuPrevisionnel {
  convention: string;
  version: number;
  reservataire: { id: string; nom: string; type: TypeReservataire };
  part: number;
  /** The date whose part applies (1 January N, or the version's first day in N). */
  date: string;
  exclusions: readonly Exclusion[];
  communes: DuCommune[];
  fluxNetCentiemes: number;
  duCentiemes: number;
}

/** The version in force on 1 January N, else on the first day of N one takes effect. */
export function versionDeLAnnee(
  entry: ConventionEntry,
  annee: number,
): { version: ConventionVersion; date: string } | undefined {
  const debut = `${String(annee)}-01-01`;
  const dates = [
    debut,
    ...entry.versions
      .map((v) =>
        v.convention.date_effet > v.convention.duree.debut
          ? v.convention.date_effet
          : v.convention.duree.debut,
      )
      .filter((d) => d > debut && d.startsWith(String(annee)))
      .sort(),
  ];
  for (const date of dates) {
    const version = versionAt(entry, date);
    if (version) return { version, date };
  }
  return undefined;
}

export function duPrevisionnel(
  entry: ConventionEntry,
  en: { version: ConventionVersion; date: string },
  cellules: readonly CelluleFlux[],
): DuPrevisionnel {
  const c = en.version.convention;
  const part = partDue(entry, c, en.date);
  const exclusions = exclusionsAssiette(c);
  const parCommune = new Map<string, number>();
  for (const cell of cellules) {
    if (entry.perimetre && !entry.perimetre.has(cell.commune)) continue;
    parCommune.set(cell.commune, (parCommune.get(cell.commune) ?? 0) + netPour(cell, exclusions));
  }
  const communes = [...parCommune.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([commune, net]) => ({
      commune,
      fluxNetCentiemes: net,
      duCentiemes: enCentiemes((part * net) / 100),
    }));
  return {
    convention: entry.id,
    version: c.version,
    reservataire: { id: c.reservataire.id, nom: c.reservataire.nom, type: c.reservataire.type },
    part,
    date: en.date,
    exclusions,
    communes,
    fluxNetCentiemes: communes.reduce((s, x) => s + x.fluxNetCentiemes, 0),
    duCentiemes: communes.reduce((s, x) => s + x.duCentiemes, 0),
  };
}
