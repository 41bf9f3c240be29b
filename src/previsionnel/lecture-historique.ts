/**
 * What the forecast reads from the bailleur's files: the flats of its parc in the département
 * (those in the flux: `hors_flux` flats stay in stock) and the liberations of the years before N.
 * The files are read by `convflux evaluate`'s own reader (`lirePartie`: one or several events
 * files, JJ/MM/AAAA dates, duplicates) and the events followed by its engine up to 31 December
 * of N-1, so the forecast counts the liberations `evaluate` counts and reports the same rejected
 * rows, with file and line (never their content).
 */
import type { Diagnostic, Lang } from '../diagnostics/diagnostic.js';
import type { ConventionIndex } from '../engine/convention-index.js';
import { assembler, baseOptions, calculerPartie, lirePartie } from '../engine/evaluate.js';
import type { Logement } from '../flux/logement.js';

export interface Historique {
  /** The flats of the bailleur × département in the flux, by id. */
  logements: Map<string, Logement>;
  /** Liberations per year (N-3 … N-1) per flat id. */
  liberations: Map<number, Map<string, number>>;
  /** Rows rejected and file problems (as `evaluate --annee N-1` reports them). */
  diagnostics: Diagnostic[];
  /** SHA-256 of an input read from the standard input (it cannot be read again). */
  empreintes: { parc?: string; evenements?: string };
}

export interface LectureOptions {
  index: ConventionIndex;
  parc: string;
  evenements: string | readonly string[];
  bailleur: string;
  departement: string;
  annee: number;
  lang: Lang;
  cwd: string;
}

/** Reads the parc and the events of the years before N (the events are followed up to N-1). */
export async function lireHistorique(o: LectureOptions): Promise<Historique> {
  const h: Historique = {
    logements: new Map(),
    liberations: new Map([1, 2, 3].map((k) => [o.annee - k, new Map<string, number>()])),
    diagnostics: [],
    empreintes: {},
  };
  const base = baseOptions({
    parc: o.parc,
    evenements: o.evenements,
    annee: o.annee - 1,
    lang: o.lang,
    cwd: o.cwd,
  });
  const duBailleur = (l: Logement): boolean =>
    l.bailleur === o.bailleur && l.departement === o.departement;
  const lecture = await lirePartie(base, (l) => {
    if (duBailleur(l) && !l.hors_flux) h.logements.set(l.logement, l);
  });
  const partie = await calculerPartie(lecture, o.index, base, (l, r) => {
    if (!duBailleur(l) || l.hors_flux) return;
    for (const date of r.liberations) {
      const annee = h.liberations.get(Number(date.slice(0, 4)));
      annee?.set(l.logement, (annee.get(l.logement) ?? 0) + 1);
    }
  });
  const { evaluation } = assembler([partie], o.index, [], base);
  h.diagnostics.push(...evaluation.diagnostics, ...evaluation.rejets);
  h.empreintes = lecture.empreintes;
  return h;
}
