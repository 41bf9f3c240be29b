/**
 * `convflux sign FICHIER.pdf --cert CERT.p12 [--signataire bailleur|reservataire]
 * [--sign-password-env VAR] [--out FICHIER]`: signs a printed, sealed convention (or avenant)
 * in one of its empty signature fields — typically the second party countersigning after
 * `render --sign`. The signature is an incremental update appended to the file as it is, so
 * the signatures already there stay valid; the existing signatures are verified first (a
 * damaged or altered PDF is not countersigned).
 *
 * Output: `--out FICHIER`, or by default `<nom>-signe.pdf` next to the input, created only if
 * it does not exist yet. The input is never overwritten (`--out` naming it is refused).
 */
import { createHash } from 'node:crypto';
import { realpath, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { formatDiagnostic } from '../../diagnostics/format-text.js';
import { displayPath } from '../../display-path.js';
import { isErrnoError, SystemError, systemErrorFrom } from '../../source/system-error.js';
import { MAX_PDF_BYTES, readBounded } from '../../sign/read-bounded.js';
import { signatureDiagnostic } from '../../sign/signature-diagnostic.js';
import { signatureSuffix } from '../document-lines.js';
import { UsageError, type CommandIo } from '../io.js';
import type { Flags } from '../main.js';
import { ecrireJson } from '../ecrire-json.js';

export interface SignFlags {
  cert?: string;
  signataire?: string;
  signPasswordEnv?: string;
  out?: string;
}

/** `convention.pdf` → `convention-signe.pdf`, in the same folder. */
export function defaultSignedName(input: string): string {
  const name = basename(input).replace(/\.pdf$/i, '');
  return join(dirname(input), `${name}-signe.pdf`);
}

function printProblems(diagnostics: Diagnostic[], flags: Flags, io: CommandIo): number {
  if (flags.json) ecrireJson(io, { ok: false, diagnostics });
  else
    for (const d of diagnostics)
      io.out(formatDiagnostic(d, { lang: flags.lang, color: flags.color, details: true }));
  return 1;
}

async function sameFile(a: string, b: string): Promise<boolean> {
  if (a === b) return true;
  try {
    return (await realpath(a)) === (await realpath(b));
  } catch {
    return false;
  }
}

function checkUsage(paths: string[], f: SignFlags): { file: string; cert: string } {
  const [file] = paths;
  if (paths.length !== 1 || file === undefined)
    throw new UsageError('sign attend un fichier PDF : convflux sign FICHIER.pdf --cert CERT.p12');
  if (f.cert === undefined)
    throw new UsageError('sign attend --cert CERT.p12 (le certificat PKCS#12 du signataire)');
  if (f.signataire !== undefined && f.signataire !== 'bailleur' && f.signataire !== 'reservataire')
    throw new UsageError(`--signataire attend bailleur ou reservataire (reçu : ${f.signataire})`);
  return { file, cert: f.cert };
}

/** Writes the signed PDF: a new file by default (never replaced), or --out. */
async function writeSigned(
  target: string,
  bytes: Buffer,
  explicit: boolean,
  flags: Flags,
  cwd: string,
): Promise<void> {
  const shown = displayPath(target, cwd);
  try {
    await writeFile(target, bytes, { flag: explicit ? 'w' : 'wx' });
  } catch (error) {
    if (!isErrnoError(error)) throw error;
    if (error.code === 'EEXIST')
      throw new SystemError('SIGNATURE_SORTIE_EXISTANTE', { chemin: shown }, shown);
    throw systemErrorFrom(error, shown, flags.lang, true);
  }
}

export async function runSign(
  paths: string[],
  f: SignFlags,
  flags: Flags,
  io: CommandIo,
): Promise<number> {
  const { file, cert } = checkUsage(paths, f);
  const input = resolve(io.cwd, file);
  const target = resolve(io.cwd, f.out ?? defaultSignedName(file));
  if (await sameFile(input, target))
    throw new UsageError(
      `--out ne peut pas être le fichier signé lui-même (${file}) : la signature s’écrit dans un nouveau fichier`,
    );
  const lang = flags.lang;
  const pdf = await readBounded(file, { cwd: io.cwd, limit: MAX_PDF_BYTES, lang });
  if (!pdf.ok)
    return printProblems(
      [signatureDiagnostic('PDF_TROP_VOLUMINEUX', { limite: pdf.limit }, file, lang)],
      flags,
      io,
    );
  const [{ prepareSigning, signingDiagnostic }, { verifyPdf }] = await Promise.all([
    import('../../sign/sign-rendered.js'),
    import('../../sign/verify-pdf.js'),
  ]);
  const signing = await prepareSigning(
    {
      p12: cert,
      ...(f.signPasswordEnv !== undefined ? { passwordEnv: f.signPasswordEnv } : {}),
      ...(f.signataire !== undefined ? { signataire: f.signataire } : {}),
    },
    { cwd: io.cwd, lang },
  );
  if ('code' in signing) return printProblems([signing], flags, io);
  // What is already there must verify: a damaged or altered PDF is not countersigned.
  const before = await verifyPdf(pdf.bytes, { lang, file });
  const unreadable = before.diagnostics.filter((d) => d.code === 'PDF_ILLISIBLE');
  if (unreadable.length) return printProblems(unreadable, flags, io);
  const broken = before.diagnostics.filter(
    (d) => d.severity === 'error' && d.code !== 'SIGNATURE_AUCUNE',
  );
  if (broken.length) {
    const codes = [...new Set(broken.map((d) => d.code))].join(', ');
    const d = signatureDiagnostic(
      'SIGNATURE_EXISTANTE_INVALIDE',
      { chemin: file, codes },
      file,
      lang,
    );
    return printProblems([d], flags, io);
  }
  let signed;
  try {
    signed = await signing.signBytes(pdf.bytes);
  } catch (error) {
    const problem = signingDiagnostic(error, file, lang);
    if (!problem) throw error;
    return printProblems([problem], flags, io);
  }
  await writeSigned(target, signed.bytes, f.out !== undefined, flags, io.cwd);
  const output = displayPath(target, io.cwd);
  if (flags.json)
    ecrireJson(io, {
      ok: true,
      file,
      output,
      bytes: signed.bytes.length,
      previousBytes: pdf.bytes.length,
      sha256: createHash('sha256').update(signed.bytes).digest('hex'),
      signature: signed.signature,
      diagnostics: [],
    });
  else io.out(`${file} → ${output}${signatureSuffix(signed.signature, lang)}`);
  return 0;
}
