/**
 * Classifies the rows of an events file (or an import) one after the other, each against its
 * flat's history so far: the rows already accepted (valid or anomalous) of the same flat, after
 * those already recorded. The same function as one live event (`classerEvenement`), each flat's
 * engine state carried from one of its rows to the next rather than its history replayed.
 */
import type { Delai } from '../convention/calendar.js';
import type { Lang } from '../diagnostics/diagnostic.js';
import type { ConventionIndex } from '../engine/convention-index.js';
import type { Evenement } from '../flux/evenement.js';
import type { Logement } from '../flux/logement.js';
import { classerEvenement, type Reprise, type ResultatClassement } from './classer-evenement.js';

export interface ClasseurOptions {
  index: ConventionIndex;
  lang: Lang;
  /** The file's name in messages. */
  file: string;
  /** The flat of the parc, or undefined. */
  logement: (id: string) => Logement | undefined;
  /** Events already recorded for the flat, in recording order (default: none). */
  historique?: (id: string) => readonly Evenement[];
  vacanceMax?: Delai;
}

/** A flat's history as the file is read: its events and the file line of each. */
interface Historique {
  evenements: Evenement[];
  /** The file line of each event (0: recorded before the file). */
  lignes: number[];
  /** The engine's state after these events: the flat's next row runs from there (`Reprise`). */
  reprise: Reprise;
}

export class Classeur {
  private readonly historiques = new Map<string, Historique>();
  constructor(private readonly o: ClasseurOptions) {}

  private historiqueDe(id: string): Historique {
    let h = this.historiques.get(id);
    if (!h) {
      const evenements = [...(this.o.historique?.(id) ?? [])];
      h = { evenements, lignes: evenements.map(() => 0), reprise: { longueur: -1, date: '' } };
      this.historiques.set(id, h);
    }
    return h;
  }

  /** Classifies one row; a valid or anomalous row joins its flat's history. */
  classer(row: Readonly<Record<string, unknown>>, line: number): ResultatClassement {
    const id = typeof row['logement'] === 'string' ? row['logement'] : '';
    const h = this.historiqueDe(id);
    const r = classerEvenement(row, {
      logement: this.o.logement(id),
      historique: h.evenements,
      index: this.o.index,
      lang: this.o.lang,
      file: this.o.file,
      line,
      lignesHistorique: h.lignes,
      reprise: h.reprise,
      ...(this.o.vacanceMax ? { vacanceMax: this.o.vacanceMax } : {}),
    });
    if (r.evenement) {
      h.evenements.push(r.evenement);
      h.lignes.push(line);
    }
    return r;
  }
}
