/**
 * The conventions covering a flat, and the one an orientation falls under, are kept per bailleur,
 * département and commune (the fields `covers` reads): the answers must be those of a scan of
 * every convention, for flats of several communes asked in any order, and stay right when a
 * convention is added after a question.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Convention } from '../src/convention/convention.js';
import {
  ConventionIndex,
  covers,
  makeVersion,
  type ConventionEntry,
} from '../src/engine/convention-index.js';
import type { Logement } from '../src/flux/logement.js';
import { repoRoot } from './helpers.js';

const ETAT = 'rules/conventions/93/552046484/etat-93/v1.yaml';
const convention = parse(readFileSync(join(repoRoot, ETAT), 'utf8')) as Convention;
const version = makeVersion(convention, 'v1.yaml', '/nonexistent/v1.yaml');

const BAILLEURS = ['552046484', '775663438'];
const DEPARTEMENTS = ['93', '94'];
const COMMUNES = ['93001', '93066', '94028'];
const RESERVATAIRES = ['etat-93', 'action-logement', 'ville'];

interface Spec {
  bailleur: string;
  departement: string;
  reservataire: string;
  perimetre: string[] | undefined;
}

const spec: fc.Arbitrary<Spec> = fc.record({
  bailleur: fc.constantFrom(...BAILLEURS),
  departement: fc.constantFrom(...DEPARTEMENTS),
  reservataire: fc.constantFrom(...RESERVATAIRES),
  perimetre: fc.option(fc.subarray(COMMUNES), { nil: undefined }),
});

const flat = fc.record({
  bailleur: fc.constantFrom(...BAILLEURS),
  departement: fc.constantFrom(...DEPARTEMENTS),
  commune: fc.constantFrom(...COMMUNES),
});

function ajouter(index: ConventionIndex, s: Spec, n: number): void {
  index.add({
    id: `c${String(n)}`,
    bailleur: s.bailleur,
    departement: s.departement,
    reservataire: s.reservataire,
    perimetre: s.perimetre ? new Set(s.perimetre) : undefined,
    versions: [version],
  });
}

const ids = (entries: readonly ConventionEntry[]): string[] => entries.map((e) => e.id);

/** What a scan of every convention gives (the entries in the order they were added). */
function parScan(index: ConventionIndex, l: Logement, reservataire?: string): string[] {
  return ids(
    index.entries.filter(
      (e) =>
        covers(e, l) &&
        (reservataire === undefined ||
          (e.reservataire === reservataire && e.bailleur === l.bailleur)),
    ),
  );
}

describe('ConventionIndex: covering and find per bailleur, département and commune', () => {
  it('gives what a scan gives, before and after a convention is added', () => {
    fc.assert(
      fc.property(
        fc.array(spec, { maxLength: 12 }),
        spec,
        fc.array(fc.tuple(flat, fc.constantFrom(...RESERVATAIRES)), {
          minLength: 1,
          maxLength: 20,
        }),
        (specs, ajoutee, questions) => {
          const index = new ConventionIndex();
          specs.forEach((s, n) => {
            ajouter(index, s, n);
          });
          const verifier = (): void => {
            for (const [f, reservataire] of questions) {
              // A new object each time: the answer must not depend on the object asked about.
              const l = { ...f } as Logement;
              expect(ids(index.covering(l))).toEqual(parScan(index, l));
              const found = index.find(l, reservataire, convention.duree.debut);
              const attendu = parScan(index, l, reservataire)[0];
              expect(found.ok ? found.entry.id : undefined).toEqual(attendu);
            }
          };
          verifier();
          ajouter(index, ajoutee, specs.length);
          verifier();
        },
      ),
      { numRuns: 300 },
    );
  });
});
