/**
 * Lookups asked in the same turn of the event loop, read by one query: the requests that arrived
 * together (the clients of a burst answered by one commit send their next ones together) cost one
 * round trip instead of one each. Nothing is kept: the query leaves after every lookup it answers
 * was asked (in the next turn), so it sees what a query of each lookup's own would have seen —
 * a token revoked before the request arrived is refused.
 */
export type Lecture<K, R> = (cles: readonly K[]) => Promise<Map<K, R>>;

interface Attente<R> {
  resoudre: (r: R | undefined) => void;
  rejeter: (e: unknown) => void;
}

/** `lire` answers for a set of keys; a key missing from its map answers undefined. */
export function lectureGroupee<K, R>(lire: Lecture<K, R>): (cle: K) => Promise<R | undefined> {
  let attentes = new Map<K, Attente<R>[]>();
  async function vider(): Promise<void> {
    const lot = attentes;
    attentes = new Map();
    try {
      const lus = await lire([...lot.keys()]);
      for (const [cle, as] of lot) for (const a of as) a.resoudre(lus.get(cle));
    } catch (e) {
      for (const as of lot.values()) for (const a of as) a.rejeter(e);
    }
  }
  return (cle) =>
    new Promise((resoudre, rejeter) => {
      if (!attentes.size) setImmediate(() => void vider());
      const as = attentes.get(cle);
      if (as) as.push({ resoudre, rejeter });
      else attentes.set(cle, [{ resoudre, rejeter }]);
    });
}
