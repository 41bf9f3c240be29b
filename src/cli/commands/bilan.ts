import { requireInputs } from '../require-inputs.js';
import { bilanDocuments, type BilanResult } from '../../bilan/bilan-render.js';
import type { Lang } from '../../diagnostics/diagnostic.js';
import { EvaluateUsageError } from '../../engine/evaluate.js';
import { pct } from '../../bilan/bilan-view.js';
import { nombre } from '../../render/typographie.js';
import { formatDiagnostic } from '../../diagnostics/format-text.js';
import { fileSize } from '../document-lines.js';
import { UsageError, type CommandIo } from '../io.js';
import { ProgressBar } from '../progress-bar.js';
import type { Flags } from '../main.js';
import { ecrireJson } from '../ecrire-json.js';

export interface BilanFlags {
  rules: string[];
  parc?: string;
  /** `--events`, repeatable (e.g. one file a year), as `evaluate`. */
  events?: string[];
  annee?: string;
  date?: string;
  out?: string;
  html: boolean;
  tolerant: boolean;
  signees: boolean;
  /** --reservataire / --convention: only those conventions' bilans (all when empty). */
  reservataires: string[];
  conventions: string[];
  /** --prevision: the forecast file of year N+1, printed as section 7. */
  prevision?: string;
  /** --workers: threads evaluating the year and writing the documents (0: in-process). */
  workers?: string;
}

function documentLine(d: BilanResult['documents'][number], lang: Lang): string {
  const fr = lang === 'fr';
  const doc = d.document;
  const pages =
    doc.pages !== undefined
      ? `${String(doc.pages)} pages, ${fileSize(doc.octets, lang)}`
      : fileSize(doc.octets, lang);
  const du = d.totaux.reduce((s, t) => s + t.du, 0);
  const realise = d.totaux.reduce((s, t) => s + t.realise, 0);
  const taux = du > 0 ? pct(realise / du) : '—';
  const pour = d.destinataire
    ? fr
      ? ` (exemplaire ${d.destinataire})`
      : ` (${d.destinataire}'s copy)`
    : '';
  const n = d.conventions.length;
  return fr
    ? `${d.bilan}${pour} → ${doc.fichier} (${pages}), ${d.csv.fichier} (${String(d.csv.lignes)} lignes), ${d.xlsx.fichier} : ` +
        `${String(n)} réservataire(s), proposés ${nombre(d.total.proposes)}, attribués ${nombre(d.total.attribues)}, réalisé ${nombre(realise)} / dû ${nombre(du)} (${taux})`
    : `${d.bilan}${pour} → ${doc.fichier} (${pages}), ${d.csv.fichier} (${String(d.csv.lignes)} rows), ${d.xlsx.fichier}: ` +
        `${String(n)} réservataire(s), proposed ${String(d.total.proposes)}, attributed ${String(d.total.attribues)}, achieved ${String(realise)} / due ${String(du)} (${taux})`;
}

/** Rejected rows printed on stderr (all of them are in the rejets CSV). */
const MAX_REJETS = 20;

function entreesLine(e: BilanResult['entrees'], lang: Lang): string {
  const l = e.logements;
  const v = e.evenements;
  const nl = (n: number): string =>
    n ? (lang === 'fr' ? `, ${String(n)} non lu(s)` : `, ${String(n)} not read`) : '';
  return lang === 'fr'
    ? `Entrées : ${String(l.lignes)} logement(s) (${String(l.utilisees)} utilisé(s), ${String(l.rejetees)} rejeté(s)${nl(l.non_lues)}), ${String(v.lignes)} événement(s) (${String(v.utilisees)} utilisé(s), ${String(v.hors_periode)} après la date d’arrêté, ${String(v.rejetees)} rejeté(s)${nl(v.non_lues)}).`
    : `Inputs: ${String(l.lignes)} flat(s) (${String(l.utilisees)} used, ${String(l.rejetees)} rejected${nl(l.non_lues)}), ${String(v.lignes)} event(s) (${String(v.utilisees)} used, ${String(v.hors_periode)} after the evaluation date, ${String(v.rejetees)} rejected${nl(v.non_lues)}).`;
}

/**
 * `convflux bilan --parc P --events E --annee AAAA --out DOSSIER [--rules …] [--date D] [--html]`:
 * one annual bilan (PDF or HTML, CSV, workbook) per bailleur × département in force in the year;
 * `--reservataire ID`: that réservataire's copies, with the annex of its flats.
 */
export async function runBilan(
  rest: string[],
  f: BilanFlags,
  flags: Flags,
  io: CommandIo,
): Promise<number> {
  if (rest.length)
    throw new UsageError(
      `bilan : argument inattendu « ${rest[0] ?? ''} » (les conventions se donnent avec --rules)`,
      `bilan: unexpected argument "${rest[0] ?? ''}" (conventions are given with --rules)`,
    );
  const fr = flags.lang === 'fr';
  const missing = [
    f.parc === undefined ? (fr ? '--parc FICHIER' : '--parc FILE') : '',
    !f.events?.length ? (fr ? '--events FICHIER' : '--events FILE') : '',
    f.annee === undefined ? (fr ? '--annee AAAA' : '--annee YYYY') : '',
    f.out === undefined ? (fr ? '--out DOSSIER' : '--out FOLDER') : '',
  ].filter(Boolean);
  if (missing.length)
    throw new UsageError(
      `bilan : il manque ${missing.join(', ')}`,
      `bilan: missing ${missing.join(', ')}`,
    );
  if (!/^\d{4}$/.test(f.annee ?? ''))
    throw new UsageError(
      `--annee attend une année (reçu : ${f.annee ?? ''})`,
      `--annee expects a year (got: ${f.annee ?? ''})`,
    );
  if (f.workers !== undefined && !/^\d{1,2}$/.test(f.workers))
    throw new UsageError(
      `--workers attend un nombre (reçu : ${f.workers})`,
      `--workers expects a number (got: ${f.workers})`,
    );
  const rules = f.rules.length ? f.rules : ['rules/'];
  await requireInputs(
    [
      f.parc ?? '',
      ...(f.events ?? []),
      ...(f.prevision !== undefined ? [f.prevision] : []),
      ...rules,
    ],
    io.cwd,
  );
  let result: BilanResult;
  const progress = ProgressBar.start(
    fr ? `bilans ${f.annee ?? ''}` : `bilans ${f.annee ?? ''}`,
    flags,
  );
  try {
    result = await bilanDocuments({
      rules,
      parc: f.parc ?? '',
      evenements: f.events ?? [],
      annee: Number(f.annee),
      out: f.out ?? '',
      html: f.html,
      lang: flags.lang,
      cwd: io.cwd,
      ...(f.date !== undefined ? { date: f.date } : {}),
      ...(f.signees ? { signees: true } : {}),
      ...(f.prevision !== undefined ? { prevision: f.prevision } : {}),
      ...(f.workers !== undefined ? { workers: Number(f.workers) } : {}),
      ...(progress
        ? {
            onProgress: (done: number, total: number, id: string) => {
              progress.update(done, total, id);
            },
          }
        : {}),
      ...(f.reservataires.length || f.conventions.length
        ? { selection: { reservataires: f.reservataires, conventions: f.conventions } }
        : {}),
    });
  } catch (error) {
    if (error instanceof EvaluateUsageError) throw new UsageError(error.message, error.en);
    throw error;
  } finally {
    progress?.clear();
  }
  const failed =
    result.diagnostics.some((d) => d.severity === 'error') ||
    (!f.tolerant && result.rejets.length > 0);
  if (flags.json) {
    ecrireJson(io, {
      ok: !failed,
      annee: result.annee,
      date: result.date,
      documents: result.documents,
      // Rejected rows: where and why, never the row's content.
      rejets: result.rejets.map((d) => ({
        code: d.code,
        file: d.file,
        line: d.line,
        column: d.column,
        pointer: d.pointer,
        message: d.message,
      })),
      rejets_csv: result.rejetsCsv ?? null,
      entrees: result.entrees,
      diagnostics: result.diagnostics,
      ...(f.prevision !== undefined ? { previsionnel: result.previsionnel ?? null } : {}),
    });
    return failed ? 1 : 0;
  }
  for (const d of result.documents) io.out(documentLine(d, flags.lang));
  if (f.prevision !== undefined && !result.previsionnel)
    io.out(
      fr
        ? 'Aucun bilan écrit : corrigez les erreurs du fichier de prévision ci-dessous.'
        : 'No bilan written: fix the errors of the forecast file below.',
    );
  else if (!result.documents.length)
    io.out(
      fr
        ? `Aucune convention en vigueur en ${String(result.annee)} : aucun bilan écrit.`
        : `No convention in force in ${String(result.annee)}: no bilan written.`,
    );
  for (const d of result.diagnostics)
    io.err(formatDiagnostic(d, { lang: flags.lang, color: false, details: false }));
  if (result.rejets.length) {
    io.err(
      fr
        ? `${String(result.rejets.length)} ligne(s) d’entrée rejetée(s)${f.tolerant ? ' (--tolerant)' : ''}, toutes dans ${result.rejetsCsv ?? ''} :`
        : `${String(result.rejets.length)} input row(s) rejected${f.tolerant ? ' (--tolerant)' : ''}, all listed in ${result.rejetsCsv ?? ''}:`,
    );
    for (const d of result.rejets.slice(0, MAX_REJETS))
      io.err(formatDiagnostic(d, { lang: flags.lang, color: false, details: false }));
    const autres = result.rejets.length - MAX_REJETS;
    if (autres > 0)
      io.err(fr ? `… et ${String(autres)} autre(s).` : `… and ${String(autres)} more.`);
  }
  io.err(entreesLine(result.entrees, flags.lang));
  return failed ? 1 : 0;
}
