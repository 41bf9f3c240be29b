import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';

/** Scenario files (*.yaml) under the given files or folders, sorted; missing paths are returned apart. */
export async function findScenarioFiles(
  paths: readonly string[],
  cwd: string,
): Promise<{ files: string[]; missing: string[] }> {
  const files: string[] = [];
  const missing: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const p = join(dir, entry.name);
      if (entry.isDirectory() && !entry.name.startsWith('.')) await walk(p);
      else if (entry.isFile() && /\.ya?ml$/.test(entry.name)) files.push(p);
    }
  };
  for (const p of paths) {
    const abs = resolve(cwd, p);
    try {
      if ((await stat(abs)).isDirectory()) await walk(abs);
      else files.push(abs);
    } catch {
      missing.push(p);
    }
  }
  return { files: [...new Set(files)].sort(), missing };
}
