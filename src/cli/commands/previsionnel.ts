import { formatDiagnostic } from '../../diagnostics/format-text.js';
import { EvaluateUsageError } from '../../engine/evaluate.js';
import {
  previsionnelDocuments,
  type PrevisionnelResult,
} from '../../previsionnel/previsionnel-render.js';
import { centiemes } from '../../render/typographie.js';
import { fileSize } from '../document-lines.js';
import { UsageError, type CommandIo } from '../io.js';
import type { Flags } from '../main.js';
import { requireInputs } from '../require-inputs.js';
import { ecrireJson } from '../ecrire-json.js';

export interface PrevisionnelFlags {
  rules: string[];
  prevision?: string;
  parc?: string;
  /** `--events`, repeatable (e.g. one file a year), as `evaluate`. */
  events?: string[];
  annee?: string;
  out?: string;
  html: boolean;
  signees: boolean;
}

function verifierFlags(rest: string[], f: PrevisionnelFlags, fr: boolean): void {
  if (rest.length)
    throw new UsageError(
      `previsionnel : argument inattendu « ${rest[0] ?? ''} » (le fichier de prévision se donne avec --prevision)`,
      `previsionnel: unexpected argument "${rest[0] ?? ''}" (the forecast file is given with --prevision)`,
    );
  const missing = [
    f.prevision === undefined ? (fr ? '--prevision FICHIER' : '--prevision FILE') : '',
    f.parc === undefined ? (fr ? '--parc FICHIER' : '--parc FILE') : '',
    !f.events?.length ? (fr ? '--events FICHIER' : '--events FILE') : '',
    f.annee === undefined ? (fr ? '--annee AAAA' : '--annee YYYY') : '',
    f.out === undefined ? (fr ? '--out DOSSIER' : '--out FOLDER') : '',
  ].filter(Boolean);
  if (missing.length)
    throw new UsageError(
      `previsionnel : il manque ${missing.join(', ')}`,
      `previsionnel: missing ${missing.join(', ')}`,
    );
  if (!/^\d{4}$/.test(f.annee ?? ''))
    throw new UsageError(
      `--annee attend une année (reçu : ${f.annee ?? ''})`,
      `--annee expects a year (got: ${f.annee ?? ''})`,
    );
}

function lignes(r: PrevisionnelResult, fr: boolean): string[] {
  const p = r.previsionnel;
  if (!p) return [];
  const d = r.document;
  const net = p.cellules.reduce((s, c) => s + c.netCentiemes, 0);
  const out = [
    fr
      ? `Prévisionnel ${String(p.annee)} de ${p.bailleur.nom} (${p.departement}) : flux net prévu ${centiemes(net)}, ${String(p.dus.length)} réservataire(s).`
      : `Forecast ${String(p.annee)} of ${p.bailleur.nom} (${p.departement}): net flux forecast ${(net / 100).toFixed(2)}, ${String(p.dus.length)} réservataire(s).`,
  ];
  if (d)
    out.push(
      `${d.fichier} (${d.pages !== undefined ? `${String(d.pages)} pages, ` : ''}${fileSize(d.octets, fr ? 'fr' : 'en')})`,
    );
  for (const c of r.csv)
    out.push(`${c.fichier} (${String(c.lignes ?? 0)} ${fr ? 'lignes' : 'rows'})`);
  if (r.classeur) out.push(r.classeur.fichier);
  for (const du of p.dus)
    out.push(
      fr
        ? `  ${du.convention} : part ${String(Math.round(du.part * 10000) / 100)} %, dû prévisionnel ${centiemes(du.duCentiemes)}`
        : `  ${du.convention}: part ${String(Math.round(du.part * 10000) / 100)} %, expected due ${(du.duCentiemes / 100).toFixed(2)}`,
    );
  return out;
}

/**
 * `convflux previsionnel --prevision F --parc P --events E --annee AAAA --out DOSSIER`: the
 * forecast of the year (PDF or HTML, CSVs, workbook). Exit 0, 1 when an input has an error
 * (nothing written for a bad forecast file) or a row was rejected, 2 usage or set-up.
 */
export async function runPrevisionnel(
  rest: string[],
  f: PrevisionnelFlags,
  flags: Flags,
  io: CommandIo,
): Promise<number> {
  const fr = flags.lang === 'fr';
  verifierFlags(rest, f, fr);
  const rules = f.rules.length ? f.rules : ['rules/'];
  await requireInputs([f.prevision ?? '', f.parc ?? '', ...(f.events ?? []), ...rules], io.cwd);
  const r = await previsionnelDocuments({
    rules,
    prevision: f.prevision ?? '',
    parc: f.parc ?? '',
    evenements: f.events ?? [],
    annee: Number(f.annee),
    out: f.out ?? '',
    html: f.html,
    lang: flags.lang,
    cwd: io.cwd,
    ...(f.signees ? { signees: true } : {}),
  }).catch((error: unknown) => {
    // The events reader's usage errors (33 files, stdin twice): exit 2, as evaluate.
    if (error instanceof EvaluateUsageError) throw new UsageError(error.message, error.en);
    throw error;
  });
  const failed = r.diagnostics.some((d) => d.severity === 'error');
  if (flags.json) {
    ecrireJson(io, {
      ok: !failed,
      previsionnel: r.previsionnel ?? null,
      document: r.document ?? null,
      csv: r.csv,
      classeur: r.classeur ?? null,
      diagnostics: r.diagnostics,
    });
    return failed ? 1 : 0;
  }
  for (const line of lignes(r, fr)) io.out(line);
  for (const d of r.diagnostics)
    io.err(formatDiagnostic(d, { lang: flags.lang, color: flags.color, details: false }));
  if (!r.previsionnel)
    io.err(
      fr
        ? 'Aucun document écrit : corrigez les erreurs ci-dessus.'
        : 'No document written: fix the errors above.',
    );
  return failed ? 1 : 0;
}
