/**
 * What the relevé de cotation and the public grid document show, as text ready to print: the
 * templates of templates/cotation/ only arrange it. `COTATION_SHAPE` mirrors the type key for
 * key (the compiler checks it) so that the templates are checked before any rendering.
 */
import { addDays, addMonths } from '../convention/calendar.js';
import { dateLongue } from '../render/typographie.js';
import type { ShapeOf } from '../render/view-model.js';
import type { DelaiMoyen } from './attributions.js';
import type { Grille } from '../check/grille/grille.js';
import { motsDateRetenue } from './date-retenue.js';
import { chiffre, combiner, formule, type Cotation } from './noter.js';
import { texteCondition } from './texte-condition.js';

export interface PoidsView {
  libelle: string;
  poids: string;
}
export interface CritereView extends PoidsView {
  condition: string;
  /** The grid gives no text (`texte_source`): `condition` is convflux's reading of its tests. */
  conditionLue: boolean;
  valeurs: PoidsView[];
}
export interface GroupeView {
  libelle: string;
  criteres: CritereView[];
}

export interface GrilleView {
  titre: string;
  epci: string;
  version: string;
  enVigueur: string;
  /**
   * Said beside the date when the grid marks it as convflux's choice (`date_retenue_par_convflux`):
   * the source gives none, the documents must not print it as the source's. Empty otherwise.
   */
  dateRetenue: string;
  fictive: boolean;
  note: string;
  anciennete: string;
  combinaison: string;
  priorite: string;
  refus: string;
  unite: string;
  /** The public document shows each condition's text and the references; the relevé does not. */
  detail: boolean;
  /** Some condition is convflux's reading of the grid's tests (the document says so once). */
  conditionsLues: boolean;
  groupes: GroupeView[];
  /** `cite`: the text is the law's own words (in guillemets), else a summary (never in them). */
  references: { article: string; mention: string; texte: string; cite: boolean }[];
}

export interface ReleveView {
  numero: string;
  date: string;
  anciennete: string;
  criteres: PoidsView[];
  aucunCritere: boolean;
  formule: string;
  score: string;
  prioritaire: string;
  rang: string;
  delai: string;
  refus: string;
}

export interface CotationView {
  modele: { nom: string; version: string; empreinte: string };
  titre: string;
  grille: GrilleView;
  /** Absent from the public grid document. */
  releve?: ReleveView;
}

const V = 'valeur';
const POIDS: ShapeOf<PoidsView> = { libelle: V, poids: V };
export const COTATION_SHAPE: ShapeOf<CotationView> = {
  modele: { nom: V, version: V, empreinte: V },
  titre: V,
  grille: {
    titre: V,
    epci: V,
    version: V,
    enVigueur: V,
    dateRetenue: V,
    fictive: V,
    note: V,
    anciennete: V,
    combinaison: V,
    priorite: V,
    refus: V,
    unite: V,
    detail: V,
    conditionsLues: V,
    groupes: [
      {
        libelle: V,
        criteres: [{ libelle: V, poids: V, condition: V, conditionLue: V, valeurs: [POIDS] }],
      },
    ],
    references: [{ article: V, mention: V, texte: V, cite: V }],
  },
  releve: {
    numero: V,
    date: V,
    anciennete: V,
    criteres: [POIDS],
    aucunCritere: V,
    formule: V,
    score: V,
    prioritaire: V,
    rang: V,
    delai: V,
    refus: V,
  },
};

const fr = (x: number): string => chiffre(x, 'fr');

function poidsTexte(g: Grille, w: number | undefined): string {
  if (w === undefined) return '—';
  if (g.combinaison === 'multiplicative') return `× ${fr(w)}`;
  // A malus (negative points, which check warns of) is « − 20 pts », not « + −20 pts ».
  return w < 0 ? `− ${fr(-w)} pts` : `+ ${fr(w)} pts`;
}

function groupes(g: Grille): GroupeView[] {
  return g.groupes.map((grp) => ({
    libelle: grp.libelle,
    criteres: grp.criteres.map((c) => {
      const w =
        g.combinaison === 'multiplicative'
          ? (c.coefficient ?? grp.coefficient)
          : (c.points ?? grp.points);
      const valeurs = (c.valeurs ?? []).map((v) => ({
        libelle: v.libelle,
        poids: poidsTexte(
          g,
          g.combinaison === 'multiplicative' ? (v.coefficient ?? w) : (v.points ?? w),
        ),
      }));
      return {
        libelle: c.libelle,
        poids: c.valeurs ? '' : poidsTexte(g, w),
        condition: c.texte_source ?? texteCondition(g, c.si),
        conditionLue: c.texte_source === undefined,
        valeurs,
      };
    }),
  }));
}

export function grilleView(g: Grille, detail = true): GrilleView {
  const a = g.anciennete;
  return {
    titre: `Grille de cotation de la demande de logement social – ${g.epci.nom}`,
    epci: `${g.epci.nom} (SIREN ${g.epci.siren})`,
    version: String(g.version),
    enVigueur: dateLongue(g.en_vigueur_le),
    dateRetenue: motsDateRetenue(g, 'fr'),
    fictive: g.fictive === true,
    note: g.note ?? '',
    anciennete:
      `${String(a.points_par_mois)} point${a.points_par_mois > 1 ? 's' : ''} par mois entier écoulé depuis la ` +
      `${a.depuis === 'date_depot' ? 'date de dépôt de la demande' : 'date de renouvellement de la demande (sa date de dépôt si elle n’a pas été renouvelée)'}, arrondi au mois inférieur` +
      (a.refus === 'remise_a_zero'
        ? ' ; après le refus d’une proposition adaptée, les mois sont comptés depuis la date du refus.'
        : '.'),
    combinaison:
      g.combinaison === 'multiplicative'
        ? 'Cotation = points d’ancienneté × (1 + somme des (coefficient − 1) des critères remplis).'
        : 'Cotation = points d’ancienneté + somme des points des critères remplis.',
    // The condition itself, as for a criterion without texte_source (it said only « quand elle
    // remplit la condition de priorité de la grille »), then the grid's note.
    priorite: g.priorite
      ? [`La demande est prioritaire quand : ${texteCondition(g, g.priorite.si)}.`, g.priorite.note]
          .filter((x) => x)
          .join(' ')
      : 'La grille ne définit pas de priorité.',
    refus: g.refus.texte,
    unite: g.combinaison === 'multiplicative' ? 'Coefficient' : 'Points',
    detail,
    conditionsLues: g.groupes.some((grp) => grp.criteres.some((c) => c.texte_source === undefined)),
    groupes: groupes(g),
    references: (g.references ?? []).map((r) => ({
      article: r.article,
      mention:
        r.nature === 'citation'
          ? `texte cité, lu le ${r.consulte_le ? dateLongue(r.consulte_le) : ''}`
          : 'résumé, texte non cité',
      texte: r.texte,
      cite: r.nature === 'citation',
    })),
  };
}

export interface ReleveContexte {
  rang?: { rang: number; sur: number };
  /** The name of the first wished commune, when the geography knows its code. */
  communeNom?: string;
  delai?: DelaiMoyen;
  attributionsDonnees: boolean;
  /** The requests file gives no value (column, cell) the priority rule reads: « Non renseigné ». */
  prioriteNonDite?: boolean;
}

function refusTexte(g: Grille, c: Cotation): string {
  if (g.anciennete.refus !== 'remise_a_zero')
    return `${g.refus.texte} Un refus est sans effet sur les points d’ancienneté.`;
  const apres = combiner(g.combinaison, 0, c.criteres).score;
  return `${g.refus.texte} Si vous refusiez aujourd’hui une proposition adaptée, votre ancienneté repartirait de zéro : votre cotation passerait de ${fr(c.score)} à ${fr(apres)} point${Math.abs(apres) >= 2 ? 's' : ''}, puis augmenterait de nouveau chaque mois.`;
}

function rangTexte(c: Cotation, ctx: ReleveContexte): string {
  const inconnu = typeInconnu(c);
  if (inconnu) return `Rang non établi : ${inconnu}.`;
  // The commune by its name, then its code: the applicant does not read INSEE codes.
  const commune = ctx.communeNom ? `${ctx.communeNom}, ${c.commune ?? ''}` : (c.commune ?? '');
  const type = `de même type (${c.typologie?.toUpperCase() ?? ''}, 1re commune souhaitée : ${commune})`;
  if (!ctx.rang) return `Rang non établi parmi les demandes ${type}.`;
  const sur = ctx.rang.sur;
  return `${String(ctx.rang.rang)}${ctx.rang.rang === 1 ? 're' : 'e'} sur ${String(sur)} demande${sur > 1 ? 's' : ''} ${type} ; à cotation égale, la demande la plus ancienne passe d’abord, puis le numéro unique.`;
}

/**
 * Why the request's kind (typologie and first wished commune: its rank and waiting time) is
 * unknown, or undefined when it is known.
 */
function typeInconnu(c: Cotation): string | undefined {
  const manque = [
    ...(c.typologie === undefined ? ['la typologie souhaitée'] : []),
    ...(c.commune === undefined ? ['la 1re commune souhaitée'] : []),
  ];
  if (!manque.length) return undefined;
  return `la demande ne renseigne pas ${manque.join(' ni ')}, le type de demande n’est donc pas connu`;
}

function delaiTexte(c: Cotation, ctx: ReleveContexte, date: string): string {
  if (!ctx.attributionsDonnees)
    return 'Délai d’attente moyen : non communiqué (aucun fichier d’attributions fourni).';
  const inconnu = typeInconnu(c);
  if (inconnu) return `Délai d’attente moyen : non établi, ${inconnu}.`;
  if (!ctx.delai)
    return `Délai d’attente moyen : aucune attribution de ce type du ${dateLongue(addDays(addMonths(date, -12), 1))} au ${dateLongue(date)}.`;
  const d = ctx.delai;
  // The window's both ends said (« des 12 mois précédant le 30 juin » read as excluding it).
  return `Délai d’attente moyen constaté pour ce type de demande : ${fr(d.mois)} mois (${String(d.attributions)} attribution${d.attributions > 1 ? 's' : ''} du ${dateLongue(d.du)} au ${dateLongue(d.au)}).`;
}

export function releveView(g: Grille, c: Cotation, date: string, ctx: ReleveContexte): ReleveView {
  const a = c.anciennete;
  const depuis = {
    date_depot: 'le dépôt de la demande',
    date_renouvellement: 'le renouvellement',
    refus: 'le dernier refus d’une proposition adaptée',
  }[a.motif];
  return {
    numero: c.numero_unique,
    date: dateLongue(date),
    anciennete:
      `${String(a.mois)} mois entiers depuis ${depuis} (${dateLongue(a.depuis)}) × ${String(a.points_par_mois)} = ${fr(a.points)} point${a.points > 1 ? 's' : ''}` +
      // A refusal after the scoring date had not happened on that day (as --explain says).
      (a.refus_posterieurs
        ? ` ; refus du ${a.refus_posterieurs.map(dateLongue).join(', du ')}, postérieur${a.refus_posterieurs.length > 1 ? 's' : ''} à la date de cotation, non compté${a.refus_posterieurs.length > 1 ? 's' : ''}`
        : '') +
      (a.renouvellement_posterieur
        ? ` ; renouvellement du ${dateLongue(a.renouvellement_posterieur)}, postérieur à la date de cotation, non compté`
        : ''),
    criteres: c.criteres.map((k) => ({
      libelle: `${k.libelle}${k.valeur ? ` – ${k.valeur.libelle}` : ''}`,
      poids: poidsTexte(g, k.poids),
    })),
    aucunCritere: c.criteres.length === 0,
    formule: formule(c, 'fr'),
    score: fr(c.score),
    // A grid without a priority rule says nothing of the request's priority: « Non » read as a
    // finding that the request is not priority.
    prioritaire: !g.priorite
      ? 'Non déterminé : la grille ne définit pas de priorité.'
      : c.prioritaire
        ? 'Oui : votre demande relève des publics prioritaires.'
        : ctx.prioriteNonDite
          ? 'Non renseigné : le fichier des demandes ne dit pas si votre demande relève des publics prioritaires.'
          : 'Non.',
    rang: rangTexte(c, ctx),
    delai: delaiTexte(c, ctx, date),
    refus: refusTexte(g, c),
  };
}
