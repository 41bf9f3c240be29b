/**
 * The questions a request asks about its communes: is a code known (a current commune or a
 * former code of a merged one), is it a member of the grid's EPCI, where is the current commune
 * against the EPCI and the commune wished (`localisation_actuelle`). The answers for a code of
 * five digits are kept in a table indexed by the number the code writes (100 000 bytes,
 * whatever the file), so a request's communes are looked up from their character codes, without
 * a slice or a hash; other codes (2A…, 2B…, anything malformed) are asked every time.
 */
import { coerceInteger } from '../input/read-table.js';
import type { Territoires } from '../reference/territoires.js';
import { communeCourante } from './commune-courante.js';

/**
 * Bits of a code's answers, all three found at its first sight (one parse of the code a row, not
 * one a question: `localisation` asks two questions of two codes on every request).
 */
const SU = 1;
const CONNUE = 2;
const MEMBRE = 4;
/** The code is its commune's own: neither a former code nor an arrondissement municipal. */
const PROPRE = 8;

/** The built-in field `localisation_actuelle`'s values. */
export type Localisation = 'hors_epci' | 'dans_epci' | 'meme_commune';

export class CommunesConnues {
  private readonly reponses = new Uint8Array(100_000);
  /** Commune → its EPCI (built when first needed). */
  private epcis?: Map<string, string>;
  constructor(
    private readonly t: Territoires,
    /** The communes of the grid's EPCI. */
    private readonly membres: ReadonlySet<string>,
  ) {}

  /** Whether `code` is a commune's, current or former. */
  connue(code: string): boolean {
    return (this.bits(code) & CONNUE) !== 0;
  }

  /**
   * Whether `code` is one of the EPCI's communes: a former code of a merged member, or an
   * arrondissement of Paris, Lyon or Marseille when its commune is a member, is one too.
   */
  membre(code: string): boolean {
    return (this.bits(code) & MEMBRE) !== 0;
  }

  /**
   * The current commune against the commune wished and the EPCI asked for (the Strasbourg
   * grid's « commune actuelle hors de l'EPCI demandé », « faisant partie de l'EPCI demandé »,
   * « identique à la commune demandée »): the EPCI asked for is the one the first wished
   * commune belongs to — the grid's when it is a member, or when no commune is wished.
   * A commune written by a former code or by an arrondissement is its current commune.
   */
  localisation(
    actuelle: string | undefined,
    souhaitee: string | undefined,
  ): Localisation | undefined {
    if (actuelle === undefined) return undefined;
    if (actuelle === souhaitee) return 'meme_commune';
    const a = this.bits(actuelle);
    const s = souhaitee === undefined ? 0 : this.bits(souhaitee);
    if (souhaitee !== undefined && (a & s & PROPRE) === 0) {
      if (this.canonique(actuelle) === this.canonique(souhaitee)) return 'meme_commune';
    }
    if (souhaitee === undefined || s & MEMBRE) return a & MEMBRE ? 'dans_epci' : 'hors_epci';
    // A commune wished outside the grid's EPCI: the EPCI asked for is that commune's.
    const demande = this.epci(souhaitee);
    return demande !== undefined && this.epci(actuelle) === demande ? 'dans_epci' : 'hors_epci';
  }

  /** The current commune's code of a former code or of an arrondissement municipal. */
  private canonique(code: string): string {
    return communeCourante(this.t, code);
  }

  /** The EPCI (SIREN) a commune belongs to, in the official geography. */
  private epci(code: string): string | undefined {
    if (!this.epcis) {
      this.epcis = new Map();
      for (const g of this.t.groupements.values())
        if (g.nature === 'epci') for (const m of g.membres) this.epcis.set(m, g.code);
    }
    return this.epcis.get(this.canonique(code));
  }

  /** The answers about `code`: from the table for a code of five digits, else asked now. */
  private bits(code: string): number {
    // The number a code of five ASCII digits writes (coerceInteger: plain digits only).
    const n = code.length === 5 ? coerceInteger(code) : undefined;
    if (typeof n !== 'number') return this.demander(code);
    const r = this.reponses[n] ?? 0;
    if (r !== 0) return r;
    const v = this.demander(code);
    this.reponses[n] = v;
    return v;
  }

  private demander(code: string): number {
    const canonique = this.canonique(code);
    return (
      SU |
      (this.t.communes.has(code) || this.t.anciens.has(code) ? CONNUE : 0) |
      (this.membres.has(canonique) ? MEMBRE : 0) |
      (canonique === code ? PROPRE : 0)
    );
  }
}
