/**
 * Section 5 of the bilan: the results `evaluate` gives besides the year's counts, each table
 * printed only when at least one convention of the bilan carries the field (absent → no table):
 * flats and CALEOL decisions (I14), attributions by public and the legal shares (I7), the agents
 * de l'État (I6), the conversion of stock rights, the periods of the year of an avenant (I16), the
 * attainment since the start of the convention, and the regularisation of provisional points (I13).
 * The shapes are those of src/engine/evaluation.ts.
 */
import type { ConventionResultat, PublicAttribution } from '../engine/evaluation.js';
import { dateLongue } from '../render/typographie.js';
import type { Colonne, MembreBilan, Tableau, Valeur } from './bilan-tableaux.js';

const texte = (libelle: string): Colonne => ({ libelle, format: 'texte' });
const entier = (libelle: string): Colonne => ({ libelle, format: 'entier' });
const decimal = (libelle: string): Colonne => ({ libelle, format: 'decimal' });
const part = (libelle: string): Colonne => ({ libelle, format: 'part' });

interface Complement {
  id: string;
  titre: string;
  feuille: string;
  chapeau: string;
  colonnes: Colonne[];
  /** Rows of one convention (none when it does not carry the field). */
  lignes: (c: ConventionResultat, libelle: string) => Valeur[][];
  legende?: string;
}

const PUBLICS: Record<PublicAttribution, string> = {
  dalo: 'Ménages reconnus prioritaires et à loger en urgence (DALO)',
  prioritaire: 'Autres ménages prioritaires (L. 441-1)',
  premier_quartile_hors_qpv: 'Ménages du premier quartile, hors QPV',
};
const STATUTS: Record<string, string> = {
  atteint: 'atteint',
  en_retard: 'en retard',
  non_atteint: 'non atteint',
  en_deca: 'en deçà',
  sans_objet: 'sans objet',
};

const COMPLEMENTS: Complement[] = [
  {
    id: 'decisions',
    titre: 'Logements attribués et décisions de la commission',
    feuille: 'Décisions CALEOL',
    chapeau:
      'Un logement attribué, refusé par le ménage puis attribué de nouveau est un logement et deux décisions : les logements attribués sont comptés une fois, pour la partie (réservataire ou bailleur) de la dernière attribution de l’année, les décisions de la commission à part.',
    colonnes: [
      texte('Réservataire'),
      entier('Logements attribués'),
      entier('Décisions d’attribution'),
      entier('Refus'),
      entier('Ajournements'),
    ],
    lignes: (c, l) =>
      c.decisions_caleol
        ? [
            [
              l,
              c.logements_attribues ?? null,
              c.decisions_caleol.attribution,
              c.decisions_caleol.refus,
              c.decisions_caleol.ajournement,
            ],
          ]
        : [],
  },
  {
    id: 'publics',
    titre: 'Attributions par public',
    feuille: 'Publics',
    chapeau:
      'Attributions de l’année selon l’indication non nominative portée par chacune (aucune donnée sur les ménages), et les parts que la loi fixe pour certains publics.',
    colonnes: [texte('Réservataire'), texte('Public'), entier('Attributions')],
    lignes: (c, l) =>
      c.publics
        ? [
            ...(Object.keys(PUBLICS) as PublicAttribution[]).map((p): Valeur[] => [
              l,
              PUBLICS[p],
              c.publics?.par_public[p] ?? 0,
            ]),
            [l, 'Non renseigné', c.publics.non_renseigne],
            [l, 'Total', c.publics.attributions],
          ]
        : [],
  },
  {
    id: 'obligations-publics',
    titre: 'Parts d’attributions fixées par la loi',
    feuille: 'Obligations publics',
    chapeau: 'Pour chaque part fixée par un texte : la base, le réalisé et le texte de référence.',
    colonnes: [
      texte('Réservataire'),
      texte('Obligation'),
      part('Part fixée'),
      entier('Base'),
      entier('Réalisé'),
      part('Taux'),
      texte('Statut'),
      texte('Référence'),
    ],
    lignes: (c, l) =>
      (c.publics?.obligations ?? []).map((o) => [
        l,
        o.libelle,
        o.part_cible,
        o.base,
        o.realise,
        o.taux,
        STATUTS[o.statut] ?? o.statut,
        o.reference,
      ]),
  },
  {
    id: 'agents',
    titre: 'Agents civils et militaires de l’État',
    feuille: 'Agents de l’État',
    chapeau:
      'La part réservée aux agents civils et militaires de l’État au sein du contingent de l’État : dû, réalisé et taux d’atteinte.',
    colonnes: [
      texte('Réservataire'),
      part('Part'),
      decimal('Dû'),
      decimal('Réalisé'),
      part('Taux'),
    ],
    lignes: (c, l) =>
      c.agents ? [[l, c.agents.part, c.agents.du, c.agents.realise, c.agents.taux]] : [],
  },
  {
    id: 'conversion',
    titre: 'Consommation des droits de la conversion du stock',
    feuille: 'Conversion',
    chapeau:
      'Les droits uniques issus de la conversion des réservations en stock : volume initial, restant au 1er janvier, consommé dans l’année, restant, et le restant que l’échéancier prévoit à la date d’arrêté.',
    colonnes: [
      texte('Réservataire'),
      entier('Volume initial'),
      entier('Restant au 1er janvier'),
      entier('Consommé'),
      entier('Restant'),
      entier('Restant attendu'),
      texte('En retard'),
    ],
    lignes: (c, l) =>
      c.conversion
        ? [
            [
              l,
              c.conversion.volume_initial,
              c.conversion.debut_annee,
              c.conversion.consomme,
              c.conversion.restant,
              c.conversion.attendu ?? null,
              c.conversion.en_retard ? 'oui' : 'non',
            ],
          ]
        : [],
  },
  {
    id: 'periodes',
    titre: 'Périodes de l’année (avenant)',
    feuille: 'Périodes',
    chapeau:
      'Lorsqu’un avenant prend effet en cours d’année, chaque version de la convention s’applique aux libérations de sa période : part, flux, dû et réalisé de chacune.',
    colonnes: [
      texte('Réservataire'),
      entier('Version'),
      texte('Du'),
      texte('Au'),
      part('Part'),
      entier('Flux'),
      decimal('Dû'),
      decimal('Réalisé'),
    ],
    lignes: (c, l) =>
      (c.periodes ?? []).map((p) => [
        l,
        p.version,
        dateLongue(p.debut),
        dateLongue(p.fin),
        p.part,
        p.flux,
        p.du,
        p.realise,
      ]),
  },
  {
    id: 'cumul',
    titre: 'Atteinte depuis le début de la convention',
    feuille: 'Cumul',
    chapeau:
      'Dû et réalisé cumulés depuis le début de la convention (ou la première année des données), et le retard reporté sur l’année suivante.',
    colonnes: [
      texte('Réservataire'),
      texte('Depuis le'),
      texte('Années'),
      decimal('Dû cumulé'),
      decimal('Réalisé cumulé'),
      decimal('Retard reporté'),
    ],
    lignes: (c, l) =>
      c.cumul
        ? [
            [
              l,
              dateLongue(c.cumul.depuis),
              c.cumul.annees.join(', '),
              c.cumul.du,
              c.cumul.realise,
              c.cumul.retard,
            ],
          ]
        : [],
  },
  {
    id: 'regularisation',
    titre: 'Régularisation des décomptes provisoires',
    feuille: 'Régularisation',
    chapeau:
      'Logements orientés une année antérieure et décomptés à titre provisoire, dont le décompte est régularisé cette année : nombre de logements et points de la régularisation (négatifs lorsqu’un décompte est repris).',
    colonnes: [texte('Réservataire'), entier('Logements'), decimal('Points')],
    lignes: (c, l) =>
      c.regularisation ? [[l, c.regularisation.logements, c.regularisation.points]] : [],
  },
];

/** The tables of section 5 that at least one convention fills, numbered 5.1, 5.2… */
export function tableauxComplements(membres: readonly MembreBilan[]): Tableau[] {
  const tableaux: Tableau[] = [];
  for (const c of COMPLEMENTS) {
    const lignes = membres.flatMap((m) => c.lignes(m.resultat, m.libelle));
    if (!lignes.length) continue;
    const numero = `5.${String(tableaux.length + 1)}`;
    tableaux.push({
      id: c.id,
      numero,
      titre: c.titre,
      feuille: `${numero} ${c.feuille}`.slice(0, 31),
      chapeau: c.chapeau,
      colonnes: c.colonnes,
      lignes,
      ...(c.legende ? { legende: c.legende } : {}),
    });
  }
  return tableaux;
}
