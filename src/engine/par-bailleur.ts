/**
 * The flats of the parc counted by bailleur and département, to report those that no
 * convention can count (their bailleur has none in their département): not an error, the parc
 * may hold other bailleurs' flats, but never a silent loss either.
 */
import type { Logement } from '../flux/logement.js';
import type { ConventionIndex } from './convention-index.js';
import { ownString } from './event-store.js';
import type { HorsConventions } from './evaluation.js';

export class ParBailleur {
  /** Bailleur → département → flats. */
  private readonly comptes = new Map<string, Map<string, number>>();
  /** Rows come by programme: a run of rows of the same bailleur and département is summed first. */
  private bailleur = '';
  private departement = '';
  private suite = 0;

  add(l: Pick<Logement, 'bailleur' | 'departement'>): void {
    if (l.bailleur === this.bailleur && l.departement === this.departement) {
      this.suite++;
      return;
    }
    this.vider();
    // Owned strings: the parc's chunks can then be collected (see ownString).
    this.bailleur = ownString(l.bailleur);
    this.departement = ownString(l.departement);
    this.suite = 1;
  }

  /** Those whose bailleur has no convention in their département, by bailleur and département. */
  horsConventions(index: ConventionIndex): HorsConventions[] {
    this.vider();
    const out: HorsConventions[] = [];
    for (const [bailleur, parDepartement] of this.comptes)
      for (const [departement, logements] of parDepartement)
        if (!index.aDesConventions(bailleur, departement))
          out.push({ bailleur, departement, logements });
    return out;
  }

  private vider(): void {
    if (this.suite === 0) return;
    let parDepartement = this.comptes.get(this.bailleur);
    if (!parDepartement) {
      parDepartement = new Map();
      this.comptes.set(this.bailleur, parDepartement);
    }
    parDepartement.set(this.departement, (parDepartement.get(this.departement) ?? 0) + this.suite);
    this.suite = 0;
  }
}

/** The parts' flats outside every convention, summed by bailleur and département, sorted. */
export function fusionnerHorsConventions(
  listes: readonly (readonly HorsConventions[])[],
): HorsConventions[] {
  const byKey = new Map<string, HorsConventions>();
  for (const liste of listes)
    for (const h of liste) {
      const key = `${h.bailleur}|${h.departement}`;
      const known = byKey.get(key);
      if (known) known.logements += h.logements;
      else byKey.set(key, { ...h });
    }
  const cle = (h: HorsConventions): string => `${h.bailleur}|${h.departement}`;
  return [...byKey.values()].sort((a, b) => (cle(a) < cle(b) ? -1 : cle(a) > cle(b) ? 1 : 0));
}
