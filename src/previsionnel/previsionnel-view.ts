/**
 * Previsionnel → the strings the templates of templates/previsionnel/ print. Every number is
 * formatted here (French typography: decimal comma, narrow no-break spaces); templates only
 * arrange. `PREVISIONNEL_SHAPE` mirrors the type key for key, so templates are checked before
 * any rendering. The bilan prints the same view's sections (previsionnel-section.ts).
 */
import { CATEGORIES_HORS_ASSIETTE } from '../bilan/bilan-tableaux.js';
import { EXCLUSIONS, type Exclusion } from '../convention/convention.js';
import { libelle } from '../explain/libelles.js';
import { R441_5_DEDUCTIONS } from '../diagnostics/catalogue-previsionnel.js';
import { centiemes, dateLongue, nombre, pourcent } from '../render/typographie.js';
import type { ShapeOf } from '../render/view-model.js';
import type { Previsionnel } from './calculer-previsionnel.js';
import { sommeDeductions } from './deductions.js';

/** « Relogements – opération de … », as the bilan prints a deduction's category and motif. */
const libelleMotif = (m: Exclusion): string => {
  const c = CATEGORIES_HORS_ASSIETTE[m];
  return `${c.categorie} – ${c.motif}`;
};

/** The three categories of the forecast the bailleur communicates. */
export const CATEGORIES_PREVISION: readonly {
  code: 'ventes' | 'relogements' | 'mutations';
  libelle: string;
  motifs: readonly Exclusion[];
}[] = [
  { code: 'ventes', libelle: 'Ventes', motifs: ['relogement_vente'] },
  {
    code: 'relogements',
    libelle: 'Relogements',
    motifs: ['relogement_renouvellement_urbain', 'relogement_orcod', 'relogement_habitat_indigne'],
  },
  { code: 'mutations', libelle: 'Mutations', motifs: ['mutation_interne'] },
];

export interface LigneFluxView {
  commune: string;
  typologie: string;
  logements: string;
  liberations: string;
  taux: string;
  origine: string;
  brut: string;
  deduit: string;
  net: string;
}

export interface PrevisionnelView {
  modele: { nom: string; version: string; empreinte: string };
  document: {
    titre: string;
    annee: string;
    echeance: string;
    departement: string;
    generateur: string;
    projet: boolean;
    /** Only the parts (the section the bilan prints), no title page nor annexes. */
    section: boolean;
  };
  /**
   * The parts' headings: `<h2>` numbered « 1. » to « 6. » in the forecast's own document;
   * `<h3>` « 7.1 » to « 7.6 » when they are the sub-sections of section 7 of the bilan.
   */
  titres: { niveau: string; prefixe: string; suffixe: string };
  bailleur: { nom: string; siren: string };
  texte: { citation: string; source: string; resume: string };
  methode: { phrases: string[] };
  synthese: { cles: { libelle: string; valeur: string; note: string }[] };
  deductions: {
    categories: { libelle: string; nombre: string; detail: string }[];
    lignes: { categorie: string; motif: string; nombre: string; lieu: string; source: string }[];
    total: string;
    aucune: boolean;
  };
  communes: { commune: string; logements: string; brut: string; deduit: string; net: string }[];
  flux: { lignes: LigneFluxView[]; total: LigneFluxView };
  dus: {
    lignes: {
      reservataire: string;
      convention: string;
      part: string;
      territoire: string;
      exclusions: string;
      net: string;
      du: string;
    }[];
  };
  etatDesLieux: {
    lignes: {
      commune: string;
      reservataire: string;
      logements: string;
      droits: string;
      consommation: string;
    }[];
    communes: {
      commune: string;
      reservataires: string;
      logements: string;
      droits: string;
      consommation: string;
    }[];
    aucun: boolean;
  };
  fichiers: { role: string; nom: string; sha256: string }[];
}

const V = 'valeur' as const;
const LIGNE_FLUX: ShapeOf<LigneFluxView> = {
  commune: V,
  typologie: V,
  logements: V,
  liberations: V,
  taux: V,
  origine: V,
  brut: V,
  deduit: V,
  net: V,
};

export const PREVISIONNEL_SHAPE: ShapeOf<PrevisionnelView> = {
  modele: { nom: V, version: V, empreinte: V },
  document: {
    titre: V,
    annee: V,
    echeance: V,
    departement: V,
    generateur: V,
    projet: V,
    section: V,
  },
  titres: { niveau: V, prefixe: V, suffixe: V },
  bailleur: { nom: V, siren: V },
  texte: { citation: V, source: V, resume: V },
  methode: { phrases: [V] },
  synthese: { cles: [{ libelle: V, valeur: V, note: V }] },
  deductions: {
    categories: [{ libelle: V, nombre: V, detail: V }],
    lignes: [{ categorie: V, motif: V, nombre: V, lieu: V, source: V }],
    total: V,
    aucune: V,
  },
  communes: [{ commune: V, logements: V, brut: V, deduit: V, net: V }],
  flux: { lignes: [LIGNE_FLUX], total: LIGNE_FLUX },
  dus: {
    lignes: [
      {
        reservataire: V,
        convention: V,
        part: V,
        territoire: V,
        exclusions: V,
        net: V,
        du: V,
      },
    ],
  },
  etatDesLieux: {
    lignes: [{ commune: V, reservataire: V, logements: V, droits: V, consommation: V }],
    communes: [{ commune: V, reservataires: V, logements: V, droits: V, consommation: V }],
    aucun: V,
  },
  fichiers: [{ role: V, nom: V, sha256: V }],
};

const ORIGINES: Record<string, string> = {
  observe: 'observé',
  stipule: 'stipulé',
  defaut: 'défaut',
  inconnu: '—',
};

function methode(p: Previsionnel): string[] {
  const { anneesObservees: annees, anneesSource, tauxDefaut } = p.methode;
  const liste = annees.map(String).join(', ');
  const phrases = [
    'Méthode retenue par convflux (lecture retenue, non un texte) : pour chaque commune et ' +
      'typologie, le flux brut prévu est le nombre de logements du parc du bailleur dans le flux ' +
      '(hors logements gérés en stock) multiplié par un taux de rotation annuel.',
  ];
  if (annees.length)
    phrases.push(
      `Le taux est celui observé sur ${annees.length > 1 ? `les années ${liste}` : `l’année ${liste}`} ` +
        `(${anneesSource === 'fichier' ? 'années désignées par le bailleur comme complètes' : 'années des trois précédentes où le fichier d’événements compte des libérations'}) : ` +
        'libérations de la cellule divisées par ses logements et par le nombre d’années ; le flux ' +
        'brut prévu est donc le nombre moyen de libérations par année observée. Les premières ' +
        'mises en location ne sont pas de la rotation et n’y entrent pas.',
    );
  else
    phrases.push(
      'Aucune année précédente n’est observée : le taux est celui que les conventions stipulent ' +
        '(conversion_stock.taux_rotation, le plus précis pour la commune et la typologie)' +
        (tauxDefaut !== undefined
          ? `, à défaut celui que retient le bailleur (${pourcent(tauxDefaut)}).`
          : '.'),
    );
  phrases.push(
    'Les déductions prévues sont portées sur la commune et la typologie indiquées ; une ' +
      'déduction qui n’en indique pas est répartie entre les cellules qu’elle couvre au prorata ' +
      'du flux brut. Le flux net ne descend pas sous zéro. Les nombres sont arrondis au centième ' +
      'par cellule et les totaux sont les sommes des cellules.',
    'Le dû prévisionnel de chaque réservataire est sa part (celle que le moteur de décompte ' +
      'applique au 1er janvier, ou à la prise d’effet de sa convention dans l’année) multipliée ' +
      'par le flux net de son territoire, calculé avec les seules catégories que sa convention ' +
      'exclut de l’assiette.',
  );
  return phrases;
}

function lieu(d: { commune?: string; typologie?: string }, nom: (c: string) => string): string {
  const c = d.commune ? `${nom(d.commune)} (${d.commune})` : 'toutes communes';
  return d.typologie ? `${c}, ${d.typologie}` : c;
}

function vueDeductions(
  p: Previsionnel,
  nom: (c: string) => string,
): PrevisionnelView['deductions'] {
  const categorie = (m: Exclusion): string =>
    CATEGORIES_PREVISION.find((c) => c.motifs.includes(m))?.libelle ?? m;
  const lignes = p.deductions.map((d) => ({
    categorie: categorie(d.motif),
    motif: libelleMotif(d.motif),
    nombre: nombre(d.nombre),
    lieu: lieu(d, nom),
    source: d.source,
  }));
  const categories = CATEGORIES_PREVISION.map((c) => {
    const n = p.deductions
      .filter((d) => c.motifs.includes(d.motif))
      .reduce((s, d) => s + d.nombre, 0);
    return {
      libelle: c.libelle,
      nombre: nombre(n),
      detail: c.motifs.map(libelleMotif).join(' ; '),
    };
  });
  const total = p.deductions.reduce((s, d) => s + d.nombre, 0);
  return { categories, lignes, total: nombre(total), aucune: !p.deductions.length };
}

function vueFlux(p: Previsionnel, nom: (c: string) => string): PrevisionnelView['flux'] {
  const lignes = p.cellules.map((c) => ({
    commune: `${nom(c.commune)} (${c.commune})`,
    typologie: c.typologie,
    logements: nombre(c.logements, 0),
    liberations: nombre(c.liberations, 0),
    taux: pourcent(c.taux),
    origine: ORIGINES[c.origine] ?? c.origine,
    brut: centiemes(c.brutCentiemes),
    deduit: centiemes(sommeDeductions(c.deductions)),
    net: centiemes(c.netCentiemes),
  }));
  const sum = (f: (c: Previsionnel['cellules'][number]) => number): number =>
    p.cellules.reduce((s, c) => s + f(c), 0);
  const logements = sum((c) => c.logements);
  const liberations = sum((c) => c.liberations);
  const n = p.methode.anneesObservees.length;
  return {
    lignes,
    total: {
      commune: 'Total',
      typologie: '',
      logements: nombre(logements, 0),
      liberations: nombre(liberations, 0),
      taux: n && logements ? pourcent(liberations / (logements * n)) : '',
      origine: '',
      brut: centiemes(sum((c) => c.brutCentiemes)),
      deduit: centiemes(sum((c) => sommeDeductions(c.deductions))),
      net: centiemes(sum((c) => c.netCentiemes)),
    },
  };
}

function vueCommunes(p: Previsionnel, nom: (c: string) => string): PrevisionnelView['communes'] {
  const m = new Map<string, { logements: number; brut: number; deduit: number; net: number }>();
  for (const c of p.cellules) {
    const r = m.get(c.commune) ?? { logements: 0, brut: 0, deduit: 0, net: 0 };
    r.logements += c.logements;
    r.brut += c.brutCentiemes;
    r.deduit += sommeDeductions(c.deductions);
    r.net += c.netCentiemes;
    m.set(c.commune, r);
  }
  return [...m.entries()].map(([code, r]) => ({
    commune: `${nom(code)} (${code})`,
    logements: nombre(r.logements, 0),
    brut: centiemes(r.brut),
    deduit: centiemes(r.deduit),
    net: centiemes(r.net),
  }));
}

function vueDus(p: Previsionnel, nom: (c: string) => string): PrevisionnelView['dus'] {
  return {
    lignes: p.dus.map((d) => ({
      reservataire: d.reservataire.nom,
      convention: `${d.convention} (version ${String(d.version)})`,
      part: pourcent(d.part),
      territoire:
        d.communes.length <= 3
          ? d.communes.map((c) => nom(c.commune)).join(', ')
          : `${String(d.communes.length)} communes`,
      exclusions:
        d.exclusions.length === EXCLUSIONS.length
          ? 'toutes'
          : d.exclusions.length
            ? d.exclusions.map((m) => libelle(m, 'fr')).join(', ')
            : 'aucune',
      net: centiemes(d.fluxNetCentiemes),
      du: centiemes(d.duCentiemes),
    })),
  };
}

function vueEtatDesLieux(
  p: Previsionnel,
  nom: (c: string) => string,
): PrevisionnelView['etatDesLieux'] {
  const e = p.etatDesLieux;
  return {
    lignes: e.lignes.map((l) => ({
      commune: `${nom(l.commune)} (${l.commune})`,
      reservataire: l.reservataire.nom,
      logements: nombre(l.logements, 0),
      droits: centiemes(l.droitsCentiemes),
      consommation: centiemes(l.consommationAnneeCentiemes),
    })),
    communes: e.communes.map((c) => ({
      commune: `${nom(c.commune)} (${c.commune})`,
      reservataires: nombre(c.reservataires, 0),
      logements: nombre(c.logements, 0),
      droits: centiemes(c.droitsCentiemes),
      consommation: centiemes(c.consommationAnneeCentiemes),
    })),
    aucun: !e.lignes.length,
  };
}

export function buildPrevisionnelView(
  p: Previsionnel,
  o: {
    modele: PrevisionnelView['modele'];
    generateur: string;
    nomCommune: (code: string) => string;
    nomDepartement: string;
    section?: boolean;
    /** The bilan's section the parts are printed in (its number): `<h3>` sub-sections. */
    numero?: string;
  },
): PrevisionnelView {
  const nom = o.nomCommune;
  const an = String(p.annee);
  const flux = vueFlux(p, nom);
  const totalDus = p.dus.reduce((s, d) => s + d.duCentiemes, 0);
  const deductions = vueDeductions(p, nom);
  return {
    modele: o.modele,
    document: {
      titre: `Prévisionnel ${an} du flux et des logements déduits`,
      annee: an,
      echeance: dateLongue(`${an}-02-28`),
      departement: `${o.nomDepartement} (${p.departement})`,
      generateur: o.generateur,
      projet: false,
      section: o.section ?? false,
    },
    titres:
      o.numero !== undefined
        ? { niveau: '3', prefixe: `${o.numero}.`, suffixe: '' }
        : { niveau: '2', prefixe: '', suffixe: '.' },
    bailleur: { nom: p.bailleur.nom, siren: p.bailleur.siren },
    texte: {
      citation: R441_5_DEDUCTIONS.texte ?? '',
      source:
        'Texte lu le 2 décembre 2026 dans une copie non datée du code en vigueur, jusqu’aux mots ' +
        '« rénovation urbaine » ; la suite de l’alinéa n’a pas été lue.',
      resume:
        'Résumé retenu par convflux (la suite de l’article n’ayant pas été lue, ce n’est pas une ' +
        'citation) : avant le 28 février, le bailleur communique aux réservataires le nombre ' +
        'prévisionnel de logements ainsi déduits pour l’année, par catégorie ; en Île-de-France, ' +
        'une prévision du flux de l’année y est jointe.',
    },
    methode: { phrases: methode(p) },
    synthese: {
      cles: [
        { libelle: 'Flux brut prévu', valeur: flux.total.brut, note: 'logements' },
        { libelle: 'Déductions prévues', valeur: deductions.total, note: 'logements' },
        { libelle: 'Flux net prévu', valeur: flux.total.net, note: 'logements' },
        { libelle: 'Dus des réservataires', valeur: centiemes(totalDus), note: 'logements' },
      ],
    },
    deductions,
    communes: vueCommunes(p, nom),
    flux,
    dus: vueDus(p, nom),
    etatDesLieux: vueEtatDesLieux(p, nom),
    fichiers: p.fichiers.map((f) => ({ ...f })),
  };
}
