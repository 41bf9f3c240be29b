/**
 * The newcomer's path on the command line: per-command help (French and English), « vouliez-vous
 * dire » on near misses, options checked against the command, no English library text in French
 * output (nor French in English), the schema modeline, the progress bar (TTY only), the words
 * of `evaluate`'s tables and `--explain`, and the cascades that used to mislead.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/command-table.js';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { cliPath, repoRoot, runCli } from '../helpers.js';

interface JsonOutput {
  ok: boolean;
  diagnostics: Diagnostic[];
}

const PARC = 'test/fixtures/exemple-93/logements.csv';
const EVENTS = 'test/fixtures/exemple-93/evenements.csv';
const EXAMPLE = ['evaluate', '--parc', PARC, '--events', EVENTS, '--annee', '2025'];
const MONTREUIL = 'conventions/93/552046484/montreuil/v1.yaml';

/** Text parseArgs or Node would print in English. */
const NODE_ENGLISH =
  /Unknown option|argument is ambiguous|Did you forget|Unexpected argument|Option '/;
/** French words that must not appear in English output. */
const FRENCH = /défaut|Options de|vouliez|commande|il manque|attend |reçu|aucun|fichier/i;

function exampleCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'convflux-robustesse-cli-'));
  cpSync(join(repoRoot, 'rules', 'conventions'), join(dir, 'conventions'), { recursive: true });
  return dir;
}

function edit(file: string, from: RegExp | string, to: string): void {
  const text = readFileSync(file, 'utf8');
  const next = text.replace(from, to);
  expect(next, `edit of ${file}`).not.toBe(text);
  writeFileSync(file, next);
}

const usage = (r: { stdout: string }): Diagnostic => {
  const out = JSON.parse(r.stdout) as JsonOutput;
  expect(out.ok).toBe(false);
  const [d] = out.diagnostics;
  expect(d?.code).toBe('USAGE');
  return d as Diagnostic;
};

describe('help', () => {
  it.each(COMMANDS)(
    '$name has its help (COMMANDE --help, help COMMANDE), in French and English',
    (c) => {
      const fr = runCli([c.name, '--help']);
      expect(fr.code, c.name).toBe(0);
      expect(fr.stdout.startsWith(`convflux ${c.name} — ${c.summary.fr}\n`)).toBe(true);
      for (const o of c.options)
        expect(fr.stdout, `${c.name} --${o.name}`).toContain(`--${o.name}`);
      expect(fr.stdout).toContain('Options de toutes les commandes :');
      expect(runCli(['help', c.name]).stdout).toBe(fr.stdout);
      const en = runCli(['help', c.name, '--lang', 'en']);
      expect(en.code).toBe(0);
      expect(en.stdout).toContain(c.summary.en);
      expect(en.stdout).toContain('Options of every command:');
      expect(en.stdout).not.toMatch(/défaut|Options de |FICHIER|DOSSIER|AAAA/);
    },
  );

  it('the global help lists every command, in English with --lang en', () => {
    const fr = runCli(['--help']);
    expect(fr.code).toBe(0);
    for (const c of COMMANDS) expect(fr.stdout).toContain(`convflux ${c.usage[0]?.fr ?? ''}`);
    expect(fr.stdout).toContain('convflux help COMMANDE');
    const en = runCli(['--help', '--lang', 'en']);
    for (const c of COMMANDS) expect(en.stdout).toContain(c.summary.en);
    expect(en.stdout).not.toMatch(FRENCH);
    expect(runCli(['help']).stdout).toBe(fr.stdout);
  });
});

/** Command lines that are usage mistakes. */
const MISTAKES = [
  ['check', '--inconnue'],
  ['evaluate', '--parc'],
  ['evaluate', '--parc', '--json'],
  ['check', '--json=oui'],
  ['check', '-x'],
  ['--lang', 'de', 'check'],
  ['seal'],
  ['rules'],
  ['evaluate', 'en-trop'],
  [],
];

describe('usage mistakes', () => {
  it('an unknown command: « vouliez-vous dire … ? », exit 2 (Damerau distance ≤ 2)', () => {
    const r = runCli(['chekc']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('commande inconnue « chekc » ; vouliez-vous dire « check » ?');
    expect(runCli(['evalute']).stderr).toContain('vouliez-vous dire « evaluate » ?');
    expect(runCli(['help', 'bilna']).stderr).toContain('vouliez-vous dire « bilan » ?');
    const far = runCli(['zzzzzz']);
    expect(far.code).toBe(2);
    expect(far.stderr).not.toContain('vouliez-vous dire');
    const en = runCli(['rendre', '--lang', 'en', '--json']);
    expect(en.code).toBe(2);
    expect(usage(en).message).toContain('unknown command "rendre"; did you mean "render"?');
    expect(usage(en).params).toEqual({ commande: 'rendre', suggestion: 'render' });
  });

  it('an unknown option: the nearest option of the command, and the command’s options', () => {
    const r = runCli([...EXAMPLE, '--tolerent']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      'option inconnue « --tolerent » ; vouliez-vous dire « --tolerant » ?',
    );
    expect(r.stderr).toContain('options de evaluate : --parc, --events, --annee');
    expect(r.stderr).toContain('Voir `convflux help evaluate`.');
    const en = runCli(['check', '--stirct', '--lang', 'en']);
    expect(en.stderr).toContain('unknown option "--stirct"; did you mean "--strict"?');
    expect(en.stderr).toContain('See `convflux help check`.');
  });

  it('an option that does not apply to the command names the command’s options', () => {
    const r = runCli(['check', 'rules/', '--csv', '--json']);
    expect(r.code).toBe(2);
    expect(usage(r).message).toBe(
      'check : l’option --csv ne s’applique pas à cette commande (options de check : --strict, --parc)',
    );
    expect(usage(r).params).toEqual({
      commande: 'check',
      option: '--csv',
      options: '--strict, --parc',
    });
    // What bilan's own table did before: the same rule for every command.
    const bilan = runCli(['bilan', '--explain', 'X', '--lang', 'en']);
    expect(bilan.code).toBe(2);
    expect(bilan.stderr).toContain('bilan: option --explain does not apply to this command');
    expect(bilan.stderr).toContain('--reservataire, --convention');
    expect(runCli(['schema', '--force']).code).toBe(2);
    expect(runCli(['verify', 'x.pdf', '--html']).code).toBe(2);
  });

  it('no English library text in French usage messages', () => {
    for (const args of MISTAKES) {
      const fr = runCli(args);
      expect(fr.code, args.join(' ')).toBe(2);
      expect(fr.stderr + fr.stdout, args.join(' ')).not.toMatch(NODE_ENGLISH);
      if (!args.includes('--json')) expect(fr.stderr, args.join(' ')).toMatch(/^convflux : /);
    }
  });

  it('English usage messages, without French or library text', () => {
    for (const args of MISTAKES.filter((a) => !a.includes('--lang'))) {
      const en = runCli([...args, '--lang', 'en']);
      expect(en.code, `${args.join(' ')} --lang en`).toBe(2);
      expect(en.stderr + en.stdout, `${args.join(' ')} --lang en`).not.toMatch(NODE_ENGLISH);
      expect(en.stderr + en.stdout, `${args.join(' ')} --lang en`).not.toMatch(FRENCH);
    }
    const missing = runCli(['evaluate', '--lang', 'en', '--annee', '2025']);
    expect(missing.stderr).toContain('evaluate: missing --parc FILE, --events FILE');
  });
});

describe('convflux schema', () => {
  it('prints the modeline to paste, relative to the file given, absolute without one', () => {
    const dir = exampleCopy();
    const r = runCli(['schema', MONTREUIL], dir);
    expect(r.code).toBe(0);
    const line = r.stdout.trim();
    const [, path = ''] = /^# yaml-language-server: \$schema=(.+)$/.exec(line) ?? [];
    expect(path).toMatch(/^(\.\.\/)+.*schemas\/convention\.schema\.json$/);
    // The path works from the file's folder.
    const fromFile = join(dir, 'conventions/93/552046484/montreuil', path);
    expect(readFileSync(fromFile, 'utf8')).toContain('"$schema"');
    const abs = runCli(['schema', '--json']);
    const out = JSON.parse(abs.stdout) as { modeline: string; schema: string };
    expect(out.modeline).toBe(`# yaml-language-server: $schema=${out.schema}`);
    expect(out.schema.startsWith('/')).toBe(true);
    expect(runCli(['schema', 'a.yaml', 'b.yaml']).code).toBe(2);
  });
});

describe('progress bar', () => {
  /** Runs the CLI in a pseudo-terminal (util-linux `script`); stdout goes to /dev/null. */
  function inTerminal(args: string[], delay: string): string {
    const command = [process.execPath, cliPath, ...args].map((a) => `'${a}'`).join(' ');
    const r = spawnSync('script', ['-qfec', `${command} >/dev/null`, '/dev/null'], {
      cwd: repoRoot,
      encoding: 'utf8',
      env: { ...process.env, CONVFLUX_PROGRESSION_DELAI: delay },
      timeout: 15_000,
    });
    expect(r.status).toBe(0);
    return r.stdout;
  }

  it('on a terminal once the delay has passed, erased at the end', () => {
    const shown = inTerminal(EXAMPLE, '0');
    expect(shown).toMatch(/\r[█░]{24} \d+\u202fs évaluation de l’année 2025/);
    expect(shown).toMatch(/\r {10,}\r$/);
  });

  it('nothing before the delay, nothing with --json, nothing without a terminal', () => {
    expect(inTerminal(EXAMPLE, '60000')).toBe('');
    expect(inTerminal([...EXAMPLE, '--json'], '0')).toBe('');
    const piped = spawnSync(process.execPath, [cliPath, ...EXAMPLE], {
      cwd: repoRoot,
      encoding: 'utf8',
      env: { ...process.env, CONVFLUX_PROGRESSION_DELAI: '0' },
    });
    expect(piped.status).toBe(0);
    expect(piped.stderr).toBe('');
  });
});

/** A small parc and events file: one flat per reason for entering no flux. */
function explainer(): (flat: string, ...more: string[]) => string {
  const dir = mkdtempSync(join(tmpdir(), 'convflux-explain-'));
  const header = readFileSync(join(repoRoot, PARC), 'utf8').split('\n')[0] ?? '';
  writeFileSync(
    join(dir, 'parc.csv'),
    [
      header,
      'L-STOCK,552046484,93,93066,200057867,false,T3,PLUS,2000,defense',
      'L-BAIL,552046484,93,93066,200057867,false,T3,PLUS,2000,',
      'L-LIBRE,552046484,93,93066,200057867,false,T3,PLUS,2000,',
      'L-HA,552046484,93,93066,200057867,false,T3,PLUS,2000,',
      'L-94,552046484,94,94028,200054781,false,T3,PLUS,2000,',
      '',
    ].join('\n'),
  );
  writeFileSync(
    join(dir, 'evenements.csv'),
    [
      'id,date,type,logement,reservataire,motif,decision,par,candidats',
      'E1,2025-02-01,liberation,L-STOCK,,,,,',
      'E2,2025-02-01,bail_signe,L-BAIL,,,,,',
      'E3,2025-02-01,liberation,L-LIBRE,,,,,',
      'E4,2025-02-01,hors_assiette,L-HA,,mutation_interne,,,',
      'E5,2025-02-01,liberation,L-94,,,,,',
      'E6,2025-02-01,liberation,L-ABSENT,,,,,',
      '',
    ].join('\n'),
  );
  const rules = join(repoRoot, 'rules');
  return (flat: string, ...more: string[]): string =>
    runCli(
      [
        'evaluate',
        '--rules',
        rules,
        '--parc',
        'parc.csv',
        '--events',
        'evenements.csv',
        '--annee',
        '2025',
        '--tolerant',
        '--explain',
        flat,
        ...more,
      ],
      dir,
    ).stdout;
}

describe('evaluate: words, not codes', () => {
  it('the tables have headers and French labels; English with --lang en', () => {
    const r = runCli(EXAMPLE);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ {2}convention +objectif +nature +cible +réalisé +écart +statut$/m);
    expect(r.stdout).toMatch(/contractuel +[\d,]+ +[\d,]+ +[\d,]+ +non atteint$/m);
    expect(r.stdout).toMatch(/^ {2}mutation interne +1 +1$/m);
    expect(r.stdout).not.toMatch(/non_atteint|mutation_interne|relogement_/);
    const en = runCli([...EXAMPLE, '--lang', 'en']);
    expect(en.stdout).toMatch(
      /^ {2}convention +objective +nature +target +achieved +gap +status$/m,
    );
    expect(en.stdout).toMatch(/contractual +[\d.]+ +[\d.]+ +[\d.]+ +not met$/m);
    expect(en.stdout).toMatch(/^ {2}internal transfer +1 +1$/m);
  });

  it('--explain: stock, not freed, freed but not oriented', () => {
    const explain = explainer();
    expect(explain('L-STOCK')).toContain(
      'Aucun flux : logement resté en stock, hors du flux (Défense ; CCH art. R. 441-5 I).',
    );
    expect(explain('L-BAIL')).toContain('Aucun flux : logement ni libéré ni mis en service');
    expect(explain('L-LIBRE')).toMatch(
      /Aucun flux : libéré mais orienté vers aucun réservataire dans l’année \(conventions qui le couvrent : .*93-552046484-etat-93/,
    );
  });

  it('--explain: hors assiette, no convention for the commune, unknown flat', () => {
    const explain = explainer();
    expect(explain('L-HA')).toContain(
      'Aucun flux : logement attribué hors assiette (mutation interne',
    );
    expect(explain('L-94')).toContain(
      'Aucun flux : aucune convention de ce bailleur ne couvre la commune 94028.',
    );
    expect(explain('L-ABSENT')).toContain('Aucun flux : logement absent du parc');
    expect(explain('L-NULLE-PART')).toContain(
      'Aucun flux : logement absent du parc, et aucun événement de la période ne le nomme.',
    );
  });

  it('--explain: the fluxes entered; --json and --lang en', () => {
    const explain = explainer();
    const json = JSON.parse(explain('L-HA', '--json')) as { parcours: unknown };
    expect(json.parcours).toEqual({
      flux: [],
      raison: 'hors_assiette',
      motifs: ['mutation_interne'],
    });
    expect(explain('L-STOCK', '--lang', 'en')).toContain(
      'No flux: the flat stays in stock, outside the flux (Defence; CCH art. R. 441-5 I).',
    );
    // Freed on 23 January 2025: it entered the État's flux in the year evaluated.
    const entered = runCli([...EXAMPLE, '--explain', '93-552046484-00391']);
    expect(entered.stdout).toContain('Flux : entré dans 93-552046484-etat-93 sur la période.');
    // Freed on 9 December 2024: it entered that flux in 2024; its cycle goes on in 2025.
    const poursuivi = runCli([...EXAMPLE, '--explain', '93-552046484-00161']);
    expect(poursuivi.stdout).not.toContain('entré dans 93-552046484-etat-93 sur la période');
    expect(poursuivi.stdout).toContain(
      'son cycle se poursuit sur la période dans 93-552046484-etat-93',
    );
  });
});

describe('misleading cascades', () => {
  it('(a) after a Luhn error, no id hint built from the invalid SIREN', () => {
    const dir = exampleCopy();
    edit(join(dir, MONTREUIL), 'siren: "552046484"', 'siren: "552046485"');
    const r = runCli(['check', MONTREUIL, '--json'], dir);
    expect(r.code).toBe(1);
    const codes = (JSON.parse(r.stdout) as JsonOutput).diagnostics.map((d) => d.code);
    expect(codes).toContain('SIREN_INVALIDE');
    expect(r.stdout).not.toContain('93-552046485-montreuil');
    expect(codes).not.toContain('ID_INCOHERENT');
    // A wrong id next to a bad SIREN is still reported, with the id's own (valid) SIREN.
    edit(join(dir, MONTREUIL), 'id: 93-552046484-montreuil', 'id: 93-552046484-montreuile');
    const both = JSON.parse(runCli(['check', MONTREUIL, '--json'], dir).stdout) as JsonOutput;
    expect(both.diagnostics.find((d) => d.code === 'ID_INCOHERENT')?.params).toEqual({
      id: '93-552046484-montreuile',
      attendu: '93-552046484-montreuil',
    });
  });

  it('(b) a tab in the indentation is reported first and alone, at the tab', () => {
    const dir = exampleCopy();
    const file = join(dir, MONTREUIL);
    // A tab-indented block whose keys then collide with the top level (a duplicate key cascade).
    edit(
      file,
      /^bailleur:\n {2}siren: "552046484"\n {2}nom: /m,
      'bailleur:\n\tsiren: "552046484"\n\tnom: ',
    );
    const r = runCli(['check', MONTREUIL, '--json'], dir);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as JsonOutput;
    const line =
      readFileSync(file, 'utf8')
        .split('\n')
        .findIndex((l) => l.startsWith('\tsiren')) + 1;
    expect(out.diagnostics.filter((d) => d.file.endsWith('v1.yaml'))).toMatchObject([
      { code: 'YAML_TABULATION', line, column: 1 },
    ]);
    expect(out.diagnostics[0]?.message).toMatch(/^Tabulation dans l’indentation/);
    expect(r.stdout).not.toMatch(/not allowed|Tabs/);
    // After spaces, the tab's own column.
    const dir2 = exampleCopy();
    edit(join(dir2, MONTREUIL), /^ {2}nom: Commune de Montreuil/m, '  \tnom: Commune de Montreuil');
    const r2 = JSON.parse(runCli(['check', MONTREUIL, '--json'], dir2).stdout) as JsonOutput;
    expect(r2.diagnostics[0]).toMatchObject({ code: 'YAML_TABULATION', column: 3 });
  });

  it('(c) « delai: 9999 jours » is out of range, with its bounds; a bad unit is malformed', () => {
    const dir = exampleCopy();
    const file = join(dir, MONTREUIL);
    edit(file, /^ {2}delai: 1 mois/m, '  delai: 9999 jours');
    const r = JSON.parse(runCli(['check', MONTREUIL, '--json'], dir).stdout) as JsonOutput;
    expect(r.diagnostics).toMatchObject([
      {
        code: 'SCHEMA_HORS_BORNES',
        message:
          'Valeur "9999 jours" hors bornes : attendu un délai de 1 à 999 jours, semaines ou mois.',
      },
    ]);
    const en = JSON.parse(
      runCli(['check', MONTREUIL, '--json', '--lang', 'en'], dir).stdout,
    ) as JsonOutput;
    expect(en.diagnostics[0]?.message).toContain(
      'expected a delay of 1 to 999 days, weeks or months',
    );
    edit(file, '  delai: 9999 jours', '  delai: 3 quinzaines');
    const bad = JSON.parse(runCli(['check', MONTREUIL, '--json'], dir).stdout) as JsonOutput;
    expect(bad.diagnostics[0]?.code).toBe('SCHEMA_FORMAT');
  });

  it('(d) disjoint bilan filters say so, naming them, not « aucune convention en vigueur »', () => {
    const out = mkdtempSync(join(tmpdir(), 'convflux-bilan-filtres-'));
    const args = [
      'bilan',
      '--parc',
      PARC,
      '--events',
      EVENTS,
      '--annee',
      '2025',
      '--out',
      out,
      '--html',
    ];
    const r = runCli([
      ...args,
      '--reservataire',
      'etat-93',
      '--convention',
      '93-552046484-montreuil',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      '--reservataire etat-93 et --convention 93-552046484-montreuil ne sélectionnent ensemble aucune convention',
    );
    expect(r.stderr).toContain('conventions de etat-93 en vigueur en 2025 : 93-552046484-etat-93');
    expect(r.stderr).not.toContain('Aucune convention en vigueur');
    const en = runCli([
      ...args,
      '--reservataire',
      'etat-93',
      '--convention',
      '93-552046484-montreuil',
      '--lang',
      'en',
    ]);
    expect(en.stderr).toContain('select no convention together');
  });
});
