/**
 * `convflux render --sign cert.p12`: the signing key is read once, before anything is rendered
 * (a wrong password fails fast), then each rendered PDF is signed in place. The password comes
 * from an environment variable (default CONVFLUX_SIGN_PASSWORD), never from the command line.
 */
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Diagnostic, Lang } from '../diagnostics/diagnostic.js';
import { PdfUnreadable, raisonPdf } from './load-pdf.js';
import { checkValidity, readP12 } from './p12.js';
import { MAX_P12_BYTES, readBounded } from './read-bounded.js';
import { signingClock, signPdf } from './sign-pdf.js';
import { SignatureProblem, signatureDiagnostic } from './signature-diagnostic.js';

export const DEFAULT_PASSWORD_ENV = 'CONVFLUX_SIGN_PASSWORD';

export interface SignRequest {
  /** The .p12 file, as given. */
  p12: string;
  /** Name of the environment variable holding the password. */
  passwordEnv?: string;
  /** `bailleur` or `reservataire` (default: the first unsigned field). */
  signataire?: string;
}

export interface SignatureApplied {
  field: string;
  signer: string;
  time: string;
}

export interface Signing {
  /** Signs the PDF `bytes`; returns the signed bytes and what was signed. */
  signBytes: (bytes: Buffer) => Promise<{ bytes: Buffer; signature: SignatureApplied }>;
  /** Signs a written PDF in place; returns its new bytes and what was signed. */
  sign: (path: string) => Promise<{ bytes: Buffer; signature: SignatureApplied }>;
}

/**
 * A problem of signing a PDF (SignatureProblem, PdfUnreadable) as a Diagnostic on `file`;
 * undefined for anything else (a bug, which propagates).
 */
export function signingDiagnostic(
  error: unknown,
  file: string,
  lang: Lang,
): Diagnostic | undefined {
  if (error instanceof SignatureProblem)
    return signatureDiagnostic(error.code, { ...error.params, chemin: file }, file, lang);
  if (error instanceof PdfUnreadable)
    return signatureDiagnostic(
      'PDF_ILLISIBLE',
      { defaut: error.kind, octet: error.octet ?? null, raison: raisonPdf(error, lang) },
      file,
      lang,
    );
  return undefined;
}

/**
 * Reads the key (file, password, validity today). A missing or non-regular file is a set-up
 * problem (SystemError, exit 2); a certificate that cannot sign comes back as a Diagnostic.
 */
export async function prepareSigning(
  request: SignRequest,
  options: { cwd: string; env?: NodeJS.ProcessEnv; lang?: Lang },
): Promise<Signing | Diagnostic> {
  const env = options.env ?? process.env;
  const lang = options.lang ?? 'fr';
  const variable = request.passwordEnv ?? DEFAULT_PASSWORD_ENV;
  const chemin = request.p12;
  const read = await readBounded(chemin, {
    cwd: options.cwd,
    limit: MAX_P12_BYTES,
    lang,
    missing: 'SIGNATURE_CERTIFICAT_INTROUVABLE',
  });
  if (!read.ok)
    return signatureDiagnostic(
      'SIGNATURE_CERTIFICAT_TROP_VOLUMINEUX',
      { chemin, limite: read.limit },
      chemin,
      lang,
    );
  const p12 = read.bytes;
  const password = env[variable];
  if (password === undefined)
    return signatureDiagnostic(
      'SIGNATURE_CERTIFICAT_MOT_DE_PASSE_ABSENT',
      { chemin, variable },
      chemin,
      lang,
    );
  try {
    checkValidity(readP12(p12, password), signingClock());
  } catch (error) {
    if (!(error instanceof SignatureProblem)) throw error;
    return signatureDiagnostic(error.code, { ...error.params, chemin, variable }, chemin, lang);
  }
  const signBytes = async (
    bytes: Buffer,
  ): Promise<{ bytes: Buffer; signature: SignatureApplied }> => {
    const signed = await signPdf(bytes, {
      p12,
      password,
      ...(request.signataire !== undefined ? { signataire: request.signataire } : {}),
    });
    return {
      bytes: signed.bytes,
      signature: {
        field: signed.field,
        signer: signed.signer,
        time: signed.time.toISOString().replace(/\.\d{3}Z$/, 'Z'),
      },
    };
  };
  return {
    signBytes,
    sign: async (path) => {
      const signed = await signBytes(await readFile(path));
      await writeFile(path, signed.bytes);
      return signed;
    },
  };
}

/** What a rendered document must say about itself to be signed in place. */
export interface SignableDocument {
  format: 'pdf' | 'html';
  /** The written file, as shown to the user (relative to cwd). */
  output: string;
  bytes: number;
  sha256: string;
}

/**
 * Signs each written PDF in place and updates its size and SHA-256. A PDF that cannot be signed
 * (no free field for that signatory, a draft…) gives a Diagnostic on `result`, which is then not
 * ok; it stays as rendered, unsigned; the others are still signed.
 */
export async function signDocuments<D extends SignableDocument>(
  signing: Signing,
  documents: readonly D[],
  cwd: string,
  result: { ok: boolean; diagnostics: Diagnostic[] },
  lang: Lang = 'fr',
): Promise<Map<D, SignatureApplied>> {
  const signatures = new Map<D, SignatureApplied>();
  for (const d of documents) {
    if (d.format !== 'pdf') continue;
    try {
      const signed = await signing.sign(resolve(cwd, d.output));
      d.bytes = signed.bytes.length;
      d.sha256 = createHash('sha256').update(signed.bytes).digest('hex');
      signatures.set(d, signed.signature);
    } catch (error) {
      const problem = signingDiagnostic(error, d.output, lang);
      if (!problem) throw error;
      result.ok = false;
      result.diagnostics.push(problem);
    }
  }
  return signatures;
}
