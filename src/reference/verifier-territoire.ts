/**
 * Checks of a code against the official geography, as data (a diagnostic code and its
 * parameters): shared by `convflux check` (reference-checks.ts) and the parc reader
 * (validate-logement.ts), which turn them into diagnostics each in their own way.
 */
import type { Territoires } from './territoires.js';

/** A problem found: a catalogue code and its parameters. */
export interface ProblemeTerritoire {
  code:
    | 'DEPARTEMENT_INCONNU'
    | 'COMMUNE_INCONNUE'
    | 'COMMUNE_FUSIONNEE'
    | 'COMMUNE_HORS_DEPARTEMENT'
    | 'EPCI_INCONNU'
    | 'COMMUNE_HORS_EPCI';
  params: Record<string, string>;
}

/** A well-formed département code absent from the geography, else undefined. */
export function problemeDepartement(
  t: Territoires,
  departement: string,
): ProblemeTerritoire | undefined {
  if (t.departements.has(departement)) return undefined;
  return { code: 'DEPARTEMENT_INCONNU', params: { code: departement } };
}

/**
 * A commune code that is not in force (unknown, or merged into another commune), or that
 * lies in another département than `departement` (when given), else undefined.
 */
export function problemeCommune(
  t: Territoires,
  code: string,
  departement: string | undefined,
): ProblemeTerritoire | undefined {
  const known = t.communes.get(code);
  if (!known) {
    const merged = t.anciens.get(code);
    if (merged)
      return {
        code: 'COMMUNE_FUSIONNEE',
        params: { code, nom: merged.nom, actuel: merged.code },
      };
    return { code: 'COMMUNE_INCONNUE', params: { code } };
  }
  if (departement !== undefined && known.departement !== departement)
    return {
      code: 'COMMUNE_HORS_DEPARTEMENT',
      params: { code, nom: known.nom, sonDepartement: known.departement, departement },
    };
  return undefined;
}

/**
 * Members of each EPCI and EPT as a set, the arrondissements municipaux of a member city
 * included (flats of Paris, Lyon and Marseille are filed under them): membership in O(1). A
 * set is built the first time its EPCI is asked about (a parc names a few of the 1 250).
 */
export class MembresGroupements {
  private readonly membres = new Map<string, Set<string>>();

  constructor(private readonly t: Territoires) {}

  private membresDe(epci: string): Set<string> | undefined {
    const known = this.membres.get(epci);
    if (known) return known;
    const g = this.t.groupements.get(epci);
    if (!g) return undefined;
    const set = new Set<string>();
    for (const m of g.membres) {
      set.add(m);
      for (const a of this.t.arrondissements.get(m) ?? []) set.add(a);
    }
    this.membres.set(epci, set);
    return set;
  }

  /** An EPCI/EPT SIREN that is unknown, or whose members do not include `commune`. */
  probleme(epci: string, commune: string | undefined): ProblemeTerritoire | undefined {
    const set = this.membresDe(epci);
    if (!set) return { code: 'EPCI_INCONNU', params: { code: epci } };
    if (commune === undefined || set.has(commune)) return undefined;
    const g = this.t.groupements.get(epci);
    return {
      code: 'COMMUNE_HORS_EPCI',
      params: {
        code: commune,
        nom: this.t.communes.get(commune)?.nom ?? commune,
        epci,
        nomEpci: g?.nom ?? epci,
      },
    };
  }
}
