import type { LegalReference } from '../diagnostics/diagnostic.js';

export type ParametreValeur = number | string | boolean;

export interface Parametre {
  nom: string;
  description: string;
  reference: LegalReference;
  /** Sorted by date. */
  valeurs: { date: string; valeur: ParametreValeur; reference?: string }[];
  file: string;
}

/** Dated regulation parameters, OpenFisca style: the value in force at a date. */
export class Parametres {
  readonly byName = new Map<string, Parametre>();

  add(p: Parametre): void {
    this.byName.set(p.nom, p);
  }

  /** Value in force at `date` (the latest value dated on or before it), or undefined. */
  valueAt(nom: string, date: string): ParametreValeur | undefined {
    const p = this.byName.get(nom);
    if (!p) return undefined;
    let found: ParametreValeur | undefined;
    for (const v of p.valeurs) {
      if (v.date <= date) found = v.valeur;
      else break;
    }
    return found;
  }

  /** Every parameter's value at `date`, as the `parametres` fact of the rules. */
  snapshot(date: string): Record<string, ParametreValeur> {
    const out: Record<string, ParametreValeur> = {};
    for (const nom of this.byName.keys()) {
      const v = this.valueAt(nom, date);
      if (v !== undefined) out[nom] = v;
    }
    return out;
  }

  /** Dates strictly inside (from, to] at which some parameter changes. */
  changesBetween(from: string, to: string): string[] {
    const dates = new Set<string>();
    for (const p of this.byName.values()) {
      for (const v of p.valeurs) if (v.date > from && v.date <= to) dates.add(v.date);
    }
    return [...dates].sort();
  }

  names(): string[] {
    return [...this.byName.keys()].sort();
  }
}
