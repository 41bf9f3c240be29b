/**
 * The dashboard of a bailleur in a département (or of a réservataire across its bailleurs), read
 * from `evaluate`'s answers: each convention's dû, réalisé, taux and gap, its territorial
 * objectives and indicative shares with their status, its alerts, and the same figures at the
 * end of every month of the year (the evaluations at those dates). Nothing is recomputed: every
 * number is one of an evaluation's, grouped for reading (communes, typologies, hors QPV), so the
 * last month's values are the evaluation's totals.
 */
import type {
  Alerte,
  ConventionResultat,
  Evaluation,
  ObjectifResultat,
  StatutObjectif,
} from '../engine/evaluation.js';

/** What the dashboard reads of an evaluation (a réservataire's view keeps its conventions only). */
export type EvaluationPilotage = Pick<Evaluation, 'annee' | 'date' | 'conventions'> & {
  /** Findings not tied to one convention (a bailleur's view only). */
  alertes?: Alerte[];
};

export interface PointMensuel {
  /** The evaluation date of the point (end of the month, or the evaluation date). */
  date: string;
  du: number;
  realise: number;
  taux: number | null;
}

export interface LignePilotage {
  convention: string;
  version: number;
  statut: ConventionResultat['statut'];
  reservataire: ConventionResultat['reservataire'];
  bailleur: ConventionResultat['bailleur'];
  departement: string;
  part: number;
  flux_annuel: number;
  du: number;
  realise: number;
  taux: number | null;
  /** réalisé − dû (negative: behind). */
  ecart: number;
  /** Flats still owed to reach the dû (rounded up; 0 when reached). */
  logements_manquants: number;
  /** Contractual objectives (commune, EPT, département…), with their status. */
  objectifs: ObjectifResultat[];
  /** Floor of attributions outside QPV (the État's), when the convention has one. */
  hors_qpv?: ObjectifResultat;
  /** Indicative shares (typologie, financement, QPV…): wished and achieved. */
  parts_indicatives: ObjectifResultat[];
  alertes: Alerte[];
  /** Cumulative dû and réalisé at the end of each month. */
  mensuel: PointMensuel[];
}

export interface ObjectifCommune {
  convention: string;
  reservataire: string;
  cible: number;
  realise: number;
  statut: StatutObjectif;
}

export interface CommunePilotage {
  /** INSEE code. */
  commune: string;
  libelle: string;
  /** Σ of the communal contractual objectives' targets (flats due there). */
  du: number;
  realise: number;
  objectifs: ObjectifCommune[];
}

export interface TypologiePilotage {
  convention: string;
  reservataire: string;
  libelle: string;
  typologies: string[];
  part_cible: number;
  part_realisee: number;
  statut: StatutObjectif;
}

export interface HorsQpvPilotage {
  convention: string;
  reservataire: string;
  /** Flats due outside QPV, achieved outside QPV. */
  cible: number;
  realise: number;
  /** réalisé − cible (negative: short of the floor). */
  solde: number;
  statut: StatutObjectif;
  mensuel: { date: string; cible: number; realise: number }[];
}

export interface TableauDeBord {
  annee: number;
  date: string;
  /** The dates of the monthly points. */
  mois: string[];
  conventions: LignePilotage[];
  communes: CommunePilotage[];
  typologies: TypologiePilotage[];
  hors_qpv: HorsQpvPilotage[];
  /** Findings not tied to one convention. */
  alertes: Alerte[];
  totaux: { du: number; realise: number; taux: number | null };
}

const round = (x: number): number => Math.round(x * 1e6) / 1e6;
const sum = (xs: readonly number[]): number => round(xs.reduce((s, x) => s + x, 0));

const horsQpv = (c: ConventionResultat) =>
  c.objectifs.find((o) => o.nature === 'plancher_hors_qpv');

function ligne(c: ConventionResultat, moments: readonly EvaluationPilotage[]): LignePilotage {
  const mensuel = moments.map((m) => {
    const x = m.conventions.find((y) => y.id === c.id);
    return { date: m.date, du: x?.du ?? 0, realise: x?.realise ?? 0, taux: x?.taux ?? null };
  });
  const h = horsQpv(c);
  return {
    convention: c.id,
    version: c.version,
    statut: c.statut,
    reservataire: c.reservataire,
    bailleur: c.bailleur,
    departement: c.departement,
    part: c.part,
    flux_annuel: c.flux_annuel,
    du: c.du,
    realise: c.realise,
    taux: c.taux,
    ecart: round(c.realise - c.du),
    logements_manquants: Math.max(0, Math.ceil(round(c.du - c.realise))),
    objectifs: c.objectifs.filter((o) => o.nature === 'contractuel'),
    ...(h ? { hors_qpv: h } : {}),
    parts_indicatives: c.objectifs.filter((o) => o.nature === 'indicatif'),
    alertes: c.alertes,
    mensuel,
  };
}

/** Communal contractual objectives of every convention, by commune (sorted by name). */
function communes(cs: readonly ConventionResultat[]): CommunePilotage[] {
  const par = new Map<string, CommunePilotage>();
  for (const c of cs)
    for (const o of c.objectifs) {
      if (o.nature !== 'contractuel' || o.echelle !== 'commune' || !o.territoire) continue;
      let x = par.get(o.territoire);
      if (!x) {
        x = {
          commune: o.territoire,
          libelle: o.libelle ?? o.territoire,
          du: 0,
          realise: 0,
          objectifs: [],
        };
        par.set(o.territoire, x);
      }
      x.du = round(x.du + o.cible);
      x.realise = round(x.realise + o.realise);
      x.objectifs.push({
        convention: c.id,
        reservataire: c.reservataire.nom,
        cible: o.cible,
        realise: o.realise,
        statut: o.statut,
      });
    }
  return [...par.values()].sort((a, b) => a.libelle.localeCompare(b.libelle, 'fr'));
}

/** Indicative shares set on typologies. */
function typologies(cs: readonly ConventionResultat[]): TypologiePilotage[] {
  return cs.flatMap((c) =>
    c.objectifs
      .filter((o) => o.nature === 'indicatif' && o.criteres?.typologie?.length)
      .map((o) => ({
        convention: c.id,
        reservataire: c.reservataire.nom,
        libelle: o.libelle ?? '',
        typologies: [...(o.criteres?.typologie ?? [])],
        part_cible: o.cible,
        part_realisee: o.realise,
        statut: o.statut,
      })),
  );
}

function horsQpvs(
  cs: readonly ConventionResultat[],
  moments: readonly EvaluationPilotage[],
): HorsQpvPilotage[] {
  return cs.flatMap((c) => {
    const h = horsQpv(c);
    if (!h) return [];
    const mensuel = moments.map((m) => {
      const x = m.conventions.find((y) => y.id === c.id);
      const o = x && horsQpv(x);
      return { date: m.date, cible: o?.cible ?? 0, realise: o?.realise ?? 0 };
    });
    return [
      {
        convention: c.id,
        reservataire: c.reservataire.nom,
        cible: h.cible,
        realise: h.realise,
        solde: round(h.realise - h.cible),
        statut: h.statut,
        mensuel,
      },
    ];
  });
}

/**
 * The dashboard from the evaluations at the end of each month of the year (see `finsDeMois`),
 * in date order; the last one is the evaluation at the date the dashboard shows.
 */
export function tableauDeBord(moments: readonly EvaluationPilotage[]): TableauDeBord {
  const fin = moments[moments.length - 1];
  if (!fin) throw new Error('tableauDeBord : au moins une évaluation est attendue.');
  const cs = fin.conventions;
  const du = sum(cs.map((c) => c.du));
  const realise = sum(cs.map((c) => c.realise));
  return {
    annee: fin.annee,
    date: fin.date,
    mois: moments.map((m) => m.date),
    conventions: cs.map((c) => ligne(c, moments)),
    communes: communes(cs),
    typologies: typologies(cs),
    hors_qpv: horsQpvs(cs, moments),
    alertes: fin.alertes ?? [],
    totaux: { du, realise, taux: du > 0 ? round(realise / du) : null },
  };
}
