/**
 * Who sees which deadline of the échéancier, in the terms of the one policy (policy.ts):
 * - a freed flat still to orient: the bailleur's members only (no réservataire is addressed yet);
 * - a running designation delay: the bailleur's members and the réservataire of that cycle
 *   (the addressee), as for a convention between them;
 * - the end of a convention or of a derogation: the convention's parties;
 * - the annual bilan: the bailleur's members and every réservataire it is sent to (R. 441-5-1).
 */
import type { Echeance } from '../echeancier/echeance.js';
import type { Principal } from './auth/principal.js';
import { voit, type Ressource } from './policy.js';

export function ressourceEcheance(e: Echeance): Ressource {
  switch (e.nature) {
    case 'orientation_logement':
      return { type: 'bailleur', siren: e.bailleur };
    case 'bilan_annuel':
      return { type: 'bilan', bailleur: e.bailleur, reservataires: e.reservataires ?? [] };
    default:
      return { type: 'convention', bailleur: e.bailleur, reservataire: e.reservataire ?? '' };
  }
}

export const voitEcheance = (p: Principal, e: Echeance): boolean => voit(p, ressourceEcheance(e));
