/**
 * How a print of the convention presents itself (B7, I28): a consolidated version (version > 1)
 * is an informative document, never an instrument to sign; the technical annexes (summary,
 * identification) carry no contractual value and are named apart in article 1; the status
 * printed in the identification annex says « signé » only when the YAML records the signatures.
 */
import type { Convention } from '../convention/convention.js';
import { dateLongue, listeEt } from './typographie.js';
import type { ConventionView, EditionView } from './view-model.js';

/** The annexes of the view that are technical: printed, never stipulations. */
export const ANNEXES_TECHNIQUES: readonly string[] = ['recapitulatif', 'identification'];

export const MENTION_ANNEXE_TECHNIQUE = 'Annexe technique, sans valeur contractuelle';

type Partie = 'bailleur' | 'reservataire';
const PARTIES: readonly Partie[] = ['bailleur', 'reservataire'];

/** The latest date each party signed on, when the YAML records it. */
function signaturesParPartie(c: Convention): Map<Partie, string> {
  const out = new Map<Partie, string>();
  for (const s of c.signatures ?? []) {
    const avant = out.get(s.partie);
    if (avant === undefined || s.date > avant) out.set(s.partie, s.date);
  }
  return out;
}

/** The date of the last signature, when every party's signature is recorded. */
export function dateDerniereSignature(c: Convention): string | undefined {
  const par = signaturesParPartie(c);
  if (!PARTIES.every((p) => par.has(p))) return undefined;
  return [...par.values()].sort().at(-1);
}

const NOM_PARTIE: Record<Partie, string> = {
  bailleur: 'le bailleur',
  reservataire: 'le réservataire',
};

/**
 * « Projet », « Texte arrêté, en attente de signature », « Texte arrêté ; signé par le bailleur le
 * 3 juin 2025, en attente de la signature du réservataire », « Texte signé le 3 juin 2025 ».
 */
export function statutTexte(c: Convention): string {
  if (c.statut === 'projet') return 'Projet';
  const derniere = dateDerniereSignature(c);
  if (derniere !== undefined)
    return c.statut === 'signee' && c.version <= 1
      ? `Texte signé le ${dateLongue(derniere)} ; copie, seul l’original électronique signé fait foi`
      : `Texte signé le ${dateLongue(derniere)}`;
  const par = signaturesParPartie(c);
  const signees = PARTIES.filter((p) => par.has(p));
  if (!signees.length) return 'Texte arrêté, en attente de signature';
  const faites = signees.map((p) => `par ${NOM_PARTIE[p]} le ${dateLongue(par.get(p) ?? '')}`);
  const attendues = PARTIES.filter((p) => !par.has(p)).map((p) =>
    NOM_PARTIE[p].replace(/^le /, 'du '),
  );
  return `Texte arrêté ; signé ${listeEt(faites)}, en attente de la signature ${listeEt(attendues)}`;
}

/**
 * A signed version 1 printed again is a copy of the signed original (the PDF the parties signed,
 * which alone bears the signatures): it prints who signed and when, and no signature field.
 */
export function estCopieSignee(c: Convention): boolean {
  return c.version <= 1 && c.statut === 'signee' && dateDerniereSignature(c) !== undefined;
}

/** « l’annexe 1 fait » / « les annexes 1 et 2 font ». */
function annexes(numeros: number[]): { groupe: string; pluriel: boolean } {
  const liste = listeEt(numeros.map(String));
  return numeros.length > 1
    ? { groupe: `les annexes ${liste}`, pluriel: true }
    : { groupe: `l’annexe ${liste}`, pluriel: false };
}

/** Article 1's sentence on the annexes: the contractual ones, then the technical ones. */
function phraseAnnexes(numeros: Record<string, number>): string {
  const present = (keys: string[]): number[] =>
    keys
      .map((k) => numeros[k] ?? 0)
      .filter((n) => n > 0)
      .sort((a, b) => a - b);
  const toutes = Object.keys(numeros);
  const contractuelles = present(toutes.filter((k) => !ANNEXES_TECHNIQUES.includes(k)));
  const techniques = present(toutes.filter((k) => ANNEXES_TECHNIQUES.includes(k)));
  const phrases: string[] = [];
  if (contractuelles.length) {
    const a = annexes(contractuelles);
    const sujet = a.groupe.charAt(0).toUpperCase() + a.groupe.slice(1);
    phrases.push(
      `${sujet} ${a.pluriel ? 'font' : 'fait'} partie intégrante de la présente convention.`,
    );
  }
  if (techniques.length) {
    const t = annexes(techniques);
    const sujet = t.groupe.charAt(0).toUpperCase() + t.groupe.slice(1);
    phrases.push(
      `${sujet}, ${t.pluriel ? 'annexes techniques établies' : 'annexe technique établie'} pour l’identification et la lecture du document, ${t.pluriel ? 'n’ont' : 'n’a'} pas de valeur contractuelle.`,
    );
  }
  return phrases.join(' ');
}

/** The heading of a consolidated version: what it is, and which texts are authentic. */
function mentionConsolidee(c: Convention): { titre: string; note: string } {
  if (c.version <= 1) return { titre: '', note: '' };
  const avenant = c.version - 1;
  const signe = dateDerniereSignature(c);
  const foi = signe
    ? `seuls font foi la convention et ses avenants signés par les parties, dont l’avenant n° ${String(avenant)} signé le ${dateLongue(signe)}`
    : 'seuls font foi la convention et ses avenants signés par les parties';
  return {
    titre: `Version consolidée à titre d’information – ${foi}`,
    note:
      `Le présent document reproduit, à titre d’information, le texte de la convention dans sa rédaction issue de l’avenant n° ${String(avenant)}, ` +
      `qui prend effet le ${dateLongue(c.date_effet)} ; les orientations, désignations, décisions et refus intervenus avant cette date restent régis par la rédaction antérieure de la convention. ` +
      'Il n’est pas signé et ne comporte aucun champ de signature.',
  };
}

export function buildEditionView(
  c: Convention,
  vue: Pick<ConventionView, 'annexes' | 'contreparties'>,
): EditionView {
  const consolidee = mentionConsolidee(c);
  return {
    consolidee: c.version > 1,
    mentionConsolidee: consolidee.titre,
    noteConsolidee: consolidee.note,
    mentionAnnexeTechnique: MENTION_ANNEXE_TECHNIQUE,
    statutTexte: statutTexte(c),
    copieSignee: estCopieSignee(c),
    // The contreparties annex states the cause of the rights (B2): contractual, like the others.
    phraseAnnexes: phraseAnnexes({
      ...vue.annexes.numeros,
      contreparties: vue.contreparties.annexe,
    }),
    dateEffetConvention: dateLongue(c.duree.debut),
  };
}
