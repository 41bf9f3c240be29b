/**
 * `convflux classer`: each row of an events file classified as the service classifies an event
 * recorded live or imported (`classerFichier`, i.e. `classerEvenement` row after row): valide,
 * anomalie (the alerts `evaluate` reports on it) or invalide (the reason `evaluate` rejects it).
 * A bailleur checks a file before importing it. Exit 1 when a row is invalid or anomalous.
 */
import { resolve } from 'node:path';
import { displayPath } from '../../display-path.js';
import { formatDiagnostic } from '../../diagnostics/format-text.js';
import { classerFichier, type LigneClassee } from '../../saisie/classer-fichier.js';
import { UsageError, type CommandIo } from '../io.js';
import type { Flags } from '../main.js';
import { requireInputs } from '../require-inputs.js';
import { ecrireJson } from '../ecrire-json.js';

export interface ClasserFlags {
  rules: string[];
  parc?: string;
  events?: string[];
}

function compter(lignes: readonly LigneClassee[]) {
  const n = (c: string) => lignes.filter((l) => l.classement === c).length;
  return {
    lignes: lignes.length,
    valides: n('valide'),
    anomalies: n('anomalie'),
    invalides: n('invalide'),
  };
}

export async function runClasser(
  rest: readonly string[],
  f: ClasserFlags,
  flags: Flags,
  io: CommandIo,
): Promise<number> {
  const events = f.events ?? [];
  if (rest.length || !f.parc || events.length !== 1 || f.rules.length === 0)
    throw new UsageError(
      'classer : --rules DOSSIER --parc FICHIER --events FICHIER (un seul fichier d’événements) sont attendus',
      'classer: --rules FOLDER --parc FILE --events FILE (one events file) are expected',
    );
  const evenements = events[0] ?? '';
  await requireInputs([f.parc, evenements, ...f.rules], io.cwd);
  const { lignes, fichiers } = await classerFichier({
    rules: f.rules,
    parc: resolve(io.cwd, f.parc),
    evenements: resolve(io.cwd, evenements),
    lang: flags.lang,
    cwd: io.cwd,
    nomParc: displayPath(resolve(io.cwd, f.parc), io.cwd),
    nomEvenements: displayPath(resolve(io.cwd, evenements), io.cwd),
  });
  const resume = compter(lignes);
  // A file error (a missing column, an unreadable file) leaves rows unread: not a clean file, though
  // no row is invalid (it exited 0, « 0 ligne(s) … 0 invalide(s) », on a CSV without header).
  const ok =
    resume.anomalies === 0 &&
    resume.invalides === 0 &&
    !fichiers.some((x) => x.severity === 'error');
  if (flags.json) {
    ecrireJson(io, { ok, resume, lignes, fichiers });
    return ok ? 0 : 1;
  }
  const o = { lang: flags.lang, color: flags.color, details: false };
  for (const d of fichiers.filter((x) => x.severity === 'error')) io.out(formatDiagnostic(d, o));
  for (const l of lignes)
    if (l.classement !== 'valide') for (const d of l.diagnostics) io.out(formatDiagnostic(d, o));
  io.out(
    flags.lang === 'fr'
      ? `${String(resume.lignes)} ligne(s) : ${String(resume.valides)} valide(s), ${String(resume.anomalies)} anomalie(s), ${String(resume.invalides)} invalide(s).`
      : `${String(resume.lignes)} row(s): ${String(resume.valides)} valid, ${String(resume.anomalies)} anomalous, ${String(resume.invalides)} invalid.`,
  );
  return ok ? 0 : 1;
}
