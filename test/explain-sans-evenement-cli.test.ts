/**
 * `evaluate --explain ID` of a flat no event of the period names said « aucun événement de ce
 * logement dans la période (présent ou non dans le parc) » and exited 1 with `ok: false` whether
 * the id was a flat of the parc or a typo. Now a flat of the parc without events is explained
 * (its facts, « logement du parc, aucun événement sur la période », `parcours.raison`
 * `sans_evenement`, exit 0: an answer, not a finding), in-process and on worker threads; an id
 * neither in the parc nor in the events is the diagnostic EXPLAIN_LOGEMENT_INCONNU, exit 1.
 * And `--explain` with `--csv` (the conventions' table, silently dropped) is a usage error.
 */
import { describe, expect, it } from 'vitest';
import { ENTREES_EXEMPLE_93, runCli } from './helpers.js';

const EXEMPLE = ['evaluate', '--rules', 'rules/conventions/93', ...ENTREES_EXEMPLE_93];
/** A flat of the example's parc that no event names. */
const SANS_EVENEMENT = '93-552046484-00001';

interface ExplainJson {
  ok: boolean;
  parc: { logement: string; commune: string } | null;
  parcours: { flux: string[]; raison?: string } | null;
  etapes: unknown[];
  diagnostics?: { code: string; severity: string; params: Record<string, unknown> }[];
}

describe('convflux evaluate --explain of a flat without events, of an unknown id', () => {
  it('explains a flat of the parc that no event names: its facts, no event, exit 0', () => {
    const fr = runCli([...EXEMPLE, '--workers', '0', '--explain', SANS_EVENEMENT]);
    expect(fr.code).toBe(0);
    expect(fr.stdout).toContain(
      `Logement ${SANS_EVENEMENT} — 93066, T3, PLUS, hors QPV, 2000\nAucun flux : logement du parc, aucun événement sur la période.\n`,
    );
    expect(fr.stderr).toBe('');
    const en = runCli([...EXEMPLE, '--workers', '0', '--explain', SANS_EVENEMENT, '--lang', 'en']);
    expect(en.code).toBe(0);
    expect(en.stdout).toContain('No flux: a flat of the parc, no event in the period.\n');
    for (const workers of ['0', '2']) {
      const j = runCli([...EXEMPLE, '--workers', workers, '--explain', SANS_EVENEMENT, '--json']);
      expect(j.code, workers).toBe(0);
      const x = JSON.parse(j.stdout) as ExplainJson;
      expect(x.ok).toBe(true);
      expect(x.parc).toMatchObject({ logement: SANS_EVENEMENT, commune: '93066' });
      expect(x.parcours).toEqual({ flux: [], raison: 'sans_evenement' });
      expect(x.etapes).toEqual([]);
      expect(x.diagnostics).toBeUndefined();
    }
  });

  it('says an id neither in the parc nor in the events is unknown: a diagnostic, exit 1', () => {
    const t = runCli([...EXEMPLE, '--workers', '0', '--explain', '93-552046484-0000I']);
    expect(t.code).toBe(1);
    expect(t.stdout).toContain(
      'Aucun flux : logement absent du parc, et aucun événement de la période ne le nomme.',
    );
    expect(t.stderr).toContain(
      'EXPLAIN_LOGEMENT_INCONNU  --explain 93-552046484-0000I : ce logement n’est pas dans le parc',
    );
    const j = runCli([
      ...EXEMPLE,
      '--workers',
      '2',
      '--explain',
      '93-552046484-0000I',
      '--json',
      '--lang',
      'en',
    ]);
    expect(j.code).toBe(1);
    const x = JSON.parse(j.stdout) as ExplainJson;
    expect(x.ok).toBe(false);
    expect(x.parc).toBeNull();
    expect(x.diagnostics).toMatchObject([
      {
        code: 'EXPLAIN_LOGEMENT_INCONNU',
        severity: 'error',
        params: { logement: '93-552046484-0000I' },
      },
    ]);
  });

  it('refuses --explain with --csv as a usage error naming both options', () => {
    for (const [lang, mots] of [
      ['fr', '--explain et --csv s’excluent'],
      ['en', '--explain and --csv exclude each other'],
    ] as const) {
      const r = runCli([...EXEMPLE, '--explain', SANS_EVENEMENT, '--csv', '--lang', lang]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain(mots);
    }
  });
});
