/**
 * Signs a convention PDF in one of its empty signature fields (PAdES baseline B-B:
 * /SubFilter /ETSI.CAdES.detached, CMS from cms.ts, ByteRange and Contents filled by
 * @signpdf/signpdf).
 *
 * The signature is an **incremental update**: the unsigned PDF's bytes are kept as they are and
 * the signature dictionary, the filled field and the catalog (/SigFlags) are appended after its
 * %%EOF with their own cross-reference section. So the unsigned revision of a signed PDF is
 * exactly the deterministic render of its YAML, and `convflux verify --yaml` can compare them
 * byte for byte; a second party can sign the same file later, in another update.
 *
 * The signing time is the one place where convflux reads the clock (`signingClock`): a
 * signature's time must be real. The unsigned render stays deterministic.
 */
import { SignPdf, Signer } from '@signpdf/signpdf';
import {
  PDFArray,
  PDFDict,
  type PDFDocument,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFRef,
  PDFString,
  type PDFObject,
} from 'pdf-lib';
import { cadesDetached } from './cms.js';
import { loadPdf, PdfUnreadable } from './load-pdf.js';
import { readP12, type P12Identity } from './p12.js';
import { SignatureProblem } from './signature-diagnostic.js';

/** The wall clock, read only here: the time a signature is applied. */
export function signingClock(): Date {
  return new Date();
}

export interface SignOptions {
  /** The PKCS#12 file's bytes and password (never logged, never written anywhere). */
  p12: Uint8Array;
  password: string;
  /**
   * Which field: `bailleur` or `reservataire` (the party's first unsigned field), or a field's
   * exact name. Default: the first unsigned field.
   */
  signataire?: string;
  /** Signing time; default `signingClock()`. Tests pass a fixed one. */
  time?: Date;
}

export interface SignedPdf {
  bytes: Buffer;
  /** The field signed. */
  field: string;
  /** The signer certificate's subject common name (or whole subject). */
  signer: string;
  time: Date;
  /** Length of the revision before this signature (its bytes are unchanged). */
  previousLength: number;
}

export interface SignatureField {
  name: string;
  /** The field dictionary's reference (where /V goes). */
  ref: PDFRef;
  dict: PDFDict;
  /** Already signed (has a /V). */
  signed: boolean;
}

const N = (name: string): PDFName => PDFName.of(name);

function textOf(object: PDFObject | undefined): string {
  if (object instanceof PDFString || object instanceof PDFHexString) return object.decodeText();
  if (object instanceof PDFName) return object.decodeText();
  return '';
}

/** Every signature field of the AcroForm, in order (terminal fields, /FT /Sig inherited). */
export function signatureFields(doc: PDFDocument): SignatureField[] {
  // Plain lookups and instanceof: a damaged PDF may hold any type anywhere.
  const form = doc.context.lookup(doc.catalog.get(N('AcroForm')));
  const fields = form instanceof PDFDict ? doc.context.lookup(form.get(N('Fields'))) : undefined;
  const out: SignatureField[] = [];
  const seen = new Set<string>();
  const visit = (ref: PDFObject | undefined, prefix: string, ft: PDFObject | undefined): void => {
    if (!(ref instanceof PDFRef) || seen.has(ref.toString())) return;
    seen.add(ref.toString());
    const dict = doc.context.lookup(ref);
    if (!(dict instanceof PDFDict)) return;
    const partial = textOf(dict.get(N('T')));
    const name = prefix && partial ? `${prefix}.${partial}` : prefix || partial;
    const type = dict.get(N('FT')) ?? ft;
    const kids = doc.context.lookup(dict.get(N('Kids')));
    const kidFields =
      kids instanceof PDFArray
        ? kids.asArray().filter((k) => {
            const kid = k instanceof PDFRef ? doc.context.lookup(k) : undefined;
            return kid instanceof PDFDict && kid.get(N('T')) !== undefined;
          })
        : [];
    if (kidFields.length) {
      for (const kid of kidFields) visit(kid, name, type);
      return;
    }
    if (type === N('Sig')) out.push({ name, ref, dict, signed: dict.get(N('V')) !== undefined });
  };
  for (const ref of fields instanceof PDFArray ? fields.asArray() : []) visit(ref, '', undefined);
  return out;
}

const normalize = (s: string): string => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** `bailleur` or `reservataire`: the party of a convflux field (`Signature N – partie – qualité`). */
export function partyOf(fieldName: string): string | undefined {
  const party = normalize(fieldName.split(' – ')[1] ?? '');
  return party === 'bailleur' || party === 'reservataire' ? party : undefined;
}

/** Who signed a field (its signature dictionary's /Name), for messages. */
function signerOf(doc: PDFDocument, field: SignatureField): string {
  const sig = doc.context.lookup(field.dict.get(N('V')));
  return (sig instanceof PDFDict && textOf(sig.get(N('Name')))) || '?';
}

/**
 * The field to sign (see SignOptions.signataire). Throws SignatureProblem: no field at all,
 * none for that party or name, or every matching field already signed.
 */
export function chooseField(
  doc: PDFDocument,
  fields: readonly SignatureField[],
  signataire?: string,
): SignatureField {
  if (!fields.length) throw new SignatureProblem('SIGNATURE_AUCUN_CHAMP', {});
  const matching =
    signataire === undefined
      ? fields
      : signataire === 'bailleur' || signataire === 'reservataire'
        ? fields.filter((f) => partyOf(f.name) === signataire)
        : fields.filter((f) => f.name === signataire);
  if (!matching.length)
    throw new SignatureProblem('SIGNATURE_CHAMP_INTROUVABLE', {
      signataire: signataire ?? '',
      champs: fields.map((f) => `« ${f.name} »`).join(', '),
    });
  const free = matching.find((f) => !f.signed);
  if (free) return free;
  if (signataire === undefined)
    throw new SignatureProblem('SIGNATURE_TOUS_CHAMPS_SIGNES', {
      champs: fields.map((f) => `« ${f.name} » (${signerOf(doc, f)})`).join(', '),
    });
  throw new SignatureProblem('SIGNATURE_CHAMP_DEJA_SIGNE', {
    champ: matching.map((f) => f.name).join(' ; '),
    signataire: matching.map((f) => signerOf(doc, f)).join(' ; '),
  });
}

/** The convflux metadata that make a PDF signable: a sealed version (statut arretee or signee). */
function checkSignable(doc: PDFDocument): void {
  const info = doc.context.lookup(doc.context.trailerInfo.Info);
  const read = (key: string): string | undefined =>
    info instanceof PDFDict ? textOf(info.get(N(key))) || undefined : undefined;
  const statut = read('ConvfluxStatut');
  if (statut === undefined || read('ConvfluxEmpreinte') === undefined)
    throw new SignatureProblem('SIGNATURE_PDF_NON_CONVFLUX', {});
  if (statut !== 'signee' && statut !== 'arretee')
    throw new SignatureProblem('SIGNATURE_PROJET', {});
}

/** Offset of the last cross-reference section (the number after the last `startxref`). */
function lastStartxref(pdf: Buffer): number {
  const tail = pdf.subarray(Math.max(0, pdf.length - 2048)).toString('latin1');
  const m = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail);
  if (!m)
    throw new SignatureProblem('SIGNATURE_PDF_NON_PRIS_EN_CHARGE', {
      cause: 'fin',
    });
  return Number(m[1]);
}

const objectText = (ref: PDFRef, object: PDFObject): string =>
  `${String(ref.objectNumber)} ${String(ref.generationNumber)} obj\n${object.toString()}\nendobj\n`;

/**
 * Appends to `pdf` an incremental update that fills `field` with a signature dictionary holding
 * @signpdf's placeholders (ByteRange, and Contents of `contentsBytes` zero bytes).
 */
function withPlaceholder(
  pdf: Buffer,
  doc: PDFDocument,
  field: SignatureField,
  options: { time: Date; name: string; reason: string; contentsBytes: number },
): Buffer {
  const prev = lastStartxref(pdf);
  if (pdf.subarray(prev, prev + 4).toString('latin1') !== 'xref')
    throw new SignatureProblem('SIGNATURE_PDF_NON_PRIS_EN_CHARGE', {
      cause: 'xref-stream',
    });
  const trailer = doc.context.trailerInfo;
  if (trailer.Encrypt)
    throw new SignatureProblem('SIGNATURE_PDF_NON_PRIS_EN_CHARGE', {
      cause: 'chiffre',
    });
  const root = trailer.Root;
  if (!(root instanceof PDFRef)) throw new PdfUnreadable('catalogue');
  const sigRef = PDFRef.of(doc.context.largestObjectNumber + 1);

  const objects: { ref: PDFRef; text: string }[] = [];
  const sig = [
    '<<',
    '/Type /Sig',
    '/Filter /Adobe.PPKLite',
    '/SubFilter /ETSI.CAdES.detached',
    '/ByteRange [0 /********** /********** /**********]',
    `/Contents <${'0'.repeat(options.contentsBytes * 2)}>`,
    `/M ${PDFString.fromDate(options.time).toString()}`,
    `/Name ${PDFHexString.fromText(options.name).toString()}`,
    `/Reason ${PDFHexString.fromText(options.reason).toString()}`,
    '/Prop_Build << /App << /Name /convflux >> >>',
    '>>',
  ].join('\n');
  objects.push({ ref: sigRef, text: `${String(sigRef.objectNumber)} 0 obj\n${sig}\nendobj\n` });

  const filled = field.dict.clone(doc.context);
  filled.set(N('V'), sigRef);
  objects.push({ ref: field.ref, text: objectText(field.ref, filled) });

  // /SigFlags 3: signatures exist, the file is append-only.
  const formEntry = doc.catalog.get(N('AcroForm'));
  const formDict = doc.context.lookup(formEntry);
  if (formEntry instanceof PDFRef && formDict instanceof PDFDict) {
    const form = formDict.clone(doc.context);
    form.set(N('SigFlags'), PDFNumber.of(3));
    objects.push({ ref: formEntry, text: objectText(formEntry, form) });
  } else if (formEntry instanceof PDFDict) {
    const catalog = doc.catalog.clone(doc.context);
    const form = formEntry.clone(doc.context);
    form.set(N('SigFlags'), PDFNumber.of(3));
    catalog.set(N('AcroForm'), form);
    objects.push({ ref: root, text: objectText(root, catalog) });
  }

  // The update: objects, then one xref subsection per object, the trailer chained with /Prev.
  let body = pdf[pdf.length - 1] === 0x0a || pdf[pdf.length - 1] === 0x0d ? '' : '\n';
  const offsets = new Map<number, { offset: number; generation: number }>();
  for (const o of objects) {
    offsets.set(o.ref.objectNumber, {
      offset: pdf.length + Buffer.byteLength(body, 'latin1'),
      generation: o.ref.generationNumber,
    });
    body += o.text;
  }
  const xrefOffset = pdf.length + Buffer.byteLength(body, 'latin1');
  body += 'xref\n';
  for (const [number, { offset, generation }] of [...offsets].sort((a, b) => a[0] - b[0]))
    body += `${String(number)} 1\n${String(offset).padStart(10, '0')} ${String(generation).padStart(5, '0')} n\r\n`;
  const entries = [
    `/Size ${String(sigRef.objectNumber + 1)}`,
    `/Root ${root.toString()}`,
    trailer.Info ? `/Info ${trailer.Info.toString()}` : '',
    trailer.ID ? `/ID ${trailer.ID.toString()}` : '',
    `/Prev ${String(prev)}`,
  ].filter(Boolean);
  body += `trailer\n<<\n${entries.join('\n')}\n>>\nstartxref\n${String(xrefOffset)}\n%%EOF\n`;
  return Buffer.concat([pdf, Buffer.from(body, 'latin1')]);
}

/** The common name of a certificate subject (`CN=…` line of X509Certificate.subject). */
export function commonName(subject: string): string {
  const cn = subject
    .split('\n')
    .find((line) => line.startsWith('CN='))
    ?.slice(3);
  return cn ?? subject.replace(/\n/g, ', ');
}

class CadesSigner extends Signer {
  constructor(private readonly identity: P12Identity) {
    super();
  }

  override sign(pdfBuffer: Buffer): Promise<Buffer> {
    return Promise.resolve(cadesDetached(pdfBuffer, this.identity));
  }
}

/**
 * Signs `pdf` (see the module comment): a sealed convention or avenant printed by convflux.
 * Throws SignatureProblem (certificate, draft, field…) or PdfUnreadable.
 */
export async function signPdf(pdf: Uint8Array, options: SignOptions): Promise<SignedPdf> {
  const identity = readP12(options.p12, options.password);
  const original = Buffer.from(pdf);
  const doc = await loadPdf(original);
  checkSignable(doc);
  const field = chooseField(doc, signatureFields(doc), options.signataire);
  const time = options.time ?? signingClock();
  const signer = commonName(identity.x509.subject);
  // The exact room the signature needs: the same CMS over no content, plus a margin for
  // ECDSA's variable length; whole kibibytes.
  const size = cadesDetached(Buffer.alloc(0), identity).length;
  const contentsBytes = Math.ceil((size + 64) / 1024) * 1024;
  const tu = textOf(field.dict.get(N('TU')));
  const prepared = withPlaceholder(original, doc, field, {
    time,
    name: signer,
    reason: tu || `Signature : ${field.name}`,
    contentsBytes,
  });
  const bytes = await new SignPdf().sign(prepared, new CadesSigner(identity));
  if (!bytes.subarray(0, original.length).equals(original))
    throw new Error('signature : la révision précédente du PDF a été modifiée');
  return { bytes, field: field.name, signer, time, previousLength: original.length };
}
