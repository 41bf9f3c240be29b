/**
 * The échéancier of the service: the log written in the CLI's layout (ecrireEntrees), the same
 * library call as `convflux echeancier`, then only what the caller may see (policy-echeance.ts).
 */
import { calculerEcheancier } from '../../echeancier/calculer-echeancier.js';
import type { Echeance } from '../../echeancier/echeance.js';
import type { Principal } from '../auth/principal.js';
import type { Contexte } from '../contexte.js';
import { ecrireEntrees, type Perimetre } from '../flux/entrees.js';
import { voitEcheance } from '../policy-echeance.js';

/** Every deadline of the data held, at the date. */
export async function toutesEcheances(
  ctx: Contexte,
  date: string,
  horizon?: number,
  perimetre: Perimetre = {},
): Promise<Echeance[]> {
  const entrees = await ecrireEntrees(ctx.base.db, perimetre);
  try {
    const r = await calculerEcheancier({
      rules: [entrees.rules],
      parc: entrees.parc,
      evenements: [entrees.evenements],
      date,
      cwd: entrees.dossier,
      ...(horizon !== undefined ? { horizon } : {}),
    });
    return r.echeances;
  } finally {
    entrees.close();
  }
}

export async function echeancesVisibles(
  ctx: Contexte,
  p: Principal,
  date: string,
  horizon?: number,
): Promise<Echeance[]> {
  return (await toutesEcheances(ctx, date, horizon, perimetreDe(p))).filter((e) =>
    voitEcheance(p, e),
  );
}

/** A member of one bailleur only sees that bailleur's deadlines: only its data is evaluated. */
function perimetreDe(p: Principal): Perimetre {
  const [seule, ...autres] = p.appartenances;
  return !p.admin && seule?.type === 'bailleur' && !autres.length
    ? { bailleur: seule.identifiant }
    : {};
}

/** The service's own day (ISO), the default date of a feed a calendar app fetches. */
export const aujourdhui = (ctx: Contexte): string => ctx.maintenant().toISOString().slice(0, 10);
