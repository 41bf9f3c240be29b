/**
 * The hot path compiles the conventions' rule JSON to plain functions. This property test proves
 * that, on random conventions and random event sequences, it gives exactly what json-rules-engine
 * itself gives: the same decisions for every fact, and the same results for every flat.
 */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Convention, RegleRefus } from '../src/convention/convention.js';
import { ConventionIndex, makeVersion } from '../src/engine/convention-index.js';
import { runAsync, runSync, suivreLogement, type EvenementLu } from '../src/engine/cycle.js';
import { decideCompiled, decideWithEngine, type DecisionFacts } from '../src/engine/decide.js';
import { PUBLICS } from '../src/engine/publics.js';
import type { Logement } from '../src/flux/logement.js';
import { TYPES_EVENEMENT, type TypeEvenement } from '../src/flux/evenement.js';

const base = parse(
  readFileSync(
    new URL('../rules/conventions/93/552046484/etat-93/v1.yaml', import.meta.url),
    'utf8',
  ),
  { version: '1.2', schema: 'core' },
) as Convention;

const delai = fc.constantFrom('15 jours', '1 mois', '2 semaines', '3 jours', '2 mois');
const refus: fc.Arbitrary<RegleRefus | undefined> = fc.option(
  fc.record(
    { decompte: fc.boolean(), nouvelle_designation: fc.boolean(), delai },
    { requiredKeys: ['decompte', 'nouvelle_designation'] },
  ),
  { nil: undefined },
);

const convention: fc.Arbitrary<Convention> = fc
  .record({
    fait: fc.constantFrom('orientation', 'attribution', 'bail_signe' as const),
    orientation: fc.option(fc.constantFrom(0, 0.25, 0.5, 1), { nil: undefined }),
    attribution: fc.option(fc.constantFrom(1, 0.5, 2), { nil: undefined }),
    sansSuite: fc.option(fc.constantFrom('acquis', 'retire' as const), { nil: undefined }),
    delai,
    reprise: fc.option(fc.boolean(), { nil: undefined }),
    decompte: fc.option(fc.boolean(), { nil: undefined }),
    candidat: refus,
    caleol: refus,
    reservataire: refus,
    bailleur: refus,
    depart: fc.constantFrom('orientation', 'notification' as const),
    premiere: fc.constantFrom('flux', 'commission_coordination' as const),
  })
  .map((r) => {
    const c = structuredClone(base);
    c.decompte = { fait_generateur: r.fait };
    if (r.orientation !== undefined || r.attribution !== undefined || r.sansSuite !== undefined) {
      c.decompte.ponderation = {};
      if (r.sansSuite !== undefined) c.decompte.ponderation.provisoire_sans_suite = r.sansSuite;
      if (r.orientation !== undefined) c.decompte.ponderation.orientation = r.orientation;
      if (r.attribution !== undefined) c.decompte.ponderation.attribution = r.attribution;
    }
    c.designation = { delai: r.delai, a_compter_de: r.depart };
    c.assiette = { ...c.assiette, premiere_mise_en_location: r.premiere };
    if (r.reprise !== undefined || r.decompte !== undefined) {
      c.designation.a_expiration = {};
      if (r.reprise !== undefined) c.designation.a_expiration.reprise_pour_un_tour = r.reprise;
      if (r.decompte !== undefined) c.designation.a_expiration.decompte = r.decompte;
    }
    c.refus = {};
    for (const p of ['candidat', 'caleol', 'reservataire', 'bailleur'] as const) {
      const v = r[p];
      if (v) c.refus[p] = v;
    }
    return c;
  });

const day = fc.integer({ min: 0, max: 420 }).map((n) => {
  const d = new Date(Date.UTC(2024, 0, 1 + n));
  return d.toISOString().slice(0, 10);
});

/**
 * What makes the two event generators differ: how often each type, réservataire and decision is
 * drawn (a value listed twice weighs twice) and whether public flags are drawn.
 */
interface Poids {
  types: readonly TypeEvenement[];
  reservataires: readonly string[];
  decisions: readonly ('attribution' | 'refus' | 'ajournement')[];
  publics: boolean;
}

function evenementArb(p: Poids) {
  return fc.record({
    date: day,
    type: fc.constantFrom(...p.types),
    reservataire: fc.constantFrom(...p.reservataires),
    decision: fc.constantFrom(...p.decisions),
    par: fc.constantFrom('candidat', 'reservataire', 'bailleur' as const),
    // Public flags (I7) on any event: the state machine alerts or counts them the same either way.
    public: p.publics
      ? fc.option(fc.subarray([...PUBLICS], { minLength: 1 }), { nil: undefined })
      : fc.constant(undefined),
    prevue: day,
    agents: fc.boolean(),
  });
}

/** Any event, any réservataire, with public flags. */
const evenement = evenementArb({
  types: TYPES_EVENEMENT,
  reservataires: ['etat-93', 'etat-93', 'autre'],
  decisions: ['attribution', 'refus', 'ajournement'],
  publics: true,
});
type RawEvent = typeof evenement extends fc.Arbitrary<infer T> ? T : never;

/** More often the steps of a cycle of the État (so that designations for the agents score). */
const evenementDeCycle: fc.Arbitrary<RawEvent> = evenementArb({
  types: [...TYPES_EVENEMENT, 'orientation', 'designation', 'designation', 'caleol', 'caleol'],
  reservataires: ['etat-93'],
  decisions: ['attribution', 'attribution', 'refus', 'ajournement'],
  publics: false,
});

const logement: Logement = {
  logement: 'L1',
  bailleur: '552046484',
  departement: '93',
  commune: '93066',
  qpv: false,
  typologie: 'T3',
  financement: 'PLUS',
  annee_construction: 1980,
};

function indexOf(c: Convention, ...avenants: Convention[]): ConventionIndex {
  const index = new ConventionIndex();
  index.add({
    id: c.id,
    bailleur: c.bailleur.siren,
    departement: c.departement,
    reservataire: c.reservataire.id,
    perimetre: undefined,
    versions: [c, ...avenants].map((v) =>
      makeVersion(v, `v${String(v.version)}.yaml`, `/nonexistent/v${String(v.version)}.yaml`),
    ),
  });
  return index;
}

/** Random events of flat L1 up to `date`, in the order the store gives them. */
function evenementsLus(raw: RawEvent[], date: string): EvenementLu[] {
  return raw
    .map((e, i) => {
      const ev: EvenementLu = {
        id: `E${String(i)}`,
        date: e.date,
        type: e.type,
        logement: 'L1',
        line: i + 2,
      };
      if (e.type === 'orientation' || e.type === 'designation' || e.type === 'notification')
        ev.reservataire = e.reservataire;
      if (e.type === 'designation' && e.agents) ev.contingent = 'agents_etat';
      if (e.type === 'conge') ev.date_liberation_prevue = e.prevue;
      if (e.type === 'caleol') ev.decision = e.decision;
      if (e.type === 'refus') ev.par = e.par;
      if (e.type === 'hors_assiette') ev.motif = 'mutation_interne';
      if (e.public) ev.public = e.public;
      return ev;
    })
    .filter((e) => e.date <= date)
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.line - b.line));
}

describe('compiled rules ≡ json-rules-engine', () => {
  it('same decisions for every fact', async () => {
    await fc.assert(
      fc.asyncProperty(
        convention,
        fc.record({
          type: fc.constantFrom(...TYPES_EVENEMENT, 'expiration', 'evaluation', 'fin_cycle'),
          decision: fc.option(fc.constantFrom('attribution', 'refus', 'ajournement'), {
            nil: undefined,
          }),
          par: fc.option(fc.constantFrom('candidat', 'reservataire', 'bailleur'), {
            nil: undefined,
          }),
          attribue: fc.boolean(),
          compte: fc.boolean(),
        }),
        async (c, f) => {
          const v = makeVersion(c, 'v1.yaml', '/nonexistent/v1.yaml');
          const evenement: DecisionFacts['evenement'] = { type: f.type };
          if (f.decision !== undefined) evenement.decision = f.decision;
          if (f.par !== undefined) evenement.par = f.par;
          const facts: DecisionFacts = {
            evenement,
            cycle: { attribue: f.attribue, compte: f.compte },
          };
          const reference = await decideWithEngine(v.engine(), v.rules, facts);
          expect(decideCompiled(v.compiled, facts)).toEqual(reference);
        },
      ),
      { numRuns: 300, seed: 2020 },
    );
  });

  it('same results for every flat and event sequence', async () => {
    await fc.assert(
      fc.asyncProperty(
        convention,
        fc.array(evenement, { maxLength: 14 }),
        fc.constantFrom('2024-06-30', '2024-12-31', '2025-02-28', '2025-12-31'),
        fc.boolean(),
        async (c, raw, date, qpv) => {
          const index = indexOf(c);
          const events = evenementsLus(raw, date);
          const opts = { date, vacanceMax: { nombre: 15, unite: 'jour' as const }, trace: true };
          const l = { ...logement, qpv };
          const compiled = runSync(suivreLogement(l, events, index, opts), (req) =>
            decideCompiled(req.version.compiled, req.facts),
          );
          const reference = await runAsync(suivreLogement(l, events, index, opts), (req) =>
            decideWithEngine(req.version.engine(), req.version.rules, req.facts),
          );
          expect(compiled).toEqual(reference);
        },
      ),
      { numRuns: 300, seed: 93 },
    );
  });

  it('same results across an avenant (each event under its version) with the agents contingent', async () => {
    let avenants = 0;
    let agents = 0;
    await fc.assert(
      fc.asyncProperty(
        convention,
        convention,
        fc.array(evenementDeCycle, { maxLength: 14 }),
        fc.constantFrom('2024-12-31', '2025-02-28'),
        async (c1, c2, raw, date) => {
          const v2 = { ...c2, version: 2, date_effet: '2024-07-01' };
          const index = indexOf(c1, v2);
          const events = evenementsLus(raw, date);
          const opts = { date, vacanceMax: { nombre: 15, unite: 'jour' as const }, trace: true };
          const compiled = runSync(suivreLogement(logement, events, index, opts), (req) =>
            decideCompiled(req.version.compiled, req.facts),
          );
          const reference = await runAsync(suivreLogement(logement, events, index, opts), (req) =>
            decideWithEngine(req.version.engine(), req.version.rules, req.facts),
          );
          expect(compiled).toEqual(reference);
          if (new Set(compiled.scores.map((s) => s.version)).size > 1) avenants++;
          if (compiled.scores.some((s) => s.contingent === 'agents_etat')) agents++;
        },
      ),
      { numRuns: 300, seed: 2025 },
    );
    // Not vacuous: some flats scored under both versions, some for the agents.
    expect(avenants).toBeGreaterThan(0);
    expect(agents).toBeGreaterThan(0);
  });

  it('the property is not vacuous: the random sequences score points and raise alerts', () => {
    const c = structuredClone(base);
    const index = indexOf(c);
    const events: EvenementLu[] = [
      {
        id: 'a',
        date: '2024-01-31',
        type: 'orientation',
        logement: 'L1',
        reservataire: 'etat-93',
        line: 2,
      },
      {
        id: 'b',
        date: '2024-03-05',
        type: 'designation',
        logement: 'L1',
        reservataire: 'etat-93',
        line: 3,
      },
    ];
    const r = runSync(
      suivreLogement(logement, events, index, {
        date: '2024-12-31',
        vacanceMax: { nombre: 15, unite: 'jour' },
        trace: false,
      }),
      (req) => decideCompiled(req.version.compiled, req.facts),
    );
    expect(r.scores.map((s) => s.rule)).toEqual(['delai_expire']);
    expect(r.alertes.map((a) => a.code)).toEqual([
      'DESIGNATION_HORS_DELAI',
      'DESIGNATION_HORS_CYCLE',
    ]);
  });

  it('the public flags reach the results: counted on an attribution, alerted elsewhere', () => {
    const index = indexOf(structuredClone(base));
    const ev = (
      line: number,
      date: string,
      type: EvenementLu['type'],
      extra: Partial<EvenementLu> = {},
    ): EvenementLu => ({ id: String(line), date, type, logement: 'L1', line, ...extra });
    const events: EvenementLu[] = [
      ev(2, '2024-03-01', 'orientation', { reservataire: 'etat-93' }),
      ev(3, '2024-03-05', 'designation', { reservataire: 'etat-93', public: ['dalo'] }),
      ev(4, '2024-03-20', 'caleol', { decision: 'attribution', public: ['prioritaire'] }),
    ];
    const r = runSync(
      suivreLogement(logement, events, index, {
        date: '2024-12-31',
        vacanceMax: { nombre: 15, unite: 'jour' },
        trace: false,
      }),
      (req) => decideCompiled(req.version.compiled, req.facts),
    );
    expect(r.comptages.find((c) => c.compteur === 'attributions')?.publics).toEqual([
      'prioritaire',
    ]);
    expect(r.alertes.map((a) => [a.code, a.line])).toEqual([['PUBLIC_HORS_ATTRIBUTION', 3]]);
  });
});
