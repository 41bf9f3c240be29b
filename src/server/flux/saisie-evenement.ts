/**
 * One live event sent to the service (`Saisie`) and its answer (`Reponse`); idempotence by event
 * id: the same id with the same content again answers what was recorded; with other content,
 * 409 (an event is never edited — a correction is an annulation).
 */
import type { Kysely } from 'kysely';
import type { Diagnostic, Lang } from '../../diagnostics/diagnostic.js';
import { FileReport } from '../../diagnostics/file-report.js';
import { parseEvenement } from '../../input/parse-evenement.js';
import type { Classement } from '../../saisie/classer-evenement.js';
import type { Database } from '../db/schema.js';

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

export interface Vu {
  seq: number;
  donnees: string;
  classement: string;
}

/** The answer to an id already recorded: the same content again, or 409. */
export function reponseDeja(s: Saisie, id: string, vu: Vu): Reponse {
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

/** The answer to an id already recorded, read on its own (after a unique-key conflict). */
export async function dejaEnregistre(
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
