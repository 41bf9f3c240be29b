/**
 * The README's table of the RPLS financings is the one convflux reads by (FINANCEMENTS_RPLS in
 * src/input/financement-lu.ts): every code, its label, the category it is read as (or « refusé »)
 * and why, written from the table itself so that the documented reading cannot drift from the
 * applied one (UPDATE_GOLDEN=1 npx vitest run test/parc-financements-readme.test.ts rewrites it).
 * That each is read so by the CLI and the service: parc-financements-cli.test.ts,
 * server/imports-rpls.test.ts.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FINANCEMENTS_RPLS, financementLu } from '../src/input/financement-lu.js';
import { repoRoot } from './helpers.js';

const cellule = (v: string) => v.replaceAll('|', '\\|');

function tableau(): string {
  return [
    '| code | libellé (arrêté du 5 janvier 2010) | aussi écrit | lu comme | pourquoi (lecture de convflux) |',
    '| --- | --- | --- | --- | --- |',
    ...FINANCEMENTS_RPLS.map((f) =>
      [
        '',
        f.code,
        cellule(f.libelle),
        f.graphies.map((g) => `\`${cellule(g)}\``).join(', '),
        f.lu ?? 'refusé',
        cellule(f.raison),
        '',
      ]
        .join(' | ')
        .trim(),
    ),
  ].join('\n');
}

describe('the README lists the RPLS financings as convflux reads them', () => {
  it('has the table written from FINANCEMENTS_RPLS', () => {
    const readmePath = join(repoRoot, 'README.md');
    const readme = readFileSync(readmePath, 'utf8');
    const pattern =
      /(<!-- financements-rpls:debut[^>]*-->\n)([\s\S]*?)(\n?<!-- financements-rpls:fin -->)/;
    if (process.env['UPDATE_GOLDEN'])
      writeFileSync(
        readmePath,
        readme.replace(
          pattern,
          (_m, a: string) => `${a}${tableau()}\n<!-- financements-rpls:fin -->`,
        ),
      );
    expect(pattern.exec(readFileSync(readmePath, 'utf8'))?.[2]).toBe(tableau());
  });

  it('reads each code, label and spelling of the table as the table says', () => {
    for (const f of FINANCEMENTS_RPLS)
      for (const v of [f.code, f.libelle, ...f.graphies]) expect(financementLu(v), v).toBe(f.lu);
  });
});
