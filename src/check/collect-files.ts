import type { Dirent, Stats } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import type { Diagnostic, DiagnosticParams, Lang } from '../diagnostics/diagnostic.js';
import { FileReport } from '../diagnostics/file-report.js';
import { displayPath } from '../display-path.js';
import { packagePath } from '../package-path.js';
import { natureFichier, natureOf } from '../source/read-regular-file.js';
import { isErrnoError, raisonSysteme } from '../source/system-error.js';
import { parseLayout } from './layout.js';
import { arretesDirFor, parseArreteLayout } from '../convention/arrete.js';
import { parseCotationLayout } from './cotation-layout.js';

export interface InputFile {
  absolutePath: string;
  file: string;
  requested: boolean;
  /** Found by reading a folder (so it is expected to follow the layout). */
  walked: boolean;
}

export interface Collected {
  files: InputFile[];
  missing: string[];
  /** Every entry of the given folders that is not read, by name, and every folder problem. */
  diagnostics: Diagnostic[];
  /** Paths shaped like a convention (…/v<N>.yaml) found but not readable as a file. */
  unusable: string[];
}

/** A YAML file name, whatever the case of its extension (`.yaml`, `.yml`, `.YAML`…). */
export const isYamlName = (name: string): boolean => /\.ya?ml$/i.test(name);

/** A path as shown to users; the working directory itself is « . ». */
const showPath = (path: string, cwd: string): string =>
  relative(cwd, path) === '' ? '.' : displayPath(path, cwd);

/** Folders of tooling never read as conventions. */
const TOOLING = new Set(['node_modules', 'dist']);
const SHIPPED_REGULATION = packagePath('rules', 'reglementation');

type Reason =
  'cachee' | 'outillage' | 'reglementation' | 'extension' | 'deja_lu' | 'lien_casse' | 'special';

const REASONS: Record<Reason, { fr: string; en: string }> = {
  cachee: { fr: 'noms cachés, commençant par un point', en: 'hidden names, starting with a dot' },
  outillage: { fr: 'dossiers d’outillage', en: 'tooling folders' },
  reglementation: {
    fr: 'dossier de réglementation (seule celle livrée avec convflux s’applique)',
    en: 'regulation folder (only the one shipped with convflux applies)',
  },
  extension: {
    fr: 'pas des fichiers .yaml ou .yml',
    en: 'not .yaml or .yml files',
  },
  deja_lu: { fr: 'déjà lu sous {autre}', en: 'already read as {autre}' },
  lien_casse: {
    fr: 'lien symbolique cassé (sa cible n’existe pas)',
    en: 'broken symbolic link (its target does not exist)',
  },
  special: { fr: 'ni fichiers ni dossiers', en: 'neither files nor folders' },
};

const nature = (info: Stats | Dirent, lang: Lang): string =>
  natureFichier(natureOf(info) ?? 'autre', lang);

/** Reads folders recursively, following symbolic links once, naming every entry it does not read. */
class Walker {
  readonly files: { path: string; real: string }[] = [];
  readonly diagnostics: Diagnostic[] = [];
  readonly unusable: string[] = [];
  /** Real path of every folder read, and how it was first reached. */
  private readonly folders = new Map<string, string>();
  /** Real path of every file taken, and how it was first reached. */
  private readonly taken = new Map<string, string>();
  /** Every folder read, as reached (not its real path). */
  readonly visited = new Set<string>();
  private shippedRegulation: string | undefined;

  constructor(
    private readonly cwd: string,
    private readonly lang: Lang,
  ) {}

  private show(path: string): string {
    return showPath(path, this.cwd);
  }

  private report(path: string, code: string, params: DiagnosticParams): void {
    this.diagnostics.push(
      new FileReport(this.show(path), this.lang).add(code, { chemin: this.show(path), ...params }),
    );
  }

  /** Entries of one folder not read, grouped by reason: one ENTREE_IGNOREE line per reason. */
  private readonly ignored = new Map<string, Map<Reason, string[]>>();

  private raison(reason: Reason, extra: DiagnosticParams = {}): string {
    let raison = REASONS[reason][this.lang];
    for (const [k, v] of Object.entries(extra)) raison = raison.replace(`{${k}}`, String(v));
    return raison;
  }

  private skip(dir: string, name: string, reason: Reason): void {
    const byReason = this.ignored.get(dir) ?? this.ignored.set(dir, new Map()).get(dir);
    const names = byReason?.get(reason) ?? [];
    if (!names.length) byReason?.set(reason, names);
    names.push(name);
  }

  private flushIgnored(dir: string): void {
    for (const [reason, names] of this.ignored.get(dir) ?? [])
      this.report(dir, 'ENTREE_IGNOREE', {
        raison: this.raison(reason),
        entrees: names.join(', '),
      });
    this.ignored.delete(dir);
  }

  private unreadable(path: string, error: unknown): void {
    const code = isErrnoError(error) ? error.code : 'inconnue';
    this.report(path, 'DOSSIER_ILLISIBLE', { raison: raisonSysteme(code, this.lang) });
  }

  private async isShippedRegulation(real: string): Promise<boolean> {
    this.shippedRegulation ??= await realpath(SHIPPED_REGULATION).catch(() => SHIPPED_REGULATION);
    return real === this.shippedRegulation;
  }

  /** Walks a folder; `ancestors` are the real paths of the folders above it (loop detection). */
  async folder(dir: string, ancestors: ReadonlySet<string> = new Set()): Promise<void> {
    let real: string;
    let entries: Dirent[];
    try {
      real = await realpath(dir);
    } catch (error) {
      this.unreadable(dir, error);
      return;
    }
    if (ancestors.has(real)) {
      this.report(dir, 'LIEN_BOUCLE', { cible: this.show(real) });
      return;
    }
    const first = this.folders.get(real);
    if (first !== undefined) {
      this.report(dir, 'ENTREE_IGNOREE', {
        raison: this.raison('deja_lu', { autre: first }),
        entrees: this.show(dir),
      });
      return;
    }
    this.folders.set(real, this.show(dir));
    this.visited.add(dir);
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      this.unreadable(dir, error);
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const inside = new Set(ancestors).add(real);
    for (const entry of entries) await this.entry(dir, real, entry, inside);
    this.flushIgnored(dir);
  }

  private async entry(
    dir: string,
    real: string,
    entry: Dirent,
    ancestors: ReadonlySet<string>,
  ): Promise<void> {
    const path = join(dir, entry.name);
    const yaml = isYamlName(entry.name);
    if (entry.name.startsWith('.')) {
      this.skip(dir, entry.name, 'cachee');
      return;
    }
    let info: Stats | Dirent = entry;
    if (entry.isSymbolicLink()) {
      try {
        info = await stat(path);
      } catch (error) {
        if (yaml) this.unusable.push(path);
        const code = isErrnoError(error) ? error.code : 'inconnue';
        const raison =
          code === 'ENOENT' ? this.raison('lien_casse') : raisonSysteme(code, this.lang);
        this.report(path, 'FICHIER_IGNORE', { raison });
        return;
      }
    }
    if (info.isDirectory()) {
      if (yaml) {
        this.unusable.push(path);
        this.report(path, 'DOSSIER_NOM_CONVENTION', {});
        return;
      }
      if (TOOLING.has(entry.name)) {
        this.skip(dir, entry.name, 'outillage');
        return;
      }
      if (entry.name === 'reglementation') {
        const target = info === entry ? join(real, entry.name) : await realpath(path);
        if (await this.isShippedRegulation(target)) return;
        this.skip(dir, entry.name, 'reglementation');
        return;
      }
      return this.folder(path, ancestors);
    }
    if (!info.isFile()) {
      if (!yaml) {
        this.skip(dir, `${entry.name} (${nature(info, this.lang)})`, 'special');
        return;
      }
      this.unusable.push(path);
      this.report(path, 'FICHIER_NON_REGULIER', { nature: nature(info, this.lang) });
      return;
    }
    if (!yaml) {
      this.skip(dir, entry.name, 'extension');
      return;
    }
    // A file reached through a link may be one already taken under another name.
    const target = info === entry ? join(real, entry.name) : await realpath(path);
    const first = this.taken.get(target);
    if (first !== undefined) {
      this.report(path, 'ENTREE_IGNOREE', {
        raison: this.raison('deja_lu', { autre: first }),
        entrees: entry.name,
      });
      return;
    }
    this.taken.set(target, this.show(path));
    this.files.push({ path, real: target });
  }
}

/**
 * Files to check: the given files, every YAML file of the given folders (symbolic links followed,
 * loops and unreadable folders reported, every entry not read named), and, as context, the other
 * conventions of the same bailleur and département (same <dep>/<SIREN> folder) and the other
 * versions of a cotation grid (same rules/cotation/<SIREN> folder).
 */
export async function collectFiles(
  paths: readonly string[],
  cwd: string,
  lang: Lang = 'fr',
): Promise<Collected> {
  const files = new Map<string, InputFile>();
  const missing: string[] = [];
  const walker = new Walker(cwd, lang);
  const diagnostics: Diagnostic[] = [];
  for (const p of paths) {
    const absolutePath = resolve(cwd, p);
    let info;
    try {
      info = await stat(absolutePath);
    } catch (error) {
      if (isErrnoError(error) && error.code !== 'ENOENT' && error.code !== 'ENOTDIR')
        diagnostics.push(
          new FileReport(p, lang).add('ERREUR_SYSTEME', {
            chemin: p,
            raison: raisonSysteme(error.code, lang),
          }),
        );
      else missing.push(p);
      continue;
    }
    if (info.isDirectory()) {
      const before = walker.files.length;
      const problems = walker.diagnostics.length;
      await walker.folder(absolutePath);
      const found = walker.files.slice(before);
      const unreadable = walker.diagnostics
        .slice(problems)
        .some((d) => d.code === 'DOSSIER_ILLISIBLE');
      if (found.length === 0 && !unreadable)
        diagnostics.push(
          new FileReport(p, lang).add('DOSSIER_SANS_CONVENTION', {
            chemin: showPath(absolutePath, cwd),
          }),
        );
      for (const { path: f } of found)
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
  diagnostics.push(...walker.diagnostics);
  const unusable = [...walker.unusable];
  const contextDirs = new Set<string>();
  for (const f of files.values()) {
    const layout = parseLayout(f.absolutePath);
    if (layout) {
      contextDirs.add(layout.bailleurDir);
      // The département's prefectoral arrêtés (rules/arretes/<dép>) apply to its État conventions.
      contextDirs.add(arretesDirFor(dirname(dirname(layout.bailleurDir)), layout.departement));
    }
    // A grid's other versions (rules/cotation/<SIREN>/): their dates are compared.
    if (parseCotationLayout(f.absolutePath)) contextDirs.add(dirname(f.absolutePath));
  }
  for (const dir of contextDirs) {
    if (walker.visited.has(dir)) continue;
    // Context only: what cannot be read here is not reported, but a sibling version knows of it.
    const context = new Walker(cwd, lang);
    await context.folder(dir);
    unusable.push(...context.unusable.filter((u) => !unusable.includes(u)));
    for (const { path: f } of context.files) {
      if (!files.has(f) && (parseLayout(f) || parseArreteLayout(f) || parseCotationLayout(f))) {
        files.set(f, {
          absolutePath: f,
          file: displayPath(f, cwd),
          requested: false,
          walked: true,
        });
      }
    }
  }
  return { files: [...files.values()], missing, diagnostics, unusable };
}
