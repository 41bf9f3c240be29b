/**
 * Chromium's PDF → the delivered PDF (pdf-lib): fixed metadata (dates = date d'effet, never the
 * clock), the YAML's SHA-256 in the document information and XMP metadata, a file identifier
 * derived from the content, and one empty AcroForm signature field per signature block. Saved
 * without object streams: the same input gives the same bytes.
 */
import { createHash } from 'node:crypto';
import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFRef,
  PDFString,
  type PDFObject,
} from 'pdf-lib';
import type { ConventionView } from './view-model.js';

export interface PdfMetadata {
  title: string;
  author: string;
  subject: string;
  keywords: string;
  producer: string;
  creator: string;
  /** ISO date (date d'effet): CreationDate = ModDate = this day, 00:00 UTC. */
  date: string;
  /** Custom keys of the document information dictionary (prefixed Convflux). */
  custom: Record<string, string>;
}

export interface FinishedPdf {
  bytes: Uint8Array;
  pages: number;
  signatureFields: string[];
}

const N = (name: string): PDFName => PDFName.of(name);

function text(value: string): PDFHexString {
  return PDFHexString.fromText(value);
}

function nameOf(object: PDFObject | undefined): string | undefined {
  if (object instanceof PDFName) return object.decodeText();
  if (object instanceof PDFString || object instanceof PDFHexString) return object.decodeText();
  return undefined;
}

/** The struct element of a StructParent key (number tree /Nums or /Kids). */
function parentTreeLookup(
  doc: PDFDocument,
  tree: PDFDict | undefined,
  key: number,
): PDFDict | undefined {
  if (!tree) return undefined;
  const nums = tree.lookupMaybe(N('Nums'), PDFArray);
  if (nums) {
    for (let i = 0; i + 1 < nums.size(); i += 2) {
      const k = nums.lookup(i);
      if (k instanceof PDFNumber && k.asNumber() === key) {
        const value = nums.lookup(i + 1);
        return value instanceof PDFDict ? value : undefined;
      }
    }
  }
  const kids = tree.lookupMaybe(N('Kids'), PDFArray);
  if (kids) {
    for (let i = 0; i < kids.size(); i++) {
      const kid = kids.lookup(i);
      if (!(kid instanceof PDFDict)) continue;
      const limits = kid.lookupMaybe(N('Limits'), PDFArray);
      if (limits) {
        const lo = limits.lookup(0);
        const hi = limits.lookup(1);
        if (
          lo instanceof PDFNumber &&
          hi instanceof PDFNumber &&
          (key < lo.asNumber() || key > hi.asNumber())
        )
          continue;
      }
      const found = parentTreeLookup(doc, kid, key);
      if (found) return found;
    }
  }
  return undefined;
}

function pdfDate(iso: string): Date {
  return new Date(`${iso}T00:00:00Z`);
}

function xmlEscape(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** XMP packet mirroring the document information (PDF/UA and archiving tools read XMP). */
function xmp(meta: PdfMetadata): string {
  const date = `${meta.date}T00:00:00Z`;
  const custom = Object.entries(meta.custom)
    .map(([k, v]) => `   <convflux:${k}>${xmlEscape(v)}</convflux:${k}>`)
    .join('\n');
  return `<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:convflux="urn:convflux:pdf:1.0">
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">${xmlEscape(meta.title)}</rdf:li></rdf:Alt></dc:title>
   <dc:creator><rdf:Seq><rdf:li>${xmlEscape(meta.author)}</rdf:li></rdf:Seq></dc:creator>
   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">${xmlEscape(meta.subject)}</rdf:li></rdf:Alt></dc:description>
   <dc:language><rdf:Bag><rdf:li>fr-FR</rdf:li></rdf:Bag></dc:language>
   <pdf:Keywords>${xmlEscape(meta.keywords)}</pdf:Keywords>
   <pdf:Producer>${xmlEscape(meta.producer)}</pdf:Producer>
   <xmp:CreatorTool>${xmlEscape(meta.creator)}</xmp:CreatorTool>
   <xmp:CreateDate>${date}</xmp:CreateDate>
   <xmp:ModifyDate>${date}</xmp:ModifyDate>
   <xmp:MetadataDate>${date}</xmp:MetadataDate>
${custom}
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="r"?>`;
}

/**
 * Turns the link that each signature zone carries (`<a href="#signature-N">`, placed by the
 * template over the zone) into an empty signature field (/FT /Sig widget) at the same place, and
 * tags it as a form field in the structure tree.
 */
function addSignatureFields(doc: PDFDocument, view: Pick<ConventionView, 'signatures'>): string[] {
  const context = doc.context;
  const blocs = new Map(view.signatures.blocs.map((b) => [b.ancre, b]));
  const fields: { numero: number; ref: PDFRef; name: string }[] = [];
  const structRoot = doc.catalog.lookupMaybe(N('StructTreeRoot'), PDFDict);
  const parentTree = structRoot?.lookupMaybe(N('ParentTree'), PDFDict);
  for (const page of doc.getPages()) {
    const annots = page.node.Annots();
    if (!annots) continue;
    for (let i = 0; i < annots.size(); i++) {
      const ref = annots.get(i);
      if (!(ref instanceof PDFRef)) continue;
      const annot = context.lookup(ref, PDFDict);
      if (annot.get(N('Subtype')) !== N('Link')) continue;
      const target = nameOf(annot.get(N('Dest')));
      const bloc = target ? blocs.get(target) : undefined;
      if (!bloc || fields.some((f) => f.numero === bloc.numero)) continue;
      annot.set(N('Subtype'), N('Widget'));
      annot.delete(N('Dest'));
      annot.delete(N('A'));
      annot.delete(N('Border'));
      annot.set(N('FT'), N('Sig'));
      annot.set(N('T'), text(bloc.champ));
      const qui = bloc.aCompleter ? bloc.partie : `${bloc.nom}, ${bloc.qualite}`;
      annot.set(N('TU'), text(`${bloc.pour} : signature de ${qui}`));
      annot.set(N('F'), PDFNumber.of(4));
      annot.set(N('P'), page.ref);
      const key = annot.get(N('StructParent'));
      if (key instanceof PDFNumber) {
        const element = parentTreeLookup(doc, parentTree, key.asNumber());
        if (element) {
          element.set(N('S'), N('Form'));
          element.set(N('Alt'), text(`Champ de signature : ${qui}`));
        }
      }
      fields.push({ numero: bloc.numero, ref, name: bloc.champ });
    }
  }
  fields.sort((a, b) => a.numero - b.numero);
  if (fields.length) {
    doc.catalog.set(
      N('AcroForm'),
      context.obj({ Fields: fields.map((f) => f.ref), DA: PDFString.of('/Helv 0 Tf 0 g') }),
    );
  }
  return fields.map((f) => f.name);
}

/**
 * Chromium names structure elements after its DOM node ids (`node00000099`), which grow as a
 * reused page renders document after document. They are renumbered in order, everywhere they
 * appear (/ID, table /Headers, the /IDTree), so a document does not depend on what the page
 * printed before it.
 */
function renumberStructureIds(doc: PDFDocument): void {
  const pattern = /^node\d+$/;
  // One walk collects every place an id appears; the ids are then replaced in place.
  const slots: { set: (value: PDFString) => void; old: string }[] = [];
  const visit = (object: PDFObject): void => {
    if (object instanceof PDFDict) {
      for (const [key, value] of object.entries()) {
        if (value instanceof PDFString) {
          const old = value.asString();
          if (pattern.test(old))
            slots.push({
              set: (v) => {
                object.set(key, v);
              },
              old,
            });
        } else if (value instanceof PDFDict || value instanceof PDFArray) visit(value);
      }
    } else if (object instanceof PDFArray) {
      for (let i = 0; i < object.size(); i++) {
        const value = object.get(i);
        if (value instanceof PDFString) {
          const old = value.asString();
          if (pattern.test(old))
            slots.push({
              set: (v) => {
                object.set(i, v);
              },
              old,
            });
        } else if (value instanceof PDFDict || value instanceof PDFArray) visit(value);
      }
    }
  };
  for (const [, object] of doc.context.enumerateIndirectObjects()) visit(object);
  if (!slots.length) return;
  // Zero-padded ids sort like their numbers: the new ids keep the order (and the IDTree sorted).
  const mapping = new Map(
    [...new Set(slots.map((s) => s.old))]
      .sort()
      .map((old, i) => [old, PDFString.of(`node${String(i + 1).padStart(8, '0')}`)]),
  );
  for (const slot of slots) {
    const value = mapping.get(slot.old);
    if (value) slot.set(value);
  }
}

export async function finishPdf(
  chromium: Uint8Array,
  view: Pick<ConventionView, 'signatures'>,
  meta: PdfMetadata,
): Promise<FinishedPdf> {
  const doc = await PDFDocument.load(chromium, { updateMetadata: false });
  renumberStructureIds(doc);
  const signatureFields = addSignatureFields(doc, view);
  if (signatureFields.length !== view.signatures.blocs.length)
    throw new Error(
      `${String(view.signatures.blocs.length)} blocs de signature, ${String(signatureFields.length)} zones trouvées dans le PDF`,
    );

  doc.setTitle(meta.title, { showInWindowTitleBar: true });
  doc.setAuthor(meta.author);
  doc.setSubject(meta.subject);
  doc.setProducer(meta.producer);
  doc.setCreator(meta.creator);
  doc.setCreationDate(pdfDate(meta.date));
  doc.setModificationDate(pdfDate(meta.date));
  doc.setLanguage('fr-FR');
  const infoRef = doc.context.trailerInfo.Info;
  const info = infoRef ? doc.context.lookup(infoRef, PDFDict) : undefined;
  if (info) {
    info.set(N('Keywords'), text(meta.keywords));
    for (const [k, v] of Object.entries(meta.custom))
      info.set(N(`Convflux${k.charAt(0).toUpperCase()}${k.slice(1)}`), text(v));
  }
  // XMP is UTF-8 (a string given to pdf-lib would be written as Latin-1).
  const metadata = doc.context.stream(new TextEncoder().encode(xmp(meta)), {
    Type: 'Metadata',
    Subtype: 'XML',
  });
  doc.catalog.set(N('Metadata'), doc.context.register(metadata));

  // The file identifier: derived from the content, not from the clock (Chromium's is random).
  const id = createHash('sha256')
    .update(`${meta.custom['yamlSha256'] ?? ''}|${meta.creator}|${meta.producer}`)
    .digest('hex')
    .slice(0, 32);
  const idString = PDFHexString.of(id);
  doc.context.trailerInfo.ID = doc.context.obj([idString, idString]);

  const bytes = await doc.save({
    useObjectStreams: false,
    addDefaultPage: false,
    updateFieldAppearances: false,
  });
  return { bytes, pages: doc.getPageCount(), signatureFields };
}
