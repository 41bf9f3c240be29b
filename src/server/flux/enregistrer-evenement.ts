/**
 * Records one event live: classified by the library (`classerEvenement`, as the CLI does)
 * against the flat's history read inside the write's transaction, under the flat's lock; then
 * appended with its classification and an audit entry. Idempotent by event id: the same id with
 * the same content again answers what was recorded; with other content, 409 (an event is never
 * edited — a correction is an annulation).
 */
import type { Kysely } from 'kysely';
import type { Diagnostic, Lang } from '../../diagnostics/diagnostic.js';
import { FileReport } from '../../diagnostics/file-report.js';
import type { Evenement } from '../../flux/evenement.js';
import type { Logement } from '../../flux/logement.js';
import { parseEvenement } from '../../input/parse-evenement.js';
import { parseLogement } from '../../input/parse-logement.js';
import { classerEvenement, type Classement } from '../../saisie/classer-evenement.js';
import { auditer } from '../audit.js';
import type { Base } from '../db/open-database.js';
import type { Database } from '../db/schema.js';
import { ecritureVerrouillee, verrouBailleur, verrouLogement } from './ecriture-logement.js';
import { indexConventions, signatureConventions, type Signature } from './index-conventions.js';

export interface Saisie {
  bailleur: string;
  ligne: Record<string, unknown>;
  /** Record an anomalous event (else 409 asking for confirmation). */
  confirmer: boolean;
  qui: string;
  quand: Date;
  lang: Lang;
  /** The request, as the diagnostics' file. */
  fichier: string;
}

export interface Reponse {
  status: number;
  body: {
    classement?: Classement;
    id?: string;
    seq?: number;
    deja_enregistre?: boolean;
    diagnostics: Diagnostic[];
  };
}

/** JSON with sorted keys and no undefined values: « the same content ». */
export function canonique(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonique).join(',')}]`;
  if (v !== null && typeof v === 'object')
    return `{${Object.entries(v)
      .filter(([, x]) => x !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, x]) => `${JSON.stringify(k)}:${canonique(x)}`)
      .join(',')}}`;
  return JSON.stringify(v);
}

/** The row as the reader reads it (valid rows), else as sent: what idempotence compares. */
export function contenu(ligne: Readonly<Record<string, unknown>>, lang: Lang): string {
  const p = parseEvenement({ ...ligne }, 1, '', lang);
  return canonique(p.ok ? p.value : ligne);
}

export async function logementDe(
  db: Kysely<Database>,
  bailleur: string,
  id: string,
): Promise<Logement | undefined> {
  const row = await db
    .selectFrom('logement')
    .select('donnees')
    .where('bailleur', '=', bailleur)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  const p = parseLogement(JSON.parse(row.donnees) as Record<string, unknown>, 1, '', 'fr');
  return p.ok ? p.value : undefined;
}

export async function historiqueDe(
  db: Kysely<Database>,
  bailleur: string,
  logement: string,
): Promise<Evenement[]> {
  const rows = await db
    .selectFrom('evenement')
    .select('donnees')
    .where('bailleur', '=', bailleur)
    .where('logement', '=', logement)
    .orderBy('seq')
    .execute();
  return rows.map((r) => JSON.parse(r.donnees) as Evenement);
}

interface Vu {
  seq: number;
  donnees: string;
  classement: string;
}

/** The answer to an id already recorded: the same content again, or 409. */
function reponseDeja(s: Saisie, id: string, vu: Vu): Reponse {
  if (canonique(JSON.parse(vu.donnees)) === contenu(s.ligne, s.lang))
    return {
      status: 200,
      body: {
        classement: vu.classement as Classement,
        id,
        seq: vu.seq,
        deja_enregistre: true,
        diagnostics: [],
      },
    };
  const d = new FileReport(s.fichier, s.lang).add('SAISIE_ID_DEJA_PRIS', { id }, '/id');
  return { status: 409, body: { id, diagnostics: [d] } };
}

async function dejaEnregistre(
  db: Kysely<Database>,
  s: Saisie,
  id: string,
): Promise<Reponse | undefined> {
  const vu = await db
    .selectFrom('evenement')
    .select(['seq', 'donnees', 'classement'])
    .where('bailleur', '=', s.bailleur)
    .where('id', '=', id)
    .executeTakeFirst();
  return vu ? reponseDeja(s, id, vu) : undefined;
}

/**
 * In one query (one round trip, both lookups indexed): the row of this id if it is taken, and
 * the flat's history in recording order.
 */
async function journal(
  db: Kysely<Database>,
  bailleur: string,
  logement: string,
  id: string,
): Promise<{ vu: Vu | undefined; historique: Evenement[] }> {
  const rows = await db
    .selectFrom('evenement')
    .select(['seq', 'id', 'logement', 'donnees', 'classement'])
    // Each side of the OR on its own index ((bailleur, logement) and (bailleur, id)).
    .where((eb) =>
      eb.or([
        eb.and([eb('bailleur', '=', bailleur), eb('logement', '=', logement)]),
        eb.and([eb('bailleur', '=', bailleur), eb('id', '=', id)]),
      ]),
    )
    .orderBy('seq')
    .execute();
  return {
    vu: rows.find((r) => r.id === id),
    historique: rows
      .filter((r) => r.logement === logement)
      .map((r) => JSON.parse(r.donnees) as Evenement),
  };
}

/** The flat of the parc and the signature of the bailleur's conventions, in one round trip. */
async function logementEtSignature(
  db: Kysely<Database>,
  bailleur: string,
  id: string,
): Promise<{ logement: Logement | undefined; sig: Signature | undefined }> {
  const row = await db
    .selectFrom('convention_version')
    .select((eb) => [
      ...signatureConventions(eb),
      eb
        .selectFrom('logement')
        .select('donnees')
        .where('bailleur', '=', bailleur)
        .where('id', '=', id)
        .as('donnees'),
    ])
    .where('bailleur', '=', bailleur)
    .executeTakeFirst();
  if (!row?.donnees) return { logement: undefined, sig: row };
  const p = parseLogement(JSON.parse(row.donnees) as Record<string, unknown>, 1, '', 'fr');
  return { logement: p.ok ? p.value : undefined, sig: row };
}

async function classerEtEcrire(tx: Kysely<Database>, s: Saisie, id: string): Promise<Reponse> {
  const logementId = typeof s.ligne['logement'] === 'string' ? s.ligne['logement'] : '';
  const { vu, historique } = await journal(tx, s.bailleur, logementId, id);
  if (vu) return reponseDeja(s, id, vu);
  const { logement, sig } = await logementEtSignature(tx, s.bailleur, logementId);
  const r = classerEvenement(s.ligne, {
    logement,
    historique,
    index: await indexConventions(tx, s.bailleur, sig),
    lang: s.lang,
    file: s.fichier,
    line: historique.length + 1,
  });
  if (r.classement === 'invalide' || !r.evenement)
    return { status: 400, body: { classement: 'invalide', diagnostics: r.diagnostics } };
  if (r.classement === 'anomalie' && !s.confirmer) {
    const codes = [...new Set(r.diagnostics.map((d) => d.code))].join(', ');
    const d = new FileReport(s.fichier, s.lang).add('SAISIE_CONFIRMATION_REQUISE', { codes });
    return {
      status: 409,
      body: { classement: 'anomalie', id, diagnostics: [...r.diagnostics, d] },
    };
  }
  const e = r.evenement;
  const quand = s.quand.toISOString();
  const ins = await tx
    .insertInto('evenement')
    .values({
      bailleur: s.bailleur,
      id: e.id,
      date: e.date,
      type: e.type,
      logement: e.logement,
      donnees: JSON.stringify(e),
      classement: r.classement,
      enregistre_le: quand,
      enregistre_par: s.qui,
      import_id: null,
    })
    .returning('seq')
    .executeTakeFirstOrThrow();
  await auditer(tx, s.quand, {
    qui: s.qui,
    action: 'evenement.enregistre',
    objet: `bailleur:${s.bailleur}/evenement:${e.id}`,
    details: { type: e.type, classement: r.classement, seq: ins.seq },
  });
  return {
    status: 201,
    body: { classement: r.classement, id: e.id, seq: ins.seq, diagnostics: r.diagnostics },
  };
}

const estUnicite = (e: unknown): boolean =>
  e instanceof Error && /unique|duplicate key/i.test(e.message);

/** Classifies and records one event; the answer's status and body. */
export async function enregistrerEvenement(base: Base, s: Saisie): Promise<Reponse> {
  const id = typeof s.ligne['id'] === 'string' ? s.ligne['id'] : '';
  const logement = typeof s.ligne['logement'] === 'string' ? s.ligne['logement'] : '';
  const verrous = [verrouBailleur(s.bailleur, true), verrouLogement(s.bailleur, logement)];
  try {
    return await ecritureVerrouillee(base, verrous, (tx) => classerEtEcrire(tx, s, id));
  } catch (e) {
    // The same id sent at once for two flats (two locks): the second finds the first.
    if (!estUnicite(e)) throw e;
    const deja = await dejaEnregistre(base.db, s, id);
    if (deja) return deja;
    throw e;
  }
}
