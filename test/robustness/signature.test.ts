/**
 * Bad inputs for signing and `convflux verify`: PDFs that start with %PDF- but are not usable,
 * truncated or bit-flipped signed PDFs, special files (devices, FIFO, folders, symlinks to
 * them), oversized files, and PKCS#12 files that cannot sign. Every case gets a French
 * diagnostic with its own code, exit 1 (the input is bad) or 2 (set-up), never ERREUR_INTERNE
 * and never a library's English text. Real CLI processes; the signed PDF is rendered (real
 * Chromium) and signed with the TEST-ONLY fixture certificate in the test.
 */
import { execFile, spawnSync } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import forge from 'node-forge';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogue } from '../../src/diagnostics/catalogue.js';
import { PdfBrowser } from '../../src/render/chromium.js';
import { conventionPdf, prepareConvention } from '../../src/render/render-conventions.js';
import { loadTemplates } from '../../src/render/templates.js';
import { signPdf } from '../../src/sign/sign-pdf.js';
import { verifyPdf, type VerifyResult } from '../../src/sign/verify-pdf.js';
import { cliPath, etatV1AvantSignature, repoRoot } from '../helpers.js';

const PASSWORD = 'convflux-test'; // test-only certificates (test/fixtures/sign/README.md)
const rsaP12 = readFileSync(join(repoRoot, 'test/fixtures/sign/test-signataire.p12'));
// Signed examples print as copies without fields: sign the text as it was before signing.
const etatV1 = etatV1AvantSignature();
const etatV2Draft = join(repoRoot, 'rules/conventions/93/552046484/etat-93/v2.yaml');
const dir = mkdtempSync(join(tmpdir(), 'convflux-robustesse-signature-'));

/** Library phrases that must never reach a user (pdf-lib, node-forge, node's errno text). */
const LEAKS =
  /Failed to parse|Expected (instance|next byte)|Trying to parse|Cannot read propert|Invalid object ref|PKCS#12 MAC|Too few bytes|Invalid password|no such file|ENOENT:|undefined/;

/**
 * Runs the real CLI without blocking the test worker (a blocked worker misses the runner's
 * messages on a loaded machine).
 */
function cli(
  args: string[],
  env: NodeJS.ProcessEnv = { ...process.env, CONVFLUX_SIGN_PASSWORD: PASSWORD },
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [cliPath, ...args],
      { cwd: dir, encoding: 'utf8', env: { ...env, NO_COLOR: '1' }, timeout: 15_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

interface JsonOut {
  ok: boolean;
  diagnostics: { code: string; message: string; params: Record<string, unknown> }[];
}

/** Runs with --json: exit code and the diagnostics' codes; checks they are clean French. */
async function jsonRun(args: string[], env: Record<string, string> = {}) {
  const r = await cli([...args, '--json'], {
    ...process.env,
    CONVFLUX_SIGN_PASSWORD: PASSWORD,
    ...env,
  });
  expect(r.stderr).toBe('');
  const out = JSON.parse(r.stdout) as JsonOut;
  const codes = out.diagnostics.map((d) => d.code);
  expect(codes).not.toContain('ERREUR_INTERNE');
  for (const d of out.diagnostics) {
    // Catalogue codes, or verify's own report codes (SIGNATURE_…, YAML_…).
    expect(d.code in catalogue || /^(SIGNATURE|YAML)_/.test(d.code)).toBe(true);
    expect(d.message).not.toMatch(LEAKS);
  }
  return { code: r.code, codes, out };
}

let browser: PdfBrowser;
let signed: Buffer;
let draftPdf: Uint8Array;

beforeAll(async () => {
  browser = await PdfBrowser.launch();
  const templates = loadTemplates();
  const render = async (path: string): Promise<Uint8Array> => {
    const { view } = prepareConvention(readFileSync(path), relative(repoRoot, path), templates);
    return (await conventionPdf(view, templates, browser)).bytes;
  };
  const unsigned = await render(etatV1);
  draftPdf = await render(etatV2Draft);
  signed = (
    await signPdf(unsigned, {
      p12: rsaP12,
      password: PASSWORD,
      signataire: 'bailleur',
      time: new Date('2026-12-01T10:00:00Z'),
    })
  ).bytes;
  writeFileSync(join(dir, 'signee.pdf'), signed);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('verify: PDFs that start with %PDF- but cannot be used', () => {
  const cases: [string, () => Buffer, string][] = [
    ['two-line fake', () => Buffer.from('%PDF-1.7\nbonjour\n'), 'fin'],
    [
      'random bytes after the header',
      () => Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(4096)]),
      'fin',
    ],
    [
      'startxref pointing nowhere',
      () => Buffer.from('%PDF-1.7\n1 0 obj\n<< >>\nendobj\nstartxref\n999999\n%%EOF\n'),
      'xref',
    ],
    [
      'a well-formed frame with no catalog',
      () => {
        const body = '%PDF-1.7\n1 0 obj\n<< /A 1 >>\nendobj\n';
        const xref = body.length;
        return Buffer.from(
          `${body}xref\n0 2\n0000000000 65535 f\r\n0000000009 00000 n\r\ntrailer\n<< /Size 2 >>\nstartxref\n${String(xref)}\n%%EOF\n`,
        );
      },
      'catalogue',
    ],
    ['the signed PDF cut in its first page', () => signed.subarray(0, 20_000), 'fin'],
    ['the signed PDF cut in the middle', () => signed.subarray(0, signed.length >> 1), 'fin'],
    ['the signed PDF cut 100 bytes short', () => signed.subarray(0, signed.length - 100), 'fin'],
  ];
  for (const [name, bytes, defaut] of cases)
    it(`${name}: PDF_ILLISIBLE (${defaut}), exit 1`, async () => {
      const file = `${name.replace(/\W+/g, '-')}.pdf`;
      writeFileSync(join(dir, file), bytes());
      const r = await jsonRun(['verify', file]);
      expect(r.code).toBe(1);
      expect(r.codes).toEqual(['PDF_ILLISIBLE']);
      expect(r.out.diagnostics[0]?.params['defaut']).toBe(defaut);
      const text = await cli(['verify', file]);
      expect(text.stdout).toMatch(/PDF illisible : /);
    });

  it('cut just after the first %%EOF: a valid unsigned revision, the signature is gone', async () => {
    const end = signed.indexOf('%%EOF') + '%%EOF\n'.length;
    writeFileSync(join(dir, 'premiere-revision.pdf'), signed.subarray(0, end));
    const r = await jsonRun(['verify', 'premiere-revision.pdf']);
    expect(r.code).toBe(1);
    expect(r.codes).toContain('SIGNATURE_AUCUNE');
  });

  it('a signature dictionary without /ByteRange: said, with the field', async () => {
    const text = signed.toString('latin1');
    const at = text.lastIndexOf('/ByteRange');
    const damaged = Buffer.from(signed);
    damaged.write('/ByteRangX', at, 'latin1');
    writeFileSync(join(dir, 'sans-byterange.pdf'), damaged);
    const r = await jsonRun(['verify', 'sans-byterange.pdf']);
    expect(r.code).toBe(1);
    const d = r.out.diagnostics.find((x) => x.code === 'SIGNATURE_DICTIONNAIRE_INCOMPLET');
    expect(d?.message).toContain('/ByteRange absent');
    expect(d?.params['champ']).toMatch(/^Signature 1 – bailleur/);
  });
});

describe('verify and sign: special and oversized files', () => {
  beforeAll(() => {
    spawnSync('mkfifo', [join(dir, 'tube.pdf')]);
    symlinkSync('/dev/zero', join(dir, 'zero.pdf'));
    symlinkSync('/dev/urandom', join(dir, 'hasard.yaml'));
    mkdirSync(join(dir, 'dossier.pdf'));
    // 50 MiB and one byte, sparse: read while counting, refused without reading it all.
    writeFileSync(join(dir, 'enorme.pdf'), '%PDF-1.7\n');
    truncateSync(join(dir, 'enorme.pdf'), 50 * 1024 * 1024 + 1);
  });

  for (const [file, nature] of [
    ['/dev/zero', 'périphérique'],
    ['zero.pdf', 'périphérique'],
    ['tube.pdf', 'tube nommé (FIFO)'],
    ['dossier.pdf', 'dossier'],
  ] as const)
    it(`verify ${file}: FICHIER_NON_REGULIER (${nature}), exit 2, at once`, async () => {
      const r = await jsonRun(['verify', file]);
      expect(r.code).toBe(2);
      expect(r.codes).toEqual(['FICHIER_NON_REGULIER']);
      expect(r.out.diagnostics[0]?.params['nature']).toBe(nature);
    });

  it('verify --yaml through a symlink to /dev/urandom: FICHIER_NON_REGULIER, exit 2', async () => {
    const r = await jsonRun(['verify', 'signee.pdf', '--yaml', 'hasard.yaml']);
    expect(r.code).toBe(2);
    expect(r.codes).toEqual(['FICHIER_NON_REGULIER']);
  });

  it('verify of a file over 50 MiB: PDF_TROP_VOLUMINEUX, exit 1; a missing one: exit 2', async () => {
    const r = await jsonRun(['verify', 'enorme.pdf']);
    expect(r.code).toBe(1);
    expect(r.codes).toEqual(['PDF_TROP_VOLUMINEUX']);
    const missing = await jsonRun(['verify', 'absent.pdf']);
    expect(missing.code).toBe(2);
    expect(missing.codes).toEqual(['ERREUR_SYSTEME']);
    expect(missing.out.diagnostics[0]?.message).toContain('chemin introuvable');
  });

  it('sign with a certificate that is a device or a folder: FICHIER_NON_REGULIER, exit 2', async () => {
    for (const cert of ['zero.pdf', 'dossier.pdf', 'tube.pdf']) {
      const r = await jsonRun(['sign', 'signee.pdf', '--cert', cert, '--out', 'jamais.pdf']);
      expect(r.code).toBe(2);
      expect(r.codes).toEqual(['FICHIER_NON_REGULIER']);
    }
  });
});

describe('sign: PKCS#12 files that cannot sign', () => {
  /** A self-signed certificate for `key`, valid between the two dates. */
  function certificate(
    key: { publicPem: string; privatePem: string },
    from: Date,
    to: Date,
  ): forge.pki.Certificate {
    const cert = forge.pki.createCertificate();
    cert.publicKey = forge.pki.publicKeyFromPem(key.publicPem);
    cert.serialNumber = '2001';
    cert.validity.notBefore = from;
    cert.validity.notAfter = to;
    const attrs = [{ name: 'commonName', value: 'Certificat de test (TEST UNIQUEMENT)' }];
    cert.setSubject(attrs);
    cert.setIssuer(attrs);
    cert.sign(forge.pki.privateKeyFromPem(key.privatePem), forge.md.sha256.create());
    return cert;
  }
  function rsaKey(): { publicPem: string; privatePem: string } {
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    return {
      publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      privatePem: privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
    };
  }
  /** node-forge takes null certificates for a key-only container; its typings do not say so. */
  const toPkcs12 = forge.pkcs12.toPkcs12Asn1 as (
    key: forge.pki.rsa.PrivateKey | null,
    certs: forge.pki.Certificate[] | null,
    password: string,
    options: { algorithm: '3des' },
  ) => forge.asn1.Asn1;
  function p12(
    file: string,
    key: forge.pki.rsa.PrivateKey | null,
    certs: forge.pki.Certificate[] | null,
  ): string {
    const asn1 = toPkcs12(key, certs, PASSWORD, { algorithm: '3des' });
    writeFileSync(join(dir, file), Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary'));
    return file;
  }

  const now = Date.now();
  const year = 365 * 24 * 3600 * 1000;
  const key = rsaKey();
  const other = rsaKey();
  const forgeKey = forge.pki.privateKeyFromPem(key.privatePem);
  const valid = certificate(key, new Date(now - year), new Date(now + year));

  const cases: [string, () => string, string, number][] = [
    ['a missing file', () => 'absent.p12', 'SIGNATURE_CERTIFICAT_INTROUVABLE', 2],
    [
      'a file that is not PKCS#12',
      () => {
        writeFileSync(join(dir, 'texte.p12'), 'ceci n’est pas un certificat\n');
        return 'texte.p12';
      },
      'SIGNATURE_CERTIFICAT_ILLISIBLE',
      1,
    ],
    [
      'a certificate only',
      () => p12('sans-cle.p12', null, [valid]),
      'SIGNATURE_CERTIFICAT_SANS_CLE',
      1,
    ],
    [
      'a key only',
      () => p12('sans-certificat.p12', forgeKey, null),
      'SIGNATURE_CERTIFICAT_ABSENT',
      1,
    ],
    [
      'a key with another key’s certificate',
      () =>
        p12('autre.p12', forgeKey, [
          certificate(other, new Date(now - year), new Date(now + year)),
        ]),
      'SIGNATURE_CERTIFICAT_SANS_CORRESPONDANCE',
      1,
    ],
    [
      'an expired certificate',
      () =>
        p12('expire.p12', forgeKey, [
          certificate(key, new Date(now - 3 * year), new Date(now - year)),
        ]),
      'SIGNATURE_CERTIFICAT_EXPIRE',
      1,
    ],
    [
      'a certificate not yet valid',
      () =>
        p12('futur.p12', forgeKey, [
          certificate(key, new Date(now + year), new Date(now + 2 * year)),
        ]),
      'SIGNATURE_CERTIFICAT_PAS_ENCORE_VALIDE',
      1,
    ],
  ];
  for (const [name, make, code, exit] of cases)
    it(`${name}: ${code}, exit ${String(exit)}`, async () => {
      const cert = make();
      const r = await jsonRun(['sign', 'signee.pdf', '--cert', cert, '--out', 'jamais.pdf']);
      expect(r.codes).toEqual([code]);
      expect(r.code).toBe(exit);
      expect(r.out.diagnostics[0]?.message).toContain(cert);
    });

  it('a wrong password, a missing password: their own codes, exit 1', async () => {
    const cert = p12('valide.p12', forgeKey, [valid]);
    const wrong = await jsonRun(['sign', 'signee.pdf', '--cert', cert, '--out', 'jamais.pdf'], {
      CONVFLUX_SIGN_PASSWORD: 'faux',
    });
    expect([wrong.code, wrong.codes]).toEqual([1, ['SIGNATURE_CERTIFICAT_MOT_DE_PASSE']]);
    const env = { ...process.env };
    delete env['CONVFLUX_SIGN_PASSWORD'];
    const r = await cli(
      ['sign', 'signee.pdf', '--cert', cert, '--sign-password-env', 'MDP_ABSENT'],
      env,
    );
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('SIGNATURE_CERTIFICAT_MOT_DE_PASSE_ABSENT');
    expect(r.stdout).toContain('MDP_ABSENT');
  });
});

describe('signing drafts and foreign PDFs', () => {
  it('render --sign of a draft: SIGNATURE_PROJET on its statut line, exit 1, nothing written', async () => {
    const out = join(dir, 'projet.pdf');
    const r = await jsonRun([
      'render',
      etatV2Draft,
      '--out',
      out,
      '--sign',
      join(repoRoot, 'test/fixtures/sign/test-signataire.p12'),
    ]);
    expect(r.code).toBe(1);
    expect(r.codes).toEqual(['SIGNATURE_PROJET']);
    expect(r.out.diagnostics[0]?.message).toContain('convflux seal');
    expect(() => readFileSync(out)).toThrow();
  });

  it('sign of a printed draft, of a PDF not made by convflux: refused with their codes', async () => {
    writeFileSync(join(dir, 'projet-imprime.pdf'), draftPdf);
    const cert = join(repoRoot, 'test/fixtures/sign/test-signataire.p12');
    const draft = await jsonRun(['sign', 'projet-imprime.pdf', '--cert', cert]);
    expect([draft.code, draft.codes]).toEqual([1, ['SIGNATURE_PROJET']]);
    const foreign = await PDFDocument.create();
    foreign.addPage();
    writeFileSync(join(dir, 'etranger.pdf'), await foreign.save({ useObjectStreams: false }));
    const r = await jsonRun(['sign', 'etranger.pdf', '--cert', cert]);
    expect([r.code, r.codes]).toEqual([1, ['SIGNATURE_PDF_NON_CONVFLUX']]);
  });
});

describe('verify never crashes on a damaged signed PDF (fuzz)', () => {
  it('truncations, bit flips and overwritten runs: a result, never a throw', async () => {
    const text = signed.toString('latin1');
    const range = /\/ByteRange \[0 (\d+) (\d+) (\d+)\]/.exec(text);
    const [b, c] = [Number(range?.[1]), Number(range?.[2])];
    expect(c).toBeGreaterThan(b);
    const position = fc.integer({ min: 0, max: signed.length - 1 });
    const mutation = fc.oneof(
      fc.record({ kind: fc.constant('cut' as const), at: position }),
      fc.record({
        kind: fc.constant('flip' as const),
        bits: fc.array(fc.tuple(position, fc.integer({ min: 0, max: 7 })), {
          minLength: 1,
          maxLength: 8,
        }),
      }),
      fc.record({
        kind: fc.constant('run' as const),
        at: position,
        bytes: fc.uint8Array({ minLength: 1, maxLength: 64 }),
      }),
    );
    await fc.assert(
      fc.asyncProperty(mutation, async (m) => {
        let bytes = Buffer.from(signed);
        if (m.kind === 'cut') bytes = bytes.subarray(0, m.at);
        else if (m.kind === 'flip')
          for (const [p, bit] of m.bits) bytes[p] = (bytes[p] ?? 0) ^ (1 << bit);
        else bytes.set(m.bytes.subarray(0, bytes.length - m.at), m.at);
        const r: VerifyResult = await verifyPdf(bytes, { file: 'fuzz.pdf' });
        await new Promise((resolve) => setImmediate(resolve)); // let the test runner breathe
        for (const d of r.diagnostics) expect(d.message).not.toMatch(LEAKS);
        // Any change to the signed bytes (outside /Contents) must fail.
        const changed = [...bytes.keys()].some((i) => (i < b || i >= c) && bytes[i] !== signed[i]);
        if (changed || bytes.length !== signed.length) expect(r.ok).toBe(false);
      }),
      // 120 cases ≈ 8 s on an idle 2-core machine (a verify parses the 250 KB PDF); the timeout
      // leaves room for a loaded one.
      { numRuns: 120, seed: 20261202 },
    );
  }, 120_000);
});
