/** The one French sentence that says why a candidate stands where it stands. */
import type { Filiere } from './residence.js';
import type { CandidatOrientation, PositionAffichee } from './suggestion.js';

/** 1,75 ; 2,1 ; 3 (two decimals at most, French comma). */
export const nombre = (x: number): string =>
  String(Math.round(x * 100) / 100)
    .replace('.', ',')
    .replace(/^-0$/, '0');

export const pourcent = (x: number): string => `${nombre(x * 100)} %`;

const logements = (x: number): string => `${nombre(x)} logement${Math.abs(x) >= 2 ? 's' : ''}`;

/** What orienting the flat here would do to the gap of one territory. */
export function effet(p: PositionAffichee): string {
  if (p.ecart > 1) return `rattrape 1 des ${logements(p.ecart)} de retard ${p.lieu}`;
  if (p.ecart > 0) return `rattrape ${logements(p.ecart)} de retard ${p.lieu}`;
  return `creuserait l’avance ${p.lieu} à ${logements(1 - p.ecart)}`;
}

function position(p: PositionAffichee): string {
  return `${effet(p)} (dû ${nombre(p.du)} sur ${String(p.flux)} libéré${p.flux > 1 ? 's' : ''}, orienté ${String(p.oriente)})`;
}

export function raisons(c: CandidatOrientation, filiere: Filiere): string {
  if (c.contraintes.length)
    return `Ne peut pas recevoir ce logement : ${c.contraintes.join(' ; ')}.`;
  const morceaux = c.positions.map(position);
  if (c.voeux.length) {
    const oui = c.voeux.filter((v) => v.satisfait).length;
    morceaux.push(
      `vœux indicatifs satisfaits : ${String(oui)} sur ${String(c.voeux.length)} (${c.voeux
        .map((v) => `${v.libelle} : ${v.satisfait ? 'oui' : 'non'}`)
        .join(', ')})`,
    );
  }
  if (c.filiere)
    morceaux.push(
      `effet filière : ce contingent tiendrait plus de ${pourcent(filiere.part)} des ${String(filiere.fenetre)} dernières attributions du programme`,
    );
  const phrase = morceaux.join(' ; ');
  return `${phrase.charAt(0).toUpperCase()}${phrase.slice(1)}.`;
}
