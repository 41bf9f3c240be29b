/**
 * The import's lower bound: the floor (a batched INSERT of the rows, already objects, in one
 * transaction) plus the work that no importer which checks what it imports can skip — reading the
 * NDJSON body (JSON.parse of each line) and validating each row against its JSON schema with the
 * ajv validator the importer uses (`logement.schema.json`, `evenement.schema.json`). Nothing else
 * (no classification, no geography, no duplicate check, no progress, no audit): a bound, not an
 * importer. If the bound alone is above the goal, no checking importer can meet it.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../server/db/schema.js';
import { schemaValidator } from '../schema/load-schemas.js';
import { BenchError } from './run-bench.js';
import { QUAND, insererParLots, type LigneEvenement, type LigneLogement } from './service-load.js';

/** The NDJSON bodies the route receives (one text a row, as sent). */
export interface Corps {
  logements: readonly string[];
  evenements: readonly string[];
}

const texte = (v: unknown): string => (typeof v === 'string' ? v : '');

function verifier(
  valider: ReturnType<typeof schemaValidator>,
  ligne: string,
  n: number,
): Record<string, unknown> {
  const o: unknown = JSON.parse(ligne);
  if (typeof o !== 'object' || o === null || !valider(o))
    throw new BenchError(`borne d’import : la ligne ${String(n + 1)} n’est pas valide`);
  return o as Record<string, unknown>;
}

/** The validators loaded before the bound is timed (loading them is once per process). */
export function preparerBorne(): void {
  schemaValidator('logement.schema.json');
  schemaValidator('evenement.schema.json');
}

/** Parses and validates every row, then inserts them as the floor does (one transaction). */
export async function borneImport(
  db: Kysely<Database>,
  bailleur: string,
  corps: Corps,
): Promise<void> {
  const vl = schemaValidator('logement.schema.json');
  const ve = schemaValidator('evenement.schema.json');
  const logements: LigneLogement[] = corps.logements.map((donnees, n) => {
    const o = verifier(vl, donnees, n);
    const l = { id: texte(o['logement']), departement: texte(o['departement']) };
    return { bailleur, ...l, donnees, import_id: null };
  });
  const evenements: LigneEvenement[] = corps.evenements.map((donnees, n) => {
    const o = verifier(ve, donnees, n);
    return {
      bailleur,
      id: texte(o['id']),
      date: texte(o['date']),
      type: texte(o['type']),
      logement: texte(o['logement']),
      donnees,
      classement: 'valide',
      enregistre_le: QUAND,
      enregistre_par: 'banc',
      import_id: null,
    };
  });
  await insererParLots(db, { logements, evenements });
}
