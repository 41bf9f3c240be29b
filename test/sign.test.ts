/**
 * `convflux render --sign` and `convflux verify`, with the real Chromium, the TEST-ONLY
 * certificates of test/fixtures/sign/ (password `convflux-test`, see its README) and a fixed
 * signing time (the library's `time` option; the CLI reads the clock).
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PdfBrowser } from '../src/render/chromium.js';
import { chromiumPath } from '../src/render/chromium-process.js';
import { conventionPdf, prepareConvention } from '../src/render/render-conventions.js';
import { loadTemplates } from '../src/render/templates.js';
import { cadesDetached, verifyCms } from '../src/sign/cms.js';
import { readP12 } from '../src/sign/p12.js';
import { signPdf } from '../src/sign/sign-pdf.js';
import { SignatureProblem } from '../src/sign/signature-diagnostic.js';
import { verifyPdf, type UnsignedRenderer, type VerifyResult } from '../src/sign/verify-pdf.js';
import { cliPath, etatV1AvantSignature, repoRoot } from './helpers.js';

const etatV1 = etatV1AvantSignature();
const etatV1Name = relative(repoRoot, etatV1);
const otherYaml = join(repoRoot, 'rules/conventions/93/552046484/etat-93/v2.yaml');
const fixtures = join(repoRoot, 'test/fixtures/sign');
const rsaP12 = readFileSync(join(fixtures, 'test-signataire.p12'));
const ecP12 = readFileSync(join(fixtures, 'test-signataire-ec.p12'));
const PASSWORD = 'convflux-test'; // test-only certificates (test/fixtures/sign/README.md)
const TIME = new Date('2025-03-14T10:30:00Z');

let browser: PdfBrowser;
let unsigned: Uint8Array;
let render: UnsignedRenderer;

beforeAll(async () => {
  if (!existsSync(chromiumPath()))
    throw new Error(
      `Chromium est introuvable (${chromiumPath()}) : \`npm test\` l’installe (root + apt-get), ` +
        'sinon `sudo apt-get install -y chromium`.',
    );
  browser = await PdfBrowser.launch();
  const templates = loadTemplates();
  render = async (yaml, file) => {
    const { view } = prepareConvention(yaml, file, templates);
    return (await conventionPdf(view, templates, browser)).bytes;
  };
  unsigned = await render(readFileSync(etatV1), etatV1Name);
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

const codes = (r: VerifyResult): string[] => r.diagnostics.map((d) => d.code);
const errors = (r: VerifyResult): string[] =>
  r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code);
const yamlOf = (path: string): { bytes: Buffer; file: string } => ({
  bytes: readFileSync(path),
  file: relative(repoRoot, path),
});

describe('signing the example État convention', () => {
  let signed: Buffer;
  beforeAll(async () => {
    const r = await signPdf(unsigned, {
      p12: rsaP12,
      password: PASSWORD,
      signataire: 'bailleur',
      time: TIME,
    });
    signed = r.bytes;
    expect(r.field).toBe('Signature 1 – bailleur – Mme Claire Martin');
    expect(r.signer).toBe('Signataire de test convflux');
  });

  it('appends an incremental update: the unsigned render is the first bytes, untouched', () => {
    expect(signed.length).toBeGreaterThan(unsigned.length);
    expect(signed.subarray(0, unsigned.length).equals(Buffer.from(unsigned))).toBe(true);
    const update = signed.subarray(unsigned.length).toString('latin1');
    expect(update).toContain('/SubFilter /ETSI.CAdES.detached');
    expect(update).toContain('/M (D:20250314103000Z)');
    expect(update).toContain('/SigFlags 3');
    expect(update).toMatch(/\/Prev \d+\n/);
    expect(update.trimEnd().endsWith('%%EOF')).toBe(true);
  });

  it('is deterministic for a given time (RSA PKCS#1 v1.5): same bytes twice', async () => {
    const again = await signPdf(unsigned, {
      p12: rsaP12,
      password: PASSWORD,
      signataire: 'bailleur',
      time: TIME,
    });
    expect(again.bytes.equals(signed)).toBe(true);
  });

  it('verifies: signature valid over the whole file, self-signed said, YAML render identical', async () => {
    const r = await verifyPdf(signed, { file: 'x.pdf', yaml: yamlOf(etatV1), render });
    expect(errors(r)).toEqual([]);
    expect(r.ok).toBe(true);
    const s = r.signatures.find((x) => x.signed);
    expect(s).toMatchObject({
      field: 'Signature 1 – bailleur – Mme Claire Martin',
      subFilter: 'ETSI.CAdES.detached',
      time: '2025-03-14T10:30:00Z',
      coversWholeFile: true,
      digestOk: true,
      signatureOk: true,
      signingCertificateOk: true,
      valid: true,
      certificate: { commonName: 'Signataire de test convflux', selfSigned: true, trusted: false },
    });
    expect(codes(r)).toEqual(
      expect.arrayContaining([
        'SIGNATURE_VALIDE',
        'SIGNATURE_CERTIFICAT_AUTO_SIGNE',
        'SIGNATURE_CHAMP_LIBRE',
        'YAML_RENDU_IDENTIQUE',
      ]),
    );
    expect(r.yaml).toMatchObject({
      shaMatches: true,
      render: 'identical',
      unsignedLength: unsigned.length,
    });
    // No trust store: a self-signed certificate is a warning, and --strict fails on it.
    const strict = await verifyPdf(signed, { strict: true });
    expect(strict.ok).toBe(false);
  });

  it('fails when one signed byte is changed (digest), or one byte of the signature', async () => {
    const tampered = Buffer.from(signed);
    const at = tampered.indexOf('Exemple Habitat'); // in the document information (signed)
    expect(at).toBeGreaterThan(0);
    tampered[at] = 'F'.charCodeAt(0);
    const r = await verifyPdf(tampered, { yaml: yamlOf(etatV1), render });
    expect(r.ok).toBe(false);
    expect(errors(r)).toContain('SIGNATURE_EMPREINTE_INVALIDE');
    expect(errors(r)).toContain('YAML_RENDU_DIFFERENT');

    const badSignature = Buffer.from(signed);
    const sig = badSignature.indexOf('/Contents <', unsigned.length) + '/Contents <'.length;
    // A byte well inside the CMS: the certificate or the signature value.
    const pos = sig + 1500;
    badSignature[pos] = badSignature[pos] === 0x30 ? 0x31 : 0x30;
    const r2 = await verifyPdf(badSignature);
    expect(r2.ok).toBe(false);
    expect(
      errors(r2).some((c) =>
        ['SIGNATURE_INVALIDE', 'SIGNATURE_CMS_ILLISIBLE', 'SIGNATURE_CERTIFICAT_NON_LIE'].includes(
          c,
        ),
      ),
    ).toBe(true);
  });

  it('fails against another YAML (SHA-256 differs from the metadata)', async () => {
    const r = await verifyPdf(signed, { yaml: yamlOf(otherYaml), render });
    expect(r.ok).toBe(false);
    expect(errors(r)).toEqual(['YAML_EMPREINTE_DIFFERENTE']);
    expect(r.yaml?.render).toBe('not-checked');
  });

  it('fails when something is appended after the signature', async () => {
    // An incremental update that rewrites the first page object (e.g. to swap its content).
    const text = signed.toString('latin1');
    const pageNumber = /(\d+) 0 obj\n<<\n\/Type \/Page\n/.exec(text)?.[1];
    expect(pageNumber).toBeDefined();
    const startxref = /startxref\n(\d+)\n%%EOF$/.exec(text)?.[1] ?? '0';
    const obj = `\n${pageNumber ?? ''} 0 obj\n<< /Type /Page /MediaBox [0 0 10 10] >>\nendobj\n`;
    const xref = signed.length + Buffer.byteLength(obj, 'latin1');
    const update =
      `${obj}xref\n${pageNumber ?? ''} 1\n${String(signed.length + 1).padStart(10, '0')} 00000 n\r\n` +
      `trailer\n<< /Size 10000 /Root ${/\/Root (\d+ 0 R)/.exec(text)?.[1] ?? ''} /Prev ${startxref} >>\n` +
      `startxref\n${String(xref)}\n%%EOF\n`;
    const edited = Buffer.concat([signed, Buffer.from(update, 'latin1')]);
    const r = await verifyPdf(edited);
    expect(r.ok).toBe(false);
    expect(errors(r)).toEqual(
      expect.arrayContaining(['SIGNATURE_REVISION_NON_SIGNEE', 'SIGNATURE_MODIFICATION_APRES']),
    );
  });

  it('takes a second signature (the other party, ECDSA key) in its own field', async () => {
    const second = await signPdf(signed, { p12: ecP12, password: PASSWORD, time: TIME });
    expect(second.field).toBe('Signature 2 – réservataire – Mme Sophie Bernard');
    expect(second.bytes.subarray(0, signed.length).equals(signed)).toBe(true);
    const r = await verifyPdf(second.bytes, { yaml: yamlOf(etatV1), render });
    expect(errors(r)).toEqual([]);
    expect(r.signatures.map((s) => [s.valid, s.coversWholeFile, s.signatureAlgorithm])).toEqual([
      [true, false, 'RSA-SHA256'],
      [true, true, 'ECDSA-SHA256'],
    ]);
    // Both fields taken: a third signature has nowhere to go.
    await expect(
      signPdf(second.bytes, { p12: rsaP12, password: PASSWORD, time: TIME }),
    ).rejects.toThrow(SignatureProblem);
  });
});

describe('unsigned PDFs, keys and CMS', () => {
  it('an unsigned PDF has no signature (error) but still matches its YAML', async () => {
    const r = await verifyPdf(unsigned, { yaml: yamlOf(etatV1), render });
    expect(r.ok).toBe(false);
    expect(errors(r)).toEqual(['SIGNATURE_AUCUNE']);
    expect(r.yaml?.render).toBe('identical');
    expect(r.signatures.map((s) => s.signed)).toEqual([false, false]);
  });

  it('rejects a wrong password and a file that is not PKCS#12, with their codes', () => {
    const codeOf = (bytes: Buffer, password: string): string => {
      try {
        readP12(bytes, password);
      } catch (error) {
        if (error instanceof SignatureProblem) return error.code;
        throw error;
      }
      return 'lu';
    };
    expect(codeOf(rsaP12, 'wrong')).toBe('SIGNATURE_CERTIFICAT_MOT_DE_PASSE');
    expect(codeOf(Buffer.from('not a p12'), PASSWORD)).toBe('SIGNATURE_CERTIFICAT_ILLISIBLE');
  });

  it('CMS: a signature verifies over its content only', () => {
    const identity = readP12(ecP12, PASSWORD);
    const content = Buffer.from('convention');
    const cms = cadesDetached(content, identity);
    const ok = verifyCms(cms, [content]);
    expect([ok.digestOk, ok.signatureOk, ok.signingCertificateOk, ok.detached]).toEqual([
      true,
      true,
      true,
      true,
    ]);
    const ko = verifyCms(cms, [Buffer.from('Convention')]);
    expect(ko.digestOk).toBe(false);
  });

  it('reports a file that is not a PDF', async () => {
    const r = await verifyPdf(Buffer.from('hello'));
    expect(errors(r)).toEqual(['PDF_ILLISIBLE']);
  });
});

describe('convflux render --sign / convflux verify (CLI)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'convflux-sign-'));
  // The real CLI, run without blocking the test worker (a worker blocked for a minute misses
  // the runner's messages). An `undefined` in `env` removes that variable.
  const cli = (
    args: string[],
    env: Record<string, string | undefined> = {},
  ): Promise<{ code: number; stdout: string; stderr: string }> => {
    const vars = Object.fromEntries(
      Object.entries({ ...process.env, NO_COLOR: '1', CONVFLUX_SIGN_PASSWORD: '', ...env }).filter(
        (entry): entry is [string, string] => entry[1] !== undefined,
      ),
    );
    return new Promise((resolve) => {
      execFile(
        process.execPath,
        [cliPath, ...args],
        { cwd: repoRoot, encoding: 'utf8', env: vars },
        (error, stdout, stderr) => {
          const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
          resolve({ code, stdout, stderr });
        },
      );
    });
  };
  const p12 = 'test/fixtures/sign/test-signataire.p12';
  const ecCert = 'test/fixtures/sign/test-signataire-ec.p12';
  // Signing needs sealed versions: v2 of the example is a draft, so a sealed copy of v1 and v2
  // (v2 frozen, `statut: arretee`, then `convflux seal`) is made in the test's folder.
  const layout = join(dir, 'conventions/93/552046484/etat-93');
  const sealedV1 = join(layout, 'v1.yaml');
  const sealedV2 = join(layout, 'v2.yaml');
  beforeAll(async () => {
    mkdirSync(layout, { recursive: true });
    copyFileSync(etatV1, sealedV1);
    writeFileSync(
      sealedV2,
      readFileSync(otherYaml, 'utf8').replace(/^statut: projet$/m, 'statut: arretee'),
    );
    const sealed = await cli(['seal', sealedV2]);
    expect(sealed.stderr).toBe('');
    expect(sealed.code).toBe(0);
    expect(readFileSync(sealedV2, 'utf8')).toMatch(/^empreinte: sha256:[0-9a-f]{64}$/m);
  });

  it('signs with the password from the environment, then verify --yaml --json says ok', async () => {
    const out = join(dir, 'signee.pdf');
    const r = await cli(
      [
        'render',
        etatV1Name,
        '--out',
        out,
        '--sign',
        p12,
        '--signataire',
        'reservataire',
        '--sign-password-env',
        'MON_MDP',
      ],
      { MON_MDP: PASSWORD },
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('signé par Signataire de test convflux');
    const v = await cli(['verify', out, '--yaml', etatV1Name, '--json']);
    expect(v.code).toBe(0);
    const report = JSON.parse(v.stdout) as VerifyResult;
    expect(report.ok).toBe(true);
    expect(report.signatures.filter((s) => s.signed).map((s) => s.field)).toEqual([
      'Signature 2 – réservataire – Mme Sophie Bernard',
    ]);
    expect(report.yaml?.render).toBe('identical');
  }, 120_000); // two Chromium renders (render, then verify re-renders)

  it('a wrong or missing password: a clear message, exit 1, nothing rendered', async () => {
    const out = join(dir, 'jamais.pdf');
    // Chromium was already starting (cold start): it is stopped and its profile removed.
    const profiles = mkdtempSync(join(tmpdir(), 'convflux-sign-tmp-'));
    const wrong = await cli(['render', etatV1Name, '--out', out, '--sign', p12], {
      CONVFLUX_SIGN_PASSWORD: 'faux',
      TMPDIR: profiles,
    });
    expect(wrong.stderr).toBe('');
    expect(readdirSync(profiles)).toEqual([]);
    expect(wrong.code).toBe(1);
    expect(wrong.stdout).toContain('SIGNATURE_CERTIFICAT_MOT_DE_PASSE');
    expect(wrong.stdout).toContain(
      'Mot de passe du certificat test/fixtures/sign/test-signataire.p12 incorrect',
    );
    const missing = await cli(['render', etatV1Name, '--out', out, '--sign', p12], {
      CONVFLUX_SIGN_PASSWORD: undefined,
    });
    expect(missing.code).toBe(1);
    expect(missing.stdout).toContain('CONVFLUX_SIGN_PASSWORD');
    expect(existsSync(out)).toBe(false);
  });

  it('signs an avenant too (--avenant --sign), in the signatory’s own field', async () => {
    const out = join(dir, 'avenant-signe.pdf');
    const r = await cli(
      [
        'render',
        '--avenant',
        sealedV1,
        sealedV2,
        '--out',
        out,
        '--sign',
        p12,
        '--signataire',
        'bailleur',
        '--json',
      ],
      { CONVFLUX_SIGN_PASSWORD: PASSWORD },
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const rendered = JSON.parse(r.stdout) as {
      documents: {
        output: string;
        sha256: string;
        signature?: { field: string; signer: string };
      }[];
    };
    const [doc] = rendered.documents;
    expect(doc?.signature?.field).toMatch(/^Signature 1 – bailleur – /);
    expect(doc?.sha256).toBe(createHash('sha256').update(readFileSync(out)).digest('hex'));
    const v1 = sealedV1;
    const v2 = sealedV2;
    // Signatures, and that the PDF is the avenant between those two versions, byte for byte.
    const v = await cli(['verify', out, '--yaml', v1, '--yaml', v2, '--json']);
    expect(v.code).toBe(0);
    const report = JSON.parse(v.stdout) as VerifyResult;
    expect(report.signatures.filter((s) => s.signed).map((s) => s.field)).toEqual([
      doc?.signature?.field,
    ]);
    expect(report.metadata['avenant']).toBe('1');
    expect(report.yaml?.render).toBe('identical');
    expect(report.yaml?.precedente?.shaMatches).toBe(true);
    // One version only, or the two in the wrong order: said, exit 1.
    const one = await cli(['verify', out, '--yaml', v2]);
    expect(one.code).toBe(1);
    expect(one.stdout).toContain('YAML_AVENANT_DEUX_VERSIONS');
    expect(one.stdout).toContain('--yaml ANCIENNE.yaml --yaml NOUVELLE.yaml');
    const swapped = await cli(['verify', out, '--yaml', v2, '--yaml', v1]);
    expect(swapped.code).toBe(1);
    expect(swapped.stdout).toContain('YAML_EMPREINTE_DIFFERENTE');
    // Without --yaml, the hint names both versions.
    expect((await cli(['verify', out])).stdout).toContain('Avenant n° 1 : YAML de la version 1');
    // A wrong password stops before the avenant is rendered.
    const wrong = join(dir, 'avenant-jamais.pdf');
    const bad = await cli(
      ['render', '--avenant', sealedV1, sealedV2, '--out', wrong, '--sign', p12],
      {
        CONVFLUX_SIGN_PASSWORD: 'faux',
      },
    );
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('SIGNATURE_CERTIFICAT_MOT_DE_PASSE');
    expect(existsSync(wrong)).toBe(false);
  }, 180_000); // three Chromium renders (render, then verify re-renders twice)

  it('two YAML files for a convention PDF: not an avenant (exit 1); three: usage (exit 2)', async () => {
    const pdf = join(dir, 'convention-deux-yaml.pdf');
    writeFileSync(pdf, unsigned);
    const r = await cli(['verify', pdf, '--yaml', etatV1Name, '--yaml', etatV1Name]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('YAML_PAS_UN_AVENANT');
    expect((await cli(['verify', pdf, '--yaml', 'a', '--yaml', 'b', '--yaml', 'c'])).code).toBe(2);
  });

  it('usage errors exit 2; an unsigned PDF exits 1', async () => {
    expect((await cli(['render', etatV1Name, '--html', '--sign', p12])).code).toBe(2);
    expect((await cli(['render', etatV1Name, '--signataire', 'maire', '--sign', p12])).code).toBe(
      2,
    );
    expect((await cli(['verify'])).code).toBe(2);
    const pdf = join(dir, 'non-signee.pdf');
    writeFileSync(pdf, unsigned);
    const v = await cli(['verify', pdf]);
    expect(v.code).toBe(1);
    expect(v.stdout).toContain('SIGNATURE_AUCUNE');
  });

  describe('the second party countersigns with convflux sign', () => {
    const first = join(dir, 'contresigne.pdf');
    const second = join(dir, 'contresigne-signe.pdf');
    const env = { CONVFLUX_SIGN_PASSWORD: PASSWORD };
    const reservataireField = 'Signature 2 – réservataire – Mme Sophie Bernard';

    it('render --sign as bailleur (sealed version), then sign as réservataire: appended', async () => {
      // (a version n° 1: a later version prints as a consolidated version, never signed)
      const r = await cli(
        ['render', sealedV1, '--out', first, '--sign', p12, '--signataire', 'bailleur'],
        env,
      );
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      // No --out: <name>-signe.pdf next to the input.
      const s = await cli(
        ['sign', first, '--cert', ecCert, '--signataire', 'reservataire', '--json'],
        env,
      );
      expect(s.stderr).toBe('');
      expect(s.code).toBe(0);
      const out = JSON.parse(s.stdout) as {
        output: string;
        previousBytes: number;
        signature: { field: string; signer: string };
      };
      expect(out.output).toBe(second);
      expect(out.signature).toMatchObject({
        field: reservataireField,
        signer: 'Signataire ECDSA de test convflux',
      });
      const before = readFileSync(first);
      const after = readFileSync(second);
      expect(out.previousBytes).toBe(before.length);
      // An incremental update: the bailleur-signed file is the first bytes, untouched.
      expect(after.subarray(0, before.length).equals(before)).toBe(true);
    });

    it('verify lists both signatures: party, signer, date, integrity, what each covers', async () => {
      // (--yaml with two signatures: 'takes a second signature' above; no third Chromium here.)
      const v = await cli(['verify', second, '--json']);
      expect(v.code).toBe(0);
      const report = JSON.parse(v.stdout) as VerifyResult;
      expect(report.ok).toBe(true);
      expect(
        report.signatures.map((s) => [s.partie, s.signataire, s.valid, s.coversWholeFile]),
      ).toEqual([
        ['bailleur', 'Signataire de test convflux', true, false],
        ['reservataire', 'Signataire ECDSA de test convflux', true, true],
      ]);
      expect(report.signatures.every((s) => /^\d{4}-\d\d-\d\dT/.test(s.time ?? ''))).toBe(true);
      const text = await cli(['verify', second]);
      expect(text.stdout).toMatch(
        /« Signature 1 – bailleur – [^»]+» \(bailleur\) : Signataire de test convflux, \S+ — intègre, couvre une révision antérieure/,
      );
      expect(text.stdout).toContain(
        `« ${reservataireField} » (réservataire) : Signataire ECDSA de test convflux`,
      );
      expect(text.stdout).toContain('intègre, couvre tout le document');
    });

    it('refuses: a field already signed, an existing output, the input as --out', async () => {
      const again = await cli(
        [
          'sign',
          second,
          '--cert',
          ecCert,
          '--signataire',
          'reservataire',
          '--out',
          join(dir, 'x.pdf'),
        ],
        env,
      );
      expect(again.code).toBe(1);
      expect(again.stdout).toContain('SIGNATURE_CHAMP_DEJA_SIGNE');
      expect(again.stdout).toContain('Signataire ECDSA de test convflux');
      const exists = await cli(['sign', first, '--cert', ecCert], env);
      expect(exists.code).toBe(2);
      expect(exists.stderr).toContain('existe déjà');
      const itself = await cli(['sign', first, '--cert', ecCert, '--out', first], env);
      expect(itself.code).toBe(2);
      expect(existsSync(join(dir, 'x.pdf'))).toBe(false);
    });

    it('one byte changed in the countersignature’s update: only that signature fails, named', async () => {
      const before = readFileSync(first);
      const tampered = readFileSync(second);
      const at = tampered.indexOf('/M (D:', before.length) + '/M (D:'.length;
      tampered[at] = tampered[at] === 0x32 ? 0x31 : 0x32;
      const file = join(dir, 'contresigne-altere.pdf');
      writeFileSync(file, tampered);
      const v = await cli(['verify', file, '--json']);
      expect(v.code).toBe(1);
      const report = JSON.parse(v.stdout) as VerifyResult;
      expect(report.signatures.map((s) => s.valid)).toEqual([true, false]);
      const failed = report.diagnostics.filter((d) => d.severity === 'error');
      expect(failed.map((d) => [d.code, d.params['champ']])).toContainEqual([
        'SIGNATURE_EMPREINTE_INVALIDE',
        reservataireField,
      ]);
      expect(failed.every((d) => d.params['champ'] === reservataireField)).toBe(true);
      // A damaged PDF is not signed again.
      const s = await cli(['sign', file, '--cert', p12, '--out', join(dir, 'jamais.pdf')], env);
      expect(s.code).toBe(1);
      expect(s.stdout).toContain('SIGNATURE_EXISTANTE_INVALIDE');
    });

    it('one byte changed in the printed convention: both signatures fail, each named', async () => {
      const tampered = readFileSync(second);
      const at = tampered.indexOf('Exemple Habitat');
      tampered[at] = 'F'.charCodeAt(0);
      const file = join(dir, 'convention-alteree.pdf');
      writeFileSync(file, tampered);
      const v = await cli(['verify', file]);
      expect(v.code).toBe(1);
      const lines = v.stdout.split('\n').filter((l) => l.includes('SIGNATURE_EMPREINTE_INVALIDE'));
      expect(lines).toHaveLength(2);
      expect(lines[0]).toContain('Signature 1 – bailleur');
      expect(lines[1]).toContain(reservataireField);
    });
  });
});
