/**
 * The forecast's tables, once, as typed columns and rows: each becomes a CSV (RFC 4180, comma,
 * dot decimals, the column keys as header, like `evaluate --out`) and a sheet of the workbook
 * (the column labels as header, numbers as numbers with French-readable formats). Counts of
 * flats are given to the hundredth, as computed (previsionnel.ts rounds each cell).
 */
import { EXCLUSIONS } from '../convention/convention.js';
import type { Previsionnel } from './calculer-previsionnel.js';
import { CATEGORIES_PREVISION } from './previsionnel-view.js';

export type TypeColonne = 'texte' | 'entier' | 'decimal' | 'taux';

export interface Colonne {
  cle: string;
  libelle: string;
  type: TypeColonne;
}

export interface Tableau {
  /** Sheet name, and suffix of the CSV file ('' for the main CSV). */
  feuille: string;
  suffixe: string;
  colonnes: Colonne[];
  lignes: (string | number)[][];
}

const col = (cle: string, libelle: string, type: TypeColonne = 'texte'): Colonne => ({
  cle,
  libelle,
  type,
});
const c2 = (centiemes: number): number => centiemes / 100;

function tableauFlux(p: Previsionnel, nom: (c: string) => string): Tableau {
  const annees = p.methode.anneesObservees.join(' ');
  return {
    feuille: 'Flux par commune × typologie',
    suffixe: '',
    colonnes: [
      col('annee', 'Année', 'entier'),
      col('commune', 'Commune (INSEE)'),
      col('nom_commune', 'Commune'),
      col('typologie', 'Typologie'),
      col('logements', 'Logements du flux', 'entier'),
      col('annees_observees', 'Années observées'),
      col('liberations_observees', 'Libérations observées', 'entier'),
      col('taux_rotation', 'Taux de rotation', 'taux'),
      col('origine_taux', 'Origine du taux'),
      col('convention_taux', 'Convention du taux stipulé'),
      col('flux_brut', 'Flux brut prévu', 'decimal'),
      ...EXCLUSIONS.map((m) => col(`deduit_${m}`, `Déduit : ${m}`, 'decimal')),
      col('flux_net', 'Flux net prévu', 'decimal'),
    ],
    lignes: p.cellules.map((c) => [
      p.annee,
      c.commune,
      nom(c.commune),
      c.typologie,
      c.logements,
      annees,
      c.liberations,
      Math.round(c.taux * 1e6) / 1e6,
      c.origine,
      c.convention ?? '',
      c2(c.brutCentiemes),
      ...EXCLUSIONS.map((m) => c2(c.deductions[m] ?? 0)),
      c2(c.netCentiemes),
    ]),
  };
}

function tableauDeductions(p: Previsionnel): Tableau {
  const categorie = (m: string): string =>
    CATEGORIES_PREVISION.find((c) => (c.motifs as readonly string[]).includes(m))?.code ?? m;
  return {
    feuille: 'Déductions prévues',
    suffixe: '-deductions',
    colonnes: [
      col('annee', 'Année', 'entier'),
      col('categorie', 'Catégorie'),
      col('motif', 'Motif'),
      col('commune', 'Commune (INSEE)'),
      col('typologie', 'Typologie'),
      col('nombre', 'Logements prévus', 'decimal'),
      col('source', 'Document source'),
    ],
    lignes: p.deductions.map((d) => [
      p.annee,
      categorie(d.motif),
      d.motif,
      d.commune ?? '',
      d.typologie ?? '',
      d.nombre,
      d.source,
    ]),
  };
}

function tableauDus(p: Previsionnel, nom: (c: string) => string): Tableau {
  return {
    feuille: 'Dus prévisionnels',
    suffixe: '-dus',
    colonnes: [
      col('annee', 'Année', 'entier'),
      col('convention', 'Convention'),
      col('version', 'Version', 'entier'),
      col('reservataire', 'Réservataire (id)'),
      col('nom_reservataire', 'Réservataire'),
      col('part', 'Part', 'taux'),
      col('commune', 'Commune (INSEE)'),
      col('nom_commune', 'Commune'),
      col('flux_net', 'Flux net du territoire', 'decimal'),
      col('du', 'Dû prévisionnel', 'decimal'),
    ],
    lignes: p.dus.flatMap((d) =>
      d.communes.map((c) => [
        p.annee,
        d.convention,
        d.version,
        d.reservataire.id,
        d.reservataire.nom,
        d.part,
        c.commune,
        nom(c.commune),
        c2(c.fluxNetCentiemes),
        c2(c.duCentiemes),
      ]),
    ),
  };
}

function tableauEtatDesLieux(p: Previsionnel, nom: (c: string) => string): Tableau {
  return {
    feuille: 'État des lieux agrégé',
    suffixe: '-etat-des-lieux',
    colonnes: [
      col('annee', 'Année', 'entier'),
      col('commune', 'Commune (INSEE)'),
      col('nom_commune', 'Commune'),
      col('convention', 'Convention'),
      col('reservataire', 'Réservataire (id)'),
      col('nom_reservataire', 'Réservataire'),
      col('logements', 'Logements', 'entier'),
      col('droits_uniques', 'Droits uniques', 'decimal'),
      col('consommation_annee', 'Consommation prévue dans l’année', 'decimal'),
    ],
    lignes: p.etatDesLieux.lignes.map((l) => [
      p.annee,
      l.commune,
      nom(l.commune),
      l.convention,
      l.reservataire.id,
      l.reservataire.nom,
      l.logements,
      c2(l.droitsCentiemes),
      c2(l.consommationAnneeCentiemes),
    ]),
  };
}

export function tableauxPrevisionnel(p: Previsionnel, nom: (c: string) => string): Tableau[] {
  return [
    tableauFlux(p, nom),
    tableauDeductions(p),
    tableauDus(p, nom),
    tableauEtatDesLieux(p, nom),
  ];
}
