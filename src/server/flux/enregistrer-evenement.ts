/**
 * Records events live, with group commit: the events of one bailleur sent while a batch of its
 * events is being written wait, then are written together by one transaction (`ecrireLot`:
 * classified in their order of arrival against their flats' histories, each answered only after
 * the commit). The queue is the process's own, and holds nothing another process needs: the
 * database's locks decide between processes, as for a single event.
 */
import type { Base } from '../db/open-database.js';
import { ecrireLot, type Issue } from './lot-evenements.js';
import { dejaEnregistre, type Reponse, type Saisie } from './saisie-evenement.js';

export type { Reponse, Saisie } from './saisie-evenement.js';

/** Events a transaction writes at most (its IN lists and its INSERT stay small). */
export const LOT_SAISIES = 200;

interface Attente {
  s: Saisie;
  resoudre: (r: Reponse) => void;
  rejeter: (e: unknown) => void;
}

const estUnicite = (e: unknown): boolean =>
  e instanceof Error && /unique|duplicate key/i.test(e.message);

/** One event alone. The same id sent at once for two flats (two locks): the second finds the first. */
async function seul(base: Base, s: Saisie): Promise<Issue> {
  try {
    const [issue] = await ecrireLot(base, [s]);
    return issue ?? { erreur: new Error('lot vide') };
  } catch (e) {
    if (!estUnicite(e)) return { erreur: e };
    const id = typeof s.ligne['id'] === 'string' ? s.ligne['id'] : '';
    try {
      return (await dejaEnregistre(base.db, s, id)) ?? { erreur: e };
    } catch (erreur) {
      return { erreur };
    }
  }
}

/** The batch's issues; a batch that fails as a whole is written again one event at a time. */
async function issues(base: Base, lot: readonly Saisie[]): Promise<Issue[]> {
  if (lot.length === 1 && lot[0]) return [await seul(base, lot[0])];
  try {
    return await ecrireLot(base, lot);
  } catch {
    const r: Issue[] = [];
    for (const s of lot) r.push(await seul(base, s));
    return r;
  }
}

/** The queues of one database, by bailleur; a bailleur has a queue while a batch is written. */
class FileSaisies {
  private readonly files = new Map<string, Attente[]>();
  constructor(private readonly base: Base) {}

  soumettre(s: Saisie): Promise<Reponse> {
    return new Promise((resoudre, rejeter) => {
      const file = this.files.get(s.bailleur);
      if (file) {
        file.push({ s, resoudre, rejeter });
        return;
      }
      this.files.set(s.bailleur, [{ s, resoudre, rejeter }]);
      // The first batch waits for the requests already received (read in this turn of the
      // event loop): on SQLite a commit's fsync blocks the loop, so without it each batch after
      // a commit would hold one event.
      setImmediate(() => void this.vider(s.bailleur));
    });
  }

  private async vider(bailleur: string): Promise<void> {
    for (;;) {
      const file = this.files.get(bailleur) ?? [];
      const lot = file.splice(0, LOT_SAISIES);
      if (!lot.length) {
        this.files.delete(bailleur);
        return;
      }
      const r = await issues(
        this.base,
        lot.map((a) => a.s),
      );
      // An id ahead of it in the batch: written by the next batch, which finds it recorded.
      const reportes = lot.filter((_, i) => r[i] === 'reporte');
      file.unshift(...reportes);
      lot.forEach((a, i) => {
        const issue = r[i];
        if (issue === undefined || issue === 'reporte') return;
        if ('erreur' in issue) a.rejeter(issue.erreur);
        else a.resoudre(issue);
      });
    }
  }
}

const files = new WeakMap<Base, FileSaisies>();

/** Classifies and records one event; the answer's status and body, once it is committed. */
export function enregistrerEvenement(base: Base, s: Saisie): Promise<Reponse> {
  let f = files.get(base);
  if (!f) {
    f = new FileSaisies(base);
    files.set(base, f);
  }
  return f.soumettre(s);
}
