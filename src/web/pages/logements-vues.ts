/**
 * What the flats' pages show, built from the API's answers only (orientations, échéancier,
 * explanation, events): no rule here, only the choice of what to put side by side and in which
 * order, and the words of the library's own explanation (`texteAction`, `parcoursLine`).
 */
import type { Lang } from '../../diagnostics/diagnostic.js';
import { libelleAlerte } from '../../diagnostics/libelles-alertes.js';
import type { Parcours } from '../../engine/evaluate.js';
import type { Echeance } from '../../echeancier/echeance.js';
import type { EtapeExpliquee } from '../../explain/format-explication.js';
import {
  CONTINGENTS,
  parcoursLine,
  texteAction,
  texteRejet,
} from '../../explain/format-explication.js';
import type { Suggestion } from '../../orientation/suggestion.js';
import { ancreArticle } from '../../render/build-view.js';

/** `GET /api/bailleurs/:siren/orientations` */
export interface ReponseOrientations {
  ok: boolean;
  date: string;
  logements: Suggestion[];
}

/** `GET /api/bailleurs/:siren/logements/:id/orientation` */
export interface ReponseOrientation {
  ok: boolean;
  date: string;
  suggestion: Suggestion | null;
}

/** `GET /api/bailleurs/:siren/logements/:id/explication` */
export interface ReponseExplication {
  ok: boolean;
  logement: string;
  parc: Record<string, unknown> | null;
  parcours: Parcours | null;
  etapes: EtapeExpliquee[];
  points: Record<string, number>;
}

/** `GET /api/bailleurs/:siren/logements/:id` */
export interface ReponseLogement {
  logement: Record<string, unknown>;
  evenements: (Record<string, unknown> & { seq: number; classement: string })[];
}

/** The freed flats, oldest first (congé, else liberation), each with its running delay. */
export function aOrienter(o: ReponseOrientations, echeances: readonly Echeance[]) {
  const delai = new Map(
    echeances
      .filter((e) => e.nature === 'orientation_logement' && e.logement)
      .map((e) => [e.logement ?? '', e]),
  );
  return o.logements
    .map((l) => {
      const e = delai.get(l.logement);
      return {
        logement: l.logement,
        commune: l.commune.nom,
        description: l.description,
        liberation: l.liberation,
        conge: e?.conge,
        jours: e?.jours_ecoules,
        echeance: e?.date,
        depasse: e?.depasse ?? false,
        suggestion: l.candidats.find((c) => c.id === l.suggestion)?.nom,
        debut: e?.conge ?? l.liberation,
      };
    })
    .sort((a, b) => a.debut.localeCompare(b.debut) || a.logement.localeCompare(b.logement));
}

/** The cycles waiting for a designation, the nearest deadline first. */
export function cyclesOuverts(echeances: readonly Echeance[]) {
  return echeances
    .filter((e) => e.nature === 'delai_designation')
    .sort(
      (a, b) => a.date.localeCompare(b.date) || (a.logement ?? '').localeCompare(b.logement ?? ''),
    );
}

/** The convention page's address for a clause: its version, and its article's anchor. */
export function lienClause(convention: string, version: number, cle: string): string {
  const ancre = ancreArticle(cle);
  return `/conventions/${encodeURIComponent(convention)}/versions/${String(version)}${ancre ? `#${ancre}` : ''}`;
}

/** Each step of the explanation, with the words and links the page shows. */
export function etapesVue(etapes: readonly EtapeExpliquee[], lang: Lang) {
  return etapes.map((e, i) => ({
    ...e,
    numero: i + 1,
    aucune: !e.regles.length && !e.alertes.length && !e.rejet,
    rejetTexte: e.rejet ? texteRejet(e.rejet, lang) : undefined,
    alertesTextes: e.alertes.map((code) => ({ code, libelle: libelleAlerte(code, lang) })),
    contingentTexte: e.contingent ? (CONTINGENTS[e.contingent]?.[lang] ?? e.contingent) : undefined,
    regles: e.regles.map((r) => ({
      ...r,
      texte: texteAction(r, lang),
      lien: e.convention ? lienClause(e.convention, r.clause.version, r.clause.cle) : undefined,
    })),
  }));
}

/**
 * Publicodes-style: each convention's total and the rule applications whose points make it (with
 * the regularisations); the sum is written out only when it is the total the engine gives.
 */
export function calcul(etapes: readonly EtapeExpliquee[], points: Record<string, number>) {
  return Object.entries(points).map(([convention, total]) => {
    const termes = etapes.flatMap((e, i) =>
      e.convention !== convention
        ? []
        : [
            ...e.regles
              .filter((r) => r.points !== 0)
              .map((r) => ({ numero: i + 1, date: e.date, regle: r.regle, points: r.points })),
            ...(e.regularisation
              ? [{ numero: i + 1, date: e.date, regle: 'regularisation', points: e.regularisation }]
              : []),
          ],
    );
    const somme = termes.reduce((s, x) => s + x.points, 0);
    return { convention, total, termes, exact: Math.abs(somme - total) < 1e-9 };
  });
}

/** The sentence saying which fluxes the flat entered in the year, or why none. */
export function parcours(x: ReponseExplication, lang: Lang): string {
  const commune = typeof x.parc?.['commune'] === 'string' ? x.parc['commune'] : '';
  return parcoursLine(x.parcours ?? undefined, commune, lang);
}
