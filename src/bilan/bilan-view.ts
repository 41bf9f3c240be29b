/**
 * The data the bilan templates read (templates/bilan/): the bilan of one bailleur in one
 * département, sent to all its réservataires (CCH art. R. 441-5-1), every text already typeset in
 * French (numbers `1 300`, shares `30 %`, dates `1er janvier 2025`), charts already drawn (SVG
 * from src/graphiques/). The tables come from bilan-tableaux.ts (raw values, also written
 * to the workbook); here they are typeset. `BILAN_SHAPE` mirrors the type key for key (the
 * compiler checks it) so that templates are checked before any rendering.
 */
import type { Alerte } from '../engine/evaluation.js';
import { libelleAlerte } from '../diagnostics/libelles-alertes.js';
import { dateLongue, FINE, nombre } from '../render/typographie.js';
import type { ShapeOf } from '../render/view-model.js';
import {
  LIBELLE_BAILLEUR,
  type Colonne,
  type MembreBilan,
  type Tableau,
  type Valeur,
} from './bilan-tableaux.js';
import { graphiqueBarres, type BarresOptions } from '../graphiques/barres.js';

export interface CelluleView {
  texte: string;
  classe: string;
}

export interface LigneView {
  entete: string;
  cellules: CelluleView[];
}

export interface TableauView {
  id: string;
  numero: string;
  titre: string;
  chapeau: string;
  /** Column groups (réservataires); empty when the table has none. */
  groupes: { libelle: string; colonnes: number }[];
  aGroupes: boolean;
  /** Headings after the first column. */
  colonnes: { libelle: string; classe: string }[];
  premiere: string;
  lignes: LigneView[];
  total: LigneView[];
  legende: string;
  graphique: string;
  vide: boolean;
  /** A sub-table (5.1, 2.3…): its own heading under the section's. */
  sousTitre: boolean;
}

export interface SectionView {
  numero: string;
  titre: string;
  chapeau: string;
  tableaux: TableauView[];
}

export interface DestinataireView {
  nom: string;
  conventions: string;
}

export interface BilanView {
  modele: { nom: string; version: string; empreinte: string };
  document: {
    titre: string;
    annee: string;
    /** `<département>-<SIREN>`: the bilan's id and file name. */
    id: string;
    projet: boolean;
    debut: string;
    dateArret: string;
    /** AAAA-MM-JJ (PDF metadata dates). */
    dateArretIso: string;
    /** The evaluation date is before 31 December: a provisional bilan. */
    provisoire: boolean;
    /** "28 février 2026". */
    echeance: string;
    generateur: string;
  };
  bailleur: { nom: string; siren: string };
  departement: string;
  /** Every réservataire the bilan goes to, with its conventions. */
  reservataires: { nom: string; convention: string; version: string; statut: string }[];
  /** The addressee of this copy (its annex follows), or none: the copy for all. */
  destinataire: DestinataireView[];
  sections: SectionView[];
  /** With `--prevision`: section 7, the forecast of the next year (its HTML not yet typeset). */
  previsionnel: { numero: string; titre: string; annee: string; chapeau: string; html: string }[];
  annexes: TableauView[];
}

const V = 'valeur' as const;
const LIGNE: ShapeOf<LigneView> = { entete: V, cellules: [{ texte: V, classe: V }] };
const TABLEAU: ShapeOf<TableauView> = {
  id: V,
  numero: V,
  titre: V,
  chapeau: V,
  groupes: [{ libelle: V, colonnes: V }],
  aGroupes: V,
  colonnes: [{ libelle: V, classe: V }],
  premiere: V,
  lignes: [LIGNE],
  total: [LIGNE],
  legende: V,
  graphique: V,
  vide: V,
  sousTitre: V,
};

export const BILAN_SHAPE: ShapeOf<BilanView> = {
  modele: { nom: V, version: V, empreinte: V },
  document: {
    titre: V,
    annee: V,
    id: V,
    projet: V,
    debut: V,
    dateArret: V,
    dateArretIso: V,
    provisoire: V,
    echeance: V,
    generateur: V,
  },
  bailleur: { nom: V, siren: V },
  departement: V,
  reservataires: [{ nom: V, convention: V, version: V, statut: V }],
  destinataire: [{ nom: V, conventions: V }],
  sections: [{ numero: V, titre: V, chapeau: V, tableaux: [TABLEAU] }],
  previsionnel: [{ numero: V, titre: V, annee: V, chapeau: V, html: V }],
  annexes: [TABLEAU],
};

/** A share as printed in the bilan: one decimal ("36,8 %"). */
export const pct = (x: number): string => `${nombre(x * 100, 1)}${FINE}%`;

function cellule(v: Valeur, c: Colonne | undefined): CelluleView {
  if (v === null) return { texte: '—', classe: 'nombre' };
  if (typeof v === 'string') return { texte: v, classe: c?.format === 'texte' ? '' : 'nombre' };
  return { texte: c?.format === 'part' ? pct(v) : nombre(v), classe: 'nombre' };
}

function ligneView(valeurs: readonly Valeur[], colonnes: readonly Colonne[]): LigneView {
  const [entete, ...reste] = valeurs;
  return {
    entete: entete === null || entete === undefined ? '' : String(entete),
    cellules: reste.map((v, i) => cellule(v, colonnes[i + 1])),
  };
}

/** Column groups as heading cells: consecutive columns of one group share a cell. */
/** A party's kind that opens its name, and the acronym a chart's axis says instead. */
const SIGLES: readonly [RegExp, string][] = [
  [/^Établissement public territorial\s+/i, 'EPT '],
  [/^Établissement public de coopération intercommunale\s+/i, 'EPCI '],
];

/**
 * A chart's category names as its axis can print them whole (no name cut with « … »): a party's
 * kind is said by its acronym (« EPT Est Ensemble »); the table above the chart names it in full;
 * « Hors QPV » gets the width it needs.
 */
function libellesCourts(g: BarresOptions): BarresOptions {
  const court = (libelle: string): string =>
    SIGLES.reduce((l, [motif, sigle]) => l.replace(motif, sigle), libelle);
  return {
    ...g,
    etiquettesMin: 80,
    categories: g.categories.map((c) => ({ ...c, libelle: court(c.libelle) })),
  };
}

function groupes(colonnes: readonly Colonne[]): { libelle: string; colonnes: number }[] {
  const out: { libelle: string; colonnes: number }[] = [];
  for (const c of colonnes.slice(1)) {
    const last = out[out.length - 1];
    const libelle = c.groupe ?? '';
    if (last && last.libelle === libelle && libelle) last.colonnes++;
    else out.push({ libelle, colonnes: 1 });
  }
  return out;
}

/** Column groups per printed table: beyond, a table is printed in parts (the workbook keeps it whole). */
export const GROUPES_PAR_TABLEAU = 7;

/**
 * A table too wide for the page, cut into parts of at most `max` column groups (réservataires,
 * bailleur, total), each repeating the leading columns; the chart and legend follow the last.
 */
export function decouper(t: Tableau, max = GROUPES_PAR_TABLEAU): Tableau[] {
  const k = t.colonnes.findIndex((c) => c.groupe !== undefined);
  if (k < 0) return [t];
  const groupes: number[][] = [];
  t.colonnes.forEach((c, i) => {
    if (i < k) return;
    const last = groupes[groupes.length - 1];
    const prev = t.colonnes[i - 1];
    if (last && prev && i > k && prev.groupe === c.groupe) last.push(i);
    else groupes.push([i]);
  });
  if (groupes.length <= max) return [t];
  const parts: number[][][] = [];
  for (let i = 0; i < groupes.length; i += max) parts.push(groupes.slice(i, i + max));
  const tete = Array.from({ length: k }, (_, i) => i);
  return parts.map((gs, p) => {
    const idx = [...tete, ...gs.flat()];
    const pick = <T>(xs: readonly T[]): T[] => idx.map((i) => xs[i] as T);
    const derniere = p === parts.length - 1;
    return {
      ...t,
      id: `${t.id}-${String(p + 1)}`,
      titre: `${t.titre} (${String(p + 1)}/${String(parts.length)})`,
      chapeau: p === 0 ? t.chapeau : '',
      colonnes: pick(t.colonnes),
      lignes: t.lignes.map(pick),
      ...(t.total ? { total: pick(t.total) } : {}),
      ...(derniere && t.legende ? { legende: t.legende } : { legende: undefined }),
      ...(derniere && t.graphique ? { graphique: t.graphique } : { graphique: undefined }),
    };
  });
}

/** One table, typeset (the chart drawn when it has one). */
export function tableauView(t: Tableau): TableauView {
  const g = groupes(t.colonnes);
  return {
    id: t.id,
    numero: t.numero,
    titre: t.titre,
    chapeau: t.chapeau,
    groupes: g,
    aGroupes: g.some((x) => x.libelle !== ''),
    colonnes: t.colonnes
      .slice(1)
      .map((c) => ({ libelle: c.libelle, classe: c.format === 'texte' ? '' : 'nombre' })),
    premiere: t.colonnes[0]?.libelle ?? '',
    lignes: t.lignes.map((l) => ligneView(l, t.colonnes)),
    total: t.total ? [ligneView(t.total, t.colonnes)] : [],
    legende: t.legende ?? '',
    graphique: t.graphique && t.lignes.length ? graphiqueBarres(libellesCourts(t.graphique)) : '',
    vide: t.lignes.length === 0,
    sousTitre: t.numero.includes('.'),
  };
}

/**
 * 6. Alerts by kind and convention: counts only (the flats concerned are in each annex). `bailleur`:
 * the alerts of the year tied to no convention on the bailleur's flats of the département (a
 * vacancy with no orientation, an event outside any cycle…), by code — evaluate's top-level
 * alerts; their column is there when there is one. Each kind is named in words (LIBELLES_ALERTES):
 * the bilan goes to the réservataires, never a code.
 */
export function tableauAlertes(
  membres: readonly MembreBilan[],
  bailleur: Readonly<Partial<Record<string, number>>> = {},
): Tableau {
  const propres = Object.entries(bailleur).filter(([, n]) => (n ?? 0) > 0);
  const codes = [
    ...new Set([
      ...membres.flatMap((m) => m.resultat.alertes.map((a) => a.code)),
      ...propres.map(([code]) => code),
    ]),
  ].sort();
  const compte = (as: readonly Alerte[], code: string): number =>
    as.filter((a) => a.code === code).length;
  const avecBailleur = propres.length > 0;
  return {
    id: 'alertes',
    numero: '6',
    titre: 'Alertes',
    feuille: '6 Alertes',
    chapeau:
      'Constats du moteur de décompte sur les données de l’année, par nature et par convention.' +
      (avecBailleur
        ? ` La colonne « ${LIBELLE_BAILLEUR} » compte les constats qui ne relèvent d’aucune convention (logement libéré non orienté, événement hors de tout cycle…).`
        : ''),
    colonnes: [
      { libelle: 'Alerte', format: 'texte' },
      ...membres.map((m): Colonne => ({ libelle: 'Alertes', format: 'entier', groupe: m.libelle })),
      ...(avecBailleur
        ? [{ libelle: 'Alertes', format: 'entier', groupe: LIBELLE_BAILLEUR } satisfies Colonne]
        : []),
      { libelle: 'Alertes', format: 'entier', groupe: 'Total' },
    ],
    lignes: codes.map((code) => {
      const parMembre = membres.map((m) => compte(m.resultat.alertes, code));
      const propre = bailleur[code] ?? 0;
      return [
        libelleAlerte(code, 'fr'),
        ...parMembre,
        ...(avecBailleur ? [propre] : []),
        parMembre.reduce((s, n) => s + n, 0) + propre,
      ];
    }),
  };
}

export interface BilanContext {
  annee: number;
  /** Evaluation date (AAAA-MM-JJ). */
  date: string;
  bailleur: { nom: string; siren: string };
  departement: string;
  membres: readonly MembreBilan[];
  /** Sections 1 to 6 (bilan-tableaux, bilan-complements, alerts), in the document's order. */
  tableaux: readonly Tableau[];
  /** The addressee's annex (its flats), when the copy is for one réservataire. */
  destinataire?: { nom: string; conventions: string[]; annexe: Tableau };
  /** Input files and the files delivered with the document (annex). */
  identification: Tableau;
  /** The forecast of the next year, as section 7 (raw HTML of src/bilan/bilan-prevision.ts). */
  previsionnel?: { annee: number; html: string };
  modele: { nom: string; version: string; empreinte: string };
  generateur: string;
}

const SECTIONS: { numero: string; titre: string; chapeau: string }[] = [
  { numero: '1', titre: 'Synthèse de l’année', chapeau: '' },
  {
    numero: '2',
    titre: 'Logements proposés et attribués',
    chapeau:
      'Logements proposés (orientés vers le réservataire) et attribués (décision d’attribution de la commission d’attribution des logements et d’examen de l’occupation des logements) au cours de l’année, par réservataire, selon chacune des ventilations de l’article R. 441-5-1. La ventilation croisée complète figure dans le fichier CSV et le classeur joints.',
  },
  { numero: '3', titre: 'Logements déduits de l’assiette', chapeau: '' },
  { numero: '4', titre: 'Atteinte des objectifs', chapeau: '' },
  { numero: '5', titre: 'Autres résultats de l’année', chapeau: '' },
  { numero: '6', titre: 'Alertes', chapeau: '' },
];

/** The section of the forecast of the next year (`--prevision`), after the alerts. */
export const SECTION_PREVISIONNEL = '7';

function sectionPrevisionnel(p: { annee: number; html: string }): BilanView['previsionnel'] {
  const an = String(p.annee);
  return [
    {
      numero: SECTION_PREVISIONNEL,
      titre: `Prévisionnel de l’année ${an}`,
      annee: an,
      chapeau: `Logements que le bailleur prévoit de déduire de l’assiette du flux en ${an}, par catégorie (CCH, art. R. 441-5 I), flux prévisionnel par commune et dû prévisionnel de chaque réservataire, établis par convflux à partir du fichier de prévision du bailleur, des conventions et de la rotation observée ou convenue (méthode en ${SECTION_PREVISIONNEL}.6). Ils sont transmis avec le présent bilan.`,
      html: p.html,
    },
  ];
}

/** The view of one bailleur × département bilan (and, with a destinataire, its annex). */
export function buildBilanView(ctx: BilanContext): BilanView {
  const fin = `${String(ctx.annee)}-12-31`;
  const sections = SECTIONS.map((s) => ({
    ...s,
    tableaux: ctx.tableaux
      .filter((t) => t.numero === s.numero || t.numero.startsWith(`${s.numero}.`))
      .flatMap((t) => decouper(t))
      .map(tableauView),
  })).filter((s) => s.tableaux.length);
  return {
    modele: ctx.modele,
    document: {
      titre: `Bilan annuel des logements proposés et attribués — année ${String(ctx.annee)}`,
      annee: String(ctx.annee),
      id: `${ctx.departement}-${ctx.bailleur.siren}`,
      projet: ctx.membres.some((m) => m.resultat.statut === 'projet'),
      debut: dateLongue(`${String(ctx.annee)}-01-01`),
      dateArret: dateLongue(ctx.date),
      dateArretIso: ctx.date,
      provisoire: ctx.date < fin,
      echeance: dateLongue(`${String(ctx.annee + 1)}-02-28`),
      generateur: ctx.generateur,
    },
    bailleur: ctx.bailleur,
    departement: ctx.departement,
    reservataires: ctx.membres.map((m) => ({
      nom: m.libelle,
      convention: m.resultat.id,
      version: String(m.resultat.version),
      statut: m.resultat.statut === 'projet' ? 'projet, non signée' : 'signée',
    })),
    destinataire: ctx.destinataire
      ? [{ nom: ctx.destinataire.nom, conventions: ctx.destinataire.conventions.join(', ') }]
      : [],
    sections,
    previsionnel: ctx.previsionnel ? sectionPrevisionnel(ctx.previsionnel) : [],
    annexes: [
      ...(ctx.destinataire ? [tableauView(ctx.destinataire.annexe)] : []),
      tableauView(ctx.identification),
    ],
  };
}
