/**
 * What `convflux check` says of a text about to be signed (final legal reading of issue 10),
 * through the CLI: Action Logement Services' identification (legal form, SIREN) and the visas
 * of the accord collectif and the CIA (their act and date).
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, runCli } from './helpers.js';

interface Diag {
  code: string;
  line: number;
  message: string;
}

/** The example tree in a temporary folder, `edit` applied to one of its files. */
function exemple(file: string, edit: (yaml: string) => string): string {
  const dir = mkdtempSync(join(tmpdir(), 'convflux-texte-signe-'));
  cpSync(join(repoRoot, 'rules/conventions'), join(dir, 'conventions'), { recursive: true });
  const path = join(dir, 'conventions', file);
  const before = readFileSync(path, 'utf8');
  const after = edit(before);
  expect(after).not.toBe(before);
  writeFileSync(path, after);
  return path;
}

function check(path: string): Diag[] {
  const r = runCli(['check', path, '--json']);
  return (JSON.parse(r.stdout) as { diagnostics: Diag[] }).diagnostics;
}

describe('Action Logement Services identified (format 2)', () => {
  const file = '93/552046484/action-logement/v1.yaml';

  it('the examples carry its legal form and SIREN: no warning', () => {
    const codes = check(join(repoRoot, 'rules/conventions', file)).map((d) => d.code);
    expect(codes).not.toContain('ACTION_LOGEMENT_IDENTIFICATION_INCOMPLETE');
  });

  it('warns on the réservataire line when they are missing or left « À COMPLÉTER »', () => {
    const sans = exemple(file, (y) =>
      y.replace(/^ {2}forme_juridique: société par actions simplifiée.*\n {2}siren: .*\n/m, ''),
    );
    const found = check(sans).filter((d) => d.code === 'ACTION_LOGEMENT_IDENTIFICATION_INCOMPLETE');
    expect(found).toHaveLength(1);
    expect(found[0]?.message).toContain('reservataire.forme_juridique, reservataire.siren');
    expect(found[0]?.line).toBe(
      readFileSync(sans, 'utf8').split('\n').indexOf('reservataire:') + 1,
    );
    const aCompleter = exemple(file, (y) =>
      y.replace(/forme_juridique: société par actions simplifiée/, 'forme_juridique: À COMPLÉTER'),
    );
    const messages = check(aCompleter)
      .filter((d) => d.code === 'ACTION_LOGEMENT_IDENTIFICATION_INCOMPLETE')
      .map((d) => d.message);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain('reservataire.forme_juridique à renseigner');
  });
});

describe('the visas of the local instruments carry their act and date (I1)', () => {
  it('prints them from visas_locaux (État: PDALHPD and accord collectif; EPT: its CIA)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'convflux-visas-'));
    const files = ['93/552046484/etat-93/v1.yaml', '93/552046484/est-ensemble/v1.yaml'].map((f) =>
      join(repoRoot, 'rules/conventions', f),
    );
    const r = runCli(['render', ...files, '--html', '--out', join(dir, 'html/')]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const text = (id: string): string =>
      readFileSync(join(dir, 'html', `${id}-v1.html`), 'utf8')
        .replace(/<[^>]+>/g, '')
        .replace(/[\s\u00a0\u202f]+/g, ' ');
    expect(text('93-552046484-etat-93')).toContain(
      'Vu l’accord collectif départemental ou intercommunal d’attribution applicable sur le territoire de la présente convention (arrêté préfectoral n° 2021-2870 du 29 novembre 2021) ;',
    );
    expect(text('93-552046484-etat-93')).toMatch(
      /\(PDALHPD\) de la Seine-Saint-Denis \(arrêté conjoint .* n° 2022-0311 du 15 mars 2022\) ;/,
    );
    expect(text('93-552046484-est-ensemble')).toContain(
      'Vu la convention intercommunale d’attribution d’Est Ensemble (délibération du conseil de territoire n° 2021-12-14-08 du 14 décembre 2021) ;',
    );
  });

  it('warns, on a draft as on a signed text, for each cited instrument without its act', () => {
    const sans = exemple('93/552046484/etat-93/v2.yaml', (y) =>
      y.replace(/^visas_locaux:.*\n(?: {2}.*\n)*/m, ''),
    );
    const found = check(sans).filter((d) => d.code === 'VISA_LOCAL_SANS_ACTE');
    expect(found.map((d) => d.message)).toEqual([
      'Les visas citent le PDALHPD sans son acte ni sa date : renseignez visas_locaux.pdalhpd (acte, date), imprimés « (arrêté … du …) ».',
      'Les visas citent l’accord collectif d’attribution sans son acte ni sa date : renseignez visas_locaux.accord_collectif (acte, date), imprimés « (arrêté … du …) ».',
    ]);
    const cia = exemple('93/552046484/est-ensemble/v1.yaml', (y) =>
      y.replace(/^visas_locaux:.*\n(?: {2}.*\n)*/m, ''),
    );
    expect(check(cia).map((d) => d.code)).toContain('VISA_LOCAL_SANS_ACTE');
  });
});
