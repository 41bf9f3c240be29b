/**
 * For the event-recording routes: a recorded event (`evenement.enregistre`) is told to the
 * webhooks of the bailleur whose flat it is and, when it names a réservataire (an orientation, a
 * designation…), to that réservataire's — its addressee. Only the event's facts go: id, date,
 * type, flat, réservataire, classement; never a household's data.
 */
import type { Contexte } from '../contexte.js';
import { notifierTous, type Destinee } from './livraisons.js';

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

/** The notifications of one recorded event: to its bailleur, and to the réservataire it names. */
function destinees(e: EvenementNotifie): Destinee[] {
  const evenement = {
    id: e.id,
    date: e.date,
    type: e.type,
    logement: e.logement,
    ...(e.reservataire ? { reservataire: e.reservataire } : {}),
    classement: e.classement,
  };
  const n = { type: 'evenement.enregistre', donnees: { bailleur: e.bailleur, evenement } };
  return [
    { organisation: `bailleur:${e.bailleur}`, evenement: n },
    ...(e.reservataire ? [{ organisation: `reservataire:${e.reservataire}`, evenement: n }] : []),
  ];
}

interface EnAttente {
  destinees: Destinee[];
  fini: Promise<number>;
}

/** The notifications of the events recorded in this turn of the event loop, by context. */
const enAttente = new WeakMap<Contexte, EnAttente>();

/**
 * Queues the notifications of a recorded event. The events answered in the same turn of the event
 * loop (a batch of live events committed together) are queued together: their organisations'
 * webhooks read by one query, not one query per event.
 */
export async function notifierEvenement(ctx: Contexte, e: EvenementNotifie): Promise<void> {
  let a = enAttente.get(ctx);
  if (!a) {
    const lot: Destinee[] = [];
    a = {
      destinees: lot,
      fini: new Promise((resolve, reject) => {
        setImmediate(() => {
          enAttente.delete(ctx);
          notifierTous(ctx, lot).then(resolve, reject);
        });
      }),
    };
    enAttente.set(ctx, a);
  }
  a.destinees.push(...destinees(e));
  await a.fini;
}
