/**
 * Entry into force of a signed convention: the date of its signature by the last of the parties
 * (`signatures`, recorded beside the sealed text). The date d'effet (`date_effet`) is another
 * thing: the date from which its stipulations apply to events.
 */
import type { Convention, SignatureRecueillie } from './convention.js';

export const PARTIES_SIGNATAIRES = ['bailleur', 'reservataire'] as const;

/** The parties that have not signed yet (by the recorded `signatures`). */
export function partiesNonSignataires(
  c: Pick<Convention, 'signatures'>,
): ('bailleur' | 'reservataire')[] {
  const signed = new Set((c.signatures ?? []).map((s) => s.partie));
  return PARTIES_SIGNATAIRES.filter((p) => !signed.has(p));
}

/** The date (AAAA-MM-JJ) of the last signature, once every party has signed; else undefined. */
export function dateEntreeEnVigueur(c: Pick<Convention, 'signatures'>): string | undefined {
  const signatures: SignatureRecueillie[] = c.signatures ?? [];
  if (!signatures.length || partiesNonSignataires(c).length) return undefined;
  return signatures.map((s) => s.date).reduce((a, b) => (b > a ? b : a));
}
