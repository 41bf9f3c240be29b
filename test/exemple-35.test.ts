/**
 * The second example département, Ille-et-Vilaine (35), so that nothing is tuned to the 93:
 * another préfecture, another bailleur (a fictitious OPH), an EPCI (Rennes Métropole), a commune
 * with loan guarantees (Rennes) and Action Logement, in `rules/conventions/35/`, with a parc and a
 * year of events in `test/fixtures/exemple-35/`. Everything goes through the real CLI (compiled
 * dist/) in a child process; the PDFs are read back with pdfjs-dist. Chromium is required (as for
 * test/render-pdf.test.ts): never skipped.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../src/diagnostics/diagnostic.js';
import type { ConventionResultat, Evaluation } from '../src/engine/evaluation.js';
import { chromiumPath } from '../src/render/chromium-process.js';
import { cliPath, repoRoot, type CliRun } from './helpers.js';
import { pdfPageTexts } from './pdf-text.js';

const DIR_35 = 'rules/conventions/35/';
const PARC_35 = 'test/fixtures/exemple-35/logements.csv';
const EVENTS_35 = 'test/fixtures/exemple-35/evenements.csv';
const PARC_93 = 'test/fixtures/exemple-93/logements.csv';
const EVENTS_93 = 'test/fixtures/exemple-93/evenements.csv';
const RENNES = '35-353017015-rennes';

type EvaluationJson = Evaluation & { ok: boolean };

/**
 * The real CLI in a child process, without blocking the test worker (renders and bilans of
 * several PDFs can last over a minute on a loaded machine: see test/setup-yield.ts).
 */
function runCli(args: string[]): Promise<CliRun> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [cliPath, ...args], {
      cwd: repoRoot,
      env: { ...process.env, NO_COLOR: '1' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.once('error', reject);
    child.once('close', (code) => {
      resolvePromise({ code: code ?? -1, stdout, stderr });
    });
  });
}

async function evaluate(parc: string, events: string): Promise<EvaluationJson> {
  const args = ['evaluate', '--parc', parc, '--events', events, '--annee', '2025', '--json'];
  const r = await runCli(args);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as EvaluationJson;
}

/** Rows of one of the fixtures (no quoted field in them), as records. */
function rows(path: string): Record<string, string>[] {
  const [header = '', ...lines] = readFileSync(join(repoRoot, path), 'utf8').trim().split('\n');
  const keys = header.split(',');
  return lines.map((l) => {
    const cells = l.split(',');
    return Object.fromEntries(keys.map((k, i) => [k, cells[i] ?? '']));
  });
}

/** What a convention's year comes to, without the alerts (whose lines depend on the file). */
const figures = (c: ConventionResultat): unknown => ({
  id: c.id,
  version: c.version,
  flux_annuel: c.flux_annuel,
  du: c.du,
  realise: c.realise,
  taux: c.taux,
  orientations: c.orientations,
  attributions: c.attributions,
  baux: c.baux,
  refus: c.refus,
  reprises: c.reprises,
  objectifs: c.objectifs.map((o) => [o.nature, o.libelle, o.cible, o.realise, o.statut]),
  alertes: c.alertes.map((a) => a.code).sort(),
});

let tmp = '';
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'convflux-exemple-35-'));
});
afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('the conventions of the 35', () => {
  it('check clean, warnings included (--strict), and complete for signature', async () => {
    const r = await runCli(['check', DIR_35, '--strict', '--json']);
    const out = JSON.parse(r.stdout) as { ok: boolean; diagnostics: Diagnostic[] };
    // Only a note: Rennes's guarantee cap is checked on convflux's reading, and says so.
    expect(out.diagnostics.map((d) => `${d.severity} ${d.code} ${d.file}`)).toEqual([
      'info GARANTIE_EMPRUNT_LECTURE rules/conventions/35/353017015/rennes/v1.yaml',
    ]);
    expect(r.code).toBe(0);
    expect((await runCli(['check', DIR_35])).stdout.trim().split('\n').pop()).toBe(
      '0 erreur, 0 avertissement dans 4 fichiers.',
    );
  });

  it('are written in format 2, each party named and empowered; the État’s is signed and sealed', () => {
    for (const id of readdirSync(join(repoRoot, DIR_35, '353017015'))) {
      const text = readFileSync(join(repoRoot, DIR_35, '353017015', id, 'v1.yaml'), 'utf8');
      expect(text, id).toMatch(/^format: 2$/m);
      expect(text, id).toMatch(/^ {2}forme_juridique: oph$/m);
      expect(text.match(/^ {4}habilitation:$/gm), id).toHaveLength(2);
      if (id === 'etat-35') {
        expect(text).toMatch(/^statut: signee\nempreinte: sha256:[0-9a-f]{64}\nsignatures:/m);
        expect(text).toMatch(/^ {2}nom: Préfet d’Ille-et-Vilaine$/m);
      } else {
        expect(text, id).toMatch(/^statut: projet$/m);
        expect(text, id).toMatch(/^contreparties:$/m);
      }
    }
    // The commune's part rests on its loan guarantees, within the 20 % cap.
    const rennes = readFileSync(join(repoRoot, DIR_35, '353017015/rennes/v1.yaml'), 'utf8');
    expect(rennes).toMatch(/^ {2}part_garantie_emprunt: 0\.15 /m);
    expect(rennes.match(/^ {2}- nature: garantie_emprunt$/gm)).toHaveLength(2);
  });
});

describe('evaluate on the 35’s files', () => {
  let example: EvaluationJson;
  beforeAll(async () => {
    example = await evaluate(PARC_35, EVENTS_35);
  }, 120_000);

  it('uses every row, and leaves the 93’s conventions at zero', () => {
    expect(example.entrees.logements).toMatchObject({ lignes: 100, utilisees: 100 });
    expect(example.entrees.logements.hors_conventions).toBe(0);
    expect(example.entrees.evenements).toMatchObject({ lignes: 240, utilisees: 240 });
    expect(example.rejets).toEqual([]);
    for (const c of example.conventions.filter((x) => x.departement === '93'))
      expect(c).toMatchObject({ flux_annuel: 0, du: 0, realise: 0, orientations: 0 });
    const ids = example.conventions.filter((c) => c.departement === '35').map((c) => c.id);
    expect(ids).toEqual([
      '35-353017015-action-logement',
      '35-353017015-etat-35',
      RENNES,
      '35-353017015-rennes-metropole',
    ]);
  });

  it('gives the Commune de Rennes the figures computed by hand', () => {
    // The flux: the flats of Rennes (35238) freed in 2025, neither in stock (hors_flux) nor let
    // outside the assiette (the commune's convention deducts all five motifs).
    const parc = rows(PARC_35);
    const events = rows(EVENTS_35);
    const ofRennes = new Set(
      parc.filter((l) => l.commune === '35238' && l.hors_flux === '').map((l) => l.logement),
    );
    const horsAssiette = new Set(
      events.filter((e) => e.type === 'hors_assiette').map((e) => e.logement),
    );
    const freed = new Set(
      events
        .filter((e) => e.type === 'liberation' && (e.date ?? '').startsWith('2025-'))
        .map((e) => e.logement),
    );
    const flux = [...freed].filter((l) => ofRennes.has(l) && !horsAssiette.has(l)).length;
    expect(flux).toBe(27);

    // The flats oriented to the commune (attribution = 1 point, orientation = 0,5 point):
    //   00001 oriented, designated, attributed by the CALEOL, lease            → 1
    //   00022 attributed, refused by the household (not counted, a new
    //         designation is due), designated again, attributed, lease          → 1
    //   00023 refused by the commune (refus.reservataire.decompte: true),
    //         taken back by the bailleur                                        → 1
    //   00024 no designation within one month, taken back for one letting
    //         (a_expiration.decompte: false)                                    → 0
    //   00025 oriented, designated, attributed, lease                           → 1
    //   00026 oriented and designated, no CALEOL by 31 December                 → 0,5
    //   00027 oriented on 3 December, still open                                → 0,5
    const oriented = events
      .filter((e) => e.type === 'orientation' && e.reservataire === 'rennes')
      .map((e) => (e.logement ?? '').slice(-5));
    expect(oriented).toEqual(['00001', '00022', '00023', '00024', '00025', '00026', '00027']);

    const c = example.conventions.find((x) => x.id === RENNES);
    expect(c).toMatchObject({
      version: 1,
      statut: 'projet',
      bailleur: { siren: '353017015' },
      departement: '35',
      part: 0.15,
      flux_annuel: 27,
      orientations: 7,
      attributions: 4, // 00001, 00022 twice, 00025
      baux: 3, // 00001, 00022, 00025
      refus: { candidat: 1, caleol: 0, reservataire: 1 },
      reprises: 2, // 00023, 00024
      realise: 5, // 1 + 1 + 1 + 0 + 1 + 0,5 + 0,5
    });
    expect(c?.du).toBeCloseTo(0.15 * 27, 9); // 4,05
    expect(c?.taux).toBeCloseTo(5 / 4.05, 5);
    // Its one contractual objective is the commune at the same part.
    expect(c?.objectifs.find((o) => o.nature === 'contractuel')).toMatchObject({
      territoire: '35238',
      flux: 27,
      realise: 5,
      statut: 'atteint',
    });
  });
});

describe('both départements in one run', () => {
  it('evaluates each département as if alone, and the bilan covers both', async () => {
    // One parc and one events file holding both bailleurs (as a regional export would).
    const both = (a: string, b: string, name: string): string => {
      const [head = '', ...lines93] = readFileSync(join(repoRoot, a), 'utf8').trim().split('\n');
      const lines35 = readFileSync(join(repoRoot, b), 'utf8').trim().split('\n').slice(1);
      const path = join(tmp, name);
      writeFileSync(path, [head, ...lines93, ...lines35, ''].join('\n'));
      return path;
    };
    const parc = both(PARC_93, PARC_35, 'logements.csv');
    const events = both(EVENTS_93, EVENTS_35, 'evenements.csv');
    const together = await evaluate(parc, events);
    const alone = [
      ...(await evaluate(PARC_93, EVENTS_93)).conventions,
      ...(await evaluate(PARC_35, EVENTS_35)).conventions,
    ]
      .filter((c) => c.flux_annuel > 0)
      .sort((a, b) => (a.id < b.id ? -1 : 1));
    expect(together.conventions.map(figures)).toEqual(alone.map(figures));
    expect(together.conventions.map((c) => c.departement)).toEqual([
      ...Array<string>(4).fill('35'),
      ...Array<string>(5).fill('93'),
    ]);

    // Action Logement's copies, a réservataire of both: one bilan per bailleur × département.
    const out = join(tmp, 'bilan');
    const bilanArgs = ['bilan', '--parc', parc, '--events', events, '--annee', '2025'];
    const r = await runCli([
      ...bilanArgs,
      '--out',
      out,
      '--reservataire',
      'action-logement',
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const bilan = JSON.parse(r.stdout) as {
      documents: {
        bilan: string;
        destinataire: string;
        conventions: string[];
        totaux: (Record<string, number> & { convention: string })[];
      }[];
    };
    expect(bilan.documents.map((d) => [d.bilan, d.destinataire])).toEqual([
      ['35-353017015', 'action-logement'],
      ['93-552046484', 'action-logement'],
    ]);
    for (const d of bilan.documents) {
      // Every réservataire of that bailleur × département, each reconciled with evaluate.
      expect(d.conventions).toEqual(
        together.conventions.filter((c) => d.bilan.startsWith(c.departement)).map((c) => c.id),
      );
      for (const t of d.totaux) {
        const c = together.conventions.find((x) => x.id === t.convention);
        expect(t).toMatchObject({
          flux_annuel: c?.flux_annuel,
          realise: c?.realise,
          proposes: c?.orientations,
          decisions: c?.attributions,
          baux: c?.baux,
        });
      }
      expect(existsSync(join(out, `${d.bilan}-bilan-2025-action-logement.pdf`))).toBe(true);
    }
  }, 300_000);
});

async function pdfText(path: string): Promise<string> {
  const pages = await pdfPageTexts(readFileSync(path), { joiner: ' ' });
  return pages.join('\n').replace(/[\s\u00a0\u202f]+/g, ' ');
}

describe('render of the 35’s conventions (PDF text read back)', () => {
  const texts = new Map<string, string>();
  beforeAll(async () => {
    const chromium = chromiumPath();
    if (!existsSync(chromium))
      throw new Error(
        `Chromium est introuvable (${chromium}) : installez-le (\`sudo apt-get install -y chromium\`).`,
      );
    const out = join(tmp, 'pdf');
    const r = await runCli(['render', DIR_35, '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    for (const f of readdirSync(out).filter((x) => x.endsWith('.pdf')))
      texts.set(f, await pdfText(join(out, f)));
  }, 300_000);

  it('prints the préfecture of Ille-et-Vilaine and the parties of the 35', () => {
    expect([...texts.keys()].sort()).toEqual([
      '35-353017015-action-logement-v1.pdf',
      '35-353017015-etat-35-v1.pdf',
      '35-353017015-rennes-metropole-v1.pdf',
      '35-353017015-rennes-v1.pdf',
    ]);
    const etat = texts.get('35-353017015-etat-35-v1.pdf') ?? '';
    expect(etat).toContain('Préfet d’Ille-et-Vilaine');
    expect(etat).toContain('secrétaire général de la préfecture d’Ille-et-Vilaine');
    expect(texts.get('35-353017015-rennes-metropole-v1.pdf')).toContain('Rennes Métropole');
    expect(texts.get('35-353017015-rennes-v1.pdf')).toContain('Commune de Rennes');
    for (const [file, text] of texts) {
      expect(text, file).toMatch(/département d’Ille-et-Vilaine \(35\)/i);
      expect(text, file).toContain('Vilaine Exemple Habitat');
      expect(text, file).toContain('353 017 015');
    }
  });

  it('says that Rennes’ guarantee-based rights outlive the term, up to the loans’ échéances', () => {
    const rennes = texts.get('35-353017015-rennes-v1.pdf') ?? '';
    const survie =
      /Les garanties d’emprunt énumérées à l’annexe 2 dont les échéances \(31 décembre 2059 et 30 juin 2062\) sont postérieures au terme de la présente convention continuent de fonder, chacune jusqu’à son échéance, (.*?) Article 4 –/.exec(
        rennes,
      );
    expect(survie?.[1]).toContain(
      'Les parties conviennent que ces droits ne s’éteignent pas au terme de la présente convention',
    );
    expect(survie?.[1]).toContain(
      'repris, jusqu’à leur échéance, par la convention qui lui succède',
    );
    // The term itself is 31 December 2027: the clause is needed because the loans run later.
    expect(rennes).toContain('au 31 décembre 2027 inclus');
    // Rennes Métropole lists no guarantee beyond the term: no such clause.
    expect(texts.get('35-353017015-rennes-metropole-v1.pdf')).not.toContain(
      'ne s’éteignent pas au terme',
    );
  });

  it('mentions nothing of the 93: not tuned to the Seine-Saint-Denis', () => {
    // « 93 » as a number of its own: not inside a token such as the sealed SHA-256 digest.
    const ninetyThree =
      /Seine-Saint-Denis|Montreuil|Saint-Denis|Bobigny|Est Ensemble|Plaine Commune|(?<!Vilaine )Exemple Habitat|552 ?046 ?484|(?<![\w,.])93(?![\w,.])/i;
    for (const [file, text] of texts) expect(ninetyThree.exec(text)?.[0], file).toBeUndefined();
  });
});
