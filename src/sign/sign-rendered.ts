/**
 * `convflux render --sign cert.p12`: the signing key is read once, before anything is rendered
 * (a wrong password fails fast), then each rendered PDF is signed in place. The password comes
 * from an environment variable (default CONVFLUX_SIGN_PASSWORD), never from the command line.
 */
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Diagnostic, Lang } from '../diagnostics/diagnostic.js';
import { P12Error, readP12 } from './p12.js';
import { SignError, signPdf } from './sign-pdf.js';

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
  /** Signs a written PDF in place; returns its new bytes and what was signed. */
  sign: (path: string) => Promise<{ bytes: Buffer; signature: SignatureApplied }>;
}

function diagnostic(code: string, file: string, message: string): Diagnostic {
  return { code, severity: 'error', file, line: 0, column: 0, pointer: '', message, params: {} };
}

/** Reads the key (checks file and password); a problem comes back as a Diagnostic. */
export async function prepareSigning(
  request: SignRequest,
  options: { cwd: string; env?: NodeJS.ProcessEnv; lang?: Lang },
): Promise<Signing | Diagnostic> {
  const env = options.env ?? process.env;
  const fr = (options.lang ?? 'fr') === 'fr';
  const variable = request.passwordEnv ?? DEFAULT_PASSWORD_ENV;
  let p12: Buffer;
  try {
    p12 = await readFile(resolve(options.cwd, request.p12));
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return diagnostic(
      'P12_ILLISIBLE',
      request.p12,
      fr ? `certificat de signature illisible (${why})` : `signing certificate unreadable (${why})`,
    );
  }
  const password = env[variable];
  if (password === undefined)
    return diagnostic(
      'P12_MOT_DE_PASSE_ABSENT',
      request.p12,
      fr
        ? `mot de passe du certificat absent : définissez la variable d’environnement ${variable} (--sign-password-env NOM pour une autre variable)`
        : `certificate password missing: set the ${variable} environment variable (--sign-password-env NAME for another one)`,
    );
  try {
    readP12(p12, password);
  } catch (error) {
    if (error instanceof P12Error) return diagnostic(error.code, request.p12, error.message);
    throw error;
  }
  return {
    sign: async (path) => {
      const signed = await signPdf(await readFile(path), {
        p12,
        password,
        ...(request.signataire !== undefined ? { signataire: request.signataire } : {}),
      });
      await writeFile(path, signed.bytes);
      return {
        bytes: signed.bytes,
        signature: {
          field: signed.field,
          signer: signed.signer,
          time: signed.time.toISOString().replace(/\.\d{3}Z$/, 'Z'),
        },
      };
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
 * (no free field for that signatory…) gives a Diagnostic on `result`, which is then not ok; the
 * others are still signed.
 */
export async function signDocuments<D extends SignableDocument>(
  signing: Signing,
  documents: readonly D[],
  cwd: string,
  result: { ok: boolean; diagnostics: Diagnostic[] },
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
      if (!(error instanceof SignError)) throw error;
      result.ok = false;
      result.diagnostics.push(diagnostic(error.code, d.output, error.message));
    }
  }
  return signatures;
}

export { SignError };
