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

export class Classeur {
  private readonly historiques = new Map<string, Evenement[]>();
  /** The file line of each event of a flat's history (0: recorded before the file). */
  private readonly lignes = new Map<string, number[]>();
  /** Each flat's engine state after its history: its next row runs from there (`Reprise`). */
  private readonly reprises = new Map<string, Reprise>();
  constructor(private readonly o: ClasseurOptions) {}

  private historiqueDe(id: string): { historique: Evenement[]; lignes: number[] } {
    let h = this.historiques.get(id);
    let l = this.lignes.get(id);
    if (!h || !l) {
      h = [...(this.o.historique?.(id) ?? [])];
      l = h.map(() => 0);
      this.historiques.set(id, h);
      this.lignes.set(id, l);
    }
    return { historique: h, lignes: l };
  }

  /** Classifies one row; a valid or anomalous row joins its flat's history. */
  classer(row: Readonly<Record<string, unknown>>, line: number): ResultatClassement {
    const id = typeof row['logement'] === 'string' ? row['logement'] : '';
    const { historique, lignes } = this.historiqueDe(id);
    let reprise = this.reprises.get(id);
    if (!reprise) {
      reprise = { longueur: -1, date: '' };
      this.reprises.set(id, reprise);
    }
    const r = classerEvenement(row, {
      logement: this.o.logement(id),
      historique,
      index: this.o.index,
      lang: this.o.lang,
      file: this.o.file,
      line,
      lignesHistorique: lignes,
      reprise,
      ...(this.o.vacanceMax ? { vacanceMax: this.o.vacanceMax } : {}),
    });
    if (r.evenement) {
      historique.push(r.evenement);
      lignes.push(line);
    }
    return r;
  }
}
