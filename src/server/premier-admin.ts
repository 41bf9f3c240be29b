/**
 * On first start (no account at all), creates the administrator `admin@convflux.local` with a
 * one-time password that the start-up message shows once; it must be changed at first sign-in.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { auditer } from './audit.js';
import { aleatoire, hacher } from './auth/passwords.js';
import type { Database } from './db/schema.js';

export const EMAIL_ADMIN = 'admin@convflux.local';

export async function premierAdmin(
  db: Kysely<Database>,
  maintenant: Date,
): Promise<string | undefined> {
  const n = await db
    .selectFrom('compte')
    .select((e) => e.fn.countAll<string | number>().as('n'))
    .executeTakeFirstOrThrow();
  if (Number(n.n) > 0) return undefined;
  const motDePasse = aleatoire();
  const id = randomUUID();
  try {
    await db.transaction().execute(async (tx) => {
      await tx
        .insertInto('compte')
        .values({
          id,
          email: EMAIL_ADMIN,
          nom: 'Administrateur',
          mot_de_passe: await hacher(motDePasse),
          admin: 1,
          doit_changer: 1,
          cree_le: maintenant.toISOString(),
        })
        .execute();
      await auditer(tx, maintenant, { qui: 'serve', action: 'compte.cree', objet: `compte:${id}` });
    });
  } catch {
    // Another process started at the same moment created it first (unique e-mail).
    return undefined;
  }
  return motDePasse;
}
