/** The text output of `convflux orient`: one line per candidate, one sentence of reasons each. */
import { INTERPRETATION_CONVFLUX } from '../convention/defauts.js';
import type { Lang } from '../diagnostics/diagnostic.js';
import { BAILLEUR } from './classement.js';
import { pourcent } from './raisons.js';
import type { Residence } from './residence.js';
import type { CandidatOrientation, EquilibreQpv, Suggestion } from './suggestion.js';

const AVERTISSEMENT_EN =
  'This is a suggestion: the bailleur decides, and records the orientation it chooses as an event (type orientation) of the events file.';

const nomDe = (c: CandidatOrientation): string =>
  c.id === BAILLEUR ? c.nom : `${c.nom} [${c.id}]`;

/** « 66,67 % » in French, « 66.67 % » in English (as evaluate's rates). */
const pct = (x: number, lang: Lang): string =>
  lang === 'en' ? `${String(Math.round(x * 10000) / 100)} %` : pourcent(x);

const deuxPoints = (lang: Lang): string => (lang === 'en' ? ': ' : ' : ');

/** A candidate's line; its reasons are the engine's French sentence in both languages. */
function ligneCandidat(c: CandidatOrientation, lang: Lang): string {
  const rang = c.rang > 0 ? `${String(c.rang).padStart(2)}.` : ' —';
  const part = c.contraintes.length
    ? ''
    : ` (${lang === 'en' ? 'share' : 'part'} ${pct(c.part, lang)})`;
  return `${rang} ${nomDe(c)}${part}${deuxPoints(lang)}${c.raisons}`;
}

function ligneResidence(r: Residence, lang: Lang): string {
  const total = r.dernieres.length;
  const contingents = Object.entries(r.contingents)
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
    .map(([id, n]) => `${id === BAILLEUR ? 'bailleur' : id} ${String(n)}`)
    .join(', ');
  if (lang === 'en') {
    const seuil = `« effet filière » threshold: a contingent holding more than ${pct(r.seuil.part, lang)} of the programme’s last ${String(r.seuil.fenetre)} attributions (a choice of convflux, not a rule of law)`;
    const dominant =
      r.dominant !== undefined
        ? `; warning, ${r.dominant === BAILLEUR ? 'the bailleur' : r.dominant} is already above this threshold`
        : '';
    return total === 0
      ? `Residence (programme ${r.programme}): no attribution known; ${seuil}.`
      : `Residence (programme ${r.programme}): ${String(total)} last attribution(s): ${contingents}; ${seuil}${dominant}.`;
  }
  const seuil = `seuil de l’effet filière : un contingent tenant plus de ${pourcent(r.seuil.part)} des ${String(r.seuil.fenetre)} dernières attributions du programme (${INTERPRETATION_CONVFLUX})`;
  const dominant =
    r.dominant !== undefined
      ? ` ; attention, ${r.dominant === BAILLEUR ? 'le bailleur' : r.dominant} dépasse déjà ce seuil`
      : '';
  return total === 0
    ? `Résidence (programme ${r.programme}) : aucune attribution connue ; ${seuil}.`
    : `Résidence (programme ${r.programme}) : ${String(total)} dernière${total > 1 ? 's' : ''} attribution${total > 1 ? 's' : ''} : ${contingents} ; ${seuil}${dominant}.`;
}

function ligneQpv(q: EquilibreQpv, lang: Lang): string {
  const taux = q.orientations ? ` (${pct(q.hors_qpv / q.orientations, lang)})` : '';
  if (lang === 'en')
    return `QPV balance of ${q.reservataire}: ${String(q.hors_qpv)} orientation(s) outside QPV out of ${String(q.orientations)} this year${taux}, floor outside QPV ${pct(q.plancher, lang)}.`;
  return `Équilibre QPV de ${q.reservataire} : ${String(q.hors_qpv)} orientation${q.hors_qpv > 1 ? 's' : ''} hors QPV sur ${String(q.orientations)} cette année${taux}, plancher hors QPV ${pourcent(q.plancher)}.`;
}

export function formatSuggestion(s: Suggestion, lang: Lang): string {
  const premier = s.candidats.find((c) => c.rang === 1);
  const en = lang === 'en';
  const lignes = [
    en
      ? `Flat ${s.logement} (${s.commune.nom}, ${s.description}), freed on ${s.liberation} — suggestion on ${s.date}`
      : `Logement ${s.logement} (${s.commune.nom}, ${s.description}), libéré le ${s.liberation} — suggestion au ${s.date}`,
    premier
      ? `Suggestion${en ? ':' : ' :'} ${nomDe(premier)}`
      : en
        ? 'No candidate can receive this flat in the flux (see the reasons).'
        : 'Aucun candidat ne peut recevoir ce logement dans le flux (voir les raisons).',
    '',
    ...s.candidats.map((c) => ligneCandidat(c, lang)),
    '',
  ];
  if (s.residence) lignes.push(ligneResidence(s.residence, lang));
  if (s.qpv) lignes.push(ligneQpv(s.qpv, lang));
  lignes.push(lang === 'en' ? AVERTISSEMENT_EN : s.avertissement);
  return lignes.join('\n');
}

export function formatOuverts(liste: readonly Suggestion[], date: string, lang: Lang): string {
  const n = liste.length;
  const lignes = [
    lang === 'en'
      ? `${String(n)} freed flat(s) not yet oriented on ${date}:`
      : `${String(n)} logement${n > 1 ? 's' : ''} libéré${n > 1 ? 's' : ''} non encore orienté${n > 1 ? 's' : ''} au ${date} :`,
  ];
  for (const s of liste) {
    const p = s.candidats.find((c) => c.rang === 1);
    const suite = p
      ? `→ ${nomDe(p)}${deuxPoints(lang)}${p.raisons}`
      : lang === 'en'
        ? '→ no possible candidate'
        : '→ aucun candidat possible';
    lignes.push(`  ${s.liberation}  ${s.logement}  ${s.commune.nom}, ${s.description} ${suite}`);
  }
  lignes.push(
    lang === 'en'
      ? AVERTISSEMENT_EN
      : 'Ce sont des suggestions : le bailleur décide, et enregistre chaque orientation qu’il retient comme un événement (type orientation) du fichier des événements.',
  );
  return lignes.join('\n');
}
