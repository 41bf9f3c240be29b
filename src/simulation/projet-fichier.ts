/**
 * `--projet draft.yaml`: a full convention version file, a draft of a convention of `--rules`
 * (same `id`, a higher `version`). Checked as `convflux check` checks a convention; its findings
 * carry file:line:column.
 */
import { resolve } from 'node:path';
import type { Diagnostic, Lang } from '../diagnostics/diagnostic.js';
import { displayPath } from '../display-path.js';
import type { ConventionIndex } from '../engine/convention-index.js';
import { loadYamlFile } from '../source/load-yaml-file.js';
import type { Projet } from './projet.js';
import { verifierFichier } from './verifier-projet.js';

export async function lireProjets(
  chemins: readonly string[],
  index: ConventionIndex,
  o: { lang: Lang; cwd: string },
): Promise<{ projets: Projet[]; diagnostics: Diagnostic[] }> {
  const projets: Projet[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const chemin of chemins) {
    const absolutePath = resolve(o.cwd, chemin);
    const fichier = displayPath(absolutePath, o.cwd);
    const loaded = await loadYamlFile(absolutePath, fichier, o.lang);
    const c = await verifierFichier(loaded, o.lang);
    const { report } = loaded;
    if (c) {
      const entry = index.entries.find((e) => e.id === c.id);
      const derniere = Math.max(0, ...(entry?.versions ?? []).map((v) => v.convention.version));
      const autre = projets.find((p) => p.convention.id === c.id);
      if (!entry) report.add('SIMULATION_PROJET_INCONNU', { id: c.id }, '/id');
      else if (c.version <= derniere)
        report.add('SIMULATION_PROJET_VERSION', { version: c.version, derniere }, '/version');
      else if (autre)
        report.add('SIMULATION_PROJET_DOUBLON', { id: c.id, autre: autre.fichier }, '/id');
      else if (!report.hasErrors) projets.push({ convention: c, fichier, absolutePath });
    }
    diagnostics.push(...report.diagnostics);
  }
  return { projets, diagnostics };
}
