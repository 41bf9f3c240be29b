/** A cotation said in words (`--explain`) and as a CSV row (`--csv`). */
import type { Lang } from '../diagnostics/diagnostic.js';
import type { Grille } from '../check/grille/grille.js';
import { chiffre, formule, type Cotation } from './noter.js';
import { champsDePriorite, prioriteDite } from './priorite-renseignee.js';

const MOTIFS: Record<Cotation['anciennete']['motif'], { fr: string; en: string }> = {
  date_depot: { fr: 'date de dépôt de la demande', en: 'date the request was filed' },
  date_renouvellement: { fr: 'date de renouvellement', en: 'renewal date' },
  refus: {
    fr: 'date du dernier refus d’une proposition adaptée, qui remet l’ancienneté à zéro',
    en: 'date of the last refusal of a suitable offer, which resets seniority',
  },
};

/** The explanation of one score, line by line. */
/**
 * One line of a score's explanation, as data: a criterion met is named by the grid's own labels
 * (`critere`, which the EPCI wrote in French) and its weight (`poids`, in the asked language);
 * every other line is a text.
 */
export type LigneExplication = { texte: string } | { critere: string; poids: string };

/** The explanation's lines, as data (the web page marks the grid's labels as French). */
export function lignesExplication(
  c: Cotation,
  g: Grille,
  date: string,
  lang: Lang,
  nonDite = false,
): LigneExplication[] {
  const fr = lang === 'fr';
  const n = (x: number): string => chiffre(x, lang);
  const a = c.anciennete;
  // A coefficient is named before its figure (« coefficient 1,3 »); points are counted after
  // theirs, signed as the formula adds or subtracts them (« + 200 points », « − 20 points »).
  const poids = (p: number): string =>
    g.combinaison === 'multiplicative'
      ? `coefficient ${n(p)}`
      : `${p < 0 ? '−' : '+'} ${n(Math.abs(p))} point${Math.abs(p) >= 2 || (!fr && Math.abs(p) !== 1) ? 's' : ''}`;
  const textes = (...l: string[]) => l.map((texte) => ({ texte }));
  return [
    ...textes(
      fr
        ? `Demande ${c.numero_unique} (ligne ${String(c.ligne)}) — grille ${g.epci.nom} v${String(g.version)}, cotation au ${date}`
        : `Request ${c.numero_unique} (line ${String(c.ligne)}) — grid ${g.epci.nom} v${String(g.version)}, scored on ${date}`,
      fr
        ? `Ancienneté : ${String(a.mois)} mois entiers depuis le ${a.depuis} (${MOTIFS[a.motif].fr}) × ${String(a.points_par_mois)} point(s) par mois = ${n(a.points)} point(s)`
        : `Seniority: ${String(a.mois)} whole months since ${a.depuis} (${MOTIFS[a.motif].en}) × ${String(a.points_par_mois)} point(s) a month = ${n(a.points)} point(s)`,
      ...(a.refus_posterieurs
        ? [
            fr
              ? `Refus postérieur${a.refus_posterieurs.length > 1 ? 's' : ''} à la date de cotation, non compté${a.refus_posterieurs.length > 1 ? 's' : ''} : ${a.refus_posterieurs.join(', ')}`
              : `Refusal${a.refus_posterieurs.length > 1 ? 's' : ''} after the scoring date, not counted: ${a.refus_posterieurs.join(', ')}`,
          ]
        : []),
      ...(a.renouvellement_posterieur
        ? [
            fr
              ? `Renouvellement postérieur à la date de cotation, non compté : ${a.renouvellement_posterieur} (ancienneté comptée depuis le dépôt)`
              : `Renewal after the scoring date, not counted: ${a.renouvellement_posterieur} (seniority counted from the filing)`,
          ]
        : []),
      c.criteres.length
        ? fr
          ? 'Critères remplis :'
          : 'Criteria met:'
        : fr
          ? 'Critères remplis : aucun'
          : 'Criteria met: none',
    ),
    ...c.criteres.map((k) => ({
      critere: `${k.groupe_libelle} › ${k.libelle}${k.valeur ? ` — ${k.valeur.libelle}` : ''}`,
      poids: poids(k.poids),
    })),
    ...textes(
      fr
        ? `Calcul (${g.combinaison}) : ${formule(c, lang)}`
        : `Computation (${g.combinaison}): ${formule(c, lang)}`,
      fr
        ? `Cotation : ${n(c.score)} point${Math.abs(c.score) >= 2 ? 's' : ''}`
        : `Score: ${n(c.score)} point${Math.abs(c.score) === 1 ? '' : 's'}`,
      !g.priorite
        ? fr
          ? 'Demande prioritaire : non déterminé (la grille ne définit pas de priorité)'
          : 'Priority request: not determined (the grid defines no priority)'
        : prioriteDite(c.prioritaire, nonDite) === 'non_renseigne'
          ? fr
            ? `Demande prioritaire : non renseigné (le fichier des demandes ne donne pas ${champsDePriorite(g).join(' ou ')}, que lit la règle de priorité de la grille, pour cette demande : pas de colonne ou une cellule vide)`
            : `Priority request: not given (the requests file gives no ${champsDePriorite(g).join(' or ')}, which the grid’s priority rule reads, for this request: no column or an empty cell)`
          : fr
            ? `Demande prioritaire : ${c.prioritaire ? 'oui' : 'non'}`
            : `Priority request: ${c.prioritaire ? 'yes' : 'no'}`,
    ),
  ];
}

/** The explanation as text lines (`--explain`, the relevé): a criterion is `  - critère : poids` (`: ` in English). */
export function expliquer(
  c: Cotation,
  g: Grille,
  date: string,
  lang: Lang,
  nonDite = false,
): string[] {
  const deuxPoints = lang === 'fr' ? ' : ' : ': ';
  return lignesExplication(c, g, date, lang, nonDite).map((l) =>
    'texte' in l ? l.texte : `  - ${l.critere}${deuxPoints}${l.poids}`,
  );
}

export const CSV_ENTETE =
  'numero_unique,ligne,anciennete_depuis,anciennete_motif,mois,points_anciennete,criteres,facteur,score,prioritaire';

/**
 * One CSV row (comma-separated, decimal point): codes and figures of the score only;
 * `prioritaire` is oui, non or non_renseigne (`nonDite`: the file gives no value of a field the
 * priority rule reads: no column or an empty cell). Whole
 * numbers are written with `toFixed(0)` (the same text for an integer), not `String()`, which
 * allocates the text of each new number in V8's old generation (see `chiffre`): 736 000
 * distinct line numbers made the heap grow with the file.
 */
export function ligneCsv(c: Cotation, nonDite = false): string {
  const a = c.anciennete;
  const criteres = c.criteres
    .map((k) => (k.valeur ? `${k.critere}.${k.valeur.id}` : k.critere))
    .join('|');
  return [
    c.numero_unique,
    c.ligne.toFixed(0),
    a.depuis,
    a.motif,
    a.mois.toFixed(0),
    chiffre(a.points, 'en'),
    criteres,
    chiffre(c.facteur, 'en'),
    chiffre(c.score, 'en'),
    prioriteDite(c.prioritaire, nonDite),
  ].join(',');
}
