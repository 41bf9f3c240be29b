/**
 * The objectives of a convention over a year in which several versions were in force (the year
 * of an avenant, review I16). An objective is the same across versions when its nature,
 * territory and criteria are the same (its part and label may change). Each liberation counts
 * towards the objectives of the version in force on its date, with that version's part; each
 * point towards the objectives of the version that scored it. An objective that only one version
 * sets is measured on that version's period only.
 */
import type { Territoires } from '../reference/territoires.js';
import type { ConventionEntry } from './convention-index.js';
import { objectifsDe, type ObjectifSpec } from './objectifs.js';
import { periodesEnVigueur } from './periodes.js';

export interface ObjectifPlan {
  /** As the reference version states it (else the last version that sets it). */
  spec: ObjectifSpec;
  /** By version number: that version's own statement of the objective. */
  parVersion: Map<number, ObjectifSpec>;
}

export interface PlanObjectifs {
  fixes: ObjectifPlan[];
  /** The État's uniform per-commune objective: its part by version, the communes set apart. */
  uniforme?: { part: number; sauf: Set<string>; parVersion: Map<number, number> };
}

function cle(s: ObjectifSpec): string {
  return JSON.stringify([s.nature, s.echelle ?? '', s.territoire ?? '', s.criteres ?? null]);
}

/**
 * The objectives of `entry` between `debut` and `fin`, from every version in force then (the
 * reference version first, whose order leads).
 */
export function planObjectifs(
  entry: ConventionEntry,
  reference: number,
  debut: string,
  fin: string,
  horsQpvMin: number | undefined,
  t: () => Territoires,
): PlanObjectifs {
  const enVigueur = periodesEnVigueur(entry, debut, fin).map((p) => p.version);
  const ref = entry.versions.find((v) => v.convention.version === reference);
  if (ref && !enVigueur.includes(ref)) enVigueur.push(ref);
  enVigueur.sort((a, b) =>
    a === ref ? -1 : b === ref ? 1 : b.convention.version - a.convention.version,
  );
  const fixes: ObjectifPlan[] = [];
  const parCle = new Map<string, ObjectifPlan>();
  let uniforme: PlanObjectifs['uniforme'];
  for (const version of enVigueur) {
    const n = version.convention.version;
    const o = objectifsDe(version.convention, horsQpvMin, t);
    const vus = new Map<string, number>();
    for (const spec of o.fixes) {
      const base = cle(spec);
      const rang = vus.get(base) ?? 0;
      vus.set(base, rang + 1);
      const k = `${base}#${String(rang)}`;
      let plan = parCle.get(k);
      if (!plan) {
        plan = { spec, parVersion: new Map() };
        parCle.set(k, plan);
        fixes.push(plan);
      }
      plan.parVersion.set(n, spec);
    }
    if (o.uniforme) {
      uniforme ??= { part: o.uniforme.part, sauf: o.uniforme.sauf, parVersion: new Map() };
      uniforme.parVersion.set(n, o.uniforme.part);
    }
  }
  return uniforme ? { fixes, uniforme } : { fixes };
}
