import type { Lang } from '../../diagnostics/diagnostic.js';
import { formatDiagnostic, summary } from '../../diagnostics/format-text.js';
import { MAX_SOURCE_BYTES } from '../../source/read-source.js';
import { MAX_PDF_BYTES, readBounded } from '../../sign/read-bounded.js';
import { signatureDiagnostic } from '../../sign/signature-diagnostic.js';
import type { SignatureReport, VerifyResult } from '../../sign/verify-pdf.js';
import { UsageError, type CommandIo } from '../io.js';
import type { Flags } from '../main.js';
import { ecrireJson } from '../ecrire-json.js';

export interface VerifyFlags {
  /** One YAML (a convention), or two (an avenant: the version amended, then the new one). */
  yaml?: string[];
}

/** A result with one diagnostic and nothing checked (an input too large to read). */
function refused(file: string, code: string, params: Record<string, string | number>, lang: Lang) {
  const d = signatureDiagnostic(code, params, String(params['chemin'] ?? file), lang);
  const result: VerifyResult = {
    ok: false,
    file,
    bytes: 0,
    signatures: [],
    metadata: {},
    diagnostics: [d],
  };
  return result;
}

/** « Signature 1 – bailleur – … » (bailleur) : signer, date — intact, what it covers. */
function signatureLine(s: SignatureReport, total: number, lang: Lang): string {
  const fr = lang === 'fr';
  const party = s.partie
    ? ` (${s.partie === 'reservataire' && fr ? 'réservataire' : s.partie})`
    : '';
  const head = fr ? `  « ${s.field} »${party} : ` : `  "${s.field}"${party}: `;
  if (!s.signed) return head + (fr ? 'champ libre, non signé' : 'empty field, not signed');
  const who = `${s.signataire ?? '?'}, ${s.time ?? (fr ? 'date inconnue' : 'unknown date')}`;
  const state = s.valid ? (fr ? 'intègre' : 'intact') : fr ? 'NON VALIDE' : 'NOT VALID';
  const covers =
    s.revisionLength === undefined
      ? ''
      : s.coversWholeFile
        ? fr
          ? ', couvre tout le document'
          : ', covers the whole document'
        : fr
          ? `, couvre une révision antérieure (${String(s.revisionLength)} octets sur ${String(total)}), complétée ensuite`
          : `, covers an earlier revision (${String(s.revisionLength)} of ${String(total)} bytes), extended afterwards`;
  return `${head}${who} — ${state}${covers}`;
}

function print(result: VerifyResult, file: string, flags: Flags, io: CommandIo): void {
  if (flags.json) {
    ecrireJson(io, result);
    return;
  }
  const fr = flags.lang === 'fr';
  for (const d of result.diagnostics)
    io.out(formatDiagnostic(d, { lang: flags.lang, color: flags.color, details: false }));
  io.out(summary(result.diagnostics, 1, flags.lang));
  if (result.signatures.length) {
    io.out(fr ? 'Champs de signature :' : 'Signature fields:');
    for (const s of result.signatures) io.out(signatureLine(s, result.bytes, flags.lang));
  }
  const signed = result.signatures.filter((s) => s.signed);
  const valid = signed.filter((s) => s.valid).length;
  io.out(
    fr
      ? `${file} : ${String(valid)} signature(s) valide(s) sur ${String(signed.length)}, ${String(result.signatures.length - signed.length)} champ(s) libre(s)${result.yaml ? `, YAML ${result.yaml.render === 'identical' ? 'conforme' : 'non conforme'}` : ''} — ${result.ok ? 'OK' : 'ÉCHEC'}`
      : `${file}: ${String(valid)} valid signature(s) of ${String(signed.length)}, ${String(result.signatures.length - signed.length)} empty field(s)${result.yaml ? `, YAML ${result.yaml.render === 'identical' ? 'matches' : 'does not match'}` : ''} — ${result.ok ? 'OK' : 'FAILED'}`,
  );
}

/**
 * `convflux verify FICHIER.pdf [--yaml V.yaml] [--json] [--strict]`: every signature of the PDF,
 * and with --yaml that the PDF is the render of that YAML (of those two versions, for an avenant:
 * `--yaml ANCIENNE.yaml --yaml NOUVELLE.yaml`). Inputs are read as regular files only, within a
 * size cap (PDF 50 MiB, YAML 1 MiB). Exit 0 ok (warnings allowed unless --strict), 1 problems
 * found (an unreadable or oversized PDF included), 2 usage or set-up (missing or special file).
 */
export async function runVerify(
  paths: string[],
  f: VerifyFlags,
  flags: Flags,
  io: CommandIo,
): Promise<number> {
  if (paths.length !== 1 || paths[0] === undefined)
    throw new UsageError(
      'verify attend un fichier PDF (et --yaml FICHIER pour le comparer à son YAML)',
      'verify expects one PDF file (and --yaml FILE to compare it with its YAML)',
    );
  const file = paths[0];
  const yamls = f.yaml ?? [];
  if (yamls.length > 2)
    throw new UsageError(
      'verify --yaml : un fichier (convention) ou deux (avenant : ANCIENNE.yaml puis NOUVELLE.yaml)',
      'verify --yaml: one file (a convention) or two (an avenant: OLD.yaml then NEW.yaml)',
    );
  const lang = flags.lang;
  const pdf = await readBounded(file, { cwd: io.cwd, limit: MAX_PDF_BYTES, lang });
  if (!pdf.ok) {
    print(refused(file, 'PDF_TROP_VOLUMINEUX', { limite: pdf.limit }, lang), file, flags, io);
    return 1;
  }
  const inputs: { bytes: Buffer; file: string; display: string }[] = [];
  for (const y of yamls) {
    const read = await readBounded(y, { cwd: io.cwd, limit: MAX_SOURCE_BYTES, lang });
    if (!read.ok) {
      const params = { chemin: y, limite: read.limit };
      print(refused(file, 'YAML_TROP_VOLUMINEUX', params, lang), file, flags, io);
      return 1;
    }
    inputs.push({ bytes: read.bytes, file: y, display: y });
  }
  const [first, second] = inputs;
  const yaml = second ?? first;
  const precedente = second ? first : undefined;
  const { verifyPdf } = await import('../../sign/verify-pdf.js');
  const result = await verifyPdf(pdf.bytes, {
    lang,
    file,
    strict: flags.strict,
    ...(yaml ? { yaml } : {}),
    ...(precedente ? { precedente } : {}),
  });
  print(result, file, flags, io);
  return result.ok ? 0 : 1;
}
