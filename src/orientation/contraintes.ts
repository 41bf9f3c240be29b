/**
 * The hard constraints of an orientation, as reasons: a flat kept in stock (défense, sécurité
 * intérieure, santé: CCH art. R. 441-5 I), a cycle already open on it, a flat taken out of the
 * assiette; a convention that does not cover the flat's commune or is not in force at the date.
 */
import type { Logement } from '../flux/logement.js';
import type { Territoires } from '../reference/territoires.js';
import { covers, versionAt, type ConventionEntry } from '../engine/convention-index.js';
import type { LogementLibere } from './annee-orientation.js';
import { nomCommune } from './territoires-orientation.js';

const STOCK: Record<string, string> = {
  defense: 'de la Défense',
  securite_interieure: 'de la sécurité intérieure',
  sante: 'de la santé',
};

/** Constraints that bind every candidate (the flat itself cannot be oriented in the flux). */
export function contraintesCommunes(libere: LogementLibere): string[] {
  const l = libere.logement;
  const out: string[] = [];
  if (l.hors_flux !== undefined)
    out.push(
      `le logement est réservé en stock au titre ${STOCK[l.hors_flux] ?? l.hors_flux}, hors du flux (CCH art. R. 441-5 I)`,
    );
  if (libere.etat === 'oriente' && libere.orientation)
    out.push(
      `un cycle est déjà ouvert sur ce logement : orienté vers ${libere.orientation.reservataire} le ${libere.orientation.date}`,
    );
  if (libere.etat === 'hors_assiette')
    out.push(`le logement est sorti de l’assiette du flux le ${libere.depuis ?? ''}`);
  return out;
}

/** Why this convention cannot take the flat at the date (empty: it can). */
export function contrainteConvention(
  entry: ConventionEntry,
  l: Logement,
  date: string,
  t: () => Territoires,
): string[] {
  if (!covers(entry, l))
    return [`sa convention ne couvre pas la commune de ${nomCommune(l.commune, t)}`];
  if (versionAt(entry, date)) return [];
  const derniere = entry.versions[entry.versions.length - 1]?.convention.duree;
  return [
    `sa convention n’est pas en vigueur le ${date}${derniere ? ` (elle court du ${derniere.debut} au ${derniere.fin})` : ''}`,
  ];
}
