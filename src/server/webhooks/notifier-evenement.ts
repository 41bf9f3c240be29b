/**
 * For the event-recording routes: a recorded event (`evenement.enregistre`) is told to the
 * webhooks of the bailleur whose flat it is and, when it names a réservataire (an orientation, a
 * designation…), to that réservataire's — its addressee. Only the event's facts go: id, date,
 * type, flat, réservataire, classement; never a household's data.
 */
import type { Contexte } from '../contexte.js';
import { notifier } from './livraisons.js';

export interface EvenementNotifie {
  bailleur: string;
  id: string;
  date: string;
  type: string;
  logement: string;
  reservataire?: string;
  /** `valide` or `anomalie`. */
  classement: string;
}

export async function notifierEvenement(ctx: Contexte, e: EvenementNotifie): Promise<void> {
  const evenement = {
    id: e.id,
    date: e.date,
    type: e.type,
    logement: e.logement,
    ...(e.reservataire ? { reservataire: e.reservataire } : {}),
    classement: e.classement,
  };
  const donnees = { bailleur: e.bailleur, evenement };
  await notifier(ctx, `bailleur:${e.bailleur}`, { type: 'evenement.enregistre', donnees });
  if (e.reservataire)
    await notifier(ctx, `reservataire:${e.reservataire}`, {
      type: 'evenement.enregistre',
      donnees,
    });
}
