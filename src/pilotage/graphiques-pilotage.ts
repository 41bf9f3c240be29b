/**
 * The dashboard's charts, each with its text alternative and its table (src/graphiques/): the
 * cumulative dû and réalisé month by month per convention, dû and réalisé by commune, the
 * indicative shares set on typologies, and the hors-QPV balance. In French by default, in English
 * on request (titles, legends, axes, months, numbers and text alternatives).
 */
import { barres, lignes, type Graphique } from '../graphiques/graphique.js';
import { pourcentGraphique, type LangueGraphique } from '../graphiques/langue-graphique.js';
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

/** The words of the dashboard's charts, by language (`{a}`: the year, `{c}`: a convention). */
const MOTS = {
  fr: {
    mensuel: 'Droits (dû) et réalisé cumulés mois par mois en {a}, {c}',
    chez: '{r} chez {b}',
    du: 'dû',
    realise: 'réalisé',
    fin_du_mois: 'Fin du mois',
    communes: 'Objectifs contractuels par commune en {a} : dû et réalisé, tous réservataires',
    commune: 'Commune',
    typologies: 'Parts indicatives par typologie en {a} : part souhaitée et part réalisée',
    part_souhaitee: 'part souhaitée',
    part_realisee: 'part réalisée',
    typologies_reservataire: 'Typologies — réservataire',
    hors_qpv: 'Attributions hors QPV en {a} : plancher dû et réalisé',
    plancher: 'plancher dû',
    realise_hors_qpv: 'réalisé hors QPV',
    reservataire: 'Réservataire',
  },
  en: {
    mensuel: 'Rights (due) and achieved, cumulated month by month in {a}, {c}',
    chez: '{r} with {b}',
    du: 'due',
    realise: 'achieved',
    fin_du_mois: 'End of month',
    communes: 'Contractual objectives by commune in {a}: due and achieved, all reservation holders',
    commune: 'Commune',
    typologies: 'Indicative shares by flat type in {a}: wished share and achieved share',
    part_souhaitee: 'wished share',
    part_realisee: 'achieved share',
    typologies_reservataire: 'Flat types — reservation holder',
    hors_qpv: 'Allocations outside QPV in {a}: floor due and achieved',
    plancher: 'floor due',
    realise_hors_qpv: 'achieved outside QPV',
    reservataire: 'Reservation holder',
  },
} as const satisfies Record<LangueGraphique, Record<string, string>>;

type Mots = (typeof MOTS)[LangueGraphique];

/** A sentence of `MOTS` with its blanks filled. */
const dire = (phrase: string, blancs: Record<string, string>): string =>
  phrase.replace(/\{(\w)\}/g, (_, k: string) => blancs[k] ?? '');

/** « janv. » in French, "Jan" in English, for a date AAAA-MM-JJ. */
function mois(langue: LangueGraphique, date: string): string {
  if (langue === 'fr') return libelleMois(date);
  return new Intl.DateTimeFormat('en-GB', { month: 'short', timeZone: 'UTC' }).format(
    new Date(`${date.slice(0, 7)}-01T00:00:00Z`),
  );
}

/** A chart key (letters, digits, dashes) from an id. */
const cle = (prefixe: string, id: string): string =>
  `${prefixe}-${id.replace(/[^A-Za-z0-9-]/g, '-')}`;

/** `reservataire chez bailleur` when the dashboard spans several bailleurs. */
function nomConvention(m: Mots, c: LignePilotage, plusieursBailleurs: boolean): string {
  return plusieursBailleurs
    ? dire(m.chez, { r: c.reservataire.nom, b: c.bailleur.nom })
    : c.reservataire.nom;
}

function mensuel(
  t: TableauDeBord,
  c: LignePilotage,
  plusieurs: boolean,
  langue: LangueGraphique,
): Graphique {
  const m = MOTS[langue];
  return lignes(
    {
      cle: cle('mensuel', c.convention),
      police: POLICE_PAGES,
      langue,
      titre: dire(m.mensuel, { a: String(t.annee), c: nomConvention(m, c, plusieurs) }),
      categories: t.mois.map((d) => mois(langue, d)),
      series: [
        {
          nom: m.du,
          couleur: COULEURS_PILOTAGE.du,
          valeurs: c.mensuel.map((p) => p.du),
          pointilles: true,
        },
        {
          nom: m.realise,
          couleur: COULEURS_PILOTAGE.realise,
          valeurs: c.mensuel.map((p) => p.realise),
        },
      ],
    },
    m.fin_du_mois,
  );
}

function communes(t: TableauDeBord, langue: LangueGraphique): Graphique {
  const m = MOTS[langue];
  return barres(
    {
      cle: 'communes',
      police: POLICE_PAGES,
      langue,
      titre: dire(m.communes, { a: String(t.annee) }),
      series: [
        { nom: m.du, couleur: COULEURS_PILOTAGE.cible },
        { nom: m.realise, couleur: COULEURS_PILOTAGE.realise },
      ],
      categories: t.communes.map((c) => ({ libelle: c.libelle, valeurs: [c.du, c.realise] })),
    },
    m.commune,
  );
}

function typologies(t: TableauDeBord, langue: LangueGraphique): Graphique {
  const m = MOTS[langue];
  return barres(
    {
      cle: 'typologies',
      police: POLICE_PAGES,
      langue,
      titre: dire(m.typologies, { a: String(t.annee) }),
      series: [
        { nom: m.part_souhaitee, couleur: COULEURS_PILOTAGE.cible },
        { nom: m.part_realisee, couleur: COULEURS_PILOTAGE.part },
      ],
      categories: t.typologies.map((x) => ({
        libelle: `${x.typologies.join(', ')} — ${x.reservataire}`,
        valeurs: [x.part_cible, x.part_realisee],
      })),
      format: (n) => pourcentGraphique(langue, n),
    },
    m.typologies_reservataire,
  );
}

function horsQpv(t: TableauDeBord, langue: LangueGraphique): Graphique {
  const m = MOTS[langue];
  return barres(
    {
      cle: 'hors-qpv',
      police: POLICE_PAGES,
      langue,
      titre: dire(m.hors_qpv, { a: String(t.annee) }),
      series: [
        { nom: m.plancher, couleur: COULEURS_PILOTAGE.cible },
        { nom: m.realise_hors_qpv, couleur: COULEURS_PILOTAGE.realise },
      ],
      categories: t.hors_qpv.map((h) => ({
        libelle: h.reservataire,
        valeurs: [h.cible, h.realise],
      })),
    },
    m.reservataire,
  );
}

/** Every chart of a dashboard, in the order of the page, in French unless asked otherwise. */
export function graphiquesPilotage(t: TableauDeBord, langue: LangueGraphique = 'fr'): Graphique[] {
  const plusieurs = new Set(t.conventions.map((c) => c.bailleur.siren)).size > 1;
  const graphiques = t.conventions.map((c) => mensuel(t, c, plusieurs, langue));
  if (t.communes.length) graphiques.push(communes(t, langue));
  if (t.typologies.length) graphiques.push(typologies(t, langue));
  if (t.hors_qpv.length) graphiques.push(horsQpv(t, langue));
  return graphiques;
}
