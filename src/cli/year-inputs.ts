import { UsageError } from './io.js';
import type { Flags } from './main.js';

/** The inputs every command that counts a year needs: a parc, events and the year. */
export interface YearInputs {
  parc?: string;
  events?: string[];
  annee?: string;
  csv: boolean;
}

/** Usage errors (exit 2) of `evaluate` and `simulate`: a missing input, a bad year, --json with --csv. */
export function checkYearInputs(command: string, f: YearInputs, flags: Flags): void {
  const fr = flags.lang === 'fr';
  const missing = [
    f.parc === undefined ? (fr ? '--parc FICHIER' : '--parc FILE') : '',
    !f.events?.length ? (fr ? '--events FICHIER' : '--events FILE') : '',
    f.annee === undefined ? (fr ? '--annee AAAA' : '--annee YYYY') : '',
  ].filter(Boolean);
  if (missing.length)
    throw new UsageError(
      `${command} : il manque ${missing.join(', ')}`,
      `${command}: missing ${missing.join(', ')}`,
    );
  if (!/^\d{4}$/.test(f.annee ?? ''))
    throw new UsageError(
      `--annee attend une année (reçu : ${f.annee ?? ''})`,
      `--annee expects a year (got: ${f.annee ?? ''})`,
    );
  if (flags.json && f.csv)
    throw new UsageError('--json et --csv sont exclusifs', '--json and --csv exclude each other');
}
