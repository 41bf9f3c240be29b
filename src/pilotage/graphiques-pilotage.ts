/**
 * The dashboard's charts, each with its text alternative and its table (src/graphiques/): the
 * cumulative dû and réalisé month by month per convention, dû and réalisé by commune, the
 * indicative shares set on typologies, and the hors-QPV balance.
 */
import { barres, lignes, type Graphique } from '../graphiques/graphique.js';
import { pourcent } from '../render/typographie.js';
import { libelleMois } from './mois.js';
import type { LignePilotage, TableauDeBord } from './tableau-de-bord.js';

export const COULEURS_PILOTAGE = {
  du: '#5f6b7a',
  realise: '#2f6f47',
  cible: '#9aa6b5',
  part: '#1f4e8c',
};

/** The pages' font (system fonts: nothing is loaded from elsewhere). */
export const POLICE_PAGES = 'system-ui, sans-serif';

/** A chart key (letters, digits, dashes) from an id. */
const cle = (prefixe: string, id: string): string =>
  `${prefixe}-${id.replace(/[^A-Za-z0-9-]/g, '-')}`;

/** `reservataire — bailleur` when the dashboard spans several bailleurs. */
function nomConvention(c: LignePilotage, plusieursBailleurs: boolean): string {
  return plusieursBailleurs ? `${c.reservataire.nom} chez ${c.bailleur.nom}` : c.reservataire.nom;
}

function mensuel(t: TableauDeBord, c: LignePilotage, plusieurs: boolean): Graphique {
  return lignes(
    {
      cle: cle('mensuel', c.convention),
      police: POLICE_PAGES,
      titre: `Droits (dû) et réalisé cumulés mois par mois en ${String(t.annee)}, ${nomConvention(c, plusieurs)}`,
      categories: t.mois.map(libelleMois),
      series: [
        {
          nom: 'dû',
          couleur: COULEURS_PILOTAGE.du,
          valeurs: c.mensuel.map((p) => p.du),
          pointilles: true,
        },
        {
          nom: 'réalisé',
          couleur: COULEURS_PILOTAGE.realise,
          valeurs: c.mensuel.map((p) => p.realise),
        },
      ],
    },
    'Fin du mois',
  );
}

/** Every chart of a dashboard, in the order of the page. */
export function graphiquesPilotage(t: TableauDeBord): Graphique[] {
  const plusieurs = new Set(t.conventions.map((c) => c.bailleur.siren)).size > 1;
  const graphiques = t.conventions.map((c) => mensuel(t, c, plusieurs));
  if (t.communes.length)
    graphiques.push(
      barres(
        {
          cle: 'communes',
          police: POLICE_PAGES,
          titre: `Objectifs contractuels par commune en ${String(t.annee)} : dû et réalisé, tous réservataires`,
          series: [
            { nom: 'dû', couleur: COULEURS_PILOTAGE.cible },
            { nom: 'réalisé', couleur: COULEURS_PILOTAGE.realise },
          ],
          categories: t.communes.map((c) => ({ libelle: c.libelle, valeurs: [c.du, c.realise] })),
        },
        'Commune',
      ),
    );
  if (t.typologies.length)
    graphiques.push(
      barres(
        {
          cle: 'typologies',
          police: POLICE_PAGES,
          titre: `Parts indicatives par typologie en ${String(t.annee)} : part souhaitée et part réalisée`,
          series: [
            { nom: 'part souhaitée', couleur: COULEURS_PILOTAGE.cible },
            { nom: 'part réalisée', couleur: COULEURS_PILOTAGE.part },
          ],
          categories: t.typologies.map((x) => ({
            libelle: `${x.typologies.join(', ')} — ${x.reservataire}`,
            valeurs: [x.part_cible, x.part_realisee],
          })),
          format: pourcent,
        },
        'Typologies — réservataire',
      ),
    );
  if (t.hors_qpv.length)
    graphiques.push(
      barres(
        {
          cle: 'hors-qpv',
          police: POLICE_PAGES,
          titre: `Attributions hors QPV en ${String(t.annee)} : plancher dû et réalisé`,
          series: [
            { nom: 'plancher dû', couleur: COULEURS_PILOTAGE.cible },
            { nom: 'réalisé hors QPV', couleur: COULEURS_PILOTAGE.realise },
          ],
          categories: t.hors_qpv.map((h) => ({
            libelle: h.reservataire,
            valeurs: [h.cible, h.realise],
          })),
        },
        'Réservataire',
      ),
    );
  return graphiques;
}
