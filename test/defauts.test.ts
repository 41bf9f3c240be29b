/**
 * The registry of defaults (src/convention/defauts.ts), key by key: a convention that omits a
 * key and the same convention with the key's default written out must print the same text
 * (`convflux render --html`, read back) and give the same figures (`convflux evaluate` on a
 * parc and events generated here). A control pair (no assiette against `exclusions: []`) proves
 * that the comparison sees a difference when there is one. The README's list of required keys
 * and defaults must be the one written from the registry and the schema
 * (UPDATE_GOLDEN=1 npx vitest run test/defauts.test.ts rewrites it).
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { casPour, DEFAUTS, valeurEffective, type CasDefaut } from '../src/convention/defauts.js';
import { documentationDefauts } from '../src/convention/defauts-doc.js';
import type { TypeReservataire } from '../src/convention/convention.js';
import { loadReglementation } from '../src/reglementation/load-reglementation.js';
import { isValidSiren } from '../src/reference/siren.js';
import { parsePointer } from '../src/source/json-pointer.js';
import { repoRoot, runCli } from './helpers.js';

type Obj = Record<string, unknown>;

const BASES: Partial<Record<TypeReservataire, string>> = {
  etat: 'rules/conventions/93/552046484/etat-93/v1.yaml',
  action_logement: 'rules/conventions/93/552046484/action-logement/v1.yaml',
  commune: 'rules/conventions/93/552046484/montreuil/v1.yaml',
};

function base(type: TypeReservataire): Obj {
  const path = BASES[type];
  if (!path) throw new Error(`pas de base pour ${type}`);
  const c = parse(readFileSync(join(repoRoot, path), 'utf8')) as Obj;
  c['statut'] = 'projet';
  delete c['empreinte'];
  delete c['signatures'];
  return c;
}

function set(c: Obj, pointer: string, value: unknown): void {
  const segments = parsePointer(pointer);
  const last = segments.pop() ?? '';
  let node = c;
  for (const s of segments) node = (node[s] ??= {}) as Obj;
  node[last] = structuredClone(value);
}

/** Deletes the key, then the objects it leaves empty. */
function remove(c: Obj, pointer: string): void {
  const segments = parsePointer(pointer);
  const chain: Obj[] = [c];
  for (const s of segments.slice(0, -1)) {
    const next = chain[chain.length - 1]?.[s];
    if (!next || typeof next !== 'object') return;
    chain.push(next as Obj);
  }
  delete chain[chain.length - 1]?.[segments[segments.length - 1] ?? ''];
  for (let i = chain.length - 1; i > 0; i--) {
    const node = chain[i];
    if (node && Object.keys(node).length === 0) delete chain[i - 1]?.[segments[i - 1] ?? ''];
  }
}

/** What makes a key play its part in a base (e.g. a refusal that owes a new designation). */
function contexte(c: Obj, cle: string): void {
  const refus = /^\/refus\/([a-z]+)\/delai$/.exec(cle);
  if (refus) set(c, `/refus/${refus[1] ?? ''}`, { decompte: false, nouvelle_designation: true });
  if (cle === '/designation/a_expiration/decompte')
    set(c, '/designation/a_expiration/reprise_pour_un_tour', true);
  if (cle.startsWith('/decompte/ponderation')) set(c, '/decompte/fait_generateur', 'attribution');
  if (cle.startsWith('/conversion_stock/') || cle.startsWith('/substitution/')) {
    const origine = 'Convention du 3 mars 1995 (subvention)';
    set(c, '/conversion_stock', {
      date_conversion: c['date_effet'],
      taux_rotation: [{ taux: 0.06 }],
      consommation: { mode: 'proportion_flux' },
      etat_des_lieux: [
        {
          logement: 'L-stock-1',
          adresse: '1 rue de Paris',
          commune: '93048',
          typologie: 'T3',
          financement: 'PLUS',
          convention_origine: origine,
          fin_droits: '2030-12-31',
        },
      ],
    });
    set(c, '/substitution', { conventions: [origine] });
  }
}

interface Paire {
  nom: string;
  omis: Obj;
  explicite: Obj;
}

const reglementation = loadReglementation('fr');

/** One pair per key and per case of the registry that has a value to write. */
function paires(): Paire[] {
  const out: Paire[] = [];
  for (const d of DEFAUTS) {
    const autres = (['action_logement', 'commune', 'etat'] as const).filter(
      (t) => !d.cas.some((c) => c.types?.includes(t)),
    );
    d.cas.forEach((cas: CasDefaut) => {
      if ('aucune' in cas.defaut) return;
      const type = cas.types?.[0] ?? autres[0];
      if (!type) throw new Error(`aucun type pour ${d.cle}`);
      expect(casPour(d.cle, type)).toBe(cas);
      const omis = base(type);
      contexte(omis, d.cle);
      remove(omis, d.cle);
      const explicite = structuredClone(omis);
      const date = String(omis['date_effet']);
      const valeur = valeurEffective(omis, d.cle, (nom) =>
        reglementation.parametres.valueAt(nom, date),
      );
      expect(valeur, d.cle).toBeDefined();
      set(explicite, d.cle, valeur);
      out.push({ nom: `${d.cle} (${type})`, omis, explicite });
    });
  }
  return out;
}

const FLATS = [
  // [typologie, financement, qpv, events: [mm-dd, type, extra]]
  [
    'T3',
    'PLUS',
    false,
    [
      ['01-10', 'liberation'],
      ['01-15', 'orientation'],
      ['01-20', 'designation', { candidats: 3 }],
      ['02-01', 'caleol', { decision: 'attribution' }],
      ['02-15', 'bail_signe'],
    ],
  ],
  [
    'T2',
    'PLAI',
    true,
    [
      ['02-01', 'liberation'],
      ['02-02', 'hors_assiette', { motif: 'mutation_interne' }],
    ],
  ],
  [
    'T4',
    'PLUS',
    false,
    [
      ['03-01', 'liberation'],
      ['03-02', 'hors_assiette', { motif: 'relogement_vente' }],
    ],
  ],
  [
    'T3',
    'PLS',
    true,
    [
      ['03-10', 'liberation'],
      ['03-12', 'orientation'],
      ['03-20', 'designation', { candidats: 2 }],
      ['04-01', 'refus', { par: 'candidat' }],
      ['04-10', 'designation', { candidats: 3 }],
      ['04-20', 'caleol', { decision: 'attribution' }],
      ['05-01', 'bail_signe'],
    ],
  ],
  [
    'T1',
    'PLUS',
    false,
    [
      ['04-01', 'liberation'],
      ['04-02', 'orientation'],
      ['06-15', 'reprise'],
    ],
  ],
  [
    'T5',
    'PLAI',
    false,
    [
      ['05-01', 'liberation'],
      ['05-02', 'orientation'],
      ['05-10', 'designation', { candidats: 3 }],
      ['05-20', 'caleol', { decision: 'refus' }],
    ],
  ],
  [
    'T3',
    'PLUS',
    true,
    [
      ['06-01', 'liberation'],
      ['06-02', 'orientation'],
      ['06-05', 'refus', { par: 'reservataire' }],
    ],
  ],
  [
    'T2',
    'PLUS',
    false,
    [
      ['07-01', 'liberation'],
      ['07-02', 'orientation'],
      ['07-05', 'designation', { candidats: 3 }],
      ['07-10', 'refus', { par: 'bailleur' }],
    ],
  ],
  [
    'T3',
    'PLUS',
    false,
    [
      ['12-01', 'liberation'],
      ['12-10', 'orientation'],
    ],
  ],
  [
    'T4',
    'PLUS',
    false,
    [
      ['08-01', 'liberation'],
      ['08-02', 'orientation'],
      ['08-05', 'designation', { candidats: 3 }],
      ['08-20', 'caleol', { decision: 'attribution' }],
      ['08-25', 'refus', { par: 'candidat' }],
    ],
  ],
  [
    'T3',
    'PLAI',
    false,
    [
      ['09-01', 'liberation'],
      ['09-02', 'hors_assiette', { motif: 'relogement_renouvellement_urbain' }],
    ],
  ],
  [
    'T2',
    'PLUS',
    true,
    [
      ['09-05', 'liberation'],
      ['09-06', 'hors_assiette', { motif: 'relogement_orcod' }],
    ],
  ],
  [
    'T6',
    'PLUS',
    false,
    [
      ['10-01', 'liberation'],
      ['10-02', 'hors_assiette', { motif: 'relogement_habitat_indigne' }],
    ],
  ],
  [
    'T3',
    'PLUS',
    false,
    [
      ['10-10', 'liberation'],
      ['10-12', 'orientation'],
      ['10-20', 'designation', { candidats: 1 }],
    ],
  ],
] as const;

const EVENT_COLUMNS = [
  'id',
  'date',
  'type',
  'logement',
  'reservataire',
  'motif',
  'decision',
  'par',
  'candidats',
];

/** The k-th valid SIREN (Luhn key) after 100 000 000: one bailleur per convention. */
function siren(k: number): string {
  let n = 100_000_000 + k * 10;
  while (!isValidSiren(String(n))) n++;
  return String(n);
}

/** The same flats and events for every convention (each its own bailleur). */
function donnees(conventions: { siren: string; reservataire: string }[]): {
  parc: string;
  events: string;
} {
  const parc = [
    'logement,bailleur,departement,commune,epci,qpv,typologie,financement,annee_construction,hors_flux',
  ];
  const events = [EVENT_COLUMNS.join(',')];
  let n = 0;
  conventions.forEach(({ siren: b, reservataire: r }, k) => {
    FLATS.forEach(([typologie, financement, qpv, evs], f) => {
      const logement = `L${String(k)}-${String(f)}`;
      parc.push(`${logement},${b},93,93048,,${String(qpv)},${typologie},${financement},1990,`);
      for (const [jour, type, extra] of evs as readonly (readonly [string, string, Obj?])[]) {
        const row: Obj = { id: `E${String(++n)}`, date: `2025-${jour}`, type, logement, ...extra };
        if (['orientation', 'designation', 'refus', 'reprise'].includes(type))
          row['reservataire'] = r;
        events.push(
          EVENT_COLUMNS.map((c) => JSON.stringify(row[c] ?? '').replace(/"/g, '')).join(','),
        );
      }
    });
  });
  return { parc: `${parc.join('\n')}\n`, events: `${events.join('\n')}\n` };
}

/** The text, without what names the file or hashes it (no mark of a default is left out: I18). */
function texte(html: string, b: string): string {
  const groupes = `${b.slice(0, 3)}[\\s\u00a0\u202f]?${b.slice(3, 6)}[\\s\u00a0\u202f]?${b.slice(6)}`;
  return html
    .replace(new RegExp(groupes, 'g'), 'SIREN')
    .replace(/[0-9a-f]{12,64}/g, 'H')
    .replace(/\s+/g, ' ');
}

/** The figures of one convention, without its names and the rows' line numbers. */
function chiffres(c: Obj, b: string): unknown {
  const reste = Object.fromEntries(
    Object.entries(c).filter(
      ([k]) => !['id', 'fichier', 'bailleur', 'alertes', 'objectifs'].includes(k),
    ),
  );
  return {
    ...reste,
    objectifs: (c['objectifs'] as Obj[]).map((o) => ({ ...o, cle: undefined })),
    alertes: (c['alertes'] as Obj[]).map((a) => [
      a['code'],
      a['date'],
      String(a['logement']).replace(/^L\d+-/, ''),
      String(a['message']).split(b).join('SIREN').replace(/L\d+-/g, 'L-'),
    ]),
  };
}

describe('the registry of defaults, key by key', () => {
  const dir = mkdtempSync(join(tmpdir(), 'convflux-defauts-'));
  const variantes: { nom: string; omis: string; explicite: string }[] = [];
  const html = new Map<string, string>();
  const figures = new Map<string, unknown>();

  beforeAll(() => {
    const liste = paires();
    // Control: the law's assiette against none at all must differ, in the text and the figures.
    const sansAssiette = base('action_logement');
    remove(sansAssiette, '/assiette');
    const assietteVide = structuredClone(sansAssiette);
    set(assietteVide, '/assiette/exclusions', []);
    liste.push({ nom: 'témoin', omis: sansAssiette, explicite: assietteVide });

    // Each convention has a bailleur of its own, so that none is checked against another.
    const files: string[] = [];
    const conventions: { siren: string; reservataire: string }[] = [];
    liste.forEach((p, k) => {
      const sirens = { omis: siren(2 * k), explicite: siren(2 * k + 1) };
      for (const sens of ['omis', 'explicite'] as const) {
        const c = structuredClone(p[sens]);
        const b = sirens[sens];
        const reservataire = String((c['reservataire'] as Obj)['id']);
        (c['bailleur'] as Obj)['siren'] = b;
        c['id'] = `93-${b}-${reservataire}`;
        const folder = join(dir, 'conventions', '93', b, reservataire);
        mkdirSync(folder, { recursive: true });
        const file = join(folder, 'v1.yaml');
        writeFileSync(file, stringify(c));
        files.push(file);
        conventions.push({ siren: b, reservataire });
      }
      variantes.push({ nom: p.nom, ...sirens });
    });

    const out = join(dir, 'html');
    const render = runCli(['render', ...files, '--html', '--out', out]);
    // Notes (info) may be printed, e.g. on refus.bailleur; errors may not.
    expect(render.stderr + render.stdout).not.toMatch(/non rendu|[1-9]\d* erreur/);
    expect(render.code).toBe(0);
    for (const { siren: b, reservataire } of conventions)
      html.set(b, texte(readFileSync(join(out, `93-${b}-${reservataire}-v1.html`), 'utf8'), b));

    const { parc, events } = donnees(conventions);
    writeFileSync(join(dir, 'parc.csv'), parc);
    writeFileSync(join(dir, 'events.csv'), events);
    const evaluate = runCli([
      'evaluate',
      '--rules',
      join(dir, 'conventions'),
      '--parc',
      join(dir, 'parc.csv'),
      '--events',
      join(dir, 'events.csv'),
      '--annee',
      '2025',
      '--json',
    ]);
    const result = JSON.parse(evaluate.stdout) as { conventions: Obj[]; rejets: unknown[] };
    expect(result.rejets).toEqual([]);
    for (const c of result.conventions) {
      const b = String((c['bailleur'] as Obj)['siren']);
      figures.set(b, chiffres(c, b));
    }
  }, 120_000);

  it('covers every default of the registry that has a value to write', () => {
    const attendues = DEFAUTS.flatMap((d) =>
      d.cas.filter((c) => !('aucune' in c.defaut)).map(() => d.cle),
    );
    expect(variantes.map((v) => v.nom.replace(/ \(.*$/, '')).filter((n) => n !== 'témoin')).toEqual(
      attendues,
    );
  });

  it('gives the same text and the same figures when a key is omitted as when its default is written', () => {
    const differences: string[] = [];
    for (const v of variantes.filter((x) => x.nom !== 'témoin')) {
      const [a, b] = [v.omis, v.explicite];
      expect(html.get(a), v.nom).toBeDefined();
      if (html.get(a) !== html.get(b)) differences.push(`${v.nom} : texte`);
      if (JSON.stringify(figures.get(a)) !== JSON.stringify(figures.get(b)))
        differences.push(`${v.nom} : chiffres`);
      expect(figures.get(a), v.nom).toBeDefined();
    }
    expect(differences).toEqual([]);
  });

  it('sees the difference of the control pair (the law’s assiette against none)', () => {
    const v = variantes.find((x) => x.nom === 'témoin');
    if (!v) throw new Error('témoin absent');
    const omis = html.get(v.omis) ?? '';
    expect(omis).not.toBe(html.get(v.explicite));
    expect(omis).toContain('ne sont pas pris en compte pour le calcul du flux annuel');
    expect(omis).toContain(
      'aux relogements de personnes dans le cadre d’une opération de vente de logements locatifs sociaux',
    );
    const f = (id: string): Obj => figures.get(id) as Obj;
    const exclus = Number(f(v.omis)['hors_assiette']);
    expect(exclus).toBeGreaterThan(0);
    expect(f(v.explicite)['hors_assiette']).toBe(0);
    expect(f(v.explicite)['flux_annuel']).toBe(Number(f(v.omis)['flux_annuel']) + exclus);
  });
});

describe('the JSON schema’s `default` annotations (editor completion)', () => {
  it('are the registry’s, for every key whose default is one value for every réservataire', () => {
    const schema = JSON.parse(
      readFileSync(join(repoRoot, 'schemas', 'convention.schema.json'), 'utf8'),
    ) as Obj;
    const node = (cle: string): Obj | undefined => {
      let n: Obj | undefined = schema;
      for (const segment of parsePointer(cle))
        n = (n?.['properties'] as Record<string, Obj> | undefined)?.[segment];
      return n;
    };
    for (const d of DEFAUTS) {
      const [seul] = d.cas;
      const constant = d.cas.length === 1 && seul && 'valeur' in seul.defaut;
      const n = node(d.cle);
      if (n && '$ref' in n) continue; // the refusal clauses: a reference, no annotation
      if (constant && 'valeur' in seul.defaut)
        expect(n?.['default'], d.cle).toEqual(seul.defaut.valeur);
      else expect(n?.['default'], d.cle).toBeUndefined();
    }
  });
});

describe('the README lists the required keys and every default of the registry', () => {
  it('has the block written from the schema and the registry', () => {
    const schema = JSON.parse(
      readFileSync(join(repoRoot, 'schemas', 'convention.schema.json'), 'utf8'),
    ) as Parameters<typeof documentationDefauts>[0];
    const block = documentationDefauts(schema);
    const readmePath = join(repoRoot, 'README.md');
    const readme = readFileSync(readmePath, 'utf8');
    const pattern = /(<!-- defauts:debut[^>]*-->\n)([\s\S]*?)(\n<!-- defauts:fin -->)/;
    if (process.env['UPDATE_GOLDEN'])
      writeFileSync(
        readmePath,
        readme.replace(pattern, (_m, a: string, _b, c: string) => `${a}${block}${c}`),
      );
    expect(pattern.exec(readFileSync(readmePath, 'utf8'))?.[2]).toBe(block);
  });
});
