/**
 * The engine's input is the log: for an evaluation, the service writes the conventions, the parc
 * and the events it holds (as of a moment of the log, if asked) in the layout the CLI reads — a
 * `rules/` tree and NDJSON files — and calls the same library function as `convflux evaluate`.
 * That is what makes the service's figures equal to the CLI's on the same data.
 */
import { mkdirSync, mkdtempSync, writeFileSync, createWriteStream, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { once } from 'node:events';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

export interface Perimetre {
  /** One bailleur's data (SIREN); all bailleurs when absent. */
  bailleur?: string;
  /** One département; all when absent. */
  departement?: string;
  /** The log as it was at this moment (ISO timestamp): later records are ignored. */
  au?: string;
}

export interface Entrees {
  dossier: string;
  rules: string;
  parc: string;
  evenements: string;
  /** The last event sequence number included (the cache key of the figures). */
  dernierSeq: number;
  close(): void;
}

async function ecrireLignes(
  file: string,
  rows: AsyncIterable<string> | Iterable<string>,
): Promise<void> {
  const out = createWriteStream(file);
  for await (const line of rows) if (!out.write(line + '\n')) await once(out, 'drain');
  out.end();
  await once(out, 'finish');
}

async function ecrireConventions(db: Kysely<Database>, p: Perimetre, rules: string): Promise<void> {
  let q = db
    .selectFrom('convention_version')
    .select(['departement', 'bailleur', 'reservataire', 'version', 'yaml']);
  if (p.bailleur) q = q.where('bailleur', '=', p.bailleur);
  if (p.departement) q = q.where('departement', '=', p.departement);
  if (p.au) q = q.where('cree_le', '<=', p.au);
  for (const c of await q.execute()) {
    const file = join(
      rules,
      'conventions',
      c.departement,
      c.bailleur,
      c.reservataire,
      `v${String(c.version)}.yaml`,
    );
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, c.yaml);
  }
}

async function ecrireParc(db: Kysely<Database>, p: Perimetre, file: string): Promise<void> {
  let q = db.selectFrom('logement').select('donnees').orderBy('bailleur').orderBy('id');
  if (p.bailleur) q = q.where('bailleur', '=', p.bailleur);
  if (p.departement) q = q.where('departement', '=', p.departement);
  await ecrireLignes(
    file,
    (await q.execute()).map((r) => r.donnees),
  );
}

async function ecrireEvenements(db: Kysely<Database>, p: Perimetre, file: string): Promise<number> {
  let q = db.selectFrom('evenement').select(['seq', 'donnees']).orderBy('seq');
  if (p.bailleur) q = q.where('bailleur', '=', p.bailleur);
  if (p.au) q = q.where('enregistre_le', '<=', p.au);
  if (p.departement)
    q = q.where('logement', 'in', (sq) => {
      let l = sq
        .selectFrom('logement')
        .select('id')
        .where('departement', '=', p.departement ?? '');
      if (p.bailleur) l = l.where('bailleur', '=', p.bailleur);
      return l;
    });
  const rows = await q.execute();
  await ecrireLignes(
    file,
    rows.map((r) => r.donnees),
  );
  return rows.reduce((m, r) => Math.max(m, r.seq), 0);
}

/** Writes the inputs of an evaluation of the perimeter in a temporary folder. */
export async function ecrireEntrees(db: Kysely<Database>, p: Perimetre): Promise<Entrees> {
  const dossier = mkdtempSync(join(tmpdir(), 'convflux-eval-'));
  const rules = join(dossier, 'rules');
  mkdirSync(rules);
  const parc = join(dossier, 'logements.ndjson');
  const evenements = join(dossier, 'evenements.ndjson');
  try {
    await ecrireConventions(db, p, rules);
    await ecrireParc(db, p, parc);
    const dernierSeq = await ecrireEvenements(db, p, evenements);
    return {
      dossier,
      rules,
      parc,
      evenements,
      dernierSeq,
      close: () => {
        rmSync(dossier, { recursive: true, force: true });
      },
    };
  } catch (e) {
    rmSync(dossier, { recursive: true, force: true });
    throw e;
  }
}
