/**
 * The forecast of year N for one bailleur × département (CCH art. R. 441-5 I): the forecast
 * file read and checked, the conventions loaded as `evaluate` loads them, the gross flux per
 * commune × typologie from the parc and the observed rotation (rotation.ts), the deductions laid
 * on it (deductions.ts), each réservataire's expected due (dus-previsionnels.ts) and the
 * aggregated état des lieux of the stock reservations (etat-des-lieux-agrege.ts). Pure data:
 * the documents (previsionnel-render.ts) and the bilan's section print it.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { Convention } from '../convention/convention.js';
import type { Diagnostic, Lang } from '../diagnostics/diagnostic.js';
import { STDIN, STDIN_NAME } from '../input/table-source.js';
import type { FileReport } from '../diagnostics/file-report.js';
import { listeEvenements } from '../engine/fichiers-evenements.js';
import { loadConventions } from '../engine/load-conventions.js';
import { territoires } from '../reference/territoires.js';
import {
  deduire,
  sommeDeductions,
  type CelluleFlux,
  type ResultatDeductions,
} from './deductions.js';
import { duPrevisionnel, versionDeLAnnee, type DuPrevisionnel } from './dus-previsionnels.js';
import {
  etatDesLieuxAgrege,
  type LigneEtatDesLieux,
  type TotalEtatDesLieux,
} from './etat-des-lieux-agrege.js';
import {
  lireFichierPrevision,
  type DeductionPrevue,
  type FichierPrevision,
} from './fichier-prevision.js';
import { lireHistorique } from './lecture-historique.js';
import { anneesObservees, fluxBrut } from './rotation.js';

export interface PrevisionnelOptions {
  rules: readonly string[];
  parc: string;
  /** One events file or several (`--events` repeated, as `evaluate`). */
  evenements: string | readonly string[];
  /** The forecast file the bailleur writes (schemas/previsionnel.schema.json). */
  prevision: string;
  annee: number;
  lang?: Lang;
  cwd?: string;
  signees?: boolean;
}

export interface FichierEntree {
  role: string;
  nom: string;
  sha256: string;
}

export interface Previsionnel {
  annee: number;
  bailleur: { siren: string; nom: string };
  departement: string;
  methode: {
    /** Years whose liberations give the rotation (empty: agreed or default rates). */
    anneesObservees: number[];
    /** Where the list of years comes from. */
    anneesSource: 'fichier' | 'evenements';
    tauxDefaut?: number;
  };
  cellules: CelluleFlux[];
  deductions: DeductionPrevue[];
  dus: DuPrevisionnel[];
  etatDesLieux: { lignes: LigneEtatDesLieux[]; communes: TotalEtatDesLieux[] };
  fichiers: FichierEntree[];
}

export interface PrevisionnelCalcule {
  /** Undefined when an input has an error (the diagnostics say where). */
  previsionnel?: Previsionnel;
  /** Every problem: forecast file, conventions, rejected rows, forecast warnings. */
  diagnostics: Diagnostic[];
}

function sha256Fichier(path: string): Promise<string> {
  return new Promise((done) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', () => {
        done('');
      })
      .on('end', () => {
        done(hash.digest('hex'));
      });
  });
}

/** Deductions on no flat of the flux (errors) and deductions above a cell's forecast (warnings). */
function signalerDeductions(report: FileReport, p: FichierPrevision, d: ResultatDeductions): void {
  const deductions = p.deductions;
  for (const i of d.sansLogement) {
    const x = deductions[i];
    const lieu = [x?.commune ?? p.departement, x?.typologie].filter(Boolean).join(' ');
    report.add(
      'PREVISION_DEDUCTION_SANS_LOGEMENT',
      { nombre: x?.nombre ?? 0, motif: x?.motif ?? '', lieu },
      `/deductions/${String(i)}`,
    );
  }
  for (const c of d.excedents)
    report.add(
      'PREVISION_DEDUCTIONS_EXCEDENTAIRES',
      {
        commune: c.commune,
        typologie: c.typologie,
        deduit: sommeDeductions(c.deductions) / 100,
        brut: c.brutCentiemes / 100,
      },
      '/deductions',
    );
}

/** The three inputs, named and hashed (an input read from stdin: the hash taken while reading). */
function fichiersEntree(
  o: PrevisionnelOptions,
  lus: { parc?: string; evenements?: string },
  cwd: string,
): Promise<FichierEntree[]> {
  const evenements = listeEvenements(o.evenements);
  return Promise.all(
    [
      { role: 'Prévision du bailleur', path: o.prevision, lu: undefined },
      { role: 'Parc de logements', path: o.parc, lu: lus.parc },
      ...evenements.map((path) => ({
        role: 'Événements des années observées',
        path,
        lu: path === STDIN ? lus.evenements : undefined,
      })),
    ].map(async (f) => ({
      role: f.role,
      nom: f.path === STDIN ? STDIN_NAME : basename(f.path),
      sha256: f.lu ?? (await sha256Fichier(resolve(cwd, f.path))),
    })),
  );
}

export async function calculerPrevisionnel(o: PrevisionnelOptions): Promise<PrevisionnelCalcule> {
  const lang = o.lang ?? 'fr';
  const cwd = o.cwd ?? process.cwd();
  const t = territoires();
  const lue = await lireFichierPrevision(resolve(cwd, o.prevision), o.prevision, o.annee, lang, t);
  const p = lue.prevision;
  if (!p || !lue.report) return { diagnostics: lue.diagnostics };
  const report = lue.report;
  const loaded = await loadConventions(o.rules, {
    lang,
    cwd,
    ...(o.signees ? { signees: true } : {}),
  });
  const diagnostics = [...loaded.diagnostics];
  const enVigueur = loaded.index.entries
    .filter((e) => e.bailleur === p.bailleur && e.departement === p.departement)
    .map((entry) => ({ entry, en: versionDeLAnnee(entry, o.annee) }))
    .filter((x) => x.en !== undefined)
    .sort((a, b) => (a.entry.id < b.entry.id ? -1 : 1));
  if (!enVigueur.length) {
    report.add(
      'PREVISION_SANS_CONVENTION',
      { bailleur: p.bailleur, departement: p.departement, annee: o.annee },
      '/bailleur',
    );
    return { diagnostics: [...diagnostics, ...report.diagnostics] };
  }
  const conventions: Convention[] = enVigueur.flatMap((x) =>
    x.en ? [x.en.version.convention] : [],
  );
  const h = await lireHistorique({
    index: loaded.index,
    parc: o.parc,
    evenements: o.evenements,
    bailleur: p.bailleur,
    departement: p.departement,
    annee: o.annee,
    lang,
    cwd,
  });
  diagnostics.push(...h.diagnostics);
  const annees = anneesObservees(o.annee, h.liberations, p.annees_observees);
  const brutes = fluxBrut({
    logements: h.logements,
    liberations: h.liberations,
    annees,
    conventions,
    tauxDefaut: p.taux_rotation_defaut,
    territoires: t,
  });
  const inconnues = [
    ...new Set(brutes.filter((c) => c.origine === 'inconnu').map((c) => c.commune)),
  ];
  if (inconnues.length)
    report.add('PREVISION_ROTATION_INCONNUE', { communes: inconnues.join(', ') }, '');
  const d = deduire(brutes, p.deductions);
  signalerDeductions(report, p, d);
  diagnostics.push(...report.diagnostics);
  if (report.hasErrors) return { diagnostics };
  const fichiers = await fichiersEntree(o, h.empreintes, cwd);
  return {
    diagnostics,
    previsionnel: {
      annee: o.annee,
      bailleur: { siren: p.bailleur, nom: conventions[0]?.bailleur.nom ?? p.bailleur },
      departement: p.departement,
      methode: {
        anneesObservees: annees,
        anneesSource: p.annees_observees ? 'fichier' : 'evenements',
        ...(p.taux_rotation_defaut !== undefined ? { tauxDefaut: p.taux_rotation_defaut } : {}),
      },
      cellules: d.cellules,
      deductions: p.deductions,
      dus: enVigueur.flatMap((x) => (x.en ? [duPrevisionnel(x.entry, x.en, d.cellules)] : [])),
      etatDesLieux: etatDesLieuxAgrege(conventions, o.annee, t),
      fichiers,
    },
  };
}
