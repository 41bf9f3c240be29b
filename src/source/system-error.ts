import type { DiagnosticParams, Lang } from '../diagnostics/diagnostic.js';

/** An error of the machine (file, folder, disk, permission), not of convflux. */
export function isErrnoError(error: unknown): error is NodeJS.ErrnoException & { code: string } {
  return (
    error instanceof Error &&
    'code' in error &&
    typeof error.code === 'string' &&
    /^E[A-Z]+$/.test(error.code)
  );
}

const RAISONS: Record<string, { fr: string; en: string }> = {
  EACCES: { fr: 'permission refusée', en: 'permission denied' },
  EPERM: { fr: 'opération non permise', en: 'operation not permitted' },
  ENOENT: { fr: 'chemin introuvable', en: 'no such file or folder' },
  ENOTDIR: {
    fr: 'un élément du chemin n’est pas un dossier',
    en: 'a part of the path is not a folder',
  },
  EISDIR: { fr: 'c’est un dossier, un fichier est attendu', en: 'it is a folder, not a file' },
  EEXIST: { fr: 'un fichier de ce nom existe déjà', en: 'a file of that name already exists' },
  ENOSPC: { fr: 'disque plein', en: 'no space left on the disk' },
  EDQUOT: { fr: 'quota disque dépassé', en: 'disk quota exceeded' },
  EROFS: { fr: 'système de fichiers en lecture seule', en: 'read-only file system' },
  ELOOP: { fr: 'boucle de liens symboliques', en: 'symbolic link loop' },
  EMFILE: { fr: 'trop de fichiers ouverts', en: 'too many open files' },
  ENAMETOOLONG: { fr: 'nom trop long', en: 'name too long' },
  EIO: { fr: 'erreur d’entrée-sortie du disque', en: 'disk input/output error' },
  EBUSY: { fr: 'ressource occupée', en: 'resource busy' },
};

/** A French (or English) reason for an errno code; the code itself when it is not listed. */
export function raisonSysteme(code: string, lang: Lang): string {
  const known = RAISONS[code];
  return known ? `${known[lang]} (${code})` : code;
}

/**
 * Thrown by a command for a system or set-up problem it has named: the CLI turns it into the
 * one diagnostic of that code (exit 2), never into `ERREUR_INTERNE`.
 */
export class SystemError extends Error {
  constructor(
    readonly code: string,
    readonly params: DiagnosticParams,
    readonly file = '',
  ) {
    super(code);
  }
}

/** The SystemError of an errno failure on `chemin` (writing when `sortie`). */
export function systemErrorFrom(
  error: NodeJS.ErrnoException & { code: string },
  chemin: string,
  lang: Lang,
  sortie: boolean,
): SystemError {
  return new SystemError(sortie ? 'SORTIE_IMPOSSIBLE' : 'ERREUR_SYSTEME', {
    chemin,
    raison: raisonSysteme(error.code, lang),
  });
}
