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

/** Writes the parc of the perimeter; returns its flats' ids. */
async function ecrireParc(
  db: Kysely<Database>,
  p: Perimetre,
  file: string,
): Promise<ReadonlySet<string>> {
  let q = db.selectFrom('logement').select(['id', 'donnees']).orderBy('bailleur').orderBy('id');
  if (p.bailleur) q = q.where('bailleur', '=', p.bailleur);
  if (p.departement) q = q.where('departement', '=', p.departement);
  const rows = await q.execute();
  await ecrireLignes(
    file,
    rows.map((r) => r.donnees),
  );
  return new Set(rows.map((r) => r.id));
}

/**
 * Writes the events of the perimeter in the log's order. With a département, those of its flats:
 * `logements` (the ids of the parc written for the same perimeter) saves the database the lookup.
 */
async function ecrireEvenements(
  db: Kysely<Database>,
  p: Perimetre,
  file: string,
  logements?: ReadonlySet<string>,
): Promise<number> {
  let q = db.selectFrom('evenement').select(['seq', 'logement', 'donnees']).orderBy('seq');
  if (p.bailleur) q = q.where('bailleur', '=', p.bailleur);
  if (p.au) q = q.where('enregistre_le', '<=', p.au);
  if (p.departement && !logements)
    q = q.where('logement', 'in', (sq) => {
      let l = sq
        .selectFrom('logement')
        .select('id')
        .where('departement', '=', p.departement ?? '');
      if (p.bailleur) l = l.where('bailleur', '=', p.bailleur);
      return l;
    });
  let rows = await q.execute();
  if (p.departement && logements) rows = rows.filter((r) => logements.has(r.logement));
  await ecrireLignes(
    file,
    rows.map((r) => r.donnees),
  );
  return rows.reduce((m, r) => Math.max(m, r.seq), 0);
}

const CHEMIN_PARC = 'logements.ndjson';
const CHEMIN_EVENEMENTS = 'evenements.ndjson';

/** The conventions and the parc of the perimeter: what moves only with a convention or an import. */
async function ecrireFixes(
  db: Kysely<Database>,
  p: Perimetre,
  dossier: string,
): Promise<ReadonlySet<string>> {
  const rules = join(dossier, 'rules');
  mkdirSync(rules);
  await ecrireConventions(db, p, rules);
  return ecrireParc(db, p, join(dossier, CHEMIN_PARC));
}

function entreesDe(dossier: string, dernierSeq: number, close: () => void): Entrees {
  return {
    dossier,
    rules: join(dossier, 'rules'),
    parc: join(dossier, CHEMIN_PARC),
    evenements: join(dossier, CHEMIN_EVENEMENTS),
    dernierSeq,
    close,
  };
}

/** Writes the inputs of an evaluation of the perimeter in a temporary folder. */
export async function ecrireEntrees(db: Kysely<Database>, p: Perimetre): Promise<Entrees> {
  const dossier = mkdtempSync(join(tmpdir(), 'convflux-eval-'));
  const close = () => {
    rmSync(dossier, { recursive: true, force: true });
  };
  try {
    await ecrireFixes(db, p, dossier);
    const dernierSeq = await ecrireEvenements(db, p, join(dossier, CHEMIN_EVENEMENTS));
    return entreesDe(dossier, dernierSeq, close);
  } catch (e) {
    close();
    throw e;
  }
}

/** The folders kept by every `EntreesGardees` of the process: removed when it exits. */
const dossiersVivants = new Set<string>();
let nettoyageInscrit = false;

function garderDossier(): string {
  if (!nettoyageInscrit) {
    nettoyageInscrit = true;
    process.once('exit', () => {
      for (const d of dossiersVivants) rmSync(d, { recursive: true, force: true });
    });
  }
  const dossier = mkdtempSync(join(tmpdir(), 'convflux-gardees-'));
  dossiersVivants.add(dossier);
  return dossier;
}

function oublierDossier(dossier: string): void {
  dossiersVivants.delete(dossier);
  rmSync(dossier, { recursive: true, force: true });
}

interface Gardee {
  /** What the conventions and the parc written there were read under (see `EntreesGardees.avec`). */
  fixe: string;
  dossier: string;
  /** The conventions and the parc, written once: the parc's flat ids. */
  fixes: Promise<ReadonlySet<string>>;
  /** The last evaluation queued on this folder: one at a time rewrites its events file. */
  file: Promise<unknown>;
}

/**
 * The inputs of the live figures kept between evaluations, per perimeter: the `rules/` tree and
 * the parc are written once and kept while the conventions and the parc do not move (`fixe`: the
 * caller's statement of them — the conventions' versions and the finished imports, the only ways
 * the parc changes); each evaluation rewrites only the events file. The evaluations of one
 * perimeter run one after the other (they share its files). A folder is removed when replaced,
 * when evicted (at most `taille` perimeters) and when the process exits.
 */
export class EntreesGardees {
  private readonly gardees = new Map<string, Gardee>();
  constructor(
    private readonly db: Kysely<Database>,
    private readonly taille = 8,
  ) {}

  /**
   * Runs `f` on the inputs of `p` with the events as they are now. `fixe` must change whenever
   * the conventions or the parc of `p` may have changed (read before this call: data read after it
   * is at least as new).
   */
  async avec<T>(p: Perimetre, fixe: string, f: (e: Entrees) => Promise<T>): Promise<T> {
    const g = this.gardee(p, fixe);
    const tour = g.file.then(async () => {
      const logements = await g.fixes;
      const fichier = join(g.dossier, CHEMIN_EVENEMENTS);
      const dernierSeq = await ecrireEvenements(this.db, p, fichier, logements);
      return f(entreesDe(g.dossier, dernierSeq, () => undefined));
    });
    g.file = tour.catch(() => undefined);
    return tour;
  }

  /** Removes every kept folder (after the evaluations queued on them). */
  close(): void {
    for (const cle of [...this.gardees.keys()]) this.retirer(cle);
  }

  private gardee(p: Perimetre, fixe: string): Gardee {
    const cle = JSON.stringify([p.bailleur ?? '', p.departement ?? '', p.au ?? '']);
    const connue = this.gardees.get(cle);
    if (connue?.fixe === fixe) {
      this.gardees.delete(cle);
      this.gardees.set(cle, connue);
      return connue;
    }
    if (connue) this.retirer(cle);
    const dossier = garderDossier();
    const fixes = ecrireFixes(this.db, p, dossier);
    const g: Gardee = { fixe, dossier, fixes, file: fixes.catch(() => undefined) };
    this.gardees.set(cle, g);
    // Failed writes are not kept: the next evaluation writes them again.
    fixes.catch(() => {
      if (this.gardees.get(cle) === g) this.retirer(cle);
    });
    while (this.gardees.size > this.taille) {
      const premiere = this.gardees.keys().next().value;
      if (premiere === undefined) break;
      this.retirer(premiere);
    }
    return g;
  }

  private retirer(cle: string): void {
    const g = this.gardees.get(cle);
    if (!g) return;
    this.gardees.delete(cle);
    void g.file.then(() => {
      oublierDossier(g.dossier);
    });
  }
}
