/**
 * Contract hygiene of the printed conventions (review I18–I22, I1, C6), read back from the PDFs
 * `convflux render` writes (pdfjs-dist), as a legal team reads them: no convflux default
 * presented as a rule of law, a named court (derived from the département or the bailleur's
 * siège, or named by the parties), a data-protection article, the complete visas, and the
 * nature of the bailleur's engagement and the effects of a résiliation.
 *
 * Chromium is required (as for test/render-pdf.test.ts): without it these tests fail.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pdfPageTexts } from './pdf-text.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { repoRoot, runCli } from './helpers.js';

const exemples = join(repoRoot, 'rules', 'conventions', '93', '552046484');

/**
 * A page's running header and footer (« Convention de réservation en flux – … », then
 * « <référence> · version N (…) · empreinte … », paraphes, « page X sur Y »), which pdfjs reads
 * after the page's body: left out, so that a sentence cut by a page break reads whole.
 */
const MOBILIER =
  /(?:Convention de réservation en flux – [\s\S]*?)?\S+ · version \d+ \([^)]*\) · empreinte [0-9a-f]+[\s\S]*$/;

/** The text of a PDF's pages without their furniture, on one line, every space as one space. */
async function texteDuPdf(file: string): Promise<string> {
  const pages = await pdfPageTexts(readFileSync(file));
  return pages
    .map((p) => p.replace(MOBILIER, ''))
    .join('\n')
    .replace(/[\s\u00a0\u202f]+/g, ' ');
}

/** Montreuil's example convention, declared a private-law contract, in a folder of its own. */
function fixturePrive(dir: string): string {
  const c = parse(readFileSync(join(exemples, 'montreuil', 'v1.yaml'), 'utf8')) as Record<
    string,
    Record<string, unknown>
  >;
  c['bailleur'] = { ...c['bailleur'], siege: '12 rue de l’Exemple, 93100 Montreuil' };
  c['juridiction'] = { nature_contrat: 'prive' };
  const folder = join(dir, 'conventions', '93', '552046484', 'montreuil');
  mkdirSync(folder, { recursive: true });
  const file = join(folder, 'v1.yaml');
  writeFileSync(file, stringify(c));
  return file;
}

describe('contract hygiene of the example conventions, read back from the PDFs', () => {
  const textes = new Map<string, string>();
  let prive = '';

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'convflux-hygiene-'));
    const out = join(dir, 'pdf');
    const run = runCli(['render', exemples, '--out', out]);
    expect(run.code, run.stderr + run.stdout).toBe(0);
    for (const f of readdirSync(out).filter((n) => n.endsWith('.pdf')))
      textes.set(f.replace(/^93-552046484-|\.pdf$/g, ''), await texteDuPdf(join(out, f)));
    // One input file: --out names the PDF.
    const outPrive = join(dir, 'prive.pdf');
    const runPrive = runCli(['render', fixturePrive(dir), '--out', outPrive]);
    expect(runPrive.code, runPrive.stderr + runPrive.stdout).toBe(0);
    prive = await texteDuPdf(outPrive);
  }, 180_000);

  it('renders every example', () => {
    expect([...textes.keys()].sort()).toEqual([
      'action-logement-v1',
      'est-ensemble-v1',
      'etat-93-v1',
      'etat-93-v2',
      'montreuil-v1',
      'saint-denis-v1',
    ]);
  });

  it('presents no convflux default as a rule of law (I18)', () => {
    for (const [nom, texte] of textes) {
      expect(texte, nom).not.toMatch(/à défaut de stipulation/i);
      expect(texte, nom).not.toMatch(/astérisque/i);
      expect(texte, nom).not.toMatch(/stipulation supplétive/i);
    }
  });

  it('states the nature of the bailleur’s engagement and the catch-up (I19)', () => {
    for (const [nom, texte] of textes) {
      expect(texte, nom).toContain(
        '5.3 Nature de l’engagement du bailleur et objectif non atteint',
      );
      expect(texte, nom).toContain(
        'L’engagement du bailleur porte sur l’orientation des logements',
      );
      expect(texte, nom).toContain('au cours de l’année civile suivante');
    }
    expect(textes.get('etat-93-v1')).toContain(
      'mettre en œuvre la mise en demeure et la résiliation prévues au IV de l’article R. 441-5-2',
    );
  });

  it('says what a non-État résiliation does, and limits the bailleur’s right (I20)', () => {
    const montreuil = textes.get('montreuil-v1') ?? '';
    expect(montreuil).toContain(
      'Le bailleur ne peut résilier la présente convention que pour un manquement grave du réservataire',
    );
    expect(montreuil).toContain('pour un motif d’intérêt général');
    expect(montreuil).toContain('ces logements reviennent au flux du bailleur');
    expect(montreuil).toContain(
      'a été exécutée et qui ne sont pas consommés à cette date subsistent',
    );
    // Action Logement is no public person: no résiliation for a motif d’intérêt général.
    expect(textes.get('action-logement-v1')).not.toContain('motif d’intérêt général');
  });

  it('names the competent court (I21)', () => {
    for (const nom of [
      'etat-93-v1',
      'etat-93-v2',
      'montreuil-v1',
      'est-ensemble-v1',
      'saint-denis-v1',
    ])
      expect(textes.get(nom), nom).toContain(
        'il est porté devant le tribunal administratif de Montreuil, dont le ressort comprend le département de la Seine-Saint-Denis (code de justice administrative, art. R. 221-3).',
      );
    expect(textes.get('action-logement-v1')).toContain(
      'il est porté devant le tribunal judiciaire dans le ressort duquel est situé le siège du bailleur',
    );
    expect(prive).toContain(
      'Les parties qualifient la présente convention de contrat de droit privé.',
    );
    expect(prive).toContain(
      'il est porté devant le tribunal judiciaire dans le ressort duquel est situé le siège du bailleur (12 rue de l’Exemple, 93100 Montreuil).',
    );
    expect(prive).not.toContain('tribunal administratif');
    expect(textes.get('etat-93-v1')).toContain(
      'organisée par les services du représentant de l’État dans le département',
    );
    expect(textes.get('montreuil-v1')).toContain('par le comité de suivi réunissant les parties');
  });

  it('has a data-protection article and no other RGPD sentence (I22)', () => {
    for (const [nom, texte] of textes) {
      expect(texte, nom).toMatch(/Article 12 – Protection des données à caractère personnel/);
      for (const passage of [
        'RGPD, art. 6, paragraphe 1, point c',
        'système national d’enregistrement des demandes de logement social (SNE',
        'notification prévue à l’article 33 du RGPD',
        'articles 15 à 21 du RGPD',
        'ne comportent aucune donnée directement identifiante',
      ])
        expect(texte, `${nom} : ${passage}`).toContain(passage);
      expect(texte, nom).not.toContain('aucune donnée nominative');
      expect(texte.match(/règlement \(UE\) 2016\/679/g), nom).toHaveLength(1);
    }
    expect(textes.get('etat-93-v1')).toContain('dans l’application SYPLO');
  });

  it('completes the visas (I1)', () => {
    for (const [nom, texte] of textes) {
      expect(texte, nom).toContain('Vu la loi n° 2022-217 du 21 février 2022');
      expect(texte, nom).toContain('Vu le décret n° 2021-1016 du 30 juillet 2021');
    }
    expect(textes.get('etat-93-v1')).toContain(
      'Vu le plan départemental d’action pour le logement et l’hébergement des personnes défavorisées (PDALHPD) de la Seine-Saint-Denis (arrêté conjoint du préfet et du président du conseil départemental n° 2022-0311 du 15 mars 2022) ;',
    );
    expect(textes.get('etat-93-v1')).toContain(
      'Vu l’accord collectif départemental ou intercommunal',
    );
    expect(textes.get('est-ensemble-v1')).toContain(
      'Vu la convention intercommunale d’attribution d’Est Ensemble (délibération du conseil de territoire n° 2021-12-14-08 du 14 décembre 2021) ;',
    );
    // No visa of the PDALHPD for Action Logement (its « Publics prioritaires » article may
    // still name the plan, by which the État recognises the priority households).
    expect(textes.get('action-logement-v1')).not.toContain('Vu le plan départemental');
    expect(textes.get('action-logement-v1')).toContain('Article 4 – Publics prioritaires');
  });

  it('prints the first day of a month as « 1er » (C6, raised in the HTML)', () => {
    expect(textes.get('montreuil-v1')).toContain('du 1er janvier 2024 au 31 décembre 2026');
  });
});

describe('the court of a convention, from the CLI', () => {
  it('is an error when the département has no tribunal administratif and no court is named', () => {
    const dir = mkdtempSync(join(tmpdir(), 'convflux-juridiction-'));
    const c = parse(readFileSync(join(exemples, 'etat-93', 'v1.yaml'), 'utf8')) as Record<
      string,
      unknown
    >;
    delete c['empreinte'];
    c['statut'] = 'projet';
    c['departement'] = '96';
    c['id'] = '96-552046484-etat-93';
    const file = join(dir, 'v1.yaml');
    writeFileSync(file, stringify(c));
    const run = runCli(['check', file, '--json']);
    const codes = (JSON.parse(run.stdout) as { diagnostics: { code: string; message: string }[] })
      .diagnostics;
    const d = codes.find((x) => x.code === 'TRIBUNAL_ADMINISTRATIF_INCONNU');
    expect(d?.message).toContain('Le département 96 n’a pas de tribunal administratif');
    expect(run.code).toBe(1);

    c['juridiction'] = { tribunal: 'Tribunal administratif de Montreuil' };
    writeFileSync(file, stringify(c));
    const nomme = runCli(['check', file, '--json']);
    const apres = (JSON.parse(nomme.stdout) as { diagnostics: { code: string }[] }).diagnostics;
    expect(apres.map((x) => x.code)).not.toContain('TRIBUNAL_ADMINISTRATIF_INCONNU');
  });
});
