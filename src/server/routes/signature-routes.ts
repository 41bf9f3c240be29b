/**
 * Signature tracking of a version: who signed it, who still has to, the entry into force; a
 * signature is recorded from a PDF signed elsewhere (verified against the version's text) or made
 * here with a certificate given for that one request. Only a frozen, sealed version is signed.
 */
import express, { Router, type Request, type Response } from 'express';
import type { Kysely } from 'kysely';
import type { Lang } from '../../diagnostics/diagnostic.js';
import { direAuService } from '../../diagnostics/dire-au-service.js';
import { signPdf } from '../../sign/sign-pdf.js';
import { signingDiagnostic } from '../../sign/sign-rendered.js';
import { verifyPdf } from '../../sign/verify-pdf.js';
import { auditer } from '../audit.js';
import type { Principal } from '../auth/principal.js';
import type { Contexte } from '../contexte.js';
import { cheminRegles } from '../conventions/arbre-temporaire.js';
import { pdfASigner, versionPrecedente } from '../conventions/rendu.js';
import {
  dernierPdfSigne,
  enregistrerSignatures,
  suiviSignatures,
  type NouvelleSignature,
} from '../conventions/signatures.js';
import { versionAutorisee, type VersionStockee } from '../conventions/versions-stockees.js';
import type { Database } from '../db/schema.js';
import { principal } from '../http/authentifier.js';
import { diagnosticRequete, ErreurHttp, langue } from '../http/erreur-http.js';
import { declarer } from '../http/route.js';
import { valider } from '../http/valider.js';
import { peut, type Ressource } from '../policy.js';

/** A signed convention PDF: a few hundred kilobytes; room for annexes. */
const LIMITE_PDF = '20mb';
const corpsPdf = express.raw({ type: 'application/pdf', limit: LIMITE_PDF });

type Partie = 'bailleur' | 'reservataire';

function organisationDe(v: VersionStockee, partie: Partie): { r: Ressource; id: string } {
  return partie === 'bailleur'
    ? { r: { type: 'bailleur', siren: v.bailleur }, id: `bailleur:${v.bailleur}` }
    : { r: { type: 'reservataire', id: v.reservataire }, id: `reservataire:${v.reservataire}` };
}

/** A party's signature is recorded only by a member of that party holding `signer`. */
function exigerSignataire(p: Principal, v: VersionStockee, partie: Partie): void {
  const o = organisationDe(v, partie);
  if (!peut(p, 'signer', o.r))
    throw new ErreurHttp(403, 'SERVICE_INTERDIT', { permission: 'signer', organisation: o.id });
}

function exigerSignable(v: VersionStockee): void {
  if (v.statut !== 'arretee')
    throw new ErreurHttp(409, 'SERVICE_SIGNATURE_NON_SIGNABLE', {
      id: v.convention_id,
      version: v.version,
      statut: v.statut,
    });
}

/** (b) A PDF signed elsewhere: verified against the version's text, its new signatures kept. */
async function signaturesDeposees(
  req: Request,
  db: Kysely<Database>,
  p: Principal,
  v: VersionStockee,
  pdf: Buffer,
): Promise<NouvelleSignature[]> {
  const lang: Lang = langue(req);
  // A later version is signed as the avenant from the one before: verified against both texts.
  const de = await versionPrecedente(db, v);
  const r = await verifyPdf(pdf, {
    lang,
    file: 'signature.pdf',
    yaml: { bytes: Buffer.from(v.yaml, 'utf8'), file: cheminRegles(v) },
    ...(de ? { precedente: { bytes: Buffer.from(de.yaml, 'utf8'), file: cheminRegles(de) } } : {}),
  });
  if (!r.ok || r.yaml?.render !== 'identical')
    throw new ErreurHttp(400, 'SERVICE_SIGNATURE_PDF_INVALIDE', {}, '', [
      diagnosticRequete(req, 'SERVICE_SIGNATURE_PDF_INVALIDE', {
        id: v.convention_id,
        version: v.version,
      }),
      ...r.diagnostics.filter((d) => d.severity === 'error'),
    ]);
  const deja = new Set((await suiviSignatures(db, v)).signatures.map((s) => s.partie));
  const nouvelles: NouvelleSignature[] = [];
  for (const s of r.signatures) {
    const partie = s.partie === 'bailleur' || s.partie === 'reservataire' ? s.partie : undefined;
    if (!partie || !s.signed || !s.valid || deja.has(partie)) continue;
    exigerSignataire(p, v, partie);
    nouvelles.push({
      partie,
      signataire: s.signataire ?? '',
      signe_le: s.time ?? new Date().toISOString(),
    });
  }
  if (!nouvelles.length)
    throw new ErreurHttp(409, 'SERVICE_SIGNATURE_AUCUNE_NOUVELLE', {
      id: v.convention_id,
      version: v.version,
    });
  return nouvelles;
}

/** (a) Signs the version's PDF (or the last countersigned one) with the given certificate. */
async function signatureParCertificat(
  ctx: Contexte,
  req: Request,
  p: Principal,
  v: VersionStockee,
): Promise<{ pdf: Buffer; nouvelle: NouvelleSignature }> {
  const b = valider(req, 'signature');
  exigerSignataire(p, v, b.partie);
  const deja = (await suiviSignatures(ctx.base.db, v)).signatures.some(
    (s) => s.partie === b.partie,
  );
  if (deja)
    throw new ErreurHttp(409, 'SERVICE_SIGNATURE_DEJA', {
      partie: b.partie,
      id: v.convention_id,
      version: v.version,
    });
  const base =
    (await dernierPdfSigne(ctx.base.db, v)) ??
    (await pdfASigner(ctx.base.db, v, p.compte_id, ctx.maintenant().toISOString()));
  try {
    const signed = await signPdf(base, {
      p12: Buffer.from(b.certificat, 'base64'),
      password: b.mot_de_passe,
      signataire: b.partie,
    });
    return {
      pdf: signed.bytes,
      nouvelle: {
        partie: b.partie,
        signataire: signed.signer,
        signe_le: signed.time.toISOString(),
      },
    };
  } catch (error) {
    const lang = langue(req);
    const d = signingDiagnostic(error, 'certificat', lang);
    if (!d) throw error;
    // In the service's words: the CLI's told of an environment variable holding the password.
    throw new ErreurHttp(400, d.code, {}, '', [direAuService(d, lang)]);
  }
}

export function routesSignatures(ctx: Contexte): Router {
  const r = Router();
  const db = ctx.base.db;

  declarer(
    r,
    {
      methode: 'get',
      chemin: '/conventions/:cid/versions/:v/signatures',
      groupe: 'conventions',
      resume:
        'Les signatures de la version (qui, quand, comment), les parties qui doivent encore signer, l’entrée en vigueur.',
      acces: 'lire',
      portee: 'bailleur ou réservataire partie',
    },
    async (req: Request, res: Response) => {
      const v = await versionAutorisee(req, db, principal(res), 'lire');
      res.json({ id: v.id, statut: v.statut, ...(await suiviSignatures(db, v)) });
    },
  );

  declarer(
    r,
    {
      methode: 'get',
      chemin: '/conventions/:cid/versions/:v/signatures.pdf',
      groupe: 'conventions',
      resume: 'Le dernier PDF signé de la version (à contresigner), archivé avec son SHA-256.',
      acces: 'lire',
      portee: 'bailleur ou réservataire partie',
      produit: ['application/pdf'],
    },
    async (req: Request, res: Response) => {
      const v = await versionAutorisee(req, db, principal(res), 'lire');
      const pdf = await dernierPdfSigne(db, v);
      if (!pdf)
        throw new ErreurHttp(404, 'SERVICE_INTROUVABLE', { chemin: req.baseUrl + req.path });
      res.type('application/pdf').send(Buffer.from(pdf));
    },
  );

  declarer(
    r,
    {
      methode: 'post',
      chemin: '/conventions/:cid/versions/:v/signatures',
      groupe: 'conventions',
      resume:
        'Enregistre une signature : PDF signé ailleurs (application/pdf), vérifié contre le texte de la version, ou signature par le service avec un certificat PKCS#12 donné pour cette seule opération (JSON).',
      acces: 'signer',
      portee: 'la partie qui signe',
      corps: 'signature',
      corpsBrut: ['application/pdf'],
      statut: 201,
    },
    async (req: Request, res: Response) => {
      const p = principal(res);
      const v = await versionAutorisee(req, db, p, 'signer');
      exigerSignable(v);
      const depose = Buffer.isBuffer(req.body);
      const { pdf, nouvelles } = depose
        ? {
            pdf: req.body as Buffer,
            nouvelles: await signaturesDeposees(req, db, p, v, req.body as Buffer),
          }
        : await signatureParCertificat(ctx, req, p, v).then((s) => ({
            pdf: s.pdf,
            nouvelles: [s.nouvelle],
          }));
      const methode = depose ? 'pdf_depose' : 'certificat';
      const quand = ctx.maintenant().toISOString();
      const parties = nouvelles.map((n) => n.partie).join(',');
      const empreinte = await db
        .transaction()
        .execute(async (tx) => {
          const e = await enregistrerSignatures(tx, v, pdf, nouvelles, methode, p.compte_id, quand);
          await auditer(tx, ctx.maintenant(), {
            qui: p.compte_id,
            action: 'convention.signature',
            objet: v.id,
            details: { methode, parties, pdf_sha256: e },
          });
          return e;
        })
        .catch(async (e: unknown) => {
          // Two signatures of one party at once: the unique index keeps the first.
          const suivi = await suiviSignatures(db, v);
          const deja = nouvelles.find((n) => suivi.signatures.some((x) => x.partie === n.partie));
          if (!deja) throw e;
          throw new ErreurHttp(409, 'SERVICE_SIGNATURE_DEJA', {
            partie: deja.partie,
            id: v.convention_id,
            version: v.version,
          });
        });
      res.status(201).json({
        id: v.id,
        methode,
        pdf_sha256: empreinte,
        enregistrees: nouvelles,
        ...(await suiviSignatures(db, v)),
      });
    },
    corpsPdf,
  );
  return r;
}
