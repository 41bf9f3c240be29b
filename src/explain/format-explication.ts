/** `convflux evaluate --explain LOGEMENT`: each event of one flat, the rules that fired and why. */
import type { Lang, ParamValue } from '../diagnostics/diagnostic.js';
import { catalogue } from '../diagnostics/catalogue.js';
import { libelleAlerte } from '../diagnostics/libelles-alertes.js';
import { renderTemplate } from '../diagnostics/render-message.js';
import type { Explication, Parcours } from '../engine/evaluate.js';
import { libelle } from './libelles.js';
import { positionEvenement } from '../engine/fichiers-evenements.js';
import { loadYamlFile } from '../source/load-yaml-file.js';
import { parsePointer } from '../source/json-pointer.js';

export interface ClauseRef {
  fichier: string;
  version: number;
  cle: string;
  /** Line of the clause in the convention file (0 when the key is absent: a default applies). */
  ligne: number;
}

export interface EtapeExpliquee {
  ligne: number;
  /** The events file of the line, when there are several. */
  fichier?: string;
  date: string;
  type: string;
  convention?: string;
  regles: { regle: string; action: string; points: number; clause: ClauseRef }[];
  points?: number;
  /** Points of the step that regularise an earlier year's provisional points (I13). */
  regularisation?: number;
  /** The codes of the step's alerts. */
  alertes: string[];
  /** The words of each of those codes, in the run's language (LIBELLES_ALERTES). */
  libelles_alertes: Record<string, string>;
  /** The event's row is rejected, not read: its code and the parameters of its words. */
  rejet?: { code: string; params: Record<string, ParamValue> };
  /** Days since the tenant's notice (congé). */
  depuis_conge?: { conge: string; jours: number };
  /** The contingent the cycle's designation carries (`agents_etat`: the État's agents, I6). */
  contingent?: string;
}

/** Resolves the file and line of every clause the steps cite (each convention file read once). */
export async function etapesExpliquees(x: Explication, lang: Lang): Promise<EtapeExpliquee[]> {
  const docs = new Map<string, Awaited<ReturnType<typeof loadYamlFile>>>();
  const out: EtapeExpliquee[] = [];
  for (const s of x.etapes) {
    const conv = s.entry === undefined ? undefined : x.conventions[s.entry];
    const regles: EtapeExpliquee['regles'] = [];
    for (const d of s.decisions) {
      let ligne = 0;
      if (conv) {
        let doc = docs.get(conv.absolutePath);
        if (!doc) {
          doc = await loadYamlFile(conv.absolutePath, conv.fichier, lang);
          docs.set(conv.absolutePath, doc);
        }
        // A clause the file does not write is the registry's default: no line to point at.
        const offset = ecrite(doc.data, d.params.cle)
          ? doc.parsed?.locate(d.params.cle, { key: true })
          : undefined;
        if (offset !== undefined && doc.source) ligne = doc.source.position(offset).line;
      }
      regles.push({
        regle: d.rule,
        action: d.params.action,
        points: d.params.points,
        clause: { fichier: conv?.fichier ?? '', version: s.version ?? 0, cle: d.params.cle, ligne },
      });
    }
    const position = positionEvenement(s.line);
    const e: EtapeExpliquee = {
      ligne: position.line,
      date: s.date,
      type: s.type,
      regles,
      alertes: s.alertes,
      libelles_alertes: Object.fromEntries(s.alertes.map((a) => [a, libelleAlerte(a, lang)])),
    };
    if (conv) e.convention = conv.id;
    const fichier = x.evenements?.[position.fichier];
    if (fichier !== undefined && s.line > 0) e.fichier = fichier;
    if (s.points !== undefined) e.points = s.points;
    if (s.depuis_conge) e.depuis_conge = s.depuis_conge;
    if (s.contingent) e.contingent = s.contingent;
    if (s.rejet) e.rejet = s.rejet;
    if (s.regularisation !== undefined) e.regularisation = s.regularisation;
    out.push(e);
  }
  return out;
}

/** The words of a rejected row, as the rejected rows' list gives them. */
export function texteRejet(
  rejet: { code: string; params: Record<string, ParamValue> },
  lang: Lang,
): string {
  const entry = catalogue[rejet.code];
  return entry ? renderTemplate(entry[lang], rejet.params, lang) : rejet.code;
}

/** The key at `pointer` is written in the file's data. */
function ecrite(data: unknown, pointer: string): boolean {
  let node: unknown = data;
  for (const k of parsePointer(pointer)) {
    if (node === null || typeof node !== 'object' || !(k in node)) return false;
    node = (node as Record<string, unknown>)[k];
  }
  return true;
}

/** What a designation's contingent means (the points count for the part and within it). */
export const CONTINGENTS: Record<string, { fr: string; en: string }> = {
  agents_etat: {
    fr: 'agents civils et militaires de l’État, au sein de la part de l’État : compté pour la part et pour les agents',
    en: 'State civil and military staff, within the State’s part: counted for the part and for the staff',
  },
};

/** What each rule action does, in words (the pages show the same sentence as the CLI). */
export const ACTIONS: Record<string, { fr: string; en: string }> = {
  ouvrir: {
    fr: 'ouvre un cycle, le délai de désignation court',
    en: 'opens a cycle, the designation delay runs',
  },
  designer: { fr: 'désignation reçue', en: 'designation received' },
  relancer: {
    fr: 'nouvelle désignation due, un nouveau délai court',
    en: 'a new designation is owed, a new delay runs',
  },
  compter: {
    fr: 'fait générateur : le logement est imputé',
    en: 'counting event: the flat is counted',
  },
  annuler: { fr: 'l’attribution est annulée', en: 'the attribution is void' },
  clore: { fr: 'fin du cycle', en: 'the cycle ends' },
  signaler: { fr: 'délai expiré, le cycle reste ouvert', en: 'delay lapsed, the cycle stays open' },
  provisoire: {
    fr: 'cycle encore ouvert à la date d’évaluation',
    en: 'cycle still open at the evaluation date',
  },
  terminer: { fr: 'bail signé : fin du cycle', en: 'lease signed: the cycle ends' },
  regulariser: {
    fr: 'fin sans fait générateur : sort des points provisoires d’une année antérieure',
    en: 'end without the counting event: what becomes of an earlier year’s provisional points',
  },
  reprendre: {
    fr: 'repris par le bailleur pour un tour',
    en: 'taken back by the bailleur for one letting',
  },
};

/**
 * Under `designation.a_compter_de: notification` the orientation opens the cycle without a delay
 * and the notification starts it (their rules cite that key): the words say so.
 */
const ACTIONS_A_COMPTER_DE_NOTIFICATION: Record<string, { fr: string; en: string }> = {
  ouvrir: {
    fr: 'ouvre un cycle ; le délai de désignation ne court qu’à compter de la notification',
    en: 'opens a cycle; the designation delay runs only from the notification',
  },
  relancer: {
    fr: 'logement notifié : le délai de désignation court',
    en: 'flat notified: the designation delay runs',
  },
};

/** The words of a rule that fired at a step (the CLI and the pages show the same sentence). */
export function texteAction(r: { action: string; clause: { cle: string } }, lang: Lang): string {
  const mots =
    r.clause.cle === '/designation/a_compter_de'
      ? (ACTIONS_A_COMPTER_DE_NOTIFICATION[r.action] ?? ACTIONS[r.action])
      : ACTIONS[r.action];
  return mots?.[lang] ?? r.action;
}

/** Which fluxes the flat entered in the year, or why none. */
export function parcoursLine(p: Parcours | undefined, commune: string, lang: Lang): string {
  const fr = lang === 'fr';
  const liste = (xs: readonly string[] | undefined): string =>
    (xs ?? []).map((x) => libelle(x, lang)).join(', ');
  if (p === undefined)
    return fr
      ? 'Aucun flux : logement absent du parc, et aucun événement de la période ne le nomme.'
      : 'No flux: the flat is not in the parc, and no event of the period names it.';
  if (p.flux.length)
    return fr
      ? `Flux : entré dans ${p.flux.join(', ')} sur la période.`
      : `Flux: entered ${p.flux.join(', ')} in the period.`;
  if (p.poursuivis?.length)
    return fr
      ? `Flux : libéré (ou mis en service) avant la période, le logement est entré dans le flux l’année de sa libération ; son cycle se poursuit sur la période dans ${p.poursuivis.join(', ')}.`
      : `Flux: freed (or first let) before the period, the flat entered the flux in the year of its liberation; its cycle goes on in the period in ${p.poursuivis.join(', ')}.`;
  switch (p.raison) {
    case 'sans_evenement':
      return fr
        ? 'Aucun flux : logement du parc, aucun événement sur la période.'
        : 'No flux: a flat of the parc, no event in the period.';
    case 'inconnu':
      return fr
        ? 'Aucun flux : logement absent du parc (ses événements sont rejetés, LOGEMENT_INCONNU).'
        : 'No flux: the flat is not in the parc (its events are rejected, LOGEMENT_INCONNU).';
    case 'stock':
      return fr
        ? `Aucun flux : logement resté en stock, hors du flux (${libelle(p.hors_flux ?? '', lang)} ; CCH art. R. 441-5 I).`
        : `No flux: the flat stays in stock, outside the flux (${libelle(p.hors_flux ?? '', lang)}; CCH art. R. 441-5 I).`;
    case 'hors_assiette':
      return fr
        ? `Aucun flux : logement attribué hors assiette (${liste(p.motifs)} ; CCH art. R. 441-5 I).`
        : `No flux: the flat was let outside the assiette (${liste(p.motifs)}; CCH art. R. 441-5 I).`;
    case 'premiere_location_hors_flux':
      return fr
        ? 'Aucun flux : première mise en location laissée hors du flux par la convention (commission de coordination, /assiette/premiere_mise_en_location) ; le logement rejoint le flux à sa première libération.'
        : 'No flux: first letting kept outside the flux by the convention (commission de coordination, /assiette/premiere_mise_en_location); the flat joins the flux at its first liberation.';
    case 'non_libere':
      return fr
        ? 'Aucun flux : logement ni libéré ni mis en service dans l’année : il n’est pas entré dans le flux.'
        : 'No flux: the flat was neither freed nor first let in the year: it did not enter the flux.';
    case 'sans_convention':
      return fr
        ? `Aucun flux : aucune convention de ce bailleur ne couvre la commune ${commune}.`
        : `No flux: no convention of this bailleur covers the commune ${commune}.`;
    default:
      return fr
        ? `Aucun flux : libéré mais orienté vers aucun réservataire dans l’année (conventions qui le couvrent : ${(p.couvrantes ?? []).join(', ')}).`
        : `No flux: freed but oriented to no réservataire in the year (conventions covering it: ${(p.couvrantes ?? []).join(', ')}).`;
  }
}

export function formatExplication(
  x: Explication,
  etapes: readonly EtapeExpliquee[],
  points: Record<string, number>,
  lang: Lang,
): string {
  const fr = lang === 'fr';
  const colon = fr ? ' :' : ':';
  // Points with a decimal comma in French, as the table and the messages write them (0,5).
  const nombre = (n: number): string => (fr ? String(n).replace('.', ',') : String(n));
  const out: string[] = [];
  const l = x.parc;
  if (!l) {
    out.push(`${fr ? 'Logement' : 'Flat'} ${x.logement}`, parcoursLine(x.parcours, '', lang));
    return out.join('\n');
  }
  out.push(
    `${fr ? 'Logement' : 'Flat'} ${l.logement} — ${l.commune}, ${l.typologie}, ${l.financement}, ${l.qpv ? 'QPV' : fr ? 'hors QPV' : 'outside QPV'}, ${String(l.annee_construction)}${l.hors_flux ? `, stock (${libelle(l.hors_flux, lang)})` : ''}`,
    parcoursLine(x.parcours, l.commune, lang),
  );
  for (const e of etapes) {
    const where =
      e.ligne > 0
        ? `${e.fichier ? `${e.fichier}, ` : ''}${fr ? 'ligne' : 'line'} ${String(e.ligne)}`
        : e.type === 'fin_annee'
          ? fr
            ? 'fin d’année'
            : 'year end'
          : fr
            ? 'évaluation'
            : 'evaluation';
    out.push(
      '',
      `${e.date}  ${e.type.padEnd(15)} (${where})${e.convention ? `  → ${e.convention}` : ''}`,
    );
    if (e.depuis_conge)
      out.push(
        fr
          ? `    ${String(e.depuis_conge.jours)} jour(s) depuis le congé du ${e.depuis_conge.conge}`
          : `    ${String(e.depuis_conge.jours)} day(s) since the notice of ${e.depuis_conge.conge}`,
      );
    if (e.contingent)
      out.push(
        `    contingent${colon} ${e.contingent} (${CONTINGENTS[e.contingent]?.[lang] ?? e.contingent})`,
      );
    if (e.rejet)
      out.push(
        `    ${fr ? 'ligne rejetée' : 'row rejected'}${colon} ${e.rejet.code} — ${texteRejet(e.rejet, lang)}`,
      );
    else if (!e.regles.length && !e.alertes.length)
      out.push(
        `    ${fr ? 'aucune règle de convention ne s’applique' : 'no convention rule applies'}`,
      );
    for (const r of e.regles) {
      const at =
        r.clause.ligne > 0
          ? `${r.clause.fichier}:${String(r.clause.ligne)}`
          : `${r.clause.fichier} (${fr ? 'valeur par défaut' : 'default value'})`;
      out.push(
        `    ${fr ? 'règle' : 'rule'} ${r.regle} (v${String(r.clause.version)}, ${r.clause.cle})${colon} ${texteAction(r, lang)}${r.points ? `, ${nombre(r.points)} point(s)` : ''}`,
        `      ${at}`,
      );
    }
    for (const a of e.alertes)
      out.push(`    ${fr ? 'alerte' : 'alert'}${colon} ${libelleAlerte(a, lang)} (${a})`);
    if (e.regularisation !== undefined) {
      const signe = `${e.regularisation > 0 ? '+' : ''}${nombre(e.regularisation)}`;
      const pourquoi =
        e.type === 'annulation'
          ? fr
            ? 'points que l’événement annulé a donnés à une année antérieure, déjà arrêtée'
            : 'points the cancelled event gave an earlier year, already issued'
          : fr
            ? 'points comptés à titre provisoire une année antérieure'
            : 'points counted provisionally in an earlier year';
      out.push(
        `    ${fr ? 'régularisation' : 'regularisation'}${colon} ${signe} point(s) (${pourquoi})`,
      );
    }
    if (e.points !== undefined)
      out.push(`    ${fr ? 'points du cycle' : 'cycle points'}${colon} ${nombre(e.points)}`);
  }
  const totals = Object.entries(points);
  out.push(
    '',
    totals.length
      ? `${fr ? 'Imputé sur la période' : 'Counted in the period'}${colon} ${totals.map(([c, p]) => `${c} ${nombre(p)}`).join(', ')}`
      : fr
        ? 'Rien d’imputé sur la période.'
        : 'Nothing counted in the period.',
  );
  return out.join('\n');
}
