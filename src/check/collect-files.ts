import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { displayPath } from '../display-path.js';
import { parseLayout } from './layout.js';

export interface InputFile {
  absolutePath: string;
  file: string;
  requested: boolean;
  /** Found by reading a folder (so it is expected to follow the layout). */
  walked: boolean;
}

/** Folders never read as conventions: the shipped regulation, dependencies, hidden folders. */
const SKIPPED = new Set(['reglementation', 'node_modules', 'dist']);

async function walk(dir: string, out: string[]): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED.has(entry.name)) await walk(path, out);
    } else if (entry.isFile() && /\.ya?ml$/.test(entry.name)) out.push(path);
  }
}

export interface Collected {
  files: InputFile[];
  missing: string[];
}

/**
 * Files to check: the given files, every YAML file of the given folders, and, as context, the
 * other conventions of the same bailleur and département (same <dep>/<SIREN> folder).
 */
export async function collectFiles(paths: readonly string[], cwd: string): Promise<Collected> {
  const files = new Map<string, InputFile>();
  const missing: string[] = [];
  for (const p of paths) {
    const absolutePath = resolve(cwd, p);
    let info;
    try {
      info = await stat(absolutePath);
    } catch {
      missing.push(p);
      continue;
    }
    if (info.isDirectory()) {
      const found: string[] = [];
      await walk(absolutePath, found);
      for (const f of found)
        files.set(f, { absolutePath: f, file: displayPath(f, cwd), requested: true, walked: true });
    } else {
      files.set(absolutePath, {
        absolutePath,
        file: displayPath(absolutePath, cwd),
        requested: true,
        walked: false,
      });
    }
  }
  const contextDirs = new Set<string>();
  for (const f of files.values()) {
    const layout = parseLayout(f.absolutePath);
    if (layout) contextDirs.add(layout.bailleurDir);
  }
  for (const dir of contextDirs) {
    const found: string[] = [];
    try {
      await walk(dir, found);
    } catch {
      continue;
    }
    for (const f of found) {
      if (!files.has(f) && parseLayout(f)) {
        files.set(f, {
          absolutePath: f,
          file: displayPath(f, cwd),
          requested: false,
          walked: true,
        });
      }
    }
  }
  return { files: [...files.values()], missing };
}
