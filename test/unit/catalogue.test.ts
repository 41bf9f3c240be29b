import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { catalogue, type CatalogueEntry } from '../../src/diagnostics/catalogue.js';

const folder = fileURLToPath(new URL('../../src/diagnostics/', import.meta.url));
const parts = readdirSync(folder)
  .filter((f) => /^catalogue-.+\.ts$/.test(f))
  .map((f) => f.replace(/\.ts$/, ''));

async function partEntries(file: string): Promise<Record<string, CatalogueEntry>> {
  const module = (await import(
    /* @vite-ignore */ pathToFileURL(`${folder}${file}.ts`).href
  )) as Record<string, unknown>;
  const found = Object.entries(module).find(([name]) => name.startsWith('catalogue'));
  if (!found) throw new Error(`${file} exports no catalogue`);
  return found[1] as Record<string, CatalogueEntry>;
}

const placeholders = (text: string): string[] =>
  [...text.matchAll(/\{([a-zA-Z_][a-zA-Z0-9_]*)%?\}/g)].map((m) => m[1] ?? '').sort();

describe('diagnostic catalogue', () => {
  it('has its parts in separate files, none of whose codes is defined twice', async () => {
    expect(parts.length).toBeGreaterThan(2);
    const owner = new Map<string, string>();
    for (const file of parts) {
      for (const [code, entry] of Object.entries(await partEntries(file))) {
        expect(owner.get(code), `${code} in ${file} and ${owner.get(code)}`).toBeUndefined();
        owner.set(code, file);
        // Not overridden by the main catalogue or by a later part.
        expect(catalogue[code], `${code} of ${file} is overridden`).toBe(entry);
      }
    }
  });

  it('gives every code a French and an English message with the same parameters', () => {
    for (const [code, entry] of Object.entries(catalogue)) {
      expect(entry.fr.trim(), code).not.toBe('');
      expect(entry.en.trim(), code).not.toBe('');
      expect(placeholders(entry.en), code).toEqual(placeholders(entry.fr));
    }
  });

  it('says in the service’s words, with no CLI option, each message the service sends that names one', () => {
    // The codes whose CLI wording names an option or a command and that reach the service's
    // answers (figures, orientation, events, imports, bilan and prévisionnel downloads: issue 14).
    const parLeService = [
      'CONVENTION_NON_SIGNEE',
      'LOGEMENT_INCONNU',
      'LOGEMENT_REJETE',
      'AUCUNE_CONVENTION',
      'PREVISION_ANNEE_DIFFERENTE',
      'ORIENT_LOGEMENT_INCONNU',
      'ORIENT_LOGEMENT_REJETE',
      'ORIENT_LOGEMENT_NON_LIBERE',
      'ORIENT_LOGEMENT_RELOUE',
      'ORIENT_SANS_CONVENTION',
      'ORIENT_DATE_HORS_CONVENTIONS',
      'ORIENT_DATE_REQUISE',
      'USAGE_ANNEE_HORS_BORNES',
      'USAGE_DATE_INVALIDE',
      'USAGE_DATE_HORS_ANNEE',
      'BILAN_RESERVATAIRE_HORS_VIGUEUR',
      'BILAN_CONVENTION_HORS_VIGUEUR',
    ];
    for (const code of parLeService) expect(catalogue[code]?.service, code).toBeDefined();
    for (const [code, entry] of Object.entries(catalogue)) {
      if (!entry.service) continue;
      const { fr, en } = entry.service;
      expect(`${fr} ${en}`, code).not.toMatch(/(^|[^\w-])--[a-z]|\{option\}|convflux [a-z]+ /);
      expect(placeholders(en), code).toEqual(placeholders(fr));
      const propres = new Set(placeholders(entry.fr));
      for (const p of placeholders(fr)) expect(propres.has(p), `${code} {${p}}`).toBe(true);
    }
  });

  it('says « refusé » where the service refuses what the CLI says it ignores', () => {
    // Rows of an import and posted events the service refuses (400, 422), whose CLI wording
    // says the event or the flat is ignored.
    for (const code of [
      'LOGEMENT_INCONNU',
      'PARC_COMMUNE_INCONNUE',
      'PARC_SIREN_INVALIDE',
      'LIGNE_NOMBRE_CHAMPS',
      'LIGNE_JSON_INVALIDE',
    ])
      expect(catalogue[code]?.refus, code).toBeDefined();
    for (const [code, entry] of Object.entries(catalogue)) {
      if (!entry.refus) continue;
      const { fr, en } = entry.refus;
      expect(`${fr} ${en}`, code).not.toMatch(/(^|[^\w-])--[a-z]|ignoré|ignored|skipped/);
      expect(fr, code).toMatch(/refusé/);
      expect(en, code).toMatch(/refused\b/);
      expect(placeholders(en), code).toEqual(placeholders(fr));
      const propres = new Set(placeholders(entry.fr));
      for (const p of placeholders(fr)) expect(propres.has(p), `${code} {${p}}`).toBe(true);
    }
  });
});
