import { isAbsolute, relative, sep } from 'node:path';

/** A path as shown to users: relative to the working directory when below it, with "/" separators. */
export function displayPath(path: string, cwd = process.cwd()): string {
  const rel = isAbsolute(path) ? relative(cwd, path) : path;
  const shown = rel === '' || rel.startsWith('..') ? path : rel;
  return shown.split(sep).join('/');
}
