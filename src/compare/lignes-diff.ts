/**
 * The comparison as `convflux diff` prints it: one line per change, in French (or English), a
 * negotiator's reading (« Part du flux : 25 % → 30 % à compter du 1er janvier 2025 »). Changes in
 * effect first, then the defaults made explicit (which change nothing).
 */
import type { Lang } from '../diagnostics/diagnostic.js';
import { dateLongue } from '../render/typographie.js';
import { enEffet, type Changement, type Comparaison } from './changement.js';
import { valeurTexte } from './valeur-texte.js';

/** Labels of things named in the feminine (« Contrepartie ajoutée »). */
const FEMININ = /^(Contrepartie|Part|Pondération|Exclusion|Application|Modalités)/;

/** « (article 6) », « (article 5, annexe 1) » when the numbers are known. */
const ou = (c: Changement): string => (c.articles?.length ? ` (${c.articles.join(', ')})` : '');

const aCompterDu = (date: string, lang: Lang): string =>
  date ? (lang === 'fr' ? ` à compter du ${dateLongue(date)}` : ` from ${date}`) : '';

/** An item of a list (an objective, a signatory) added or removed whole. */
function ligneElement(c: Changement, lang: Lang): string {
  const fr = lang === 'fr';
  const ajoute = c.nature === 'ajoute';
  const accord = fr && FEMININ.test(c.libelle) ? 'e' : '';
  const verbe = fr
    ? ajoute
      ? `ajouté${accord}`
      : `supprimé${accord}`
    : ajoute
      ? 'added'
      : 'removed';
  const valeur = valeurTexte(ajoute ? c.nouveau : c.ancien, c.pointeur, lang);
  return `${c.libelle} ${verbe}${fr ? ' : ' : ': '}${valeur}${aCompterDu(c.date_effet, lang)}${ou(c)}`;
}

function valeur(c: Changement, cote: 'ancien' | 'nouveau', lang: Lang): string {
  const texte = valeurTexte(c[cote], c.pointeur, lang);
  const defaut = cote === 'ancien' ? c.ancien_par_defaut : c.nouveau_par_defaut;
  return defaut ? `${texte} ${lang === 'fr' ? '(par défaut)' : '(default)'}` : texte;
}

/** One change, as one line. */
export function ligneChangement(c: Changement, lang: Lang): string {
  const fr = lang === 'fr';
  // An item of a list added or removed whole is named by the list (« Objectif indicatif ajouté »).
  const item = c.element !== undefined && /\/\d+$/.test(c.pointeur);
  const sujet = c.element !== undefined && !item ? `${c.libelle} (${c.element})` : c.libelle;
  switch (c.nature) {
    case 'defaut_explicite': {
      const objet = c.nouveau !== null && typeof c.nouveau === 'object';
      return fr
        ? `${sujet} : inchangé (${objet ? 'valeurs par défaut explicitées' : `valeur par défaut explicitée : ${valeurTexte(c.nouveau, c.pointeur, lang)}`})`
        : `${sujet}: unchanged (default ${objet ? 'values' : `value ${valeurTexte(c.nouveau, c.pointeur, lang)}`} now written)`;
    }
    case 'defaut_implicite': {
      const objet = c.ancien !== null && typeof c.ancien === 'object';
      const v = valeurTexte(c.ancien, c.pointeur, lang);
      if (objet)
        return fr
          ? `${sujet} : inchangé (valeurs par défaut, qui ne sont plus écrites)`
          : `${sujet}: unchanged (default values, no longer written)`;
      return fr
        ? `${sujet} : inchangé (valeur par défaut, qui n’est plus écrite : ${v})`
        : `${sujet}: unchanged (default value, no longer written: ${v})`;
    }
    case 'ajoute':
    case 'supprime':
      if (item) return ligneElement(c, lang);
      break;
    case 'modifie':
      break;
  }
  const sep = fr ? ' : ' : ': ';
  return `${sujet}${sep}${valeur(c, 'ancien', lang)} → ${valeur(c, 'nouveau', lang)}${aCompterDu(c.date_effet, lang)}${ou(c)}`;
}

const STATUT: Record<string, { fr: string; en: string }> = {
  projet: { fr: 'projet', en: 'draft' },
  arretee: { fr: 'arrêtée', en: 'frozen' },
  signee: { fr: 'signée', en: 'signed' },
};

function version(v: Comparaison['ancienne'], lang: Lang): string {
  const statut = STATUT[v.statut]?.[lang] ?? v.statut;
  return lang === 'fr'
    ? `version ${String(v.version)} (${statut}, effet au ${dateLongue(v.date_effet)})`
    : `version ${String(v.version)} (${statut}, effective ${v.date_effet})`;
}

/** The whole diff: a heading, the changes in effect, the defaults made explicit. */
export function lignesDiff(cmp: Comparaison, lang: Lang): string[] {
  const fr = lang === 'fr';
  const { ancienne: a, nouvelle: b } = cmp;
  const titre = cmp.memeConvention
    ? `Convention ${b.id}${fr ? ' : ' : ': '}${version(a, lang)} → ${version(b, lang)}`
    : `${a.id}, ${version(a, lang)} → ${b.id}, ${version(b, lang)}`;
  const effet = cmp.changements.filter(enEffet);
  const explicites = cmp.changements.filter((c) => !enEffet(c));
  const out = [titre];
  if (!effet.length) out.push(fr ? 'Aucun changement en effet.' : 'No change in effect.');
  else {
    const n = effet.length;
    out.push(
      fr
        ? `${String(n)} changement${n > 1 ? 's' : ''} :`
        : `${String(n)} change${n > 1 ? 's' : ''}:`,
    );
    for (const c of effet) out.push(`  ${ligneChangement(c, lang)}`);
  }
  if (explicites.length) {
    out.push(
      fr
        ? 'Sans effet (valeurs par défaut écrites ou retirées) :'
        : 'No effect (default values written or removed):',
    );
    for (const c of explicites) out.push(`  ${ligneChangement(c, lang)}`);
  }
  return out;
}
