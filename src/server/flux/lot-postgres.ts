/**
 * PostgreSQL statements of a batch of live events (`lot-evenements.ts`), each one fixed text
 * prepared once per connection (`preparer`: parsed and planned once, not per batch) whose lists
 * travel as arrays: the reading (events of the flats and of the batch's ids, the flats, the
 * signature of the bailleur's conventions) in one round trip, and the writing (events, their
 * audit rows, the flux version) in one more.
 */
import { CompiledQuery, type Kysely } from 'kysely';
import { preparer } from '../db/instructions-postgres.js';
import { COLONNES_EVENEMENT, type Database, type EvenementTable } from '../db/schema.js';

/**
 * One statement for three readings, told apart by `t`: `e` an event (of the flats, or of an id of
 * the batch; each side of the OR on its own index), in recording order; `l` a flat; `s` the
 * signature (`signatureConventions`: its count in `seq`, last modification in `id`, last id in
 * `logement`).
 */
const LECTURE = `select 'e' as t, seq, id, logement, donnees, classement from evenement
 where bailleur = $1 and (logement = any($2::text[]) or id = any($3::text[]))
union all
select 'l', null, id, null, donnees, null from logement where bailleur = $1 and id = any($2::text[])
union all
select 's', count(*)::int, max(modifie_le), max(id), null, null from convention_version where bailleur = $1
order by t, seq`;

export interface LigneLecture {
  t: 'e' | 'l' | 's';
  seq: number | null;
  id: string | null;
  logement: string | null;
  donnees: string | null;
  classement: string | null;
}

export async function lirePostgres(
  tx: Kysely<Database>,
  bailleur: string,
  logements: readonly string[],
  ids: readonly string[],
): Promise<LigneLecture[]> {
  const q = CompiledQuery.raw(LECTURE, [bailleur, [...logements], [...ids]]);
  return (await tx.executeQuery<LigneLecture>(q)).rows;
}

/**
 * The events (in the batch's order: `seq` follows it), their audit rows — `details` is
 * JSON.stringify({type, classement, seq}) of `auditer`, byte for byte — and the flux version,
 * last, so that its row lock is held only until the commit that follows.
 */
const INSERTION = `with ins as (
  insert into evenement (bailleur, id, date, type, logement, donnees, classement, enregistre_le, enregistre_par, import_id)
  select $1, u.id, u.date, u.type, u.logement, u.donnees, u.classement, u.enregistre_le, u.enregistre_par, null
  from unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])
    with ordinality as u(id, date, type, logement, donnees, classement, enregistre_le, enregistre_par, n)
  order by u.n
  returning seq, id, type, classement, enregistre_le, enregistre_par
), aud as (
  insert into audit (quand, qui, action, objet, details)
  select ins.enregistre_le, ins.enregistre_par, 'evenement.enregistre', $10 || ins.id,
    '{"type":' || to_json(ins.type)::text || ',"classement":' || to_json(ins.classement)::text || ',"seq":' || ins.seq::text || '}'
  from ins
), ver as (
  insert into version_flux (bailleur, version) values ($1, 1)
  on conflict (bailleur) do update set version = version_flux.version + 1
)
select id, seq from ins`;

preparer(LECTURE);
preparer(INSERTION);

/** An event row to insert (the bailleur is the batch's; `import_id` null). */
export type LigneEvenement = Pick<EvenementTable, (typeof COLONNES_EVENEMENT)[number]>;

export async function insererPostgres(
  tx: Kysely<Database>,
  bailleur: string,
  lignes: readonly LigneEvenement[],
): Promise<{ id: string; seq: number }[]> {
  // The arrays in the order of the statement's `unnest` (the table's order).
  const colonnes = COLONNES_EVENEMENT.map((c) => lignes.map((l) => l[c]));
  const objet = `bailleur:${bailleur}/evenement:`;
  const q = CompiledQuery.raw(INSERTION, [bailleur, ...colonnes, objet]);
  return (await tx.executeQuery<{ id: string; seq: number }>(q)).rows;
}
