/**
 * One copy of one bilan (bailleur × département): its tables, the PDF (or HTML), the CSV of the
 * cross-tabulation and the workbook, written side by side. The addressee's copy adds the annex of
 * its flats (`--reservataire`); the copy for all has per-réservataire aggregates only.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { exclusionsAssiette } from '../convention/clauses.js';
import type { Exclusion } from '../convention/convention.js';
import type { Lang } from '../diagnostics/diagnostic.js';
import { displayPath } from '../display-path.js';
import { versionDeReference } from '../engine/aggregate.js';
import { writeOutput } from '../output/write-output.js';
import type { PdfBrowser } from '../render/chromium.js';
import { prepareConvention } from '../render/render-conventions.js';
import type { ConventionView } from '../render/view-model.js';
import { readCheckedSource } from '../source/read-source.js';
import { bilanCsv, lignesCsv, type BlocCsv } from './bilan-csv.js';
import { tableauxComplements } from './bilan-complements.js';
import type { GroupeBilan, CopieBilan } from './bilan-groupes.js';
import { libelleMembre } from './bilan-groupes.js';
import type { BilanDocument, BilanTotaux } from './bilan-render.js';
import { bilanHtml, bilanPdf } from './bilan-render.js';
import { tableauDetail, tableauxBilan, type MembreBilan, type Tableau } from './bilan-tableaux.js';
import type { BilanTemplates } from './bilan-templates.js';
import { buildBilanView, tableauAlertes } from './bilan-view.js';
import { bilanXlsx } from './bilan-xlsx.js';
import { feuillesPrevision, type PrevisionBilan } from './bilan-prevision.js';
import type { BilanEvaluation } from './evaluer-bilan.js';

export interface ContexteEcriture {
  bilan: BilanEvaluation;
  templates: BilanTemplates;
  outDir: string;
  lang: Lang;
  cwd: string;
  browser?: PdfBrowser;
  nomCommune: (code: string) => string;
  generateur: string;
  /** Rows of the identification annex for the inputs: rôle, fichier, détail, SHA-256. */
  entrees: string[][];
  /** SHA-256 of the inputs together (PDF metadata). */
  donnees: string;
  /** `--prevision`: the forecast of N+1, printed in the bilan of its bailleur × département. */
  prevision?: PrevisionBilan;
}

const sha256 = (bytes: Uint8Array | string): string =>
  createHash('sha256').update(bytes).digest('hex');

interface Convention {
  view: ConventionView;
  exclusions: readonly Exclusion[];
}

/** The version each convention's figures come from, its view and its assiette exclusions. */
async function conventions(
  groupe: GroupeBilan,
  ctx: ContexteEcriture,
): Promise<Map<string, Convention>> {
  const out = new Map<string, Convention>();
  for (const c of groupe.conventions) {
    const entry = ctx.bilan.entrees.get(c.id);
    const version =
      entry?.versions.find((v) => v.convention.version === c.version) ??
      (entry ? versionDeReference(entry, ctx.bilan.evaluation.date) : undefined);
    if (!version) throw new Error(`${c.id} : convention introuvable`);
    const yaml = await readCheckedSource(version.absolutePath, ctx.lang, version.file);
    const { view } = prepareConvention(yaml, version.file, ctx.templates.convention, 'fr');
    out.set(c.id, { view, exclusions: exclusionsAssiette(version.convention) });
  }
  return out;
}

function totaux(m: MembreBilan): BilanTotaux {
  const c = m.resultat;
  const sum = (k: 'proposes' | 'attribues' | 'decisions' | 'baux' | 'points'): number =>
    Math.round(m.ventilation.lignes.reduce((s, l) => s + l[k], 0) * 1e6) / 1e6;
  return {
    convention: c.id,
    reservataire: c.reservataire.id,
    flux_annuel: c.flux_annuel,
    du: c.du,
    realise: c.realise,
    taux: c.taux,
    proposes: sum('proposes'),
    attribues: sum('attribues'),
    decisions: sum('decisions'),
    baux: sum('baux'),
    points: sum('points'),
    hors_assiette: Object.values(m.ventilation.horsAssiette.logements).reduce((s, x) => s + x, 0),
  };
}

function identification(
  groupe: GroupeBilan,
  vues: ReadonlyMap<string, Convention>,
  ctx: ContexteEcriture,
  numero: string,
  csv: { nom: string; lignes: number; sha256: string },
  prevision: PrevisionBilan | undefined,
): Tableau {
  return {
    id: 'identification',
    numero,
    titre: 'Identification des données',
    feuille: 'Identification',
    chapeau:
      'Les fichiers dont le bilan est tiré, avec leur empreinte SHA-256 : mêmes fichiers, même bilan.',
    colonnes: [
      { libelle: 'Rôle', format: 'texte' },
      { libelle: 'Fichier', format: 'texte' },
      { libelle: 'Détail', format: 'texte' },
      { libelle: 'SHA-256', format: 'texte' },
    ],
    lignes: [
      ...groupe.conventions.map((c) => {
        const v = vues.get(c.id)?.view.document;
        return [
          `Convention ${c.id}`,
          v?.fichier ?? '',
          `version ${String(c.version)}`,
          v?.yamlSha256 ?? '',
        ];
      }),
      ...ctx.entrees,
      ...(prevision ? [prevision.entree] : []),
      ['Ventilation croisée (jointe)', csv.nom, `${String(csv.lignes)} ligne(s)`, csv.sha256],
    ],
  };
}

/** Writes one copy and says what was written. */
export async function ecrireCopie(
  copie: CopieBilan,
  ctx: ContexteEcriture,
): Promise<BilanDocument> {
  const { groupe, destinataire } = copie;
  const e = ctx.bilan.evaluation;
  const vues = await conventions(groupe, ctx);
  const membres: MembreBilan[] = groupe.conventions.map((c) => ({
    resultat: c,
    ventilation: ctx.bilan.ventilation(c.id),
    libelle: libelleMembre(c, groupe),
  }));
  const bailleur = ctx.bilan.ventilationBailleur(groupe.bailleur.siren, groupe.departement);
  const tableaux = [
    ...tableauxBilan({
      annee: e.annee,
      membres,
      bailleur,
      exclusions: new Map([...vues].map(([id, v]) => [id, v.exclusions])),
      nomCommune: ctx.nomCommune,
    }),
    ...tableauxComplements(membres),
    tableauAlertes(membres, bailleur.alertes),
  ];
  const blocs: BlocCsv[] = [
    ...membres.map((m) => ({
      reservataire: m.resultat.reservataire.id,
      convention: m.resultat.id,
      lignes: m.ventilation.lignes,
    })),
    { reservataire: 'bailleur', convention: '', lignes: bailleur.lignes, propre: true },
  ];
  const rows = lignesCsv(
    e.annee,
    { departement: groupe.departement, bailleur: groupe.bailleur.siren },
    blocs,
    ctx.nomCommune,
  );
  const csv = bilanCsv(rows);
  const base = `${groupe.id}-bilan-${String(e.annee)}${destinataire ? `-${destinataire}` : ''}`;
  const siens = membres.filter((m) => m.resultat.reservataire.id === destinataire);
  const annexe = siens[0]
    ? {
        nom: siens[0].libelle,
        conventions: siens.map((m) => m.resultat.id),
        annexe: tableauDetail(
          siens[0].libelle,
          siens.flatMap((m) => ctx.bilan.detail(m.resultat.id)),
          ctx.nomCommune,
        ),
      }
    : undefined;
  const p = ctx.prevision?.previsionnel;
  const prevision =
    p && p.bailleur.siren === groupe.bailleur.siren && p.departement === groupe.departement
      ? ctx.prevision
      : undefined;
  const ident = identification(
    groupe,
    vues,
    ctx,
    annexe ? 'B' : 'A',
    { nom: `${base}.csv`, lignes: rows.length, sha256: sha256(csv) },
    prevision,
  );
  const view = buildBilanView({
    annee: e.annee,
    date: e.date,
    bailleur: groupe.bailleur,
    departement: groupe.departement,
    membres,
    tableaux,
    ...(annexe ? { destinataire: annexe } : {}),
    identification: ident,
    ...(prevision
      ? { previsionnel: { annee: prevision.previsionnel.annee, html: prevision.html } }
      : {}),
    modele: ctx.templates.modele,
    generateur: ctx.generateur,
  });
  const premiere = vues.get(groupe.conventions[0]?.id ?? '')?.view;
  if (!premiere) throw new Error(`${groupe.id} : aucune convention`);
  const pdf = ctx.browser
    ? await bilanPdf(view, premiere, ctx.templates, ctx.browser, ctx.donnees)
    : undefined;
  const content = pdf ? pdf.bytes : Buffer.from(bilanHtml(view, ctx.templates), 'utf8');
  const format = pdf ? 'pdf' : 'html';
  const feuilles = [
    ...tableaux,
    ...(prevision ? feuillesPrevision(prevision.previsionnel, ctx.nomCommune) : []),
    ...(annexe ? [annexe.annexe] : []),
    ident,
  ];
  const xlsx = await bilanXlsx(feuilles, rows, {
    titre: view.document.titre,
    auteur: groupe.bailleur.nom,
    date: e.date,
  });
  const chemins = {
    document: join(ctx.outDir, `${base}.${format}`),
    csv: join(ctx.outDir, `${base}.csv`),
    xlsx: join(ctx.outDir, `${base}.xlsx`),
  };
  const o = { lang: ctx.lang, cwd: ctx.cwd };
  await Promise.all([
    writeOutput(chemins.document, content, o),
    writeOutput(chemins.csv, csv, o),
    writeOutput(chemins.xlsx, xlsx, o),
  ]);
  const propres = bailleur.lignes;
  const lignesTotaux = membres.map(totaux);
  return {
    bilan: groupe.id,
    departement: groupe.departement,
    bailleur: groupe.bailleur,
    ...(destinataire ? { destinataire } : {}),
    conventions: groupe.conventions.map((c) => c.id),
    projet: view.document.projet,
    document: {
      fichier: displayPath(chemins.document, ctx.cwd),
      format,
      octets: content.length,
      sha256: sha256(content),
      ...(pdf ? { pages: pdf.pages } : {}),
    },
    csv: {
      fichier: displayPath(chemins.csv, ctx.cwd),
      lignes: rows.length,
      octets: Buffer.byteLength(csv),
      sha256: sha256(csv),
    },
    xlsx: {
      fichier: displayPath(chemins.xlsx, ctx.cwd),
      octets: xlsx.length,
      sha256: sha256(xlsx),
      feuilles: [...feuilles.map((t) => t.feuille), 'Ventilation croisée'],
    },
    totaux: lignesTotaux,
    total: {
      proposes: lignesTotaux.reduce((s, t) => s + t.proposes, 0),
      attribues:
        lignesTotaux.reduce((s, t) => s + t.attribues, 0) +
        propres.reduce((s, l) => s + l.attribues, 0),
    },
    alertes:
      membres.reduce((s, m) => s + m.resultat.alertes.length, 0) +
      Object.values(bailleur.alertes).reduce((s: number, n) => s + (n ?? 0), 0),
  };
}
