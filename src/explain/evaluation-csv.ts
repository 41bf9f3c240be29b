/** CSV views of an evaluation (RFC 4180, comma, dot decimals): for spreadsheets and `--out`. */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Evaluation } from '../engine/evaluation.js';

type Cell = string | number | boolean | null | undefined;

function cell(v: Cell): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(header: readonly string[], rows: readonly Cell[][]): string {
  return [header.join(','), ...rows.map((r) => r.map(cell).join(','))].join('\n') + '\n';
}

export function conventionsCsv(e: Evaluation): string {
  return toCsv(
    [
      'annee',
      'date',
      'convention',
      'version',
      'statut',
      'bailleur',
      'departement',
      'reservataire',
      'type',
      'part',
      'flux_annuel',
      'du',
      'realise',
      'taux',
      'orientations',
      'designations',
      'attributions',
      'logements_attribues',
      'decisions_refus_caleol',
      'decisions_ajournement',
      'baux',
      'refus_candidat',
      'refus_caleol',
      'refus_reservataire',
      'refus_bailleur',
      'reprises',
      'hors_assiette',
      'public_dalo',
      'public_prioritaire',
      'public_premier_quartile_hors_qpv',
      'public_non_renseigne',
      'alertes',
      'cumul_depuis',
      'cumul_du',
      'cumul_realise',
      'cumul_retard',
      'regularisation_logements',
      'regularisation_points',
    ],
    e.conventions.map((c) => [
      e.annee,
      e.date,
      c.id,
      c.version,
      c.statut,
      c.bailleur.siren,
      c.departement,
      c.reservataire.id,
      c.reservataire.type,
      c.part,
      c.flux_annuel,
      c.du,
      c.realise,
      c.taux,
      c.orientations,
      c.designations,
      c.attributions,
      c.logements_attribues,
      c.decisions_caleol?.refus,
      c.decisions_caleol?.ajournement,
      c.baux,
      c.refus.candidat,
      c.refus.caleol,
      c.refus.reservataire,
      c.refus.bailleur,
      c.reprises,
      c.hors_assiette,
      c.publics?.par_public.dalo ?? 0,
      c.publics?.par_public.prioritaire ?? 0,
      c.publics?.par_public.premier_quartile_hors_qpv ?? 0,
      c.publics?.non_renseigne,
      c.alertes.length,
      c.cumul?.depuis,
      c.cumul?.du,
      c.cumul?.realise,
      c.cumul?.retard,
      c.regularisation?.logements,
      c.regularisation?.points,
    ]),
  );
}

export function objectifsCsv(e: Evaluation): string {
  return toCsv(
    [
      'convention',
      'nature',
      'libelle',
      'echelle',
      'territoire',
      'criteres',
      'part',
      'flux',
      'cible',
      'realise',
      'statut',
    ],
    e.conventions.flatMap((c) =>
      c.objectifs.map((o) => [
        c.id,
        o.nature,
        o.libelle,
        o.echelle,
        o.territoire,
        o.criteres ? JSON.stringify(o.criteres) : '',
        o.part,
        o.flux,
        o.cible,
        o.realise,
        o.statut,
      ]),
    ),
  );
}

/** The shares of attributions by public, per contingent (CCH art. L. 441-1, I7). */
export function publicsCsv(e: Evaluation): string {
  return toCsv(
    ['convention', 'obligation', 'part_cible', 'base', 'realise', 'taux', 'statut', 'reference'],
    e.conventions.flatMap((c) =>
      (c.publics?.obligations ?? []).map((o) => [
        c.id,
        o.code,
        o.part_cible,
        o.base,
        o.realise,
        o.taux,
        o.statut,
        o.reference,
      ]),
    ),
  );
}

export function alertesCsv(e: Evaluation): string {
  const rows = [
    ...e.conventions.flatMap((c) => c.alertes.map((a) => ({ c: c.id, a }))),
    ...e.alertes.map((a) => ({ c: '', a })),
  ];
  return toCsv(
    ['convention', 'code', 'severite', 'logement', 'date', 'fichier', 'ligne', 'message'],
    rows.map(({ c, a }) => [c, a.code, a.severity, a.logement, a.date, a.file, a.line, a.message]),
  );
}

export function diagnosticsCsv(list: readonly Diagnostic[]): string {
  return toCsv(
    ['fichier', 'ligne', 'colonne', 'code', 'severite', 'pointeur', 'message'],
    list.map((d) => [d.file, d.line, d.column, d.code, d.severity, d.pointer, d.message]),
  );
}
