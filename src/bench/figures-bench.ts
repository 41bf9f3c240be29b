/**
 * `node dist/bench/figures-bench.js DIR`: how long the service's live figures take to recompute.
 * Loads a folder written by `npm run gen -- --format ndjson` (or any rules/ + logements.ndjson +
 * evenements.ndjson) into a fresh SQLite database, then times, for the bailleur × département
 * with the most flats: the first evaluation (cold), the answer from the cache (one query for the
 * data's version), and the recompute after one recorded event; each split into writing the
 * inputs from the database and evaluating them.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { openDatabase, type Base } from '../server/db/open-database.js';
import { ecrireEntrees } from '../server/flux/entrees.js';
import { CacheFigures, evaluerEntrees } from '../server/flux/figures.js';

function fichiers(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? fichiers(join(dir, e.name)) : [join(dir, e.name)],
  );
}

function lignes(file: string): Record<string, string>[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Record<string, string>);
}

interface Yaml {
  id: string;
  version: number;
  statut: 'projet' | 'signee';
  departement: string | number;
  bailleur: { siren: string | number };
  reservataire: { id: string };
}

async function charger(base: Base, dir: string): Promise<Map<string, number>> {
  const db = base.db;
  const t = '2026-01-01T00:00:00.000Z';
  for (const f of fichiers(join(dir, 'rules', 'conventions')).filter((x) => x.endsWith('.yaml'))) {
    const yaml = readFileSync(f, 'utf8');
    const y = parse(yaml) as Yaml;
    await db
      .insertInto('convention_version')
      .values({
        id: `${y.id}/v${String(y.version)}`,
        convention_id: y.id,
        version: y.version,
        departement: String(y.departement),
        bailleur: String(y.bailleur.siren),
        reservataire: y.reservataire.id,
        statut: y.statut,
        yaml,
        sha256: createHash('sha256').update(yaml).digest('hex'),
        cree_le: t,
        cree_par: 'bench',
        modifie_le: t,
      })
      .execute();
  }
  const parc = lignes(join(dir, 'logements.ndjson'));
  const bailleurDe = new Map<string, string>();
  const taille = new Map<string, number>();
  await db.transaction().execute(async (tx) => {
    for (let i = 0; i < parc.length; i += 500) {
      const rows = parc.slice(i, i + 500).map((l) => {
        const b = String(l['bailleur']);
        const d = String(l['departement']);
        bailleurDe.set(String(l['logement']), b);
        taille.set(`${b}|${d}`, (taille.get(`${b}|${d}`) ?? 0) + 1);
        return {
          bailleur: b,
          id: String(l['logement']),
          departement: d,
          donnees: JSON.stringify(l),
          import_id: null,
        };
      });
      await tx.insertInto('logement').values(rows).execute();
    }
    const ev = lignes(join(dir, 'evenements.ndjson'));
    for (let i = 0; i < ev.length; i += 500)
      await tx
        .insertInto('evenement')
        .values(
          ev.slice(i, i + 500).map((e) => ({
            bailleur: bailleurDe.get(String(e['logement'])) ?? '',
            id: String(e['id']),
            date: String(e['date']),
            type: String(e['type']),
            logement: String(e['logement']),
            donnees: JSON.stringify(e),
            classement: 'valide',
            enregistre_le: t,
            enregistre_par: 'bench',
            import_id: null,
          })),
        )
        .execute();
  });
  return taille;
}

const ms = (t0: number): string => `${(performance.now() - t0).toFixed(0)} ms`;

async function main(): Promise<void> {
  const dir = process.argv[2];
  const annee = Number(process.argv[3] ?? '2025');
  if (!dir) throw new Error('usage : node dist/bench/figures-bench.js DOSSIER [ANNEE]');
  const base = await openDatabase({ data: mkdtempSync(join(tmpdir(), 'convflux-figbench-')) });
  let t0 = performance.now();
  const taille = await charger(base, dir);
  console.log(`chargement : ${ms(t0)}`);
  const [cle, n] = [...taille].sort((a, b) => b[1] - a[1])[0] ?? ['|', 0];
  const [bailleur = '', departement = ''] = cle.split('|');
  const d = { bailleur, departement, annee };
  console.log(`bailleur ${bailleur} × ${departement} : ${String(n)} logements`);
  t0 = performance.now();
  const entrees = await ecrireEntrees(base.db, d);
  console.log(`  écriture des entrées depuis la base : ${ms(t0)}`);
  t0 = performance.now();
  await evaluerEntrees(entrees, d);
  console.log(`  évaluation (evaluate) : ${ms(t0)}`);
  entrees.close();
  const cache = new CacheFigures(base.db);
  t0 = performance.now();
  await cache.figures(d);
  console.log(`  premier calcul (cache vide) : ${ms(t0)}`);
  t0 = performance.now();
  await cache.figures(d);
  console.log(`  réponse du cache (version lue) : ${ms(t0)}`);
  const un = await base.db
    .selectFrom('logement')
    .select('id')
    .where('bailleur', '=', bailleur)
    .where('departement', '=', departement)
    .executeTakeFirstOrThrow();
  await base.db
    .insertInto('evenement')
    .values({
      bailleur,
      id: 'BENCH-1',
      date: `${String(annee)}-12-30`,
      type: 'liberation',
      logement: un.id,
      donnees: JSON.stringify({
        id: 'BENCH-1',
        date: `${String(annee)}-12-30`,
        type: 'liberation',
        logement: un.id,
      }),
      classement: 'valide',
      enregistre_le: new Date().toISOString(),
      enregistre_par: 'bench',
      import_id: null,
    })
    .execute();
  t0 = performance.now();
  await cache.figures(d);
  console.log(`  recalcul après un événement : ${ms(t0)}`);
  await base.close();
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(2);
});
