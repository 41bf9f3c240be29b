/**
 * A batch of live events of one bailleur written by one transaction (group commit): the locks of
 * every flat of the batch, then in one query the rows of the batch's ids already taken and the
 * flats' histories, in another the flats and the signature of the bailleur's conventions (on
 * PostgreSQL both in one prepared statement, `lot-postgres.ts`); each
 * event classified (`classerEvenement`) against its flat's history including the events ahead
 * of it in the batch; the accepted events inserted by one statement and their audit rows (on
 * PostgreSQL by the same statement). Each event has its own answer: an invalid one, or an
 * anomalous one not confirmed, is answered alone and the others are written.
 */
import { sql, type Kysely } from 'kysely';
import { refusDuService } from '../../diagnostics/dire-au-service.js';
import { FileReport } from '../../diagnostics/file-report.js';
import type { Evenement } from '../../flux/evenement.js';
import type { Logement } from '../../flux/logement.js';
import { parseLogement } from '../../input/parse-logement.js';
import { classerEvenement, type Classement } from '../../saisie/classer-evenement.js';
import type { Base } from '../db/open-database.js';
import type { Database } from '../db/schema.js';
import { ecritureVerrouillee, verrouBailleur, verrouLogement } from './ecriture-logement.js';
import { reponseDeja, type Reponse, type Saisie, type Vu } from './saisie-evenement.js';
import { indexConventions, signatureConventions, type Signature } from './index-conventions.js';
import { insererPostgres, lirePostgres } from './lot-postgres.js';

/** One event of the batch: its answer, or `reporte` (its id is ahead of it in the batch). */
export type Issue = Reponse | 'reporte' | { erreur: unknown };

const texte = (v: unknown): string => (typeof v === 'string' ? v : '');
const idDe = (s: Saisie): string => texte(s.ligne['id']);
const logementDe = (s: Saisie): string => texte(s.ligne['logement']);

interface Lecture {
  vus: Map<string, Vu>;
  historiques: Map<string, Evenement[]>;
  logements: Map<string, Logement>;
  sig: Signature | undefined;
}

/** The rows of the ids taken and the flats' histories in recording order: one indexed query. */
async function journal(
  tx: Kysely<Database>,
  bailleur: string,
  logements: readonly string[],
  ids: readonly string[],
): Promise<Pick<Lecture, 'vus' | 'historiques'>> {
  const rows = await tx
    .selectFrom('evenement')
    .select(['seq', 'id', 'logement', 'donnees', 'classement'])
    // Each side of the OR on its own index ((bailleur, logement) and (bailleur, id)).
    .where((eb) =>
      eb.or([
        eb.and([eb('bailleur', '=', bailleur), eb('logement', 'in', logements)]),
        eb.and([eb('bailleur', '=', bailleur), eb('id', 'in', ids)]),
      ]),
    )
    .orderBy('seq')
    .execute();
  return lesVus(rows, logements, ids);
}

/** The rows of the ids taken, and the flats' histories, of the events read in recording order. */
function lesVus(
  rows: readonly (Vu & { id: string; logement: string })[],
  logements: readonly string[],
  ids: readonly string[],
): Pick<Lecture, 'vus' | 'historiques'> {
  const vus = new Map<string, Vu>();
  const historiques = new Map<string, Evenement[]>(logements.map((l) => [l, []]));
  for (const r of rows) {
    if (ids.includes(r.id)) vus.set(r.id, r);
    historiques.get(r.logement)?.push(JSON.parse(r.donnees) as Evenement);
  }
  return { vus, historiques };
}

/** The flats of the parc and the signature of the bailleur's conventions: one query. */
async function logementsEtSignature(
  tx: Kysely<Database>,
  bailleur: string,
  ids: readonly string[],
): Promise<Pick<Lecture, 'logements' | 'sig'>> {
  const rows = await tx
    .selectFrom(
      tx
        .selectFrom('convention_version')
        .select(signatureConventions)
        .where('bailleur', '=', bailleur)
        .as('s'),
    )
    .leftJoin('logement', (j) =>
      j.on('logement.bailleur', '=', bailleur).on('logement.id', 'in', ids),
    )
    .select(['s.n', 's.m', 's.i', 'logement.id', 'logement.donnees'])
    .execute();
  const s = rows[0];
  return { logements: lesLogements(rows), sig: s ? { n: s.n, m: s.m, i: s.i } : undefined };
}

function lesLogements(
  rows: readonly { id: string | null; donnees: string | null }[],
): Map<string, Logement> {
  const logements = new Map<string, Logement>();
  for (const r of rows) {
    if (r.id === null || r.donnees === null) continue;
    const p = parseLogement(JSON.parse(r.donnees) as Record<string, unknown>, 1, '', 'fr');
    if (p.ok) logements.set(r.id, p.value);
  }
  return logements;
}

/** PostgreSQL: the same reading in one statement (`lirePostgres`). */
async function lecturePostgres(
  tx: Kysely<Database>,
  bailleur: string,
  logements: readonly string[],
  ids: readonly string[],
): Promise<Lecture> {
  const rows = await lirePostgres(tx, bailleur, logements, ids);
  const evenements = [];
  const parc = [];
  let sig: Signature | undefined;
  for (const r of rows)
    if (r.t === 's') sig = { n: r.seq ?? 0, m: r.id, i: r.logement };
    else if (r.t === 'l') parc.push(r);
    else if (r.seq !== null && r.id !== null && r.logement !== null && r.donnees !== null)
      evenements.push({
        seq: r.seq,
        id: r.id,
        logement: r.logement,
        donnees: r.donnees,
        classement: r.classement ?? '',
      });
  return { ...lesVus(evenements, logements, ids), logements: lesLogements(parc), sig };
}

/** The batch's reading: the ids taken, the flats' histories, the flats, the signature. */
async function lire(
  base: Base,
  tx: Kysely<Database>,
  bailleur: string,
  logements: readonly string[],
  ids: readonly string[],
): Promise<Lecture> {
  if (base.dialecte === 'postgres') return lecturePostgres(tx, bailleur, logements, ids);
  const { vus, historiques } = await journal(tx, bailleur, logements, ids);
  return { vus, historiques, ...(await logementsEtSignature(tx, bailleur, logements)) };
}

interface Accepte {
  rang: number;
  s: Saisie;
  e: Evenement;
  classement: Classement;
  reponse: Reponse;
}

/** Classifies the batch in order; the accepted events join their flat's history. */
async function classer(
  tx: Kysely<Database>,
  lot: readonly Saisie[],
  l: Lecture,
): Promise<{ issues: Issue[]; acceptes: Accepte[] }> {
  const bailleur = lot[0]?.bailleur ?? '';
  const index = await indexConventions(tx, bailleur, l.sig);
  const issues: Issue[] = [];
  const acceptes: Accepte[] = [];
  const devant = new Set<string>();
  for (const [rang, s] of lot.entries()) {
    const id = idDe(s);
    const vu = l.vus.get(id);
    if (vu) issues.push(reponseDeja(s, id, vu));
    else if (devant.has(id)) issues.push('reporte');
    else {
      devant.add(id);
      try {
        issues.push(classerUn(s, id, l, index, rang, acceptes));
      } catch (erreur) {
        issues.push({ erreur });
      }
    }
  }
  return { issues, acceptes };
}

function classerUn(
  s: Saisie,
  id: string,
  l: Lecture,
  index: Awaited<ReturnType<typeof indexConventions>>,
  rang: number,
  acceptes: Accepte[],
): Reponse {
  const logement = logementDe(s);
  const historique = l.historiques.get(logement) ?? [];
  const classe = classerEvenement(s.ligne, {
    logement: l.logements.get(logement),
    historique,
    index,
    lang: s.lang,
    file: s.fichier,
    // The posted body has no line: its diagnostics point into it by their JSON pointer only (they
    // carried the flat's rank in the log, a line of a history file the caller never saw).
    line: 0,
  });
  // In the service's words (« absent du parc du bailleur », not « (--parc) »; « refusé », not
  // « ignoré »: an invalid event is answered 400).
  const r = { ...classe, diagnostics: classe.diagnostics.map((d) => refusDuService(d, s.lang)) };
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
  historique.push(r.evenement);
  l.historiques.set(logement, historique);
  const reponse: Reponse = {
    status: 201,
    body: { classement: r.classement, id: r.evenement.id, seq: 0, diagnostics: r.diagnostics },
  };
  acceptes.push({ rang, s, e: r.evenement, classement: r.classement, reponse });
  return reponse;
}

const ligneEvenement = (a: Accepte) => ({
  bailleur: a.s.bailleur,
  id: a.e.id,
  date: a.e.date,
  type: a.e.type,
  logement: a.e.logement,
  donnees: JSON.stringify(a.e),
  classement: a.classement,
  enregistre_le: a.s.quand.toISOString(),
  enregistre_par: a.s.qui,
  import_id: null,
});

/** The audit row of each event, as `auditer` writes it (who, when, id, type, classification). */
const details = (type: string, classement: string, seq: number): string =>
  JSON.stringify({ type, classement, seq });

/**
 * The bailleur's flux version (`version_flux`, read by the figures' cache) is raised in the batch's
 * transaction, so its row lock orders the versions as the commits are ordered.
 */
const premiereVersion = (bailleur: string) => ({ bailleur, version: 1 });
const versionSuivante = { version: sql<number>`version_flux.version + 1` };

/** SQLite: one INSERT of the events, one of their audit rows, the version (in-process calls). */
async function insererSqlite(
  tx: Kysely<Database>,
  bailleur: string,
  acceptes: readonly Accepte[],
): Promise<{ id: string; seq: number }[]> {
  const rows = await tx
    .insertInto('evenement')
    .values(acceptes.map(ligneEvenement))
    .returning(['id', 'seq'])
    .execute();
  const seqs = new Map(rows.map((r) => [r.id, r.seq]));
  await tx
    .insertInto('audit')
    .values(
      acceptes.map((a) => ({
        quand: a.s.quand.toISOString(),
        qui: a.s.qui,
        action: 'evenement.enregistre',
        objet: `bailleur:${bailleur}/evenement:${a.e.id}`,
        details: details(a.e.type, a.classement, seqs.get(a.e.id) ?? 0),
      })),
    )
    .execute();
  await tx
    .insertInto('version_flux')
    .values(premiereVersion(bailleur))
    .onConflict((oc) => oc.column('bailleur').doUpdateSet(versionSuivante))
    .execute();
  return rows;
}

/** Writes one batch of events of one bailleur in one transaction; one issue per event. */
export async function ecrireLot(base: Base, lot: readonly Saisie[]): Promise<Issue[]> {
  const bailleur = lot[0]?.bailleur ?? '';
  const logements = [...new Set(lot.map(logementDe))];
  const ids = [...new Set(lot.map(idDe))];
  // The flats' locks in one order in every process (no deadlock between two batches).
  const verrous = [
    verrouBailleur(bailleur, true),
    ...[...logements].sort().map((l) => verrouLogement(bailleur, l)),
  ];
  return ecritureVerrouillee(base, verrous, async (tx) => {
    const lu = await lire(base, tx, bailleur, logements, ids);
    const { issues, acceptes } = await classer(tx, lot, lu);
    if (!acceptes.length) return issues;
    const ecrits =
      base.dialecte === 'postgres'
        ? await insererPostgres(tx, bailleur, acceptes.map(ligneEvenement))
        : await insererSqlite(tx, bailleur, acceptes);
    const seqs = new Map(ecrits.map((r) => [r.id, r.seq]));
    for (const a of acceptes) a.reponse.body.seq = Number(seqs.get(a.e.id));
    return issues;
  });
}
