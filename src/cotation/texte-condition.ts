/**
 * A criterion's condition said in French from the grid's own tests, for the public grid document
 * when the grid gives no text of its own (`texte_source`): « Taux d’effort > 30 », « Logement
 * actuel : Sans abri ou Hébergé ». Never printed as the grid's words (the document marks it).
 */
import {
  champ,
  testsOf,
  type Condition,
  type Grille,
  type Scalaire,
  type Test,
} from '../check/grille/grille.js';
import { chiffre } from './noter.js';

function valeur(g: Grille, nom: string, v: Scalaire): string {
  if (typeof v === 'boolean') return v ? 'oui' : 'non';
  if (typeof v === 'number') return chiffre(v, 'fr');
  return champ(g, nom)?.valeurs?.[v] ?? v;
}

function test(g: Grille, nom: string, t: Test): string {
  const c = champ(g, nom);
  const libelle = c?.libelle ?? nom;
  const parts: string[] = [];
  if (t.egal !== undefined) parts.push(`${libelle} : ${valeur(g, nom, t.egal)}`);
  if (t.dans) parts.push(`${libelle} : ${t.dans.map((v) => valeur(g, nom, v)).join(' ou ')}`);
  if (t.hors)
    parts.push(`${libelle} : autre que ${t.hors.map((v) => valeur(g, nom, v)).join(', ')}`);
  const n = (x: number) => chiffre(x, 'fr');
  if (t.superieur_a !== undefined) parts.push(`${libelle} > ${n(t.superieur_a)}`);
  if (t.au_moins !== undefined) parts.push(`${libelle} ≥ ${n(t.au_moins)}`);
  if (t.inferieur_a !== undefined) parts.push(`${libelle} < ${n(t.inferieur_a)}`);
  if (t.au_plus !== undefined) parts.push(`${libelle} ≤ ${n(t.au_plus)}`);
  return parts.join(' et ');
}

export function texteCondition(g: Grille, c: Condition): string {
  const parts = testsOf(c).map(([nom, t]) => test(g, nom, t));
  if (c.une_de?.length) {
    const alternatives = c.une_de.map((x) => texteCondition(g, x));
    parts.push(
      alternatives.length > 1 ? `(${alternatives.join(' ; ou ')})` : (alternatives[0] ?? ''),
    );
  }
  return parts.join(' ; et ');
}
