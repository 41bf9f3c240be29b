/** Every write goes to the audit log: who, when, what — never personal data. */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from './db/schema.js';

export interface EntreeAudit {
  qui: string;
  action: string;
  objet: string;
  details?: Record<string, string | number | boolean | null>;
}

export async function auditer(
  db: Kysely<Database> | Transaction<Database>,
  quand: Date,
  e: EntreeAudit,
): Promise<void> {
  await db
    .insertInto('audit')
    .values({
      quand: quand.toISOString(),
      qui: e.qui,
      action: e.action,
      objet: e.objet,
      details: JSON.stringify(e.details ?? {}),
    })
    .execute();
}
