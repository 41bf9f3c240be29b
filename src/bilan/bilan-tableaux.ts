/**
 * The tables of one bailleur × département bilan (CCH art. R. 441-5-1), as raw values: numbers
 * stay numbers, so that the same tables give the PDF's typeset cells (bilan-view.ts) and the
 * workbook's typed cells (bilan-xlsx.ts). One column group per convention (réservataire), one for
 * the bailleur's own share where it has one, and the total; rows sum to the totals.
 */
import { EXCLUSIONS, type Exclusion } from '../convention/convention.js';
import type { ConventionResultat, ObjectifResultat } from '../engine/evaluation.js';
import type { BarresOptions } from '../graphiques/barres.js';
import type {
  DetailLogement,
  LigneVentilation,
  VentilationBailleur,
  VentilationConvention,
} from './collecte.js';
import { PERIODES_CONSTRUCTION } from './periodes.js';

export type FormatColonne = 'texte' | 'entier' | 'decimal' | 'part';
/** A cell: a number, a text, or null (not applicable: « — »). */
export type Valeur = number | string | null;

export interface Colonne {
  libelle: string;
  format: FormatColonne;
  /** Heading of the column group (a réservataire, the bailleur, the total). */
  groupe?: string;
}

export interface Tableau {
  /** Anchor and chart key (letters, digits, dashes). */
  id: string;
  numero: string;
  titre: string;
  /** Name of the workbook sheet (≤ 31 characters, unique). */
  feuille: string;
  chapeau: string;
  colonnes: Colonne[];
  lignes: Valeur[][];
  total?: Valeur[];
  /** Legend under the table. */
  legende?: string;
  graphique?: BarresOptions;
}

/** One convention of the bilan with what the collector found for it. */
export interface MembreBilan {
  resultat: ConventionResultat;
  ventilation: VentilationConvention;
  /** Column-group heading: the réservataire (and its territory when it has several). */
  libelle: string;
}

export interface DonneesBilan {
  annee: number;
  membres: MembreBilan[];
  bailleur: VentilationBailleur;
  /** Assiette exclusions of each convention (by id), as in force. */
  exclusions: ReadonlyMap<string, readonly Exclusion[]>;
  nomCommune: (code: string) => string;
}

export const COULEURS = {
  proposes: '#14233c',
  attribues: '#6b93c4',
  cible: '#c3cad3',
  realise: '#2f6f47',
};

const TYPOLOGIES = ['T1', 'T2', 'T3', 'T4', 'T5', 'T6'] as const;
const FINANCEMENTS = ['PLAI', 'PLUS', 'PLS', 'PLI'] as const;
const round = (x: number): number => Math.round(x * 1e6) / 1e6;
const sum = (xs: readonly number[]): number => round(xs.reduce((s, x) => s + x, 0));

/**
 * « Logements attribués »: flats, not decisions (I14): the engine's count when it gives one,
 * else the breakdown's (a flat attributed twice in the year is one flat there too, for the party
 * of its last attribution: engine/derniere-attribution.ts).
 */
export const logementsAttribues = (m: MembreBilan): number =>
  m.resultat.logements_attribues ?? sum(m.ventilation.lignes.map((l) => l.attribues));

/** Categories of deductions of the assiette (CCH art. R. 441-5 I), as printed. */
export const CATEGORIES_HORS_ASSIETTE: Record<Exclusion, { categorie: string; motif: string }> = {
  relogement_renouvellement_urbain: {
    categorie: 'Relogements',
    motif:
      'opération de rénovation urbaine et ou de renouvellement urbain (loi n° 2003-710 du 1er août 2003)',
  },
  relogement_orcod: {
    categorie: 'Relogements',
    motif:
      'opération de requalification de copropriétés dégradées (CCH, art. L. 741-1 et L. 741-2)',
  },
  relogement_habitat_indigne: {
    categorie: 'Relogements',
    motif: 'en application des articles L. 521-3-1 à L. 521-3-3 du CCH',
  },
  mutation_interne: {
    categorie: 'Mutations',
    motif: 'mutations de locataires au sein du parc social du bailleur',
  },
  relogement_vente: {
    categorie: 'Ventes',
    motif: 'relogements – opération de vente de logements locatifs sociaux',
  },
};
const ORDRE_HORS_ASSIETTE: readonly Exclusion[] = [
  'relogement_renouvellement_urbain',
  'relogement_orcod',
  'relogement_habitat_indigne',
  'mutation_interne',
  'relogement_vente',
].filter((e): e is Exclusion => (EXCLUSIONS as readonly string[]).includes(e));

interface Dimension {
  id: string;
  titre: string;
  feuille: string;
  colonne: string;
  groupes: (lignes: readonly LigneVentilation[]) => { code: string; libelle: string }[];
  cle: (l: LigneVentilation) => string;
}

function dimensions(nomCommune: (code: string) => string): Dimension[] {
  return [
    {
      id: 'typologie',
      titre: 'Par typologie',
      feuille: 'Typologie',
      colonne: 'Typologie',
      groupes: () => TYPOLOGIES.map((t) => ({ code: t, libelle: t })),
      cle: (l) => l.typologie,
    },
    {
      id: 'financement',
      titre: 'Par type de financement',
      feuille: 'Financement',
      colonne: 'Financement',
      groupes: () => FINANCEMENTS.map((f) => ({ code: f, libelle: f })),
      cle: (l) => l.financement,
    },
    {
      id: 'qpv',
      titre: 'Hors et en quartier prioritaire de la politique de la ville',
      feuille: 'QPV',
      colonne: 'Localisation',
      groupes: () => [
        { code: 'true', libelle: 'En QPV' },
        { code: 'false', libelle: 'Hors QPV' },
      ],
      cle: (l) => String(l.qpv),
    },
    {
      id: 'commune',
      titre: 'Par commune',
      feuille: 'Commune',
      colonne: 'Commune',
      groupes: (lignes) =>
        [...new Set(lignes.map((l) => l.commune))]
          .sort()
          .map((code) => ({ code, libelle: `${nomCommune(code)} (${code})` })),
      cle: (l) => l.commune,
    },
    {
      id: 'periode',
      titre: 'Par période de construction',
      feuille: 'Période de construction',
      colonne: 'Période de construction',
      groupes: () => PERIODES_CONSTRUCTION.map((p) => ({ code: p.code, libelle: p.libelle })),
      cle: (l) => l.periode,
    },
  ];
}

export const LIBELLE_BAILLEUR = 'Bailleur (hors réservataires)';

/** Columns « proposés, attribués » per convention, « attribués » for the bailleur, the total. */
function colonnesComptes(d: DonneesBilan, premiere: string): Colonne[] {
  return [
    { libelle: premiere, format: 'texte' },
    ...d.membres.flatMap((m): Colonne[] => [
      { libelle: 'Proposés', format: 'entier', groupe: m.libelle },
      { libelle: 'Attribués', format: 'entier', groupe: m.libelle },
    ]),
    { libelle: 'Attribués', format: 'entier', groupe: LIBELLE_BAILLEUR },
    { libelle: 'Proposés', format: 'entier', groupe: 'Total' },
    { libelle: 'Attribués', format: 'entier', groupe: 'Total' },
  ];
}

function comptes(d: DonneesBilan, filtre: (l: LigneVentilation) => boolean): number[] {
  const parMembre = d.membres.map((m) => {
    const ls = m.ventilation.lignes.filter(filtre);
    return [sum(ls.map((l) => l.proposes)), sum(ls.map((l) => l.attribues))] as const;
  });
  const propres = sum(d.bailleur.lignes.filter(filtre).map((l) => l.attribues));
  return [
    ...parMembre.flatMap(([p, a]) => [p, a]),
    propres,
    sum(parMembre.map(([p]) => p)),
    sum(parMembre.map(([, a]) => a)) + propres,
  ];
}

function tableauDimension(d: DonneesBilan, dim: Dimension, i: number): Tableau {
  const toutes = [...d.membres.flatMap((m) => m.ventilation.lignes), ...d.bailleur.lignes];
  const groupes = dim.groupes(toutes);
  const lignes = groupes.map((g) => [g.libelle, ...comptes(d, (l) => dim.cle(l) === g.code)]);
  const total = ['Total', ...comptes(d, () => true)];
  const n = lignes[0]?.length ?? 0;
  return {
    id: `ventilation-${dim.id}`,
    numero: `2.${String(i + 1)}`,
    titre: dim.titre,
    feuille: `2.${String(i + 1)} ${dim.feuille}`.slice(0, 31),
    chapeau: '',
    colonnes: colonnesComptes(d, dim.colonne),
    lignes,
    total,
    graphique: {
      cle: `ventilation-${dim.id}`,
      titre: `Logements proposés et attribués, ${dim.titre.toLowerCase()}, tous réservataires`,
      series: [
        { nom: 'proposés', couleur: COULEURS.proposes },
        { nom: 'attribués', couleur: COULEURS.attribues },
      ],
      categories: lignes.map((l) => ({
        libelle: String(l[0]),
        valeurs: [Number(l[n - 2]), Number(l[n - 1])],
      })),
    },
  };
}

/** 1. The year of each convention and the bailleur's own attributions. */
function tableauSynthese(d: DonneesBilan): Tableau {
  const lignes: Valeur[][] = d.membres.map((m) => [
    m.libelle,
    m.resultat.part,
    m.resultat.flux_annuel,
    m.resultat.du,
    m.resultat.realise,
    m.resultat.taux,
    m.resultat.orientations,
    logementsAttribues(m),
    m.resultat.attributions,
    m.resultat.baux,
  ]);
  const propres = d.bailleur.lignes;
  lignes.push([
    LIBELLE_BAILLEUR,
    null,
    null,
    null,
    null,
    null,
    null,
    sum(propres.map((l) => l.attribues)),
    sum(propres.map((l) => l.decisions)),
    sum(propres.map((l) => l.baux)),
  ]);
  const cs = d.membres.map((m) => m.resultat);
  const du = sum(cs.map((c) => c.du));
  const realise = sum(cs.map((c) => c.realise));
  return {
    id: 'synthese',
    numero: '1',
    titre: 'Synthèse par réservataire',
    feuille: '1 Synthèse',
    chapeau:
      'Pour chaque convention : la part réservée, le flux annuel de son périmètre, les droits de l’année (dû), les logements décomptés (réalisé), les logements proposés (orientés vers le réservataire), les logements attribués par la commission d’attribution (un logement attribué deux fois dans l’année compte une fois, pour la partie de sa dernière attribution de l’année), ses décisions d’attribution et les baux signés. La ligne du bailleur compte les logements du flux attribués hors de tout cycle d’orientation d’un réservataire.',
    colonnes: [
      { libelle: 'Réservataire', format: 'texte' },
      { libelle: 'Part', format: 'part' },
      { libelle: 'Flux annuel', format: 'entier' },
      { libelle: 'Dû', format: 'decimal' },
      { libelle: 'Réalisé', format: 'decimal' },
      { libelle: 'Taux d’atteinte', format: 'part' },
      { libelle: 'Proposés', format: 'entier' },
      { libelle: 'Logements attribués', format: 'entier' },
      { libelle: 'Décisions d’attribution', format: 'entier' },
      { libelle: 'Baux signés', format: 'entier' },
    ],
    lignes,
    // No total of the parts, as none of the flux: each part applies to its convention's own
    // territory (a commune's 20 %, the État's 30 % of the département), so their sum is no share
    // of anything (the example's five conventions add up to « 100 % », 75 % in Saint-Denis).
    total: [
      'Total',
      null,
      null,
      du,
      realise,
      du > 0 ? round(realise / du) : null,
      sum(cs.map((c) => c.orientations)),
      sum(d.membres.map(logementsAttribues)) + sum(propres.map((l) => l.attribues)),
      sum(cs.map((c) => c.attributions)) + sum(propres.map((l) => l.decisions)),
      sum(cs.map((c) => c.baux)) + sum(propres.map((l) => l.baux)),
    ],
    legende: '— : sans objet.',
    graphique: {
      cle: 'synthese',
      titre: `Droits et réalisations de l’année ${String(d.annee)}, par réservataire`,
      series: [
        { nom: 'dû', couleur: COULEURS.cible },
        { nom: 'réalisé', couleur: COULEURS.realise },
      ],
      categories: d.membres.map((m) => ({
        libelle: m.libelle,
        valeurs: [m.resultat.du, m.resultat.realise],
      })),
    },
  };
}

/** 3. Deductions of the assiette by category, per convention, with the attributions (N, N − 1). */
function tableauHorsAssiette(d: DonneesBilan): Tableau {
  const precedente = d.bailleur.attributionsHorsAssiettePrecedente;
  const lignes = ORDRE_HORS_ASSIETTE.map((e): Valeur[] => [
    CATEGORIES_HORS_ASSIETTE[e].categorie,
    CATEGORIES_HORS_ASSIETTE[e].motif,
    ...d.membres.map((m) =>
      (d.exclusions.get(m.resultat.id) ?? []).includes(e)
        ? (m.ventilation.horsAssiette.logements[e] ?? 0)
        : null,
    ),
    d.bailleur.attributionsHorsAssiette[e] ?? 0,
    ...(precedente ? [precedente[e] ?? 0] : []),
  ]);
  const colonne = (i: number): number =>
    sum(lignes.map((l) => (typeof l[i] === 'number' ? l[i] : 0)));
  const largeur = lignes[0]?.length ?? 2;
  return {
    id: 'hors-assiette',
    numero: '3',
    titre: 'Logements déduits de l’assiette',
    feuille: '3 Déductions',
    chapeau: `Logements du périmètre libérés au cours de l’année et déduits de l’assiette du flux de chaque convention au titre de l’article R. 441-5 I du code de la construction et de l’habitation, par catégorie ; puis les logements attribués hors du flux à ce titre dans l’année${precedente ? ` et au cours de l’année ${String(d.annee - 1)}` : ''}.`,
    colonnes: [
      { libelle: 'Catégorie', format: 'texte' },
      { libelle: 'Motif', format: 'texte' },
      ...d.membres.map((m): Colonne => ({
        libelle: m.libelle,
        format: 'entier',
        groupe: 'Logements déduits',
      })),
      {
        libelle: String(d.annee),
        format: 'entier',
        groupe: 'Attribués hors flux',
      },
      ...(precedente
        ? [
            {
              libelle: String(d.annee - 1),
              format: 'entier',
              groupe: 'Attribués hors flux',
            } as Colonne,
          ]
        : []),
    ],
    lignes,
    total: ['Total', '', ...Array.from({ length: largeur - 2 }, (_, i) => colonne(i + 2))],
    legende:
      '— : catégorie que la convention ne déduit pas de son assiette. Les ventes ne figurent que pour les relogements qu’elles entraînent (catégorie de l’article R. 441-5 I).',
  };
}

function libelleObjectif(o: ObjectifResultat, nomCommune: (code: string) => string): string {
  const libelle =
    o.libelle ??
    (o.territoire !== undefined
      ? o.echelle === 'commune'
        ? nomCommune(o.territoire)
        : o.territoire
      : '');
  return o.territoire !== undefined && o.libelle !== undefined && o.echelle === 'commune'
    ? `${libelle} (${o.territoire})`
    : libelle;
}

const STATUTS: Record<ObjectifResultat['statut'], string> = {
  atteint: 'atteint',
  en_retard: 'en retard',
  non_atteint: 'non atteint',
  en_deca: 'en deçà',
  sans_objet: 'sans objet',
};
const NATURES: Record<ObjectifResultat['nature'], string> = {
  contractuel: 'contractuel',
  uniforme_commune: 'part uniforme dans la commune',
  plancher_hors_qpv: 'plancher hors QPV',
  indicatif: 'indicatif',
};

/** 4. Contractual and indicative objectives of every convention. */
function tableauxObjectifs(d: DonneesBilan): Tableau[] {
  const tous = d.membres.flatMap((m) =>
    m.resultat.objectifs.map((o) => ({ m, o, libelle: libelleObjectif(o, d.nomCommune) })),
  );
  const contractuels = tous.filter((x) => x.o.nature !== 'indicatif');
  const indicatifs = tous.filter((x) => x.o.nature === 'indicatif');
  return [
    {
      id: 'objectifs-contractuels',
      numero: '4.1',
      titre: 'Objectifs contractuels',
      feuille: '4.1 Objectifs contractuels',
      chapeau:
        'La cible est la part stipulée appliquée au flux du territoire et des critères de l’objectif ; le réalisé est le nombre de logements décomptés qui y répondent.',
      colonnes: [
        { libelle: 'Réservataire', format: 'texte' },
        { libelle: 'Objectif', format: 'texte' },
        { libelle: 'Nature', format: 'texte' },
        { libelle: 'Flux', format: 'entier' },
        { libelle: 'Part', format: 'part' },
        { libelle: 'Cible', format: 'decimal' },
        { libelle: 'Réalisé', format: 'decimal' },
        { libelle: 'Écart (réalisé − cible)', format: 'decimal' },
        { libelle: 'Statut', format: 'texte' },
      ],
      lignes: contractuels.map(({ m, o, libelle }) => [
        m.libelle,
        libelle,
        NATURES[o.nature],
        o.flux ?? null,
        o.part,
        o.cible,
        o.realise,
        round(o.realise - o.cible),
        STATUTS[o.statut],
      ]),
    },
    {
      id: 'objectifs-indicatifs',
      numero: '4.2',
      titre: 'Objectifs indicatifs',
      feuille: '4.2 Objectifs indicatifs',
      chapeau:
        'Un objectif indicatif oriente les propositions sans engager les parties : la part réalisée est celle des logements décomptés au réservataire qui répondent à ses critères.',
      colonnes: [
        { libelle: 'Réservataire', format: 'texte' },
        { libelle: 'Objectif', format: 'texte' },
        { libelle: 'Part souhaitée', format: 'part' },
        { libelle: 'Part réalisée', format: 'part' },
        { libelle: 'Statut', format: 'texte' },
      ],
      lignes: indicatifs.map(({ m, o, libelle }) => [
        m.libelle,
        libelle,
        o.cible,
        o.realise,
        STATUTS[o.statut],
      ]),
    },
  ];
}

/** The R. 441-5-1 tables, in the document's order (sections 1 to 4). */
export function tableauxBilan(d: DonneesBilan): Tableau[] {
  return [
    tableauSynthese(d),
    ...dimensions(d.nomCommune).map((dim, i) => tableauDimension(d, dim, i)),
    tableauHorsAssiette(d),
    ...tableauxObjectifs(d),
  ];
}

/** Annex: the flats of one réservataire's conventions (flat ids and features, never a household). */
export function tableauDetail(
  libelle: string,
  detail: readonly DetailLogement[],
  nomCommune: (code: string) => string,
): Tableau {
  const periode = (code: string): string =>
    PERIODES_CONSTRUCTION.find((p) => p.code === code)?.libelle ?? code;
  return {
    id: 'annexe-logements',
    numero: 'A',
    titre: `Logements proposés et attribués – ${libelle}`,
    feuille: 'Annexe logements',
    chapeau:
      'Réservé au destinataire : chaque logement proposé ou attribué au réservataire au cours de l’année, ou décompté pour lui (un cycle ouvert une année antérieure y figure pour ses points de l’année), avec les décomptes de la convention.',
    colonnes: [
      { libelle: 'Logement', format: 'texte' },
      { libelle: 'Typ.', format: 'texte' },
      { libelle: 'Financement', format: 'texte' },
      { libelle: 'QPV', format: 'texte' },
      { libelle: 'Commune', format: 'texte' },
      { libelle: 'Construction', format: 'texte' },
      // The synthesis's words, unabbreviated: « Déc. » was read as the CALEOL's decisions.
      { libelle: 'Proposés', format: 'entier' },
      { libelle: 'Logements attribués', format: 'entier' },
      { libelle: 'Décisions d’attribution', format: 'entier' },
      { libelle: 'Baux signés', format: 'entier' },
      { libelle: 'Réalisé (points)', format: 'decimal' },
    ],
    lignes: detail.map((l) => [
      l.logement,
      l.typologie,
      l.financement,
      l.qpv ? 'QPV' : 'hors QPV',
      `${nomCommune(l.commune)} (${l.commune})`,
      periode(l.periode),
      l.proposes,
      l.attribues,
      l.decisions,
      l.baux,
      l.points,
    ]),
    total: [
      'Total',
      '',
      '',
      '',
      '',
      '',
      sum(detail.map((l) => l.proposes)),
      sum(detail.map((l) => l.attribues)),
      sum(detail.map((l) => l.decisions)),
      sum(detail.map((l) => l.baux)),
      sum(detail.map((l) => l.points)),
    ],
    legende:
      'Proposés : orientations du logement vers le réservataire ; Logements attribués : 1 si sa dernière attribution de l’année est celle du réservataire ; Décisions d’attribution : décisions de la CALEOL dans ses cycles (un logement attribué, refusé par le ménage puis attribué à nouveau en compte deux) ; Réalisé (points) : logements décomptés par la convention, dont le total est la colonne Réalisé de la synthèse.',
  };
}
