/** The relevé de cotation and the grid document, printed by the real CLI and read back. */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, runCli } from '../helpers.js';
import { pdfPageTexts } from '../pdf-text.js';

const GRILLE = join(repoRoot, 'rules/cotation/246700488/v1.yaml');

/** Spaces as pdfjs gives them (thin and non-breaking spaces included) folded to one. */
const plat = (s: string): string => s.replace(/[\s\u00a0\u202f]+/g, ' ');

describe('relevé de cotation', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cotation-releve-'));
  writeFileSync(
    join(dir, 'demandes.csv'),
    'numero_unique,date_depot,dates_refus,typologie,communes_souhaitees,commune_actuelle,logement_actuel,situation_professionnelle,motifs\n' +
      '0671119000001,2024-08-30,2025-02-28,t3,67482,67482,residence_sociale_foyer,cdd_stage_interim,\n' +
      '0671119000002,2024-01-01,,t3,67482,,,,\n' +
      '0671119000003,2024-08-30,,t3,67482,75056,,,mobilite_professionnelle\n' +
      '0671119000004,2025-03-01,,t3,67482,,,,\n' +
      '0671119000005,2020-01-01,,t2,67482,,,,\n' +
      '0671119000006,2024-01-01,,t4,67043,,,,\n',
  );
  // Attributions of the kind t3 / 67482 in the 12 months before 2025-06-30: 20 and 13 months.
  writeFileSync(
    join(dir, 'attributions.csv'),
    'typologie,commune,date_depot,date_attribution\n' +
      't3,67482,2023-01-10,2024-09-15\nt3,67482,2024-02-01,2025-03-01\n' +
      't2,67482,2024-01-01,2025-01-01\nt3,67482,2020-01-01,2023-01-01\n' +
      't3,67482,2023-06-30,2024-06-30\nt3,67482,2025-01-01,2025-07-01\n',
  );

  const releve = (numero: string, out: string, ...more: string[]) =>
    runCli(
      [
        'cotation',
        '--grille',
        GRILLE,
        '--demandes',
        'demandes.csv',
        '--attributions',
        'attributions.csv',
        '--date',
        '2025-06-30',
        '--releve',
        numero,
        '--out',
        out,
        ...more,
      ],
      dir,
    );

  it('prints one page: score and formula, priority, rank, waiting time, refusal, the grid', async () => {
    const r = releve('0671119000001', 'out');
    expect(r.code).toBe(0);
    const pages = await pdfPageTexts(readFileSync(join(dir, 'out', 'releve-0671119000001.pdf')));
    expect(pages).toHaveLength(1);
    const text = plat(pages[0] ?? '');
    expect(text).toContain('Relevé de cotation de votre demande de logement social');
    expect(text).toContain('4 mois entiers depuis le dernier refus');
    expect(text).toContain('4 × (1 + 0,3 + 0,3) = 4 × 1,6 = 6,4');
    expect(text).toContain('6,4 points');
    // 003: 10 months × 1,8 = 18; 002: 17 months; 001: 6,4; 004: 3 — the t2 request is another kind.
    // The commune by its name (it said « 1re commune souhaitée 67482 »).
    expect(text).toContain(
      '3e sur 4 demandes de même type (T3, 1re commune souhaitée : Strasbourg, 67482)',
    );
    // The window's both ends (it said « des 12 mois précédant le 30 juin 2025 », which reads as
    // leaving out 30 June); an attribution on 30 June 2024, 12 months before, is not counted.
    expect(text).toContain('16,5 mois (2 attributions du 1er juillet 2024 au 30 juin 2025)');
    expect(text).toContain('passerait de 6,4 à 0 point');
    // The seed dates no grid: the date is convflux's choice (date_retenue_par_convflux), said so
    // beside it, in the heading and the footer — it was printed as the source's.
    expect(text).toContain(
      'grille version 1, en vigueur le 1er janvier 2019 (date retenue par convflux, non donnée par la source)',
    );
    expect(text).toContain(
      'en vigueur le 1er janvier 2019 (date retenue par convflux) · cotation au',
    );
    expect(text).not.toMatch(/\b\d{4}-\d{2}-\d{2}\b/);
    for (const critere of [
      'ACDI/AGI',
      'Mobilité professionnelle',
      'Mutation hors EPCI',
      'Décohabitation',
    ])
      expect(text).toContain(critere);
  }, 180_000);

  it('prints the same bytes twice, and another request’s relevé with another file identifier', () => {
    const pdf = (out: string, numero: string) =>
      readFileSync(join(dir, out, `releve-${numero}.pdf`));
    expect(releve('0671119000002', 'a').code).toBe(0);
    expect(releve('0671119000002', 'b').code).toBe(0);
    expect(releve('0671119000003', 'a').code).toBe(0);
    expect(Buffer.compare(pdf('a', '0671119000002'), pdf('b', '0671119000002'))).toBe(0);
    const id = (b: Buffer) => /\/ID \[ ?<([0-9A-F]+)>/i.exec(b.toString('latin1'))?.[1];
    expect(id(pdf('a', '0671119000002'))).toMatch(/^[0-9A-F]{32}$/i);
    expect(id(pdf('a', '0671119000003'))).not.toBe(id(pdf('a', '0671119000002')));
  }, 300_000);

  it('prints the same grid document twice, byte for byte', () => {
    const grille = (out: string) => {
      expect(
        runCli(['cotation', '--grille', GRILLE, '--document-grille', '--out', out], dir).code,
      ).toBe(0);
      return readFileSync(join(dir, out, 'grille-246700488-v1.pdf'));
    };
    expect(Buffer.compare(grille('g1'), grille('g2'))).toBe(0);
  }, 300_000);

  it('prints the public grid document with every criterion and the references', async () => {
    const r = runCli(['cotation', '--grille', GRILLE, '--document-grille', '--out', 'grille'], dir);
    expect(r.code).toBe(0);
    const pages = await pdfPageTexts(readFileSync(join(dir, 'grille', 'grille-246700488-v1.pdf')));
    const text = plat(pages.join(' '));
    expect(text).toContain('Grille de cotation de la demande de logement social');
    expect(text).toContain('Sanctuairehandicap Si la case');
    expect(text).toContain('CCH art. R. 441-2-10, 11° (texte cité, lu le 2 décembre 2026)');
    expect(text).toContain('CCH art. L. 441-2-8 (résumé, texte non cité)');
    // The priority's condition, then the grid's note (it said only « quand elle remplit la
    // condition de priorité de la grille » when the grid has no note).
    expect(text).toContain(
      'Priorité. La demande est prioritaire quand : Demande reconnue prioritaire (CCH art. L. 441-1) : oui. La grille du document source',
    );
    // Law quoted, never paraphrased as if quoted: guillemets around the cited text only.
    expect(text).toContain('(texte cité, lu le 2 décembre 2026) : « 11° Le principe');
    expect(text).toContain('(résumé, texte non cité) : Le plan partenarial');
    expect(text).not.toMatch(/texte non cité\) : «/);
    // Dates in French words, never AAAA-MM-JJ (the reading date was printed 2026-12-02).
    expect(text).not.toMatch(/\b\d{4}-\d{2}-\d{2}\b/);
  }, 180_000);

  it('says « Non renseigné » of a priority the requests file does not give, no column or an empty cell (HTML and PDF)', async () => {
    // demandes.csv has no prioritaire_l441_1 column: the relevé said « Demande prioritaire : Non ».
    const r = releve('0671119000002', 'prio', '--html');
    expect(r.code, r.stderr).toBe(0);
    expect(plat(readFileSync(join(dir, 'prio', 'releve-0671119000002.html'), 'utf8'))).toContain(
      'prioritaire</th><td>Non renseigné : le fichier des demandes ne dit pas si votre demande relève des publics prioritaires.</td>',
    );
    expect(releve('0671119000002', 'prio').code).toBe(0);
    const pages = await pdfPageTexts(readFileSync(join(dir, 'prio', 'releve-0671119000002.pdf')));
    expect(plat(pages.join(' '))).toContain('Demande prioritaire Non renseigné : le fichier');
    // The column given, « non » in it: « Non. » as before; its cell empty for a request: « Non
    // renseigné » as without the column (it said « Non. »).
    writeFileSync(
      join(dir, 'avec-prio.csv'),
      'numero_unique,date_depot,prioritaire_l441_1\n0671119000009,2024-08-30,non\n' +
        '0671119000010,2024-08-30,\n',
    );
    const avec = (numero: string): string => {
      const r = runCli(
        [
          'cotation',
          ...['--grille', GRILLE, '--demandes', 'avec-prio.csv', '--date', '2025-06-30'],
          ...['--releve', numero, '--html', '--out', 'avec-prio'],
        ],
        dir,
      );
      expect(r.code, r.stderr).toBe(0);
      return plat(readFileSync(join(dir, 'avec-prio', `releve-${numero}.html`), 'utf8'));
    };
    expect(avec('0671119000009')).toContain('prioritaire</th><td>Non.</td>');
    expect(avec('0671119000010')).toContain(
      'prioritaire</th><td>Non renseigné : le fichier des demandes ne dit pas si votre demande relève des publics prioritaires.</td>',
    );
  }, 180_000);

  it('labels a grid date marked as convflux’s choice, and only that one (HTML)', () => {
    const sansTexte = (f: string): string => plat(readFileSync(f, 'utf8').replace(/<[^>]+>/g, ''));
    const additive = join(repoRoot, 'rules/cotation/244500468/v1.yaml');
    const r = runCli(
      ['cotation', '--grille', additive, '--document-grille', '--html', '--out', 'date-fictive'],
      dir,
    );
    expect(r.code, r.stderr).toBe(0);
    expect(sansTexte(join(dir, 'date-fictive', 'grille-244500468-v1.html'))).toContain(
      'en vigueur le 1er janvier 2025 (date choisie par convflux pour cette grille fictive)',
    );
    // A grid whose date is the EPCI's own (no date_retenue_par_convflux): the date alone.
    const folder = join(dir, 'date-source', 'rules', 'cotation', '246700488');
    mkdirSync(folder, { recursive: true });
    const yaml = readFileSync(GRILLE, 'utf8').replace('date_retenue_par_convflux: true\n', '');
    expect(yaml).not.toContain('date_retenue_par_convflux');
    writeFileSync(join(folder, 'v1.yaml'), yaml);
    const s = runCli(
      [
        'cotation',
        '--grille',
        join(folder, 'v1.yaml'),
        '--document-grille',
        '--html',
        '--out',
        'date-source',
      ],
      dir,
    );
    expect(s.code, s.stderr).toBe(0);
    const texte = sansTexte(join(dir, 'date-source', 'grille-246700488-v1.html'));
    expect(texte).toContain('en vigueur le 1er janvier 2019');
    expect(texte).not.toContain('par convflux, non donnée');
    expect(texte).not.toContain('(date retenue par convflux)');
  });

  it('says a grid counting from the renewal counts from the filing when there is none (HTML)', () => {
    // The grid document said « depuis la date de renouvellement de la demande » while a request
    // never renewed is counted from its filing date.
    const folder = join(dir, 'renouvellement', 'rules', 'cotation', '244500468');
    mkdirSync(folder, { recursive: true });
    const grille = join(folder, 'v1.yaml');
    writeFileSync(
      grille,
      readFileSync(join(repoRoot, 'rules/cotation/244500468/v1.yaml'), 'utf8').replace(
        'depuis: date_depot',
        'depuis: date_renouvellement',
      ),
    );
    const r = runCli(
      ['cotation', '--grille', grille, '--document-grille', '--html', '--out', 'renouv'],
      dir,
    );
    expect(r.code, r.stderr).toBe(0);
    const html = plat(
      readFileSync(join(dir, 'renouv', 'grille-244500468-v1.html'), 'utf8').replace(/<[^>]+>/g, ''),
    );
    expect(html).toContain(
      'depuis la date de renouvellement de la demande (sa date de dépôt si elle n’a pas été renouvelée), arrondi',
    );
    writeFileSync(
      join(dir, 'renouv.csv'),
      'numero_unique,date_depot,date_renouvellement\n0451119000001,2024-02-29,2025-02-28\n0451119000002,2024-02-29,\n',
    );
    const csv = runCli(
      ['cotation', '--grille', grille, '--demandes', 'renouv.csv', '--date', '2025-06-30', '--csv'],
      dir,
    );
    expect(csv.stdout).toContain('0451119000001,2,2025-02-28,date_renouvellement,4,8,');
    expect(csv.stdout).toContain('0451119000002,3,2024-02-29,date_depot,16,32,');
  });

  it('says the priority is not determined when the grid defines none (HTML, --explain)', () => {
    // The relevé said « Non. », read as a finding that the request is not priority.
    const folder = join(dir, 'sans-priorite', 'rules', 'cotation', '244500468');
    mkdirSync(folder, { recursive: true });
    const grille = join(folder, 'v1.yaml');
    const yaml = readFileSync(join(repoRoot, 'rules/cotation/244500468/v1.yaml'), 'utf8').replace(
      'priorite:\n  si: { prioritaire_l441_1: { egal: true } }\n',
      '',
    );
    expect(yaml).not.toContain('priorite:');
    writeFileSync(grille, yaml);
    writeFileSync(join(dir, 'np.csv'), 'numero_unique,date_depot\n0451119000001,2024-08-30\n');
    const args = ['cotation', '--grille', grille, '--demandes', 'np.csv', '--date', '2025-06-30'];
    const r = runCli([...args, '--releve', '0451119000001', '--html', '--out', 'np'], dir);
    expect(r.code, r.stderr).toBe(0);
    const html = plat(readFileSync(join(dir, 'np', 'releve-0451119000001.html'), 'utf8'));
    expect(html).toContain(
      'prioritaire</th><td>Non déterminé : la grille ne définit pas de priorité.</td>',
    );
    expect(runCli([...args, '--explain', '0451119000001'], dir).stdout).toContain(
      'Demande prioritaire : non déterminé (la grille ne définit pas de priorité)',
    );
  });

  it('gives a condition to every criterion of a grid without texte_source, marked as convflux’s reading (HTML)', () => {
    // The additive grid has no texte_source: its « Condition » column was empty.
    const additive = join(repoRoot, 'rules/cotation/244500468/v1.yaml');
    const r = runCli(
      ['cotation', '--grille', additive, '--document-grille', '--html', '--out', 'additive'],
      dir,
    );
    expect(r.code, r.stderr).toBe(0);
    const html = readFileSync(join(dir, 'additive', 'grille-244500468-v1.html'), 'utf8');
    const cellules = [...html.matchAll(/<td class="condition">([\s\S]*?)<\/td>/g)].map(
      (m) => m[1] ?? '',
    );
    expect(cellules.length).toBeGreaterThan(0);
    for (const c of cellules) expect(c).toMatch(/^<em>.+<\/em>$/);
    // The same tests the scoring applies: taux_effort superieur_a 30, sur_occupation au_moins 2.
    expect(html).toContain('&gt; 30</em>');
    // « (%) » of the field's libellé as written: no narrow space after the bracket (« ( %) »).
    expect(html).toContain('Taux d’effort sur le logement actuel (%) &gt; 30</em>');
    expect(html).toContain('≥ 2</em>');
    const lu = html.replace(/[\u00a0\u202f]/g, ' ');
    expect(lu).toContain('Décision favorable de la commission de médiation (DALO) : oui</em>');
    expect(lu).toContain('Logement actuel : Sans abri ou habitat de fortune ou Hébergé');
    expect(html).toContain('en italique, lue par convflux');
    expect(html).toContain('la grille ne donne pas le texte de cette condition');
    expect(lu.replace(/<[^>]+>/g, '')).toContain(
      'La demande est prioritaire quand : Demande reconnue prioritaire (CCH art. L. 441-1) : oui.',
    );
    expect(html).not.toContain('condition de priorité de la grille');
    // The grid with its own texts keeps them, not in italics, and says nothing of a reading.
    const strasbourg = runCli(
      ['cotation', '--grille', GRILLE, '--document-grille', '--html', '--out', 'avec-textes'],
      dir,
    );
    expect(strasbourg.code).toBe(0);
    const texte = readFileSync(join(dir, 'avec-textes', 'grille-246700488-v1.html'), 'utf8');
    expect(texte).not.toContain('lue par convflux');
  });

  it('says « 1re sur 1 demande » and no attribution of the kind with the window’s dates (HTML)', () => {
    const r = releve('0671119000006', 'seule', '--html');
    expect(r.code).toBe(0);
    const html = plat(
      readFileSync(join(dir, 'seule', 'releve-0671119000006.html'), 'utf8').replace(/<[^>]+>/g, ''),
    );
    // It said « 1re sur 1 demandes », and « au cours des 12 derniers mois » without dates.
    expect(html).toContain(
      '1re sur 1 demande de même type (T4, 1re commune souhaitée : Bischheim, 67043)',
    );
    expect(html).toContain(
      'Délai d’attente moyen : aucune attribution de ce type du 1er juillet 2024 au 30 juin 2025.',
    );
  });

  it('gives no rank nor waiting time to a request whose kind is unknown, and says why (HTML)', () => {
    // Two requests without typologie nor commune, one with a typologie only: none has a kind
    // (typologie and first wished commune), so none is ranked « among the same kind ».
    writeFileSync(
      join(dir, 'sans-genre.csv'),
      'numero_unique,date_depot,typologie\n0671119000011,2024-01-01,\n0671119000012,2023-01-01,\n' +
        '0671119000013,2023-06-01,t3\n',
    );
    const releve = (numero: string, out: string): string => {
      const args = ['--grille', GRILLE, '--demandes', 'sans-genre.csv', '--date', '2025-06-30'];
      const more = ['--attributions', 'attributions.csv', '--html', '--out', out];
      const r = runCli(['cotation', ...args, '--releve', numero, ...more], dir);
      expect(r.code).toBe(0);
      return plat(readFileSync(join(dir, out, `releve-${numero}.html`), 'utf8'));
    };
    const aucun = releve('0671119000011', 'sans-genre');
    const raison =
      'la demande ne renseigne pas la typologie souhaitée ni la 1re commune souhaitée, le type de demande n’est donc pas connu.';
    expect(aucun).toContain(`Rang non établi : ${raison}`);
    expect(aucun).toContain(`Délai d’attente moyen : non établi, ${raison}`);
    expect(aucun).not.toContain('sur 2 demandes');
    const sansCommune = releve('0671119000013', 'sans-commune');
    expect(sansCommune).toContain(
      'Rang non établi : la demande ne renseigne pas la 1re commune souhaitée, le type de demande n’est donc pas connu.',
    );
  });
});
