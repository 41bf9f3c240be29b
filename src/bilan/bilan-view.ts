/**
 * The data the bilan templates read (templates/bilan/): one convention's year, every text already
 * typeset in French (numbers `1 300`, shares `30 %`, dates `1er janvier 2025`), charts already
 * drawn (inline SVG from graphiques.ts). Templates only arrange; `BILAN_SHAPE` mirrors the type
 * key for key (the compiler checks it) so that templates are checked before any rendering.
 */
import { EXCLUSIONS, type Exclusion } from '../convention/convention.js';
import { dateLongue, FINE, nombre } from '../render/typographie.js';
import type { ConventionView, PartieView, ShapeOf } from '../render/view-model.js';
import type { Alerte, ConventionResultat, ObjectifResultat } from '../engine/evaluation.js';
import type { LigneVentilation, VentilationConvention } from './collecte.js';
import { barresHorizontales, type CategorieGraphique } from './graphiques.js';
import { PERIODES_CONSTRUCTION } from './periodes.js';

export interface ChiffreView {
  libelle: string;
  valeur: string;
  note: string;
}

export interface CompteView {
  libelle: string;
  proposes: string;
  attribues: string;
  baux: string;
  points: string;
}

export interface VentilationView {
  /** Sub-section number ("2.1"). */
  numero: string;
  /** "Par typologie". */
  titre: string;
  /** Heading of the first column ("Typologie"). */
  colonne: string;
  lignes: CompteView[];
  total: CompteView;
  graphique: string;
}

export interface DetailView {
  typologie: string;
  financement: string;
  qpv: string;
  commune: string;
  periode: string;
  proposes: string;
  attribues: string;
  baux: string;
  points: string;
}

export interface HorsAssietteView {
  categorie: string;
  /** "oui" when the convention excludes this category from its assiette. */
  exclue: string;
  logements: string;
  attributions: string;
}

export interface ObjectifView {
  nature: string;
  libelle: string;
  /** Flux of the territory and criteria (contractual), or "—". */
  flux: string;
  part: string;
  cible: string;
  realise: string;
  ecart: string;
  statut: string;
  /** CSS class of the status (atteint, retard, neutre). */
  classe: string;
}

export interface AlerteView {
  code: string;
  libelle: string;
  nombre: string;
  exemple: string;
}

export interface FichierView {
  role: string;
  nom: string;
  sha256: string;
  detail: string;
}

export interface BilanView {
  modele: { nom: string; version: string; empreinte: string };
  document: {
    titre: string;
    annee: string;
    id: string;
    version: number;
    /** "1 et 2" when several versions applied in the year. */
    versions: string;
    plusieursVersions: boolean;
    projet: boolean;
    statut: string;
    empreinte: string;
    empreinteCourte: string;
    yamlSha256: string;
    fichier: string;
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
  bailleur: PartieView;
  reservataire: PartieView & { typeLibelle: string };
  etat: boolean;
  perimetre: { departement: string; texte: string };
  /** `cles`: flux annuel, dû, réalisé, taux; `chiffres`: every figure of the year. */
  synthese: { cles: ChiffreView[]; chiffres: ChiffreView[]; graphique: string };
  ventilations: VentilationView[];
  detail: { lignes: DetailView[]; total: CompteView; vide: boolean; nombre: string };
  horsAssiette: {
    lignes: HorsAssietteView[];
    total: { logements: string; attributions: string };
    vide: boolean;
    graphique: string;
  };
  objectifs: {
    contractuels: ObjectifView[];
    indicatifs: ObjectifView[];
    aucunContractuel: boolean;
    aucunIndicatif: boolean;
    graphiqueContractuels: string;
    graphiqueIndicatifs: string;
  };
  alertes: { lignes: AlerteView[]; aucune: boolean; total: string };
  identification: { fichiers: FichierView[]; rejets: string; aucunRejet: boolean };
}

const V = 'valeur' as const;
const PARTIE: ShapeOf<PartieView> = {
  nom: V,
  designation: V,
  qualification: V,
  representation: V,
  representantAPreciser: V,
  feminin: V,
};
const COMPTE: ShapeOf<CompteView> = {
  libelle: V,
  proposes: V,
  attribues: V,
  baux: V,
  points: V,
};

export const BILAN_SHAPE: ShapeOf<BilanView> = {
  modele: { nom: V, version: V, empreinte: V },
  document: {
    titre: V,
    annee: V,
    id: V,
    version: V,
    versions: V,
    plusieursVersions: V,
    projet: V,
    statut: V,
    empreinte: V,
    empreinteCourte: V,
    yamlSha256: V,
    fichier: V,
    debut: V,
    dateArret: V,
    dateArretIso: V,
    provisoire: V,
    echeance: V,
    generateur: V,
  },
  bailleur: PARTIE,
  reservataire: { ...PARTIE, typeLibelle: V },
  etat: V,
  perimetre: { departement: V, texte: V },
  synthese: {
    cles: [{ libelle: V, valeur: V, note: V }],
    chiffres: [{ libelle: V, valeur: V, note: V }],
    graphique: V,
  },
  ventilations: [
    { numero: V, titre: V, colonne: V, lignes: [COMPTE], total: COMPTE, graphique: V },
  ],
  detail: {
    lignes: [
      {
        typologie: V,
        financement: V,
        qpv: V,
        commune: V,
        periode: V,
        proposes: V,
        attribues: V,
        baux: V,
        points: V,
      },
    ],
    total: COMPTE,
    vide: V,
    nombre: V,
  },
  horsAssiette: {
    lignes: [{ categorie: V, exclue: V, logements: V, attributions: V }],
    total: { logements: V, attributions: V },
    vide: V,
    graphique: V,
  },
  objectifs: {
    contractuels: [
      {
        nature: V,
        libelle: V,
        flux: V,
        part: V,
        cible: V,
        realise: V,
        ecart: V,
        statut: V,
        classe: V,
      },
    ],
    indicatifs: [
      {
        nature: V,
        libelle: V,
        flux: V,
        part: V,
        cible: V,
        realise: V,
        ecart: V,
        statut: V,
        classe: V,
      },
    ],
    aucunContractuel: V,
    aucunIndicatif: V,
    graphiqueContractuels: V,
    graphiqueIndicatifs: V,
  },
  alertes: { lignes: [{ code: V, libelle: V, nombre: V, exemple: V }], aucune: V, total: V },
  identification: {
    fichiers: [{ role: V, nom: V, sha256: V, detail: V }],
    rejets: V,
    aucunRejet: V,
  },
};

/** Categories of flats left out of the assiette (CCH art. R. 441-5 I), as printed. */
export const CATEGORIES_HORS_ASSIETTE: Record<Exclusion, string> = {
  mutation_interne: 'Mutations de locataires au sein du parc social du bailleur',
  relogement_renouvellement_urbain:
    'Relogements – opération de rénovation urbaine et ou de renouvellement urbain (loi n° 2003-710 du 1er août 2003)',
  relogement_orcod:
    'Relogements – opération de requalification de copropriétés dégradées (CCH, art. L. 741-1 et L. 741-2)',
  relogement_habitat_indigne:
    'Relogements en application des articles L. 521-3-1 à L. 521-3-3 du CCH',
  relogement_vente: 'Relogements – opération de vente de logements locatifs sociaux',
};

/** The same categories in the chart, where a label has room for about forty characters. */
const CATEGORIES_HORS_ASSIETTE_COURTES: Record<Exclusion, string> = {
  mutation_interne: 'Mutations au sein du parc social',
  relogement_renouvellement_urbain: 'Rénovation ou renouvellement urbain',
  relogement_orcod: 'Copropriétés dégradées (L. 741-1, L. 741-2)',
  relogement_habitat_indigne: 'Relogements (L. 521-3-1 à L. 521-3-3)',
  relogement_vente: 'Vente de logements locatifs sociaux',
};

const ALERTES: Record<string, string> = {
  DESIGNATION_HORS_DELAI: 'Désignation non faite dans le délai',
  VACANCE_SANS_ORIENTATION: 'Logement libéré non orienté dans le délai',
  OBJECTIF_EN_RETARD: 'Objectif en retard d’au moins un logement',
  OBJECTIF_NON_ATTEINT: 'Objectif non atteint sur l’année, d’au moins un logement',
  PUBLIC_PART_EN_RETARD: 'Part d’un public (L. 441-1) en retard d’au moins un logement',
  PUBLIC_PART_NON_ATTEINTE: 'Part d’un public (L. 441-1) non atteinte, d’au moins un logement',
  PUBLIC_HORS_ATTRIBUTION: 'Public indiqué hors d’une attribution de la CALEOL',
  PUBLIC_HORS_CONTINGENT: 'Public indiqué sur une attribution hors contingent',
  PUBLIC_QUARTILE_EN_QPV: 'Premier quartile hors QPV indiqué pour un logement en QPV',
  EVENEMENT_DESORDONNE: 'Événements dans un ordre inattendu',
  EVENEMENT_APRES_FIN: 'Événement après la fin de la convention',
  EVENEMENT_AVANT_DEBUT: 'Événement avant le début de la convention',
  EVENEMENT_HORS_CYCLE: 'Événement hors de tout cycle d’orientation',
  DESIGNATION_HORS_CYCLE: 'Désignation hors de tout cycle d’orientation',
  ORIENTATION_EN_DOUBLE: 'Orientation en double',
  REORIENTATION_AVANT_EXPIRATION: 'Réorientation avant l’expiration du délai de désignation',
  REPRISE_AVANT_EXPIRATION: 'Reprise avant l’expiration du délai de désignation',
  ORIENTATION_LOGEMENT_STOCK: 'Orientation d’un logement géré en stock',
  CONVENTION_NON_SIGNEE: 'Convention non signée (projet) : résultats indicatifs',
};

const STATUTS: Record<ObjectifResultat['statut'], { texte: string; classe: string }> = {
  atteint: { texte: 'atteint', classe: 'atteint' },
  en_retard: { texte: 'en retard', classe: 'retard' },
  non_atteint: { texte: 'non atteint', classe: 'retard' },
  en_deca: { texte: 'en deçà', classe: 'retard' },
  sans_objet: { texte: 'sans objet', classe: 'neutre' },
};

const NATURES: Record<ObjectifResultat['nature'], string> = {
  contractuel: 'contractuel',
  uniforme_commune: 'part uniforme dans la commune',
  plancher_hors_qpv: 'plancher hors QPV',
  indicatif: 'indicatif',
};

/** Chart colours: the documents' navy, a lighter blue, and the status colours. */
export const COULEURS = {
  proposes: '#14233c',
  attribues: '#6b93c4',
  cible: '#c3cad3',
  atteint: '#2f6f47',
  retard: '#b0502a',
  du: '#8a96a6',
  realise: '#14233c',
  neutre: '#6b7380',
};

const TYPOLOGIES = ['T1', 'T2', 'T3', 'T4', 'T5', 'T6'] as const;
const FINANCEMENTS = ['PLAI', 'PLUS', 'PLS', 'PLI'] as const;

export interface BilanContext {
  annee: number;
  /** Evaluation date (AAAA-MM-JJ). */
  date: string;
  /** The view of the convention version the bilan reports (parties, hashes, file). */
  convention: ConventionView;
  /** Assiette exclusions of that version (its `assiette.exclusions`, or every one by default). */
  exclusions: readonly Exclusion[];
  nomCommune: (code: string) => string;
  modele: { nom: string; version: string; empreinte: string };
  generateur: string;
  /** Input files and the CSV delivered with the document. */
  fichiers: FichierView[];
  /** Rows of the input files that were not used (whole evaluation). */
  rejets: number;
}

const n = (x: number): string => nombre(x);
/** A share as printed in the bilan: one decimal ("36,8 %"). */
export const pct = (x: number): string => `${nombre(x * 100, 1)}${FINE}%`;

function compte(libelle: string, lignes: readonly LigneVentilation[]): CompteView {
  const sum = (k: 'proposes' | 'attribues' | 'baux' | 'points'): number =>
    lignes.reduce((s, l) => s + l[k], 0);
  return {
    libelle,
    proposes: n(sum('proposes')),
    attribues: n(sum('attribues')),
    baux: n(sum('baux')),
    points: n(Math.round(sum('points') * 1e6) / 1e6),
  };
}

function ventilationPar(
  titre: string,
  colonne: string,
  lignes: readonly LigneVentilation[],
  /** `court`: the label in the chart, when the table's is too long for it. */
  groupes: readonly { code: string; libelle: string; court?: string }[],
  cle: (l: LigneVentilation) => string,
): VentilationView {
  const rows = groupes.map((g) =>
    compte(
      g.libelle,
      lignes.filter((l) => cle(l) === g.code),
    ),
  );
  const categories: CategorieGraphique[] = groupes.map((g) => {
    const ls = lignes.filter((l) => cle(l) === g.code);
    return {
      libelle: g.court ?? g.libelle,
      valeurs: [ls.reduce((s, l) => s + l.proposes, 0), ls.reduce((s, l) => s + l.attribues, 0)],
    };
  });
  return {
    numero: '',
    titre,
    colonne,
    lignes: rows,
    total: compte('Total', lignes),
    graphique: barresHorizontales({
      titre: `Logements proposés et attribués, ${titre.toLowerCase()}`,
      series: [
        { nom: 'proposés', couleur: COULEURS.proposes },
        { nom: 'attribués', couleur: COULEURS.attribues },
      ],
      categories,
      minimum: 1,
      largeur: 330,
      police: 12.5,
    }),
  };
}

function objectifView(o: ObjectifResultat, nomCommune: (code: string) => string): ObjectifView {
  const statut = STATUTS[o.statut];
  const indicatif = o.nature === 'indicatif';
  const libelle =
    o.libelle ??
    (o.territoire !== undefined
      ? o.echelle === 'commune'
        ? nomCommune(o.territoire)
        : o.territoire
      : '');
  const territoire =
    o.territoire !== undefined && o.libelle !== undefined && o.echelle === 'commune'
      ? ` (${o.territoire})`
      : '';
  return {
    nature: NATURES[o.nature],
    libelle: `${libelle}${territoire}`,
    flux: o.flux !== undefined ? n(o.flux) : '—',
    part: pct(o.part),
    cible: indicatif ? pct(o.cible) : n(o.cible),
    realise: indicatif ? pct(o.realise) : n(o.realise),
    ecart: indicatif
      ? `${o.realise - o.cible >= 0 ? '+' : ''}${nombre((o.realise - o.cible) * 100, 1)}${FINE}pts`
      : `${o.realise - o.cible >= 0 ? '+' : ''}${n(o.realise - o.cible)}`,
    statut: statut.texte,
    classe: statut.classe,
  };
}

function alertes(list: readonly Alerte[]): { lignes: AlerteView[]; total: number } {
  const byCode = new Map<string, Alerte[]>();
  for (const a of list) (byCode.get(a.code) ?? byCode.set(a.code, []).get(a.code))?.push(a);
  const lignes = [...byCode]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([code, as]) => {
      const first = as[0];
      const objectif = first?.params['objectif'];
      const exemple = first?.logement
        ? `logement ${first.logement}, ${dateLongue(first.date)}`
        : typeof objectif === 'string' && objectif
          ? `objectif « ${objectif} »`
          : '—';
      return { code, libelle: ALERTES[code] ?? code, nombre: n(as.length), exemple };
    });
  return { lignes, total: list.length };
}

/** The view of one convention's bilan. */
export function buildBilanView(
  c: ConventionResultat,
  v: VentilationConvention,
  ctx: BilanContext,
): BilanView {
  const cv = ctx.convention;
  const lignes = v.lignes;
  const fin = `${String(ctx.annee)}-12-31`;
  const refus = c.refus.candidat + c.refus.caleol + c.refus.reservataire + c.refus.bailleur;
  const horsAssiette = EXCLUSIONS.map((e) => ({
    code: e,
    logements: v.horsAssiette.logements[e] ?? 0,
    attributions: v.horsAssiette.attributions[e] ?? 0,
  }));
  const totalHa = horsAssiette.reduce((s, h) => s + h.logements, 0);
  const totalHaAttr = horsAssiette.reduce((s, h) => s + h.attributions, 0);

  const communes = [...new Set(lignes.map((l) => l.commune))].sort();
  const ventilations = [
    ventilationPar(
      'Par typologie',
      'Typologie',
      lignes,
      TYPOLOGIES.map((t) => ({ code: t, libelle: t })),
      (l) => l.typologie,
    ),
    ventilationPar(
      'Par financement',
      'Financement',
      lignes,
      FINANCEMENTS.map((f) => ({ code: f, libelle: f })),
      (l) => l.financement,
    ),
    ventilationPar(
      'Selon la localisation en QPV',
      'Localisation',
      lignes,
      [
        { code: 'true', libelle: 'En QPV' },
        { code: 'false', libelle: 'Hors QPV' },
      ],
      (l) => String(l.qpv),
    ),
    ventilationPar(
      'Par commune',
      'Commune',
      lignes,
      communes.map((code) => ({
        code,
        libelle: `${ctx.nomCommune(code)} (${code})`,
        court: ctx.nomCommune(code),
      })),
      (l) => l.commune,
    ),
    ventilationPar(
      'Par période de construction',
      'Période de construction',
      lignes,
      PERIODES_CONSTRUCTION.map((p) => ({ code: p.code, libelle: p.libelle })),
      (l) => l.periode,
    ),
  ].map((v, i) => ({ ...v, numero: `2.${String(i + 1)}` }));

  const contractuels = c.objectifs.filter((o) => o.nature !== 'indicatif');
  const indicatifs = c.objectifs.filter((o) => o.nature === 'indicatif');
  const libelleObjectif = (o: ObjectifResultat): string => objectifView(o, ctx.nomCommune).libelle;
  const couleurStatut = (o: ObjectifResultat): string =>
    o.statut === 'atteint'
      ? COULEURS.atteint
      : o.statut === 'sans_objet'
        ? COULEURS.neutre
        : COULEURS.retard;
  /** Legend entries for the status colours that the chart uses besides « atteint ». */
  const legendeStatuts = (
    objectifs: readonly ObjectifResultat[],
    retard: string,
  ): { nom: string; couleur: string }[] => [
    ...(objectifs.some((o) => o.statut !== 'atteint' && o.statut !== 'sans_objet')
      ? [{ nom: retard, couleur: COULEURS.retard }]
      : []),
    ...(objectifs.some((o) => o.statut === 'sans_objet')
      ? [{ nom: 'sans objet', couleur: COULEURS.neutre }]
      : []),
  ];
  /** Target and achieved bars for each objective, coloured by status ('' without objectives). */
  const graphiqueObjectifs = (
    objectifs: readonly ObjectifResultat[],
    noms: { titre: string; cible: string; atteint: string; retard: string; parts?: boolean },
  ): string =>
    objectifs.length
      ? barresHorizontales({
          titre: noms.titre,
          series: [
            { nom: noms.cible, couleur: COULEURS.cible },
            { nom: noms.atteint, couleur: COULEURS.atteint },
          ],
          legende: legendeStatuts(objectifs, noms.retard),
          categories: objectifs.map((o) => ({
            libelle: libelleObjectif(o),
            valeurs: [o.cible, o.realise],
            couleurs: [undefined, couleurStatut(o)],
          })),
          ...(noms.parts ? { format: pct, entiers: false } : {}),
          minimum: 1,
        })
      : '';
  const al = alertes(c.alertes);
  const versions = c.versions.length ? c.versions : [c.version];
  const listeVersions =
    versions.length > 1
      ? `${versions.slice(0, -1).join(', ')} et ${String(versions[versions.length - 1])}`
      : String(versions[0]);

  return {
    modele: ctx.modele,
    document: {
      titre: `Bilan annuel des attributions — année ${String(ctx.annee)}`,
      annee: String(ctx.annee),
      id: c.id,
      version: c.version,
      versions: listeVersions,
      plusieursVersions: versions.length > 1,
      projet: c.statut === 'projet',
      statut: c.statut === 'projet' ? 'projet, non signée' : 'signée',
      empreinte: cv.document.empreinte,
      empreinteCourte: cv.document.empreinteCourte,
      yamlSha256: cv.document.yamlSha256,
      fichier: cv.document.fichier,
      debut: dateLongue(`${String(ctx.annee)}-01-01`),
      dateArret: dateLongue(ctx.date),
      dateArretIso: ctx.date,
      provisoire: ctx.date < fin,
      echeance: dateLongue(`${String(ctx.annee + 1)}-02-28`),
      generateur: ctx.generateur,
    },
    bailleur: cv.bailleur,
    reservataire: cv.reservataire,
    etat: cv.type.etat,
    perimetre: { departement: cv.perimetre.departement, texte: cv.perimetre.texte },
    synthese: {
      cles: [
        { libelle: 'Flux annuel', valeur: n(c.flux_annuel), note: 'logements libérés' },
        { libelle: 'Dû', valeur: n(c.du), note: `part de ${pct(c.part)}` },
        { libelle: 'Réalisé', valeur: n(c.realise), note: 'logements décomptés' },
        {
          libelle: 'Taux d’atteinte',
          valeur: c.taux === null ? '—' : pct(c.taux),
          note: 'réalisé / dû',
        },
      ],
      chiffres: [
        {
          libelle: 'Logements libérés entrant dans l’assiette (flux annuel)',
          valeur: n(c.flux_annuel),
          note: 'logements du périmètre libérés dans l’année, hors stock et hors exclusions de l’assiette',
        },
        {
          libelle: 'Part réservée',
          valeur: pct(c.part),
          note: `version ${String(c.version)} de la convention`,
        },
        {
          libelle: 'Droits de l’année (dû)',
          valeur: n(c.du),
          note: 'somme, pour chaque logement libéré, de la part en vigueur à sa libération',
        },
        {
          libelle: 'Réalisé (logements décomptés)',
          valeur: n(c.realise),
          note: 'points décomptés dans l’année selon les stipulations de décompte',
        },
        {
          libelle: 'Taux d’atteinte',
          valeur: c.taux === null ? 'sans objet' : pct(c.taux),
          note: 'réalisé rapporté au dû',
        },
        {
          libelle: 'Logements proposés (orientations)',
          valeur: n(c.orientations),
          note: 'logements orientés vers le réservataire dans l’année',
        },
        { libelle: 'Désignations de candidats', valeur: n(c.designations), note: '' },
        {
          libelle: 'Logements attribués (CALEOL)',
          valeur: n(c.logements_attribues ?? c.attributions),
          note: 'un logement attribué plusieurs fois dans l’année compte une fois',
        },
        {
          libelle: 'Décisions d’attribution (CALEOL)',
          valeur: n(c.attributions),
          note: 'décisions d’attribution de la commission dans l’année',
        },
        { libelle: 'Baux signés', valeur: n(c.baux), note: '' },
        {
          libelle: 'Refus',
          valeur: n(refus),
          note: `candidat ${n(c.refus.candidat)}, CALEOL ${n(c.refus.caleol)}, réservataire ${n(c.refus.reservataire)}, bailleur ${n(c.refus.bailleur)}`,
        },
        {
          libelle: 'Logements repris par le bailleur pour un tour',
          valeur: n(c.reprises),
          note: '',
        },
        {
          libelle: 'Logements déduits de l’assiette',
          valeur: n(c.hors_assiette),
          note: 'voir la partie 3',
        },
      ],
      graphique: barresHorizontales({
        titre: `Droits et réalisations de l’année ${String(ctx.annee)}`,
        series: [{ nom: 'logements', couleur: COULEURS.realise }],
        categories: [
          { libelle: 'Dû', valeurs: [c.du], couleurs: [COULEURS.du] },
          { libelle: 'Réalisé', valeurs: [c.realise] },
          { libelle: 'Proposés', valeurs: [c.orientations] },
          {
            libelle: 'Attribués',
            valeurs: [c.logements_attribues ?? c.attributions],
            couleurs: [COULEURS.attribues],
          },
          { libelle: 'Baux signés', valeurs: [c.baux], couleurs: [COULEURS.attribues] },
        ],
        minimum: 1,
      }),
    },
    ventilations,
    detail: {
      lignes: lignes.map((l) => ({
        typologie: l.typologie,
        financement: l.financement,
        qpv: l.qpv ? 'QPV' : 'hors QPV',
        commune: `${ctx.nomCommune(l.commune)} (${l.commune})`,
        periode: PERIODES_CONSTRUCTION.find((p) => p.code === l.periode)?.libelle ?? l.periode,
        proposes: n(l.proposes),
        attribues: n(l.attribues),
        baux: n(l.baux),
        points: n(l.points),
      })),
      total: compte('Total', lignes),
      vide: lignes.length === 0,
      nombre: n(lignes.length),
    },
    horsAssiette: {
      lignes: horsAssiette.map((h) => ({
        categorie: CATEGORIES_HORS_ASSIETTE[h.code],
        exclue: ctx.exclusions.includes(h.code) ? 'oui' : 'non',
        logements: n(h.logements),
        attributions: n(h.attributions),
      })),
      total: { logements: n(totalHa), attributions: n(totalHaAttr) },
      vide: totalHa === 0,
      graphique:
        totalHa === 0
          ? ''
          : barresHorizontales({
              titre: 'Logements déduits de l’assiette, par catégorie',
              series: [
                { nom: 'logements déduits', couleur: COULEURS.proposes },
                { nom: 'dont attribués', couleur: COULEURS.attribues },
              ],
              categories: horsAssiette
                .filter((h) => h.logements > 0)
                .map((h) => ({
                  libelle: CATEGORIES_HORS_ASSIETTE_COURTES[h.code],
                  valeurs: [h.logements, h.attributions],
                })),
              minimum: 1,
            }),
    },
    objectifs: {
      contractuels: contractuels.map((o) => objectifView(o, ctx.nomCommune)),
      indicatifs: indicatifs.map((o) => objectifView(o, ctx.nomCommune)),
      aucunContractuel: contractuels.length === 0,
      aucunIndicatif: indicatifs.length === 0,
      graphiqueContractuels: graphiqueObjectifs(contractuels, {
        titre: 'Objectifs contractuels : cible et réalisé',
        cible: 'cible',
        atteint: 'réalisé, objectif atteint',
        retard: 'réalisé, objectif non atteint',
      }),
      graphiqueIndicatifs: graphiqueObjectifs(indicatifs, {
        titre: 'Objectifs indicatifs : part souhaitée et part réalisée',
        cible: 'part souhaitée',
        atteint: 'part réalisée, atteinte',
        retard: 'part réalisée, en deçà',
        parts: true,
      }),
    },
    alertes: { lignes: al.lignes, aucune: al.total === 0, total: n(al.total) },
    identification: {
      fichiers: ctx.fichiers,
      rejets: n(ctx.rejets),
      aucunRejet: ctx.rejets === 0,
    },
  };
}
