/** The French sentence of each deadline (facts only; the law only as quoted in textes-trouves). */
import type { DesignationEnCours, OrientationEnCours } from '../engine/en-cours.js';
import { dateFr } from './echeance.js';

export function phraseDesignation(
  d: DesignationEnCours,
  logement: string,
  convention: string,
  jours: number,
): string {
  return (
    `Logement ${logement} : désignation attendue de ${d.reservataire} au plus tard le ` +
    `${dateFr(d.echeance)} (délai ouvert le ${dateFr(d.depuis)}, convention ${convention} ; ` +
    `${String(jours)} jour(s) restant(s)).`
  );
}

export function phraseOrientation(
  o: OrientationEnCours,
  logement: string,
  jours: number,
  depasse: boolean,
): string {
  const origine = o.premiere
    ? `mis en service le ${dateFr(o.depuis)}`
    : o.conge !== undefined
      ? `libéré le ${dateFr(o.depuis)}, congé reçu le ${dateFr(o.conge)} (${String(jours)} jour(s) depuis le congé)`
      : `libéré le ${dateFr(o.depuis)} (${String(jours)} jour(s) depuis la libération)`;
  const suite = depasse
    ? `délai d’orientation dépassé depuis le ${dateFr(o.echeance)}`
    : `orientation attendue au plus tard le ${dateFr(o.echeance)}`;
  return `Logement ${logement} ${origine} : pas encore orienté ; ${suite}.`;
}

export function phraseBilan(
  annee: number,
  bailleur: string,
  departement: string,
  reservataires: readonly string[],
): string {
  return (
    `Bilan annuel ${String(annee)} du bailleur ${bailleur} (département ${departement}) à ` +
    `transmettre « avant le 28 février » ${String(annee + 1)} à l’ensemble des réservataires ` +
    `(${reservataires.join(', ')}).`
  );
}

export function phraseDerogation(
  numero: string,
  signe: string,
  fin: string,
  partMax: number,
  convention: string,
): string {
  return (
    `Fin de la dérogation de l’arrêté préfectoral n° ${numero} du ${dateFr(signe)} ` +
    `(part de l’État jusqu’à ${String(Math.round(partMax * 1000) / 10)} %) le ${dateFr(fin)} : ` +
    `convention ${convention}.`
  );
}

export function phraseFinConvention(
  convention: string,
  reservataire: string,
  bailleur: string,
  fin: string,
): string {
  return (
    `La convention ${convention} entre le bailleur ${bailleur} et ${reservataire} arrive à son ` +
    `terme le ${dateFr(fin)} (duree.fin).`
  );
}
