/**
 * Several events files in one run (`--events` repeated, or an array in EvaluateOptions): the
 * years of a convention are often kept one file a year. The event store keeps one number per
 * event for its row; with several files that number says the file too (file k's rows are
 * numbered from k × 2^26), and every message about a row turns it back into file and line.
 */
import { FileReport } from '../diagnostics/file-report.js';
import type { DiagnosticParams, Lang } from '../diagnostics/diagnostic.js';

/** Rows per file the numbering leaves room for (67 108 864), and the most files (32: int32). */
export const LIGNES_PAR_FICHIER = 1 << 26;
export const FICHIERS_MAX = 32;

/** The events input as a list of paths (one path: the single-file form). */
export const listeEvenements = (e: string | readonly string[]): readonly string[] =>
  typeof e === 'string' ? [e] : e;

/** The number the store keeps for row `line` of file `fichier` (0-based). */
export const ligneGlobale = (fichier: number, line: number): number =>
  fichier * LIGNES_PAR_FICHIER + line;

/** File (0-based) and line of a stored row number. */
export function positionEvenement(ligne: number): { fichier: number; line: number } {
  if (ligne < LIGNES_PAR_FICHIER) return { fichier: 0, line: ligne };
  const fichier = Math.floor(ligne / LIGNES_PAR_FICHIER);
  return { fichier, line: ligne - fichier * LIGNES_PAR_FICHIER };
}

/** One report per events file, to say a row's diagnostic with its own file and line. */
export class RapportsEvenements {
  private readonly reports: FileReport[];
  constructor(
    readonly noms: readonly string[],
    lang: Lang,
  ) {
    this.reports = noms.map((n) => new FileReport(n, lang));
  }

  /** The report of the file a stored row number belongs to, and the row's own line. */
  at(ligne: number): { report: FileReport; line: number } {
    const p = positionEvenement(ligne);
    const report = this.reports[p.fichier] ?? this.reports[0];
    if (!report) throw new Error('aucun fichier d’événements');
    return { report, line: p.line };
  }

  /**
   * The message of `code` about row `ligne` naming an earlier row `premiere` (its line in
   * `params.premiere`): when that row is in another file, `params.fichier_premiere` names it and
   * the message says it (« à la ligne 3 de eva.csv »); undefined: the catalogue's own message.
   */
  ailleurs(
    code: string,
    ligne: number,
    premiere: number,
    params: DiagnosticParams,
  ): { fr: string; en: string } | undefined {
    const autre = positionEvenement(premiere).fichier;
    const messages = MESSAGES_AILLEURS[code];
    if (autre === positionEvenement(ligne).fichier || !messages) return undefined;
    params['fichier_premiere'] = this.noms[autre] ?? '';
    return messages;
  }
}

/** The messages of the codes naming an earlier row, when that row is in another events file. */
const MESSAGES_AILLEURS: Readonly<Record<string, { fr: string; en: string }>> = {
  EVENEMENT_DOUBLON: {
    fr: 'Événement en double : même identifiant qu’à la ligne {premiere} de {fichier_premiere}.',
    en: 'Duplicate event: same id as on line {premiere} of {fichier_premiere}.',
  },
  ANNULATION_EN_DOUBLE: {
    fr: 'L’événement « {annule} » est déjà annulé par « {annulee_par} » (ligne {premiere} de {fichier_premiere}).',
    en: 'Event "{annule}" is already cancelled by "{annulee_par}" (line {premiere} of {fichier_premiere}).',
  },
};
