/**
 * Unchanged drafts for the simulate tests: for every convention of rules/, a copy of its latest
 * version (same date_effet, same rules) as version n+1 with `statut: projet`, written as YAML.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { loadConventions } from '../src/engine/load-conventions.js';
import { repoRoot } from './helpers.js';

export async function projetsInchanges(): Promise<string[]> {
  const { index } = await loadConventions(['rules/'], { lang: 'fr', cwd: repoRoot });
  const dir = mkdtempSync(join(tmpdir(), 'convflux-simulate-'));
  return index.entries.map((e) => {
    const derniere = e.versions[e.versions.length - 1];
    if (!derniere) throw new Error(`${e.id} sans version`);
    const data: Record<string, unknown> = {
      ...derniere.convention,
      version: derniere.convention.version + 1,
      statut: 'projet',
    };
    delete data['empreinte'];
    const file = join(dir, `${e.id}.yaml`);
    writeFileSync(file, stringify(data));
    return file;
  });
}
