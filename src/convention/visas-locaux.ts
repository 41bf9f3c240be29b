/**
 * The local instruments a convention's visas name (review I1): for the État, the PDALHPD and the
 * accord collectif; for an EPCI or EPT, or a commune whose objectives refer to it, the
 * convention intercommunale d'attribution (CIA). Each takes its act and date from
 * `visas_locaux` (printed « (arrêté … du …) »); `check` warns when a printed one has none.
 */
import type { Convention } from './convention.js';

export const INSTRUMENTS_LOCAUX = ['pdalhpd', 'accord_collectif', 'cia'] as const;
export type InstrumentLocal = (typeof INSTRUMENTS_LOCAUX)[number];

const CIA = /\bCIA\b|convention intercommunale d[’']attribution/i;

/** An objective (contractual or indicative) whose label refers to the CIA. */
export function objectifSurLaCia(c: Convention): boolean {
  const libelles = [
    ...(c.objectifs?.contractuels ?? []).map((o) => o.libelle ?? ''),
    ...(c.objectifs?.indicatifs ?? []).map((o) => o.libelle),
  ];
  return libelles.some((l) => CIA.test(l));
}

/** The local instruments the visas of `c` name, in the order they are printed. */
export function instrumentsVises(c: Convention): InstrumentLocal[] {
  const type = c.reservataire.type;
  if (type === 'etat') return ['pdalhpd', 'accord_collectif'];
  if (type === 'epci' || type === 'ept') return ['cia'];
  if (type === 'commune' && objectifSurLaCia(c)) return ['cia'];
  return [];
}
