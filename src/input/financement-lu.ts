import type { Financement } from '../convention/convention.js';

/**
 * A flat's financing as a bailleur's files write it — the parc's four categories (PLAI, PLUS,
 * PLS, PLI) or a value of the RPLS nomenclature of the « financement initial du logement », by
 * its code or its label — read as one of the parc's four.
 *
 * The nomenclature (codes and labels) is the regulation's: arrêté du 5 janvier 2010 pris en
 * application de l'article R. 411-3 du CCH, article 3, tableau 2 « Format des enregistrements
 * logement », position 32 « Financement initial du logement locatif social » (read in the
 * repository etalab/lois-non-codifiees-et-reglements-francais, file
 * arrete/2010/arrete-du-5-janvier-2010-devu0929020a/article-3.md, version of 64 positions, consulted 5 December 2026; its annex, « 32. Financement
 * initial du logement », gives the same list in words). Other spellings of the same labels (« PLA
 * LM/PLATS/PLA Insertion (LLSS dans les DOM) », « PLUS/LLS dans les DOM », « PCL conventionné ou
 * non »…) were seen in another version of that article and in third-party code reading the
 * open-data file's FINAN_LIBELLE: NOT verified against the file itself.
 *
 * Which of the four each one is read as is NOT law: it is convflux's reading (`lu` below, with
 * its reason), a parameter of this file. The regulation leaves that correspondence to each
 * bailleur's convention d'utilité sociale (RPLS position 47, « Le cas échéant, plafond de
 * ressources correspondant au titre de la CUS » : « 11 : PLAI », « 13 : PLUS », « 14 : PLS »,
 * « 16 : PLI »); the reading here is the default where the file does not give it. A value with
 * no reading (`lu` undefined: PAP locatif, prêts spéciaux du CFF, autre financement) or unknown
 * stays refused by the parc's check, quoting it, with the list of the four.
 */
export interface FinancementRpls {
  /** The nomenclature's code (position 32). */
  code: string;
  /** The nomenclature's label, as the arrêté's table writes it. */
  libelle: string;
  /** convflux's reading; undefined: none (the row is refused). */
  lu: Financement | undefined;
  /** Why (French, shown in the README's table). */
  raison: string;
  /** Other spellings of the same value (any case, accents, spaces and punctuation aside). */
  graphies: readonly string[];
}

export const FINANCEMENTS_RPLS: readonly FinancementRpls[] = [
  {
    code: '10',
    libelle: "PLA d'intégration (LLTS dans les DOM)",
    lu: 'PLAI',
    raison: 'le prêt locatif aidé d’intégration, que le PLAI continue sous le même nom',
    graphies: ["PLA d'intégration", 'PLA intégration', 'PLA-I', 'LLTS'],
  },
  {
    code: '11',
    libelle: 'PLA loyer minoré/PLA très social/PLA insertion',
    lu: 'PLAI',
    raison:
      'les PLA à loyer minoré, très sociaux ou d’insertion, logements des ménages aux plus faibles ressources ; la position 47 de RPLS note d’ailleurs 11 le plafond PLAI',
    graphies: [
      'PLA loyer minoré/PLA très social/PLA insertion (LLSS dans les DOM)',
      'PLA LM/PLATS/PLA Insertion (LLSS dans les DOM)',
      'PLA LM/PLATS/PLA Insertion',
      'PLA loyer minoré',
      'PLA LM',
      'PLA très social',
      'PLA TS',
      'PLA insertion',
      'LLSS',
    ],
  },
  {
    code: '12',
    libelle: 'PLA ordinaire',
    lu: 'PLUS',
    raison: 'le PLUS a remplacé le PLA (décret n° 99-794 du 14 septembre 1999)',
    graphies: ['PLA social/PLA ordinaire', 'PLA social', 'PLA'],
  },
  {
    code: '13',
    libelle: 'PLUS (LLS dans les DOM)',
    lu: 'PLUS',
    raison: 'le PLUS lui-même',
    graphies: ['PLUS', 'LLS'],
  },
  {
    code: '14',
    libelle: 'PLS/PPLS/PCLS/PLA CFF',
    lu: 'PLS',
    raison: 'le PLS et les prêts que la nomenclature range avec lui',
    graphies: ['PLS/PPLS/PCLS-CFF/PLA CFF', 'PLS', 'PPLS', 'PCLS', 'PCLS-CFF', 'PLA CFF'],
  },
  {
    code: '15',
    libelle: 'PAP locatif',
    lu: undefined,
    raison: 'aucune des quatre catégories ne se déduit de la nomenclature',
    graphies: [],
  },
  {
    code: '16',
    libelle: 'PLI',
    lu: 'PLI',
    raison: 'le PLI lui-même',
    graphies: [],
  },
  {
    code: '17',
    libelle: 'PCL (conventionné ou non)',
    lu: 'PLS',
    raison:
      'prêt conventionné locatif, lu comme le PLS avec lequel le code 14 range le PCLS (rapprochement de convflux)',
    graphies: ['PCL conventionné ou non', 'PCL conventionné', 'PCL non conventionné', 'PCL'],
  },
  {
    code: '49',
    libelle: 'autre financement',
    lu: undefined,
    raison: 'la nomenclature ne dit pas lequel (son libellé est dans une autre colonne)',
    graphies: [],
  },
  {
    code: '50',
    libelle: 'HBM',
    lu: 'PLUS',
    raison: 'habitation à bon marché, logement HLM d’avant 1977 : plafonds de ressources HLM',
    graphies: [],
  },
  {
    code: '51',
    libelle: 'PLR/PSR',
    lu: 'PLUS',
    raison:
      'programmes à loyer réduit et sociaux de relogement, logements HLM d’avant 1977 : plafonds de ressources HLM',
    graphies: ['PLR', 'PSR'],
  },
  {
    code: '52',
    libelle: 'HLM/O',
    lu: 'PLUS',
    raison: 'HLM ordinaire d’avant 1977 : plafonds de ressources HLM',
    graphies: ['HLM ordinaire'],
  },
  {
    code: '53',
    libelle: 'ILM',
    lu: 'PLI',
    raison:
      'immeuble à loyer moyen, pour des ménages au-dessus des plafonds HLM : logement intermédiaire',
    graphies: [],
  },
  {
    code: '54',
    libelle: 'ILN',
    lu: 'PLI',
    raison:
      'immeuble à loyer normal, pour des ménages au-dessus des plafonds HLM : logement intermédiaire',
    graphies: [],
  },
  {
    code: '55',
    libelle: 'prêts spéciaux du CFF',
    lu: undefined,
    raison: 'aucune des quatre catégories ne se déduit de la nomenclature',
    graphies: ['prêt spécial du CFF', 'prêts spéciaux CFF'],
  },
  {
    code: '99',
    libelle: 'autre financement',
    lu: undefined,
    raison: 'la nomenclature ne dit pas lequel (son libellé est dans une autre colonne)',
    graphies: [],
  },
];

const QUATRE: readonly Financement[] = ['PLAI', 'PLUS', 'PLS', 'PLI'];

/**
 * A spelling's key: upper case, without accents, letters and digits only — « HLM/O », « HLM O »
 * and « hlmo » are one, as are « PLA d’intégration » and « PLA D'INTEGRATION ».
 */
function cle(v: string): string {
  return v
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '');
}

/** Every spelling's key → the entry (code, label, other spellings). */
const PAR_CLE: ReadonlyMap<string, FinancementRpls> = (() => {
  const m = new Map<string, FinancementRpls>();
  for (const f of FINANCEMENTS_RPLS)
    for (const g of [f.code, f.libelle, ...f.graphies]) if (!m.has(cle(g))) m.set(cle(g), f);
  return m;
})();

/**
 * The parc's financing a file's value names, or undefined when it names none: one of the four
 * as such; else a value of the RPLS nomenclature (code or label) that convflux reads as one
 * (FINANCEMENTS_RPLS); else the first of PLAI, PLUS, PLS, PLI found as a word in the value
 * (« PLAI — construction neuve »).
 */
export function financementLu(valeur: string): Financement | undefined {
  const v = valeur.trim();
  if ((QUATRE as readonly string[]).includes(v)) return v as Financement;
  const rpls = PAR_CLE.get(cle(v));
  if (rpls) return rpls.lu;
  const haut = v.toUpperCase();
  return QUATRE.find((x) => new RegExp(`\\b${x}\\b`).test(haut));
}
