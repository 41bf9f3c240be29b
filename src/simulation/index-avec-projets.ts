/**
 * The conventions with the drafts: each draft is one more version of its convention, and it
 * replaces, from its date_effet, every version that would have taken effect on or after that
 * date; the versions before it apply as before, event by event (the engine picks the version in
 * force at each event's date).
 */
import {
  ConventionIndex,
  makeVersion,
  type ConventionVersion,
} from '../engine/convention-index.js';
import type { Projet } from './projet.js';

export function indexAvecProjets(
  base: ConventionIndex,
  projets: readonly Projet[],
): ConventionIndex {
  const index = new ConventionIndex();
  for (const e of base.entries) {
    const p = projets.find((x) => x.convention.id === e.id);
    const versions: ConventionVersion[] = p
      ? [
          ...e.versions.filter((v) => v.convention.date_effet < p.convention.date_effet),
          makeVersion(p.convention, p.fichier, p.absolutePath),
        ]
      : [...e.versions];
    index.add({
      id: e.id,
      bailleur: e.bailleur,
      departement: e.departement,
      reservataire: e.reservataire,
      perimetre: e.perimetre,
      versions,
      ...(e.arretes ? { arretes: e.arretes } : {}),
    });
  }
  return index;
}

/** The versions a draft replaces (those taking effect on or after its date_effet). */
export function versionsRemplacees(base: ConventionIndex, p: Projet): number[] {
  const e = base.entries.find((x) => x.id === p.convention.id);
  return (e?.versions ?? [])
    .filter((v) => v.convention.date_effet >= p.convention.date_effet)
    .map((v) => v.convention.version);
}
