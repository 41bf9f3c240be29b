import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { formatDiagnostic, summary } from '../../diagnostics/format-text.js';
import { verifyPdf, type VerifyResult } from '../../sign/verify-pdf.js';
import { UsageError, type CommandIo } from '../io.js';
import type { Flags } from '../main.js';

export interface VerifyFlags {
  /** One YAML (a convention), or two (an avenant: the version amended, then the new one). */
  yaml?: string[];
}

async function read(path: string, cwd: string, what: string): Promise<Buffer> {
  try {
    return await readFile(resolve(cwd, path));
  } catch (error) {
    const why = error instanceof Error && 'code' in error ? String(error.code) : String(error);
    throw new UsageError(
      `${what} illisible : ${path} (${why})`,
      `cannot read ${what} ${path} (${why})`,
    );
  }
}

/**
 * `convflux verify FICHIER.pdf [--yaml V.yaml] [--json] [--strict]`: every signature of the PDF,
 * and with --yaml that the PDF is the render of that YAML (of those two versions, for an avenant:
 * `--yaml ANCIENNE.yaml --yaml NOUVELLE.yaml`). Exit 0 ok (warnings allowed unless
 * --strict), 1 problems found, 2 usage.
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
  const pdf = await read(file, io.cwd, 'PDF');
  const yamls = f.yaml ?? [];
  if (yamls.length > 2)
    throw new UsageError(
      'verify --yaml : un fichier (convention) ou deux (avenant : ANCIENNE.yaml puis NOUVELLE.yaml)',
      'verify --yaml: one file (a convention) or two (an avenant: OLD.yaml then NEW.yaml)',
    );
  const inputs = await Promise.all(
    yamls.map(async (y) => ({ bytes: await read(y, io.cwd, 'YAML'), file: y, display: y })),
  );
  const [first, second] = inputs;
  const yaml = second ?? first;
  const precedente = second ? first : undefined;
  const result: VerifyResult = await verifyPdf(pdf, {
    lang: flags.lang,
    file,
    strict: flags.strict,
    ...(yaml ? { yaml } : {}),
    ...(precedente ? { precedente } : {}),
  });
  if (flags.json) {
    io.out(JSON.stringify(result, null, 2));
  } else {
    for (const d of result.diagnostics)
      io.out(formatDiagnostic(d, { lang: flags.lang, color: flags.color, details: false }));
    io.out(summary(result.diagnostics, 1, flags.lang));
    const signed = result.signatures.filter((s) => s.signed);
    const valid = signed.filter((s) => s.valid).length;
    io.out(
      flags.lang === 'fr'
        ? `${file} : ${String(valid)} signature(s) valide(s) sur ${String(signed.length)}, ${String(result.signatures.length - signed.length)} champ(s) libre(s)${result.yaml ? `, YAML ${result.yaml.render === 'identical' ? 'conforme' : 'non conforme'}` : ''} — ${result.ok ? 'OK' : 'ÉCHEC'}`
        : `${file}: ${String(valid)} valid signature(s) of ${String(signed.length)}, ${String(result.signatures.length - signed.length)} empty field(s)${result.yaml ? `, YAML ${result.yaml.render === 'identical' ? 'matches' : 'does not match'}` : ''} — ${result.ok ? 'OK' : 'FAILED'}`,
    );
  }
  return result.ok ? 0 : 1;
}
