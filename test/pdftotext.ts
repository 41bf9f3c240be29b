/**
 * The text of each page of a PDF as poppler's pdftotext reads it (Debian's poppler-utils), the
 * other extractor a reader's tools commonly use besides pdf.js: it judges word gaps its own way.
 */
import { spawnSync } from 'node:child_process';

export function pdftotextPages(file: string): string[] {
  const run = spawnSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  if (run.error || run.status !== 0)
    throw new Error(
      `pdftotext a échoué (${run.error?.message ?? run.stderr}) : installez poppler-utils (apt-get install poppler-utils).`,
    );
  // One form feed ends each page.
  return run.stdout.split('\f').slice(0, -1);
}
