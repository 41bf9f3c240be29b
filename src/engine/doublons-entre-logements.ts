/**
 * An event id used on two flats of one bailleur: the store finds a repeated id among one flat's
 * events only (event-store.ts); this finds, over every row read (one store, or one per shard of
 * the flats), the rows whose id an earlier event of another flat of the same bailleur already
 * holds. « Earlier » as within a flat: by date, then line. The later row is a duplicate
 * (EVENEMENT_DOUBLON, with the first one's line), as the service refuses it: its ids are unique
 * per bailleur. Two bailleurs may number their events alike (a region's file gathers their
 * exports), and a row of a flat the parc does not give is rejected anyway: neither is compared.
 *
 * Cost: the ids are already hashed (two 32-bit hashes per row). In two steps, so that what
 * crosses between threads stays small: 53 bits of each row's hashes (one double, 8 bytes a row),
 * sorted natively, whose equal neighbours name the few candidate keys (`candidats`); then only
 * the rows of those keys, compared on their full 64 bits and their bailleur (`doublons`).
 */
import type { ClesEvenements, EventStore } from './event-store.js';

/** 53 bits of the two hashes as an exact double (h1 whole, the low 21 bits of h2). */
export const cle53 = (h1: number, h2: number): number => (h1 >>> 0) * 0x200000 + (h2 & 0x1fffff);

/** The keys (cle53) found on more than one row, over every part's rows. */
export function candidats(parts: readonly Float64Array[]): Set<number> {
  let total = 0;
  for (const p of parts) total += p.length;
  const tous = new Float64Array(total);
  let j = 0;
  for (const p of parts) {
    tous.set(p, j);
    j += p.length;
  }
  tous.sort();
  const out = new Set<number>();
  for (let i = 1; i < total; i++) if (tous[i] === tous[i - 1]) out.add(tous[i] ?? 0);
  return out;
}

interface Rang {
  part: number;
  flat: number;
  date: number;
  line: number;
}

/**
 * For each part (the candidate rows of a store; the parts hold different flats), its rows whose
 * id an earlier row of another flat of the same bailleur holds: line → that row's line.
 */
export function doublons(parts: readonly ClesEvenements[]): Map<number, number>[] {
  const out = parts.map(() => new Map<number, number>());
  const groupes = new Map<string, Rang[]>();
  parts.forEach((p, part) => {
    for (let i = 0; i < p.h1.length; i++) {
      const bailleur = p.bailleur[i] ?? -1;
      if (bailleur < 0) continue;
      const k = `${String(p.h1[i] ?? 0)},${String(p.h2[i] ?? 0)},${String(bailleur)}`;
      const rang = { part, flat: p.flat[i] ?? 0, date: p.date[i] ?? 0, line: p.line[i] ?? 0 };
      const g = groupes.get(k);
      if (g) g.push(rang);
      else groupes.set(k, [rang]);
    }
  });
  for (const rangs of groupes.values()) {
    if (rangs.length < 2) continue;
    rangs.sort((a, b) => a.date - b.date || a.line - b.line);
    const premier = rangs[0];
    if (!premier) continue;
    for (const r of rangs.slice(1))
      if (r.part !== premier.part || r.flat !== premier.flat)
        out[r.part]?.set(r.line, premier.line);
  }
  return out;
}

/** Both steps on one store read whole (`bailleurs`: each flat's SIREN as a number, or -1). */
export function doublonsDuStore(store: EventStore, bailleurs: Int32Array): Map<number, number> {
  const c = candidats([store.cles53(bailleurs)]);
  if (c.size === 0) return new Map<number, number>();
  return doublons([store.clesRetenues(bailleurs, c)])[0] ?? new Map<number, number>();
}
