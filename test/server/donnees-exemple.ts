/**
 * Puts the bundled example (rules/conventions/93/**, test/fixtures/exemple-93/*.csv) into the
 * test server's database directly, in the storage formats of the service (one JSON object per
 * parc row and per event, keyed by the CSV header; the convention YAML as is).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { openDatabase } from '../../src/server/db/open-database.js';
import { repoRoot } from '../helpers.js';

/** CSV rows of the fixtures (no quoted commas there) as objects, empty cells left out. */
export function lignesCsv(path: string): Record<string, string>[] {
  const [tete = '', ...lignes] = readFileSync(join(repoRoot, path), 'utf8').trim().split('\n');
  const cles = tete.split(',');
  return lignes.map((l) => {
    const v = l.split(',');
    const o: Record<string, string> = {};
    cles.forEach((k, i) => {
      if (v[i]) o[k] = v[i];
    });
    return o;
  });
}

function fichiersYaml(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? fichiersYaml(join(dir, e.name))
      : e.name.endsWith('.yaml')
        ? [join(dir, e.name)]
        : [],
  );
}

interface Entete {
  id: string;
  version: number;
  departement: string;
  statut: string;
  bailleur: { siren: string };
  reservataire: { id: string };
}

/** `args`: the database arguments of the server (`nouvelleBase`). */
export async function chargerExemple93(args: string[]): Promise<void> {
  const arg = (n: string) => args[args.indexOf(n) + 1];
  const database = args.includes('--database') ? arg('--database') : undefined;
  const base = await openDatabase({ data: arg('--data') ?? '', ...(database ? { database } : {}) });
  const quand = '2025-01-01T00:00:00.000Z';
  try {
    for (const f of fichiersYaml(join(repoRoot, 'rules/conventions/93'))) {
      const yaml = readFileSync(f, 'utf8');
      const c = parse(yaml) as Entete;
      await base.db
        .insertInto('convention_version')
        .values({
          id: `${c.id}/v${String(c.version)}`,
          convention_id: c.id,
          version: c.version,
          departement: c.departement,
          bailleur: c.bailleur.siren,
          reservataire: c.reservataire.id,
          statut: c.statut as 'signee',
          yaml,
          sha256: createHash('sha256').update(yaml).digest('hex'),
          cree_le: quand,
          cree_par: 'test',
          modifie_le: quand,
        })
        .execute();
    }
    const parc = lignesCsv('test/fixtures/exemple-93/logements.csv').map((l) => ({
      bailleur: l['bailleur'] ?? '',
      id: l['logement'] ?? '',
      departement: l['departement'] ?? '',
      donnees: JSON.stringify(l),
      import_id: null,
    }));
    for (let i = 0; i < parc.length; i += 200)
      await base.db
        .insertInto('logement')
        .values(parc.slice(i, i + 200))
        .execute();
    const evenements = lignesCsv('test/fixtures/exemple-93/evenements.csv').map((e) => ({
      bailleur: '552046484',
      id: e['id'] ?? '',
      date: e['date'] ?? '',
      type: e['type'] ?? '',
      logement: e['logement'] ?? '',
      donnees: JSON.stringify(e),
      classement: 'valide',
      enregistre_le: quand,
      enregistre_par: 'test',
      import_id: null,
    }));
    for (let i = 0; i < evenements.length; i += 200)
      await base.db
        .insertInto('evenement')
        .values(evenements.slice(i, i + 200))
        .execute();
  } finally {
    await base.close();
  }
}
