/**
 * Who may see and do what: the one place where access is decided, called by every route.
 *
 * - A bailleur's members see its parc, events, conventions, orientations and figures.
 * - A réservataire's members see the conventions it is party to (across every bailleur) and its
 *   own live figures; never another réservataire's live figures, never household data.
 * - The annual bilan's per-réservataire aggregates of a bailleur × département are visible to
 *   every réservataire party to a convention there (R. 441-5-1); flat-level detail only to its
 *   addressee.
 * - An EPCI's members see its cotation grids and scores.
 * - The service's administrators administer organisations and accounts and see everything.
 *
 * `voit` says whether a resource is visible at all (an unseen one answers 404: nothing says it
 * exists); `peut` whether an action is allowed on a visible one (else 403).
 */
import type { Permission } from './auth/permissions.js';
import type { Principal } from './auth/principal.js';

export type Ressource =
  | { type: 'bailleur'; siren: string }
  | { type: 'reservataire'; id: string }
  | { type: 'epci'; siren: string }
  /** A convention (any version) between a bailleur and a réservataire. */
  | { type: 'convention'; bailleur: string; reservataire: string }
  /** The bilan aggregates of a bailleur × département, seen by the réservataires party there. */
  | { type: 'bilan'; bailleur: string; reservataires: readonly string[] };

function membre(p: Principal, type: 'bailleur' | 'reservataire' | 'epci', id: string) {
  return p.appartenances.find((a) => a.type === type && a.identifiant === id);
}

/** The organisations through which the principal reaches the resource. */
function organisations(p: Principal, r: Ressource) {
  switch (r.type) {
    case 'bailleur':
      return [membre(p, 'bailleur', r.siren)];
    case 'reservataire':
      return [membre(p, 'reservataire', r.id)];
    case 'epci':
      return [membre(p, 'epci', r.siren)];
    case 'convention':
      return [membre(p, 'bailleur', r.bailleur), membre(p, 'reservataire', r.reservataire)];
    case 'bilan':
      return [
        membre(p, 'bailleur', r.bailleur),
        ...r.reservataires.map((id) => membre(p, 'reservataire', id)),
      ];
  }
}

export function voit(p: Principal, r: Ressource): boolean {
  return p.admin || organisations(p, r).some((a) => a !== undefined);
}

export function peut(p: Principal, permission: Permission, r: Ressource): boolean {
  if (p.admin) return true;
  return organisations(p, r).some(
    (a) => a !== undefined && (a.permissions.has(permission) || a.permissions.has('administrer')),
  );
}

/** The organisation named in a 403 (the first through which the principal sees the resource). */
export function organisationVue(p: Principal, r: Ressource): string {
  return organisations(p, r).find((a) => a !== undefined)?.organisation_id ?? '';
}
