/**
 * Signature tracking of a stored version: who signed it, when and how (the `signature` table,
 * beside the signatures a signed YAML already records), who still has to countersign, and the
 * entry into force — the library's `partiesNonSignataires` and `dateEntreeEnVigueur` on them.
 *
 * The server never keeps a private key. A signature is recorded either from a PDF signed
 * elsewhere, verified with `verifyPdf` against the version's text (the PDF's unsigned revision
 * must be, byte for byte, today's render of that text), or by signing the version's PDF with a
 * PKCS#12 given for that one request (`signPdf`), held in memory for the call and then dropped.
 */
import type { Kysely, Transaction } from 'kysely';
import { donneesYaml } from '../../source/yaml-lib.js';
import type { SignatureRecueillie } from '../../convention/convention.js';
import { dateEntreeEnVigueur, partiesNonSignataires } from '../../convention/entree-en-vigueur.js';
import type { Database } from '../db/schema.js';
import { sha256, type VersionStockee } from './versions-stockees.js';

export interface SignatureSuivie {
  partie: 'bailleur' | 'reservataire';
  /** The signer (certificate common name), or the name the YAML records. */
  signataire: string | null;
  /** Date (AAAA-MM-JJ) and, when the service recorded it, the signing time (ISO). */
  date: string;
  signe_le: string | null;
  /** `certificat` (signed by the service), `pdf_depose` (verified), `yaml` (in the signed text). */
  methode: 'certificat' | 'pdf_depose' | 'yaml';
  pdf_sha256: string | null;
  enregistre_le: string | null;
}

export interface Suivi {
  signatures: SignatureSuivie[];
  /** The parties that still have to sign. */
  a_signer: ('bailleur' | 'reservataire')[];
  /** The date of the last signature once both parties have signed; null before. */
  entree_en_vigueur: string | null;
}

/** The signatures a signed YAML records itself (`signatures:`), if any. */
function signaturesDuYaml(yaml: string): SignatureRecueillie[] {
  try {
    const data = donneesYaml(yaml) as {
      signatures?: unknown;
    } | null;
    const s = data?.signatures;
    return Array.isArray(s)
      ? s.filter(
          (x): x is SignatureRecueillie =>
            typeof x === 'object' &&
            x !== null &&
            ((x as SignatureRecueillie).partie === 'bailleur' ||
              (x as SignatureRecueillie).partie === 'reservataire') &&
            typeof (x as SignatureRecueillie).date === 'string',
        )
      : [];
  } catch {
    return [];
  }
}

export async function suiviSignatures(db: Kysely<Database>, v: VersionStockee): Promise<Suivi> {
  const rows = await db
    .selectFrom('signature')
    .selectAll()
    .where('version_id', '=', v.id)
    .orderBy('id')
    .execute();
  const signatures: SignatureSuivie[] = [
    ...signaturesDuYaml(v.yaml).map((s) => ({
      partie: s.partie,
      signataire: s.nom ?? null,
      date: s.date,
      signe_le: null,
      methode: 'yaml' as const,
      pdf_sha256: null,
      enregistre_le: null,
    })),
    ...rows.map((r) => ({
      partie: r.partie === 'bailleur' ? ('bailleur' as const) : ('reservataire' as const),
      signataire: r.signataire,
      date: r.signe_le.slice(0, 10),
      signe_le: r.signe_le,
      methode: r.methode,
      pdf_sha256: r.pdf_sha256,
      enregistre_le: r.enregistre_le,
    })),
  ];
  const recueillies = signatures.map((s) => ({ partie: s.partie, date: s.date }));
  return {
    signatures,
    a_signer: partiesNonSignataires({ signatures: recueillies }),
    entree_en_vigueur: dateEntreeEnVigueur({ signatures: recueillies }) ?? null,
  };
}

/** The last signed PDF archived for the version (the one the next party countersigns). */
export async function dernierPdfSigne(
  db: Kysely<Database>,
  v: VersionStockee,
): Promise<Uint8Array | undefined> {
  const r = await db
    .selectFrom('document')
    .select('contenu')
    .where('nature', '=', 'convention_signee')
    .where('nom', '=', `${v.convention_id}-v${String(v.version)}-signee.pdf`)
    .orderBy('cree_le', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  return r?.contenu;
}

export interface NouvelleSignature {
  partie: 'bailleur' | 'reservataire';
  signataire: string;
  signe_le: string;
}

/** Records the signatures and archives the signed PDF (in the caller's transaction). */
export async function enregistrerSignatures(
  tx: Transaction<Database>,
  v: VersionStockee,
  pdf: Uint8Array,
  nouvelles: readonly NouvelleSignature[],
  methode: 'certificat' | 'pdf_depose',
  qui: string,
  quand: string,
): Promise<string> {
  const empreinte = sha256(pdf);
  await tx
    .insertInto('document')
    .values({
      id: `convention-signee:${empreinte}`,
      organisation_id: `bailleur:${v.bailleur}`,
      nature: 'convention_signee',
      nom: `${v.convention_id}-v${String(v.version)}-signee.pdf`,
      type_mime: 'application/pdf',
      sha256: empreinte,
      contenu: pdf,
      cree_le: quand,
      cree_par: qui,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  for (const s of nouvelles)
    await tx
      .insertInto('signature')
      .values({
        version_id: v.id,
        partie: s.partie,
        signataire: s.signataire,
        signe_le: s.signe_le,
        methode,
        pdf_sha256: empreinte,
        enregistre_le: quand,
        enregistre_par: qui,
      })
      .execute();
  return empreinte;
}
