/**
 * The events of a run, held column by column in typed arrays (about 40 bytes an event, no object
 * per event), then grouped by flat and sorted by date for the state machine. A 3-million-event
 * file costs ≈ 120 MB here instead of ≈ 1 GB of objects.
 */
import { dateEnEntier } from '../convention/calendar.js';
import { EXCLUSIONS } from '../convention/convention.js';
import type {
  Contingent,
  DecisionCaleol,
  Evenement,
  PartieRefus,
  TypeEvenement,
} from '../flux/evenement.js';
import { TYPES_EVENEMENT } from '../flux/evenement.js';
import type { EvenementLu } from './cycle.js';
import { masquePublics, publicsDuMasque } from './publics.js';
import { cle53 } from './doublons-entre-logements.js';

const MOTIFS = EXCLUSIONS;
const DECISIONS: readonly DecisionCaleol[] = ['attribution', 'refus', 'ajournement'];
const PARTIES: readonly PartieRefus[] = ['candidat', 'reservataire', 'bailleur'];
const CONTINGENTS: readonly Contingent[] = ['agents_etat'];

/**
 * Two independent 32-bit hashes of a string: an event's id is known by them (a repeated id is
 * found per flat here, across flats by doublons-entre-logements.ts).
 */
function hashes(s: string): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 13);
  }
  return [a | 0, b | 0];
}

/**
 * A copy of a string that owns its characters. Fields read from a file are slices of a whole
 * chunk of it: keeping one slice keeps the chunk alive (megabytes for a few characters).
 */
export const ownString = (s: string): string => (' ' + s).slice(1);

/** Interning table for the few distinct values of code-like fields (communes, typologies…). */
export class Interner {
  private readonly map = new Map<string, string>();
  get(s: string): string {
    let v = this.map.get(s);
    if (v === undefined) {
      v = ownString(s);
      this.map.set(v, v);
    }
    return v;
  }
}

/** Each date's text, built once (a few thousand dates for millions of events). */
const datesTexte = new Map<number, string>();
const intToDate = (n: number): string => {
  let texte = datesTexte.get(n);
  if (texte === undefined) {
    const y = Math.floor(n / 10000);
    const m = Math.floor(n / 100) % 100;
    const d = n % 100;
    texte = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
    datesTexte.set(n, texte);
  }
  return texte;
};

class Column<T extends Int32Array | Int8Array | Int16Array> {
  constructor(
    public data: T,
    private readonly make: (n: number) => T,
  ) {}
  grow(n: number): void {
    if (n <= this.data.length) return;
    const next = this.make(Math.max(n, this.data.length * 2));
    next.set(this.data);
    this.data = next;
  }
}

const i32 = (n: number) => new Column(new Int32Array(n), (m) => new Int32Array(m));
const i8 = (n: number) => new Column(new Int8Array(n), (m) => new Int8Array(m));
const i16 = (n: number) => new Column(new Int16Array(n), (m) => new Int16Array(m));

export interface Doublon {
  line: number;
  premiere: number;
}

/**
 * The id of each row of a store, by its two hashes, with its date, line, flat number and the
 * flat's bailleur (its SIREN as a number; -1: a flat the parc does not give).
 */
export interface ClesEvenements {
  h1: Int32Array<ArrayBuffer>;
  h2: Int32Array<ArrayBuffer>;
  date: Int32Array<ArrayBuffer>;
  line: Int32Array<ArrayBuffer>;
  flat: Int32Array<ArrayBuffer>;
  bailleur: Int32Array<ArrayBuffer>;
}

/** An annulation the engine cannot apply (its row is rejected). */
export interface AnnulationRejetee {
  line: number;
  code: 'ANNULATION_INCONNUE' | 'ANNULATION_D_ANNULATION' | 'ANNULATION_EN_DOUBLE';
  annule: string;
  /** ANNULATION_EN_DOUBLE: the line of the annulation that applies, and its id. */
  premiere?: number;
  annulee_par?: string;
}

/**
 * An annulation dated in a later year than the event it cancels (that event's year was already
 * evaluated with it): the years in between are replayed as their own evaluation read them.
 */
export interface AnnulationTardive {
  /** The annulation's date and line. */
  date: string;
  line: number;
  /** The date of the event it cancels. */
  dateAnnule: string;
}

/** The events of a flat with annulations crossing a 31 December (see AnnulationTardive). */
export interface AnnulationsTardives {
  tardives: AnnulationTardive[];
  /** The flat's events dated on or before `fin`, with only the annulations dated by then applied. */
  jusqua: (fin: string) => EvenementLu[];
}

const TYPE_ANNULATION = TYPES_EVENEMENT.indexOf('annulation');
/** Up to this many events, a flat's repeated ids are found pairwise (no map). */
const PETIT_GROUPE = 16;
const cle = (h1: number, h2: number): string => `${String(h1)},${String(h2)}`;

/** The store's columns, `n` rows each. */
const colonnes = (n: number) => ({
  flat: i32(n),
  date: i32(n),
  line: i32(n),
  h1: i32(n),
  h2: i32(n),
  reservataire: i32(n),
  type: i8(n),
  motif: i8(n),
  decision: i8(n),
  par: i8(n),
  candidats: i16(n),
  /** Public flags of a CALEOL attribution, as bits (publics.ts). */
  publics: i8(n),
  /** conge: expected liberation date (0: none). */
  prevue: i32(n),
  contingent: i8(n),
});
type Colonnes = ReturnType<typeof colonnes>;

export class EventStore {
  /**
   * @param capacity the rows allocated at first (grown by doubling): a store for one flat's
   * history (a live classification) is sized to it rather than to a whole file.
   */
  constructor(private capacity = 1024) {
    this.cols = colonnes(capacity);
  }

  size = 0;
  /** Flat ids in order of first appearance; the index is the flat number. */
  readonly flats: string[] = [];
  private readonly flatIndex = new Map<string, number>();
  private readonly reservataires: string[] = [];
  private readonly reservataireIndex = new Map<string, number>();
  private readonly cols: Colonnes;
  private order: Int32Array | undefined;
  private start: Int32Array | undefined;
  /** Annulations (few): row → the cancelled id and its hashes. */
  private readonly annulations = new Map<number, { id: string; annule: string; cle: string }>();
  /** Rows (by line) whose id an earlier event of another flat holds → that event's line. */
  private autres: ReadonlyMap<number, number> | undefined;

  /**
   * Each row's id as 53 bits of its two hashes (an exact double, see doublons-entre-logements.ts;
   * a distinct negative number for a row of a flat whose `bailleurs[flat]` is -1: not compared).
   */
  cles53(bailleurs: Int32Array): Float64Array<ArrayBuffer> {
    const c = this.cols;
    const out = new Float64Array(this.size);
    for (let i = 0; i < this.size; i++)
      out[i] =
        (bailleurs[c.flat.data[i] ?? 0] ?? -1) < 0
          ? -1 - i
          : cle53(c.h1.data[i] ?? 0, c.h2.data[i] ?? 0);
    return out;
  }

  /**
   * The rows whose id's 53 bits are among `candidats`: their hashes, date, line, flat and the
   * flat's bailleur (`bailleurs[flat]`, the SIREN as a number).
   */
  clesRetenues(bailleurs: Int32Array, candidats: ReadonlySet<number>): ClesEvenements {
    const c = this.cols;
    const rangs: number[] = [];
    if (candidats.size)
      for (let i = 0; i < this.size; i++)
        if (candidats.has(cle53(c.h1.data[i] ?? 0, c.h2.data[i] ?? 0))) {
          const b = bailleurs[c.flat.data[i] ?? 0] ?? -1;
          if (b >= 0) rangs.push(i);
        }
    const pris = (col: Int32Array): Int32Array<ArrayBuffer> =>
      Int32Array.from(rangs, (i) => col[i] ?? 0);
    return {
      h1: pris(c.h1.data),
      h2: pris(c.h2.data),
      date: pris(c.date.data),
      line: pris(c.line.data),
      flat: pris(c.flat.data),
      bailleur: Int32Array.from(rangs, (i) => bailleurs[c.flat.data[i] ?? 0] ?? -1),
    };
  }

  /**
   * The rows (by line) whose id an earlier event of another flat holds, with that event's line:
   * `events` gives them as duplicates, as it does a repeat within the flat.
   */
  doublonsAilleurs(doublons: ReadonlyMap<number, number>): void {
    this.autres = doublons.size ? doublons : undefined;
  }

  flatNumber(id: string): number | undefined {
    return this.flatIndex.get(id);
  }

  add(e: Evenement, line: number): void {
    const n = this.size;
    if (n >= this.capacity) {
      this.capacity *= 2;
      for (const c of Object.values(this.cols)) c.grow(this.capacity);
    }
    let f = this.flatIndex.get(e.logement);
    if (f === undefined) {
      f = this.flats.length;
      const id = ownString(e.logement);
      this.flats.push(id);
      this.flatIndex.set(id, f);
    }
    let r = -1;
    if (e.reservataire !== undefined) {
      r = this.reservataireIndex.get(e.reservataire) ?? -1;
      if (r < 0) {
        r = this.reservataires.length;
        const id = ownString(e.reservataire);
        this.reservataires.push(id);
        this.reservataireIndex.set(id, r);
      }
    }
    const [h1, h2] = hashes(e.id);
    const c = this.cols;
    c.flat.data[n] = f;
    c.date.data[n] = dateEnEntier(e.date);
    c.line.data[n] = line;
    c.h1.data[n] = h1;
    c.h2.data[n] = h2;
    c.reservataire.data[n] = r;
    c.type.data[n] = TYPES_EVENEMENT.indexOf(e.type);
    c.motif.data[n] = e.motif ? MOTIFS.indexOf(e.motif) : -1;
    c.decision.data[n] = e.decision ? DECISIONS.indexOf(e.decision) : -1;
    c.par.data[n] = e.par ? PARTIES.indexOf(e.par) : -1;
    c.candidats.data[n] = e.candidats ?? -1;
    c.publics.data[n] = masquePublics(e.public);
    c.prevue.data[n] = e.date_liberation_prevue ? dateEnEntier(e.date_liberation_prevue) : 0;
    c.contingent.data[n] = e.contingent ? CONTINGENTS.indexOf(e.contingent) : -1;
    if (e.type === 'annulation' && e.annule !== undefined) {
      const [a1, a2] = hashes(e.annule);
      this.annulations.set(n, {
        id: ownString(e.id),
        annule: ownString(e.annule),
        cle: cle(a1, a2),
      });
    }
    this.size = n + 1;
    this.order = undefined;
  }

  /** Groups events by flat (counting sort), each group by date then line. */
  private group(): { order: Int32Array; start: Int32Array } {
    if (this.order && this.start) return { order: this.order, start: this.start };
    const nFlats = this.flats.length;
    const start = new Int32Array(nFlats + 1);
    const flat = this.cols.flat.data;
    for (let i = 0; i < this.size; i++) {
      const k = (flat[i] ?? 0) + 1;
      start[k] = (start[k] ?? 0) + 1;
    }
    for (let f = 0; f < nFlats; f++) start[f + 1] = (start[f + 1] ?? 0) + (start[f] ?? 0);
    const fill = start.slice(0, nFlats);
    const order = new Int32Array(this.size);
    for (let i = 0; i < this.size; i++) {
      const f = flat[i] ?? 0;
      order[fill[f] ?? 0] = i;
      fill[f] = (fill[f] ?? 0) + 1;
    }
    const date = this.cols.date.data;
    const line = this.cols.line.data;
    const byDateLine = (x: number, y: number): number =>
      (date[x] ?? 0) - (date[y] ?? 0) || (line[x] ?? 0) - (line[y] ?? 0);
    for (let f = 0; f < nFlats; f++) {
      const a = start[f] ?? 0;
      const b = start[f + 1] ?? 0;
      // Insertion sort is quadratic: a flat with thousands of events is sorted the other way.
      if (b - a > 32) {
        order.subarray(a, b).sort(byDateLine);
        continue;
      }
      for (let i = a + 1; i < b; i++) {
        const x = order[i] ?? 0;
        const dx = date[x] ?? 0;
        const lx = line[x] ?? 0;
        let j = i - 1;
        for (; j >= a; j--) {
          const y = order[j] ?? 0;
          const dy = date[y] ?? 0;
          if (dy < dx || (dy === dx && (line[y] ?? 0) < lx)) break;
          order[j + 1] = y;
        }
        order[j + 1] = x;
      }
    }
    this.order = order;
    this.start = start;
    return { order, start };
  }

  /**
   * How many of the rows at `lignes` (a set of their lines: the rows rejected after reading) are
   * dated before `debut` (AAAA-MM-JJ): one pass over the dates, only when a row was rejected.
   */
  avantParmi(lignes: ReadonlySet<number>, debut: string): number {
    if (!lignes.size) return 0;
    const borne = dateEnEntier(debut);
    const c = this.cols;
    let n = 0;
    for (let i = 0; i < this.size; i++)
      if ((c.date.data[i] ?? 0) < borne && lignes.has(c.line.data[i] ?? 0)) n++;
    return n;
  }

  /** Lines of every event of a flat (to reject them all when the flat is unknown). */
  lines(flatNumber: number): number[] {
    const { order, start } = this.group();
    const out: number[] = [];
    for (let k = start[flatNumber] ?? 0; k < (start[flatNumber + 1] ?? 0); k++)
      out.push(this.cols.line.data[order[k] ?? 0] ?? 0);
    return out;
  }

  /**
   * The events of one flat as objects (only this flat's, for the state machine), without the
   * rows that repeat an earlier row's id (returned as duplicates), without the annulations and
   * the events they cancel (an annulation that cannot apply is returned as rejected).
   */
  events(flatNumber: number): {
    events: EvenementLu[];
    doublons: Doublon[];
    annulations: AnnulationRejetee[];
    /** Present when an annulation cancels an event of an earlier year than its own. */
    tardives?: AnnulationsTardives;
  } {
    const { order, start } = this.group();
    const a = start[flatNumber] ?? 0;
    const b = start[flatNumber + 1] ?? 0;
    if (b - a <= PETIT_GROUPE && !this.annulationDans(order, a, b))
      return this.petitGroupe(flatNumber, order, a, b);
    const c = this.cols;
    const logement = this.flats[flatNumber] ?? '';
    const lus: EvenementLu[] = [];
    /** The id key of each event of `lus` (to drop the cancelled ones). */
    const cles: string[] = [];
    const doublons: Doublon[] = [];
    const annulations: { line: number; id: string; annule: string; cible: string; date: string }[] =
      [];
    // First line of each id (by its two hashes): a map, so a busy flat stays linear.
    const seen = new Map<string, number>();
    for (let k = start[flatNumber] ?? 0; k < (start[flatNumber + 1] ?? 0); k++) {
      const i = order[k] ?? 0;
      const line = c.line.data[i] ?? 0;
      const ailleurs = this.autres?.get(line);
      if (ailleurs !== undefined) {
        doublons.push({ line, premiere: ailleurs });
        continue;
      }
      const key = cle(c.h1.data[i] ?? 0, c.h2.data[i] ?? 0);
      const premiere = seen.get(key);
      if (premiere !== undefined) {
        doublons.push({ line, premiere });
        continue;
      }
      seen.set(key, line);
      if ((c.type.data[i] ?? 0) === TYPE_ANNULATION) {
        const a = this.annulations.get(i);
        if (a)
          annulations.push({
            line,
            id: a.id,
            annule: a.annule,
            cible: a.cle,
            date: intToDate(c.date.data[i] ?? 0),
          });
        continue;
      }
      lus.push(this.evenement(i, logement, line));
      cles.push(key);
    }
    if (annulations.length === 0) return { events: lus, doublons, annulations: [] };
    const { annulees, rejetees } = appliquerAnnulations(annulations, cles, seen);
    const events = lus.filter((_, k) => !annulees.has(cles[k] ?? ''));
    const tardives = annulationsTardives(lus, cles, annulees, annulations);
    return tardives
      ? { events, doublons, annulations: rejetees, tardives }
      : { events, doublons, annulations: rejetees };
  }

  private annulationDans(order: Int32Array, a: number, b: number): boolean {
    const type = this.cols.type.data;
    for (let k = a; k < b; k++) if (type[order[k] ?? 0] === TYPE_ANNULATION) return true;
    return false;
  }

  /**
   * `events` for a flat with few events and no annulation: the same result, the repeated ids
   * found by comparing the hashes pairwise rather than through a map of keys.
   */
  private petitGroupe(
    flatNumber: number,
    order: Int32Array,
    a: number,
    b: number,
  ): { events: EvenementLu[]; doublons: Doublon[]; annulations: AnnulationRejetee[] } {
    const { h1, h2, line } = this.cols;
    const logement = this.flats[flatNumber] ?? '';
    const events: EvenementLu[] = [];
    const doublons: Doublon[] = [];
    for (let k = a; k < b; k++) {
      const i = order[k] ?? 0;
      const ligne = line.data[i] ?? 0;
      const premiere =
        this.autres?.get(ligne) ??
        this.premiereLigne(order, a, k, h1.data[i] ?? 0, h2.data[i] ?? 0);
      if (premiere !== undefined) doublons.push({ line: ligne, premiere });
      else events.push(this.evenement(i, logement, ligne));
    }
    return { events, doublons, annulations: [] };
  }

  /** The line of the first event of order[a, k) with these hashes (undefined: none). */
  private premiereLigne(
    order: Int32Array,
    a: number,
    k: number,
    x1: number,
    x2: number,
  ): number | undefined {
    const { h1, h2, line } = this.cols;
    for (let j = a; j < k; j++) {
      const i = order[j] ?? 0;
      if (h1.data[i] === x1 && h2.data[i] === x2) return line.data[i] ?? 0;
    }
    return undefined;
  }

  /** Empty again (its columns kept): a store reused row after row. */
  private vider(): void {
    this.size = 0;
    this.flats.length = 0;
    this.flatIndex.clear();
    this.reservataires.length = 0;
    this.reservataireIndex.clear();
    this.annulations.clear();
    this.autres = undefined;
    this.order = undefined;
    this.start = undefined;
  }

  /**
   * One event as `events` gives it to the state machine (the fields the store keeps, in its
   * form): read through one store of one row, reused from call to call (no columns allocated).
   */
  static seul(e: Evenement, line: number): EvenementLu {
    const s = (EventStore.unRang ??= new EventStore(1));
    s.vider();
    s.add(e, line);
    return s.evenement(0, s.flats[0] ?? '', line);
  }
  private static unRang: EventStore | undefined;

  private evenement(i: number, logement: string, line: number): EvenementLu {
    const c = this.cols;
    const e: EvenementLu = {
      id: '',
      date: intToDate(c.date.data[i] ?? 0),
      type: TYPES_EVENEMENT[c.type.data[i] ?? 0] as TypeEvenement,
      logement,
      line,
    };
    const r = c.reservataire.data[i] ?? -1;
    if (r >= 0) e.reservataire = this.reservataires[r] ?? '';
    const m = c.motif.data[i] ?? -1;
    if (m >= 0) e.motif = MOTIFS[m];
    const d = c.decision.data[i] ?? -1;
    if (d >= 0) e.decision = DECISIONS[d];
    const p = c.par.data[i] ?? -1;
    if (p >= 0) e.par = PARTIES[p];
    const n = c.candidats.data[i] ?? -1;
    if (n >= 0) e.candidats = n;
    const pm = c.publics.data[i] ?? 0;
    if (pm > 0) e.public = publicsDuMasque(pm);
    const prevue = c.prevue.data[i] ?? 0;
    if (prevue > 0) e.date_liberation_prevue = intToDate(prevue);
    const ct = c.contingent.data[i] ?? -1;
    if (ct >= 0) e.contingent = CONTINGENTS[ct];
    return e;
  }
}

/**
 * The annulations dated in a later year than the event they cancel, and the flat's events as an
 * earlier date saw them (undefined when there is none: the common case).
 */
function annulationsTardives(
  lus: readonly EvenementLu[],
  cles: readonly string[],
  annulees: ReadonlyMap<string, number>,
  annulations: readonly { line: number; date: string }[],
): AnnulationsTardives | undefined {
  const dateDe = new Map(annulations.map((a) => [a.line, a.date]));
  /** Per event of `lus` cancelled: the date of its annulation. */
  const annuleLe: (string | undefined)[] = cles.map((k) => {
    const line = annulees.get(k);
    return line === undefined ? undefined : dateDe.get(line);
  });
  const tardives: AnnulationTardive[] = [];
  lus.forEach((e, k) => {
    const date = annuleLe[k];
    const line = annulees.get(cles[k] ?? '');
    if (date !== undefined && line !== undefined && date.slice(0, 4) > e.date.slice(0, 4))
      tardives.push({ date, line, dateAnnule: e.date });
  });
  if (tardives.length === 0) return undefined;
  return {
    tardives,
    jusqua: (fin) =>
      lus.filter((e, k) => {
        if (e.date > fin) return false;
        const date = annuleLe[k];
        return date === undefined || date > fin;
      }),
  };
}

/**
 * Which of a flat's events its annulations cancel: an annulation names an event of the same
 * flat (else ANNULATION_INCONNUE), never another annulation (ANNULATION_D_ANNULATION), and an
 * event is cancelled once (a second annulation of it: ANNULATION_EN_DOUBLE). Whatever the order
 * of the rows: the cancelled event may come after its annulation in the file.
 */
function appliquerAnnulations(
  annulations: readonly { line: number; id: string; annule: string; cible: string }[],
  cles: readonly string[],
  seen: ReadonlyMap<string, number>,
): { annulees: Map<string, number>; rejetees: AnnulationRejetee[] } {
  const annulees = new Map<string, number>();
  /** The id of the annulation that applies, per event cancelled. */
  const par = new Map<string, string>();
  const rejetees: AnnulationRejetee[] = [];
  const ordinaires = new Set(cles);
  for (const a of annulations) {
    const deja = annulees.get(a.cible);
    if (deja !== undefined)
      rejetees.push({
        line: a.line,
        code: 'ANNULATION_EN_DOUBLE',
        annule: a.annule,
        premiere: deja,
        annulee_par: par.get(a.cible) ?? '',
      });
    else if (ordinaires.has(a.cible)) {
      annulees.set(a.cible, a.line);
      par.set(a.cible, a.id);
    } else
      rejetees.push({
        line: a.line,
        code: seen.has(a.cible) ? 'ANNULATION_D_ANNULATION' : 'ANNULATION_INCONNUE',
        annule: a.annule,
      });
  }
  return { annulees, rejetees };
}
