/**
 * What the CLI prints about a document it wrote (render, render --avenant, bilan): its size,
 * its pages and signature fields, the signature applied, the network requests blocked.
 */
import type { Lang } from '../diagnostics/diagnostic.js';
import type { SignatureApplied } from '../sign/sign-rendered.js';

/** "237 Ko" (narrow no-break space) / "237 KB". */
export function fileSize(bytes: number, lang: Lang): string {
  const ko = Math.max(1, Math.round(bytes / 1024));
  return lang === 'fr' ? `${String(ko)}\u202fKo` : `${String(ko)} KB`;
}

/** "10 pages, 2 champs de signature, 237 Ko" for a PDF, the size alone for HTML. */
export function documentDetails(
  d: { format: 'pdf' | 'html'; bytes: number; pages?: number; signatureFields?: string[] },
  lang: Lang,
): string {
  if (d.format !== 'pdf') return fileSize(d.bytes, lang);
  const pages = String(d.pages ?? 0);
  const champs = String(d.signatureFields?.length ?? 0);
  return lang === 'fr'
    ? `${pages} pages, ${champs} champs de signature, ${fileSize(d.bytes, lang)}`
    : `${pages} pages, ${champs} signature fields, ${fileSize(d.bytes, lang)}`;
}

/** ` — signé par X (« champ », date)` after a document's line; '' when it was not signed. */
export function signatureSuffix(signature: SignatureApplied | undefined, lang: Lang): string {
  if (!signature) return '';
  return lang === 'fr'
    ? ` — signé par ${signature.signer} (« ${signature.field} », ${signature.time})`
    : ` — signed by ${signature.signer} ("${signature.field}", ${signature.time})`;
}

/** The stderr line about requests a template made and the browser blocked, if any. */
export function blockedRequestsLine(blocked: readonly string[], lang: Lang): string | undefined {
  if (!blocked.length) return undefined;
  return lang === 'fr'
    ? `convflux : ${String(blocked.length)} requête(s) réseau bloquée(s) : ${blocked.join(', ')}`
    : `convflux: ${String(blocked.length)} network request(s) blocked: ${blocked.join(', ')}`;
}
