/**
 * `convflux verify`: checks every digital signature of a PDF and, given the YAML, that the PDF is
 * the render of that YAML.
 *
 * For each signature field: the /ByteRange covers the file from byte 0 except exactly the
 * /Contents hex string, and ends at the end of a revision; the CMS message digest equals the
 * digest of the covered bytes; the signature value verifies with the certificate it carries;
 * the signing-certificate-v2 attribute names that certificate; what was appended after a
 * signed revision is only what signing adds (other signatures' fields, their dictionaries and
 * appearances, /SigFlags), and the last revision is signed. No trust store is consulted: the
 * certificate's chain is **not** validated (self-signed and unknown issuers are reported as
 * warnings, never as trusted).
 *
 * With the YAML: its SHA-256 must be the one in the PDF metadata, and rendering it again
 * (deterministic render) must give exactly the PDF's unsigned revision — convflux signs in
 * incremental updates, so that revision is the file's first bytes.
 */
import { createHash, type X509Certificate } from 'node:crypto';
import {
  PDFArray,
  PDFDict,
  type PDFDocument,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFRawStream,
  PDFRef,
  PDFString,
  type PDFObject,
} from 'pdf-lib';
import { donneesYaml } from '../source/yaml-lib.js';
import type { Diagnostic, DiagnosticParams, Lang, Severity } from '../diagnostics/diagnostic.js';
import type { PdfBrowser } from '../render/chromium.js';
import { verifyCms, type CmsVerification } from './cms.js';
import { DerError } from './der.js';
import { asPdfUnreadable, loadPdf, PdfUnreadable, raisonPdf } from './load-pdf.js';
import { commonName, partyOf, signatureFields } from './sign-pdf.js';
import { signatureDiagnostic } from './signature-diagnostic.js';

export interface CertificateReport {
  subject: string;
  commonName: string;
  issuer: string;
  serialNumber: string;
  validFrom: string;
  validTo: string;
  fingerprint256: string;
  selfSigned: boolean;
  /** Always false: convflux has no trust store (see the module comment). */
  trusted: false;
}

export interface SignatureReport {
  field: string;
  /** `bailleur` or `reservataire` for a convflux field. */
  partie?: string;
  signed: boolean;
  /** The signer certificate's common name. */
  signataire?: string;
  subFilter?: string;
  /** /M of the signature dictionary (ISO, UTC), or the CMS signing-time. */
  time?: string;
  byteRange?: number[];
  /** Bytes of the signed revision, and whether it is the whole file. */
  revisionLength?: number;
  coversWholeFile?: boolean;
  digestOk?: boolean;
  signatureOk?: boolean;
  signingCertificateOk?: boolean;
  digestAlgorithm?: string;
  signatureAlgorithm?: string;
  certificate?: CertificateReport;
  /** Cryptographically valid and intact (trust aside). */
  valid: boolean;
}

export interface YamlReport {
  file: string;
  sha256: string;
  metadataSha256?: string;
  shaMatches: boolean;
  /** For an avenant: the version it amends (its YAML, checked against the metadata too). */
  precedente?: { file: string; sha256: string; metadataSha256?: string; shaMatches: boolean };
  /** 'identical': the unsigned revision is the render of the YAML, byte for byte. */
  render: 'identical' | 'different' | 'not-checked';
  /** Length of the unsigned revision (the render) when identical. */
  unsignedLength?: number;
}

export interface VerifyResult {
  ok: boolean;
  file: string;
  bytes: number;
  signatures: SignatureReport[];
  /** Convflux keys of the document information dictionary (yamlSha256, id, version, …). */
  metadata: Record<string, string>;
  yaml?: YamlReport;
  diagnostics: Diagnostic[];
}

/** A YAML file given to verify: its bytes, its name (as rendered), its name in diagnostics. */
export interface YamlInput {
  bytes: Uint8Array;
  file: string;
  display?: string;
}

/**
 * Renders a YAML file's unsigned PDF, or with `precedente` the unsigned PDF of the avenant from
 * that version to this one (the CLI passes Chromium's; tests can share a browser).
 */
export type UnsignedRenderer = (
  yaml: Uint8Array,
  file: string,
  precedente?: { bytes: Uint8Array; file: string },
) => Promise<Uint8Array>;

export interface VerifyOptions {
  lang?: Lang;
  /** The PDF's name in diagnostics. */
  file?: string;
  yaml?: YamlInput;
  /** For an avenant: the version it amends (`yaml` is then the version it brings into force). */
  precedente?: YamlInput;
  render?: UnsignedRenderer;
  /** Warnings make `ok` false too. */
  strict?: boolean;
}

const N = (name: string): PDFName => PDFName.of(name);

function text(object: PDFObject | undefined): string | undefined {
  if (object instanceof PDFString || object instanceof PDFHexString) return object.decodeText();
  if (object instanceof PDFName) return object.decodeText();
  return undefined;
}

const iso = (d: Date): string => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

/** D:YYYYMMDDHHmmSS[Z|+HH'mm'] → Date. */
function pdfDate(value: string | undefined): Date | undefined {
  const m =
    /^D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:(Z)|([+-])(\d{2})'?(\d{2})?'?)?/.exec(
      value ?? '',
    );
  if (!m) return undefined;
  const utc = Date.UTC(
    Number(m[1]),
    Number(m[2] ?? 1) - 1,
    Number(m[3] ?? 1),
    Number(m[4] ?? 0),
    Number(m[5] ?? 0),
    Number(m[6] ?? 0),
  );
  const sign = m[8] === '-' ? -1 : 1;
  const offset = m[8] ? sign * (Number(m[9]) * 60 + Number(m[10] ?? 0)) : 0;
  return new Date(utc - offset * 60_000);
}

class Findings {
  readonly list: Diagnostic[] = [];
  constructor(
    private readonly file: string,
    readonly lang: Lang,
  ) {}

  /** A diagnostic whose message comes from the catalogue. */
  catalogued(code: string, params: DiagnosticParams): void {
    this.list.push(signatureDiagnostic(code, params, this.file, this.lang));
  }

  /** PDF_ILLISIBLE with its located reason. */
  unreadable(problem: PdfUnreadable): void {
    this.catalogued('PDF_ILLISIBLE', {
      defaut: problem.kind,
      octet: problem.octet ?? null,
      raison: raisonPdf(problem, this.lang),
    });
  }

  add(
    code: string,
    severity: Severity,
    fr: string,
    en: string,
    params: DiagnosticParams = {},
  ): void {
    this.list.push({
      code,
      severity,
      file: this.file,
      line: 0,
      column: 0,
      pointer: '',
      message: this.lang === 'fr' ? fr : en,
      params,
    });
  }
}

function certificateReport(cert: X509Certificate): CertificateReport {
  // Same subject and issuer, and the certificate verifies with its own key (checkIssued would
  // also ask for the keyCertSign usage, which a signing certificate rightly lacks).
  let selfSigned = false;
  try {
    selfSigned = cert.subject === cert.issuer && cert.verify(cert.publicKey);
  } catch {
    selfSigned = false;
  }
  return {
    subject: cert.subject.replace(/\n/g, ', '),
    commonName: commonName(cert.subject),
    issuer: cert.issuer.replace(/\n/g, ', '),
    serialNumber: cert.serialNumber,
    validFrom: iso(new Date(cert.validFrom)),
    validTo: iso(new Date(cert.validTo)),
    fingerprint256: cert.fingerprint256,
    selfSigned,
    trusted: false,
  };
}

/** Does `end` close a revision (`%%EOF`, optionally followed by an end of line)? */
function endsRevision(bytes: Buffer, end: number): boolean {
  const tail = bytes.subarray(Math.max(0, end - 8), end).toString('latin1');
  return /%%EOF(\r\n|\r|\n)?$/.test(tail);
}

const serialize = (object: PDFObject | undefined): string => {
  if (object instanceof PDFRawStream)
    return `${object.dict.toString()}\n${Buffer.from(object.contents).toString('latin1')}`;
  return object?.toString() ?? '';
};

function without(dict: PDFDict, keys: readonly string[], doc: PDFDocument): string {
  const copy = dict.clone(doc.context);
  for (const k of keys) copy.delete(N(k));
  return copy.toString();
}

/**
 * What changed after the revision ending at `end` that signing does not do, in words (empty:
 * only allowed changes). Allowed: new objects (signature dictionaries, appearances), a
 * signature field getting its /V (and /AP), /SigFlags and /DR of the AcroForm, the catalog's
 * /DSS and /Perms, /ModDate and /Producer of the document information, objects rewritten
 * unchanged.
 */
async function disallowedChanges(
  bytes: Buffer,
  end: number,
  final: PDFDocument,
  lang: Lang,
): Promise<string[]> {
  if (end >= bytes.length) return [];
  let before: PDFDocument;
  try {
    before = await loadPdf(bytes.subarray(0, end));
  } catch (error) {
    if (!asPdfUnreadable(error)) throw error;
    return [raisonPdf(new PdfUnreadable('revision', end), lang)];
  }
  const root = before.context.trailerInfo.Root;
  const info = before.context.trailerInfo.Info;
  const sigFields = new Set(signatureFields(before).map((f) => f.ref.toString()));
  const problems: string[] = [];
  const seen = new Set<string>();
  const pattern = /(?:^|[\r\n])(\d+)\s+(\d+)\s+obj\b/g;
  const tail = bytes.subarray(end).toString('latin1');
  for (let m = pattern.exec(tail); m; m = pattern.exec(tail)) {
    const ref = PDFRef.of(Number(m[1]), Number(m[2]));
    const key = ref.toString();
    if (seen.has(key)) continue;
    seen.add(key);
    const old = before.context.lookup(ref);
    const now = final.context.lookup(ref);
    if (old === undefined || serialize(old) === serialize(now)) continue;
    const describe = (what: string): string => `${what} (${key})`;
    if (!(old instanceof PDFDict) || !(now instanceof PDFDict)) {
      problems.push(describe(lang === 'fr' ? 'objet modifié' : 'object changed'));
      continue;
    }
    const isCatalog = root instanceof PDFRef && root.toString() === key;
    const formKeys = ['SigFlags', 'DR'];
    let ok = false;
    if (isCatalog) {
      const oldForm = dictAt(before, old.get(N('AcroForm')));
      const newForm = dictAt(final, now.get(N('AcroForm')));
      ok =
        without(old, ['AcroForm', 'DSS', 'Perms'], before) ===
          without(now, ['AcroForm', 'DSS', 'Perms'], final) &&
        (oldForm && newForm
          ? without(oldForm, formKeys, before) === without(newForm, formKeys, final)
          : !oldForm && !newForm) &&
        (old.get(N('AcroForm')) instanceof PDFRef
          ? serialize(old.get(N('AcroForm'))) === serialize(now.get(N('AcroForm')))
          : true);
    } else if (sigFields.has(key)) {
      ok =
        old.get(N('V')) === undefined &&
        without(old, ['V', 'AP'], before) === without(now, ['V', 'AP'], final);
    } else if (info instanceof PDFRef && info.toString() === key) {
      ok =
        without(old, ['ModDate', 'Producer'], before) ===
        without(now, ['ModDate', 'Producer'], final);
    } else if (old.get(N('Fields')) !== undefined) {
      ok = without(old, formKeys, before) === without(now, formKeys, final);
    }
    if (!ok) {
      const type = text(old.get(N('Type'))) ?? text(old.get(N('Subtype'))) ?? 'objet';
      problems.push(describe(`${type} ${lang === 'fr' ? 'modifié' : 'changed'}`));
    }
  }
  return problems;
}

/** The dictionary an entry is or points to (any other type: undefined). */
function dictAt(doc: PDFDocument, entry: PDFObject | undefined): PDFDict | undefined {
  const object = doc.context.lookup(entry);
  return object instanceof PDFDict ? object : undefined;
}

function bytesOf(object: PDFObject | undefined): Buffer | undefined {
  if (object instanceof PDFHexString || object instanceof PDFString)
    return Buffer.from(object.asBytes());
  return undefined;
}

const CONVFLUX_KEYS = [
  'YamlSha256',
  'Id',
  'Version',
  'Empreinte',
  'Statut',
  'Modele',
  // An avenant's (finish-pdf.ts writes every key of the document's custom metadata).
  'Avenant',
  'VersionPrecedente',
  'YamlSha256Precedente',
  'EmpreintePrecedente',
] as const;

function metadataOf(doc: PDFDocument): Record<string, string> {
  const info = dictAt(doc, doc.context.trailerInfo.Info);
  const out: Record<string, string> = {};
  if (!info) return out;
  for (const k of CONVFLUX_KEYS) {
    const v = text(info.get(N(`Convflux${k}`)));
    if (v !== undefined) out[k.charAt(0).toLowerCase() + k.slice(1)] = v;
  }
  const producer = text(info.get(N('Producer')));
  const creator = text(info.get(N('Creator')));
  if (producer !== undefined) out['producer'] = producer;
  if (creator !== undefined) out['creator'] = creator;
  return out;
}

function checkSignature(bytes: Buffer, sig: PDFDict, report: SignatureReport, f: Findings): void {
  const field = report.field;
  report.subFilter = text(sig.get(N('SubFilter')));
  // lookup: a direct value or an indirect reference, of whatever type the file says.
  const range = sig.lookup(N('ByteRange'));
  const contents = bytesOf(sig.lookup(N('Contents')));
  if (!(range instanceof PDFArray) || !contents) {
    f.catalogued('SIGNATURE_DICTIONNAIRE_INCOMPLET', {
      champ: field,
      manque: range instanceof PDFArray ? '/Contents' : '/ByteRange',
    });
    return;
  }
  const br = range.asArray().map((n) => (n instanceof PDFNumber ? n.asNumber() : NaN));
  report.byteRange = br;
  const [a = NaN, b = NaN, c = NaN, d = NaN] = br;
  const rangeOk =
    br.length === 4 &&
    br.every((n) => Number.isInteger(n) && n >= 0) &&
    a === 0 &&
    b > 0 &&
    c > b &&
    c + d <= bytes.length &&
    bytes[b] === 0x3c && // '<'
    bytes[c - 1] === 0x3e && // '>'
    /^[0-9a-fA-F]*$/.test(bytes.subarray(b + 1, c - 1).toString('latin1')) &&
    Buffer.from(bytes.subarray(b + 1, c - 1).toString('latin1'), 'hex').equals(contents) &&
    endsRevision(bytes, c + d);
  if (!rangeOk) {
    f.add(
      'SIGNATURE_PLAGE_INVALIDE',
      'error',
      `Signature « ${field} » : la plage d’octets signée (/ByteRange [${br.join(' ')}]) ne couvre pas le fichier depuis son début à l’exception exacte de la signature, jusqu’à la fin d’une révision.`,
      `Signature "${field}": the signed byte range (/ByteRange [${br.join(' ')}]) does not cover the file from its start except exactly the signature, up to the end of a revision.`,
      { champ: field, byteRange: br.join(' ') },
    );
    return;
  }
  report.revisionLength = c + d;
  report.coversWholeFile = c + d === bytes.length;
  let cms: CmsVerification;
  try {
    cms = verifyCms(contents, [bytes.subarray(0, b), bytes.subarray(c, c + d)]);
  } catch (error) {
    // der.ts and cms.ts say what is wrong in French; node:crypto's own text is not shown.
    const why =
      error instanceof DerError
        ? error.message
        : f.lang === 'fr'
          ? 'données cryptographiques invalides'
          : 'invalid cryptographic data';
    f.add(
      'SIGNATURE_CMS_ILLISIBLE',
      'error',
      `Signature « ${field} » : structure CMS illisible (${why}).`,
      `Signature "${field}": unreadable CMS structure (${why}).`,
      { champ: field },
    );
    return;
  }
  report.digestOk = cms.digestOk;
  report.signatureOk = cms.signatureOk;
  if (cms.signingCertificateOk !== undefined)
    report.signingCertificateOk = cms.signingCertificateOk;
  report.digestAlgorithm = cms.digestAlgorithm;
  report.signatureAlgorithm = cms.signatureAlgorithm;
  const time = pdfDate(text(sig.get(N('M')))) ?? cms.signingTime;
  if (time) report.time = iso(time);
  if (cms.signer) {
    report.certificate = certificateReport(cms.signer);
    report.signataire = report.certificate.commonName;
  }
  for (const problem of cms.problems)
    f.add(
      'SIGNATURE_CMS_INCOMPLETE',
      'error',
      `Signature « ${field} » : ${problem}.`,
      `Signature "${field}": ${problem}.`,
      {
        champ: field,
      },
    );
  if (!cms.digestOk)
    f.add(
      'SIGNATURE_EMPREINTE_INVALIDE',
      'error',
      `Signature « ${field} » : l’empreinte signée ne correspond pas aux octets couverts : le document a été modifié après la signature.`,
      `Signature "${field}": the signed digest does not match the covered bytes: the document was changed after it was signed.`,
      { champ: field },
    );
  if (cms.signer && !cms.signatureOk)
    f.add(
      'SIGNATURE_INVALIDE',
      'error',
      `Signature « ${field} » : la valeur de signature ne se vérifie pas avec le certificat qu’elle contient.`,
      `Signature "${field}": the signature value does not verify with the certificate it carries.`,
      { champ: field },
    );
  if (cms.signingCertificateOk === false)
    f.add(
      'SIGNATURE_CERTIFICAT_NON_LIE',
      'error',
      `Signature « ${field} » : l’attribut signing-certificate ne désigne pas le certificat du signataire.`,
      `Signature "${field}": the signing-certificate attribute does not name the signer's certificate.`,
      { champ: field },
    );
  if (report.subFilter === 'ETSI.CAdES.detached') {
    if (cms.signingCertificateOk === undefined)
      f.add(
        'SIGNATURE_NON_PADES',
        'warning',
        `Signature « ${field} » : attribut signing-certificate-v2 absent (exigé par PAdES).`,
        `Signature "${field}": no signing-certificate-v2 attribute (required by PAdES).`,
        { champ: field },
      );
  } else if (report.subFilter !== 'adbe.pkcs7.detached') {
    f.add(
      'SIGNATURE_SOUS_FILTRE',
      'warning',
      `Signature « ${field} » : format ${report.subFilter ?? '(sans /SubFilter)'} non PAdES.`,
      `Signature "${field}": ${report.subFilter ?? '(no /SubFilter)'} is not a PAdES format.`,
      { champ: field, subFilter: report.subFilter ?? null },
    );
  }
  if (!cms.detached)
    f.add(
      'SIGNATURE_NON_DETACHEE',
      'warning',
      `Signature « ${field} » : la structure CMS contient une copie du contenu (signature attachée).`,
      `Signature "${field}": the CMS structure embeds the content (attached signature).`,
      { champ: field },
    );
  report.valid =
    cms.digestOk &&
    cms.signatureOk &&
    cms.signingCertificateOk !== false &&
    cms.problems.length === 0;
  const cert = report.certificate;
  if (report.valid && cert) {
    const where = report.coversWholeFile
      ? { fr: 'couvre tout le fichier', en: 'covers the whole file' }
      : {
          fr: `couvre la révision de ${String(c + d)} octets`,
          en: `covers the ${String(c + d)}-byte revision`,
        };
    f.add(
      'SIGNATURE_VALIDE',
      'info',
      `Signature « ${field} » valide : signée par ${cert.commonName} (émetteur : ${cert.issuer}) le ${report.time ?? '(date inconnue)'}, ${report.subFilter ?? ''}, ${cms.signatureAlgorithm}, ${where.fr}.`,
      `Signature "${field}" valid: signed by ${cert.commonName} (issuer: ${cert.issuer}) on ${report.time ?? '(unknown date)'}, ${report.subFilter ?? ''}, ${cms.signatureAlgorithm}, ${where.en}.`,
      {
        champ: field,
        signataire: cert.subject,
        emetteur: cert.issuer,
        date: report.time ?? null,
        empreinteCertificat: cert.fingerprint256,
      },
    );
    f.add(
      cert.selfSigned ? 'SIGNATURE_CERTIFICAT_AUTO_SIGNE' : 'SIGNATURE_CERTIFICAT_NON_VERIFIE',
      'warning',
      `Signature « ${field} » : ${cert.selfSigned ? 'certificat auto-signé' : `certificat émis par ${cert.issuer}`} ; aucune liste de confiance n’est consultée (pas de magasin de certificats) : l’identité du signataire n’est pas garantie par convflux.`,
      `Signature "${field}": ${cert.selfSigned ? 'self-signed certificate' : `certificate issued by ${cert.issuer}`}; no trust list is consulted (no certificate store): convflux does not vouch for the signer's identity.`,
      { champ: field, autoSigne: cert.selfSigned, emetteur: cert.issuer },
    );
    if (
      time &&
      cms.signer &&
      (time < new Date(cms.signer.validFrom) || time > new Date(cms.signer.validTo))
    )
      f.add(
        'SIGNATURE_CERTIFICAT_HORS_VALIDITE',
        'warning',
        `Signature « ${field} » : datée du ${iso(time)}, hors de la période de validité du certificat (${cert.validFrom} – ${cert.validTo}).`,
        `Signature "${field}": dated ${iso(time)}, outside the certificate's validity (${cert.validFrom} – ${cert.validTo}).`,
        { champ: field },
      );
  }
}

export async function verifyPdf(
  pdf: Uint8Array,
  options: VerifyOptions = {},
): Promise<VerifyResult> {
  const lang = options.lang ?? 'fr';
  const file = options.file ?? '';
  const bytes = Buffer.from(pdf);
  const f = new Findings(file, lang);
  const result: VerifyResult = {
    ok: false,
    file,
    bytes: bytes.length,
    signatures: [],
    metadata: {},
    diagnostics: f.list,
  };
  let doc: PDFDocument;
  try {
    doc = await loadPdf(bytes);
    result.metadata = metadataOf(doc);
    await checkSignatures(bytes, doc, result, f);
  } catch (error) {
    // A damaged file can put an object of any type anywhere: said, never a crash.
    const problem = asPdfUnreadable(error);
    if (!problem) throw error;
    f.unreadable(problem);
    return result;
  }
  await checkYaml(bytes, doc, result, f, options);
  result.ok = f.list.every(
    (d) => d.severity !== 'error' && !(options.strict === true && d.severity === 'warning'),
  );
  return result;
}

/** Every signature field: its signature checked, or said to be free. */
async function checkSignatures(
  bytes: Buffer,
  doc: PDFDocument,
  result: VerifyResult,
  f: Findings,
): Promise<void> {
  const lang = f.lang;

  // Signatures
  const fields = signatureFields(doc);
  for (const field of fields) {
    const partie = partyOf(field.name);
    const report: SignatureReport = {
      field: field.name,
      ...(partie ? { partie } : {}),
      signed: field.signed,
      valid: false,
    };
    result.signatures.push(report);
    const sig = dictAt(doc, field.dict.get(N('V')));
    if (field.signed && !sig) {
      f.catalogued('SIGNATURE_DICTIONNAIRE_INCOMPLET', {
        champ: field.name,
        manque: lang === 'fr' ? 'dictionnaire de signature (/V)' : 'signature dictionary (/V)',
      });
      continue;
    }
    if (!sig) {
      f.add(
        'SIGNATURE_CHAMP_LIBRE',
        'info',
        `Champ de signature « ${field.name} » : non signé.`,
        `Signature field "${field.name}": not signed.`,
        { champ: field.name },
      );
      continue;
    }
    checkSignature(bytes, sig, report, f);
  }
  const signed = result.signatures.filter((s) => s.signed);
  if (!signed.length) {
    f.add(
      'SIGNATURE_AUCUNE',
      'error',
      `Aucune signature numérique${fields.length ? ` (${String(fields.length)} champ(s) de signature vide(s))` : ''}.`,
      `No digital signature${fields.length ? ` (${String(fields.length)} empty signature field(s))` : ''}.`,
      { champs: fields.length },
    );
  } else {
    const ends = [
      ...new Set(signed.map((s) => s.revisionLength).filter((n): n is number => n !== undefined)),
    ];
    const last = Math.max(0, ...ends);
    if (ends.length && last < bytes.length)
      f.add(
        'SIGNATURE_REVISION_NON_SIGNEE',
        'error',
        `${String(bytes.length - last)} octets ajoutés après la dernière signature (révision non signée).`,
        `${String(bytes.length - last)} bytes appended after the last signature (unsigned revision).`,
        { octets: bytes.length - last },
      );
    for (const end of ends.sort((x, y) => x - y)) {
      for (const problem of await disallowedChanges(bytes, end, doc, lang))
        f.add(
          'SIGNATURE_MODIFICATION_APRES',
          'error',
          `Modification après la révision signée de ${String(end)} octets : ${problem}.`,
          `Change after the signed ${String(end)}-byte revision: ${problem}.`,
          { revision: end, modification: problem },
        );
    }
  }
}

/** With --yaml: the YAML's SHA-256 against the metadata, then the render against the PDF. */
async function checkYaml(
  bytes: Buffer,
  doc: PDFDocument,
  result: VerifyResult,
  f: Findings,
  options: VerifyOptions,
): Promise<void> {
  const lang = f.lang;
  const signed = result.signatures.filter((s) => s.signed);
  // The YAML (two for an avenant: the version it amends, the version it brings into force)
  const yamlSha = result.metadata['yamlSha256'];
  const avenant = result.metadata['avenant'];
  const precedentSha = result.metadata['yamlSha256Precedente'];
  if (options.yaml) {
    const sha = createHash('sha256').update(options.yaml.bytes).digest('hex');
    const display = options.yaml.display ?? options.yaml.file;
    const yaml: YamlReport = {
      file: display,
      sha256: sha,
      shaMatches: sha === yamlSha,
      render: 'not-checked',
    };
    if (yamlSha !== undefined) yaml.metadataSha256 = yamlSha;
    const precedente = options.precedente && {
      file: options.precedente.display ?? options.precedente.file,
      sha256: createHash('sha256').update(options.precedente.bytes).digest('hex'),
      ...(precedentSha !== undefined ? { metadataSha256: precedentSha } : {}),
      shaMatches: false,
    };
    if (precedente) {
      precedente.shaMatches = precedente.sha256 === precedentSha;
      yaml.precedente = precedente;
    }
    result.yaml = yaml;
    if (yamlSha === undefined) {
      f.add(
        'YAML_METADONNEES_ABSENTES',
        'error',
        'Les métadonnées du PDF ne donnent pas l’empreinte SHA-256 d’un YAML (PDF non produit par convflux render ?).',
        'The PDF metadata hold no YAML SHA-256 (not made by convflux render?).',
      );
    } else if (avenant && !options.precedente) {
      f.add(
        'YAML_AVENANT_DEUX_VERSIONS',
        'error',
        `Ce PDF est l’avenant n° ${avenant} de ${result.metadata['id'] ?? '?'} (version ${result.metadata['versionPrecedente'] ?? '?'} → ${result.metadata['version'] ?? '?'}) : donnez les deux versions, --yaml ANCIENNE.yaml --yaml NOUVELLE.yaml.`,
        `This PDF is avenant no. ${avenant} of ${result.metadata['id'] ?? '?'} (version ${result.metadata['versionPrecedente'] ?? '?'} → ${result.metadata['version'] ?? '?'}): give both versions, --yaml OLD.yaml --yaml NEW.yaml.`,
      );
    } else if (!avenant && options.precedente) {
      f.add(
        'YAML_PAS_UN_AVENANT',
        'error',
        'Deux YAML sont donnés, mais ce PDF n’est pas un avenant : --yaml une seule fois, la version de la convention.',
        'Two YAML files are given, but this PDF is not an avenant: --yaml once, the convention version.',
      );
    } else if (!yaml.shaMatches) {
      f.add(
        'YAML_EMPREINTE_DIFFERENTE',
        'error',
        `${display} n’est pas le YAML de ce PDF : SHA-256 ${sha}, les métadonnées du PDF indiquent ${yamlSha}.`,
        `${display} is not this PDF's YAML: SHA-256 ${sha}, the PDF metadata say ${yamlSha}.`,
        { attendu: yamlSha, obtenu: sha },
      );
    } else if (precedente && !precedente.shaMatches) {
      const attendu = precedente.metadataSha256 ?? '?';
      f.add(
        'YAML_EMPREINTE_DIFFERENTE',
        'error',
        `${precedente.file} n’est pas la version que cet avenant modifie : SHA-256 ${precedente.sha256}, les métadonnées du PDF indiquent ${attendu}.`,
        `${precedente.file} is not the version this avenant amends: SHA-256 ${precedente.sha256}, the PDF metadata say ${attendu}.`,
        { attendu, obtenu: precedente.sha256 },
      );
    } else {
      const own = options.render ? undefined : defaultRenderer();
      const renderer = options.render ?? own?.render;
      let rendered: Buffer | undefined;
      let lastRender: Buffer | undefined;
      const names = renderNames(options.yaml.bytes, options.yaml.file);
      const before = options.precedente;
      const namesBefore = before ? renderNames(before.bytes, before.file) : [];
      try {
        for (const [i, candidate] of names.entries()) {
          if (!renderer) break;
          // An avenant prints both versions' names: the same kind of name for both.
          const previous = before && {
            bytes: before.bytes,
            file: namesBefore[Math.min(i, namesBefore.length - 1)] ?? before.file,
          };
          lastRender = Buffer.from(await renderer(options.yaml.bytes, candidate, previous));
          if (
            lastRender.length <= bytes.length &&
            bytes.subarray(0, lastRender.length).equals(lastRender)
          ) {
            rendered = lastRender;
            break;
          }
        }
      } finally {
        await own?.close();
      }
      if (rendered) {
        yaml.render = 'identical';
        yaml.unsignedLength = rendered.length;
        f.add(
          'YAML_RENDU_IDENTIQUE',
          'info',
          `La révision non signée (${String(rendered.length)} octets) est, octet pour octet, le rendu de ${display}.`,
          `The unsigned revision (${String(rendered.length)} bytes) is, byte for byte, the render of ${display}.`,
          { octets: rendered.length },
        );
        if (rendered.length < bytes.length && !signed.length)
          f.add(
            'YAML_AJOUTS_NON_SIGNES',
            'error',
            `${String(bytes.length - rendered.length)} octets ajoutés au rendu, sans signature.`,
            `${String(bytes.length - rendered.length)} bytes appended to the render, without a signature.`,
          );
        for (const problem of await disallowedChanges(bytes, rendered.length, doc, lang))
          f.add(
            'YAML_MODIFICATION_APRES_RENDU',
            'error',
            `Modification du rendu du YAML : ${problem}.`,
            `Change to the YAML's render: ${problem}.`,
            { modification: problem },
          );
      } else {
        yaml.render = 'different';
        const again = lastRender ? metadataOf(await loadPdf(lastRender)) : {};
        const why: string[] = [];
        if (again['modele'] !== result.metadata['modele'])
          why.push(`modèle ${result.metadata['modele'] ?? '?'} → ${again['modele'] ?? '?'}`);
        if (again['producer'] !== result.metadata['producer'])
          why.push(
            `producteur ${result.metadata['producer'] ?? '?'} → ${again['producer'] ?? '?'}`,
          );
        const detail = why.length ? ` (${why.join(' ; ')})` : '';
        f.add(
          'YAML_RENDU_DIFFERENT',
          'error',
          `Le PDF n’est pas le rendu de ${display} : le rendu d’aujourd’hui diffère de sa révision non signée${detail}.`,
          `The PDF is not the render of ${display}: today's render differs from its unsigned revision${detail}.`,
          { modele: again['modele'] ?? null, producteur: again['producer'] ?? null },
        );
      }
    }
  } else if (yamlSha !== undefined) {
    f.add(
      'YAML_NON_VERIFIE',
      'info',
      avenant
        ? `Avenant n° ${avenant} : YAML de la version ${result.metadata['versionPrecedente'] ?? '?'} SHA-256 ${precedentSha ?? '?'}, de la version ${result.metadata['version'] ?? '?'} SHA-256 ${yamlSha} (${result.metadata['id'] ?? '?'}) ; --yaml ANCIENNE.yaml --yaml NOUVELLE.yaml vérifie que le PDF en est le rendu.`
        : `YAML d’origine : SHA-256 ${yamlSha} (${result.metadata['id'] ?? '?'} v${result.metadata['version'] ?? '?'}) ; --yaml FICHIER vérifie que le PDF en est le rendu.`,
      avenant
        ? `Avenant no. ${avenant}: YAML of version ${result.metadata['versionPrecedente'] ?? '?'} SHA-256 ${precedentSha ?? '?'}, of version ${result.metadata['version'] ?? '?'} SHA-256 ${yamlSha} (${result.metadata['id'] ?? '?'}); --yaml OLD.yaml --yaml NEW.yaml checks that the PDF is its render.`
        : `Source YAML: SHA-256 ${yamlSha} (${result.metadata['id'] ?? '?'} v${result.metadata['version'] ?? '?'}); --yaml FILE checks that the PDF is its render.`,
      { yamlSha256: yamlSha },
    );
  }
}

/**
 * The names a YAML may have been rendered under (the document prints its place in the layout,
 * or its bare name outside it): as given, then its layout place from its own content, then bare.
 */
function renderNames(yaml: Uint8Array, file: string): string[] {
  const names = [file];
  try {
    const c = donneesYaml(Buffer.from(yaml).toString('utf8')) as {
      departement?: unknown;
      version?: unknown;
      bailleur?: { siren?: unknown };
      reservataire?: { id?: unknown };
    };
    const parts = [c.departement, c.bailleur?.siren, c.reservataire?.id, c.version].map((v) =>
      typeof v === 'string' || typeof v === 'number' ? String(v) : undefined,
    );
    const [dep, siren, id, version] = parts;
    if (dep && siren && id && version) names.push(`/${dep}/${siren}/${id}/v${version}.yaml`);
  } catch {
    // an unreadable YAML is rendered under its own name only (and fails there)
  }
  names.push(file.split(/[\\/]/).pop() ?? file);
  return [...new Set(names)];
}

/** convflux's own pipeline with one browser of its own, started at the first render. */
function defaultRenderer(): { render: UnsignedRenderer; close: () => Promise<void> } {
  let started: Promise<PdfBrowser> | undefined;
  const start = async (): Promise<PdfBrowser> => {
    const { PdfBrowser } = await import('../render/chromium.js');
    return PdfBrowser.launch();
  };
  return {
    render: async (yaml, file, precedente) => {
      started ??= start();
      const browser = await started;
      if (precedente) {
        const { avenantPdfFromYaml } = await import('../avenant/render-avenant.js');
        const { loadAvenantTemplates } = await import('../avenant/templates.js');
        return avenantPdfFromYaml(
          precedente,
          { bytes: yaml, file },
          loadAvenantTemplates(),
          browser,
        );
      }
      const { loadTemplates } = await import('../render/templates.js');
      const { conventionPdf, prepareConvention } = await import('../render/render-conventions.js');
      const templates = loadTemplates();
      const { view } = prepareConvention(yaml, file, templates, 'fr');
      return (await conventionPdf(view, templates, browser)).bytes;
    },
    close: async () => {
      if (started) await (await started.catch(() => undefined))?.close();
    },
  };
}
