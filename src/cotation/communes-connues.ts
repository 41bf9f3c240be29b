/**
 * The two questions a request asks about its communes: is a code known (a current commune or a
 * former code of a merged one), is it a member of the grid's EPCI. The answers for a code of
 * five digits are kept in a table indexed by the number the code writes (100 000 bytes,
 * whatever the file), so a request's communes are looked up from their character codes, without
 * a slice or a hash; other codes (2A…, 2B…, anything malformed) are asked every time.
 */
import { coerceInteger } from '../input/read-table.js';
import type { Territoires } from '../reference/territoires.js';

/** Bits of an answer: asked, then the answer, for each question. */
const CONNUE_SUE = 1;
const CONNUE = 2;
const MEMBRE_SU = 4;
const MEMBRE = 8;

export class CommunesConnues {
  private readonly reponses = new Uint8Array(100_000);
  constructor(
    private readonly t: Territoires,
    /** The communes of the grid's EPCI. */
    private readonly membres: ReadonlySet<string>,
  ) {}

  /** Whether `code` is a commune's, current or former. */
  connue(code: string): boolean {
    return this.reponse(
      code,
      CONNUE_SUE,
      CONNUE,
      (c) => this.t.communes.has(c) || this.t.anciens.has(c),
    );
  }

  /** Whether `code` is one of the EPCI's communes. */
  membre(code: string): boolean {
    return this.reponse(code, MEMBRE_SU, MEMBRE, (c) => this.membres.has(c));
  }

  private reponse(
    code: string,
    su: number,
    oui: number,
    demander: (c: string) => boolean,
  ): boolean {
    // The number a code of five ASCII digits writes (coerceInteger: plain digits only).
    const n = code.length === 5 ? coerceInteger(code) : undefined;
    if (typeof n !== 'number') return demander(code);
    const r = this.reponses[n] ?? 0;
    if (r & su) return (r & oui) !== 0;
    const v = demander(code);
    this.reponses[n] = r | su | (v ? oui : 0);
    return v;
  }
}
