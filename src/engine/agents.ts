/**
 * The agents de l'État (review I6): within the préfet's part, a share of the flux for the State's
 * civil and military staff (CCH art. R. 441-5-2 I, « dont au plus 5 % »; the convention's
 * `flux.dont_agents_etat`). A designation row says it is made for that share with
 * `contingent: agents_etat`; the points of its cycle then count in the part and in the agents'
 * line. Lecture retenue par convflux: what is due to the agents is, per liberation in the flux,
 * `dont_agents_etat` of the version in force on its date (as `du` is for the part); a cycle
 * belongs to the contingent of its last designation.
 */
import type { Contingent, Evenement } from '../flux/evenement.js';
import type { ConventionEntry } from './convention-index.js';
import type { RejetBrut } from './cycle.js';
import type { AgentsResultat } from './evaluation.js';

/** Rejects a contingent on a designation made under a convention that is not the État's. */
export function rejetContingent(
  entry: ConventionEntry,
  e: Evenement & { line: number },
): RejetBrut | undefined {
  if (e.contingent === undefined) return undefined;
  const type = entry.versions[0]?.convention.reservataire.type ?? '';
  if (type === 'etat') return undefined;
  return {
    line: e.line,
    code: 'CONTINGENT_AGENTS_HORS_ETAT',
    params: {
      contingent: e.contingent,
      reservataire: e.reservataire ?? '',
      convention: entry.id,
      type,
    },
    pointeur: '/contingent',
  };
}

/** Dû and réalisé of the agents' share (plain data: worker threads merge them). */
export type AgentsSommes = [du: number, realise: number];

export const CONTINGENT_AGENTS: Contingent = 'agents_etat';

const round = (x: number): number => Math.round(x * 1e6) / 1e6;

/**
 * The agents' line of an État convention (a share of 0 when it reserves none: the registry's
 * default of `flux.dont_agents_etat`); undefined for the other réservataires.
 */
export function agentsResultat(
  entry: ConventionEntry,
  part: number | undefined,
  s: AgentsSommes | undefined,
): AgentsResultat | undefined {
  if (entry.versions[0]?.convention.reservataire.type !== 'etat') return undefined;
  const du = round(s?.[0] ?? 0);
  const realise = round(s?.[1] ?? 0);
  return { part: part ?? 0, du, realise, taux: du > 0 ? round(realise / du) : null };
}
