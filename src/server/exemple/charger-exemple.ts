/**
 * `convflux serve --exemple`: on an empty database, loads the bundled example through the
 * functions the API routes use — conventions checked and stored as `POST /api/conventions` does
 * (`verifierDepot`, `insererVersion`), the parc and the events of test/fixtures/exemple-93/
 * imported as `POST /api/bailleurs/:siren/imports` does (`commencerImport`, `importer`, all or
 * nothing) — and creates the organisations (every bailleur and réservataire of
 * rules/conventions/**, every EPCI of rules/cotation/**) with one member account each holding
 * every permission, and the Strasbourg cotation grid for its EPCI (the other bundled grid is a
 * fictional one). Returns the lines to print (addresses and one-time passwords, shown once).
 */
import { createHash, randomUUID } from 'node:crypto';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { donneesYaml } from '../../source/yaml-lib.js';
import { parseCotationLayout } from '../../check/cotation-layout.js';
import { chargerGrille } from '../../check/grille/load-grille.js';
import { packageRoot } from '../../package-path.js';
import { territoires } from '../../reference/territoires.js';
import { auditer } from '../audit.js';
import { aleatoire, hacher } from '../auth/passwords.js';
import { PERMISSIONS } from '../auth/permissions.js';
import { placeDuYaml, verifierDepot, type Place } from '../conventions/depot.js';
import { insererVersion } from '../conventions/versions-stockees.js';
import type { Base } from '../db/open-database.js';
import { commencerImport, importer, type Nature } from '../flux/importer.js';

const QUI = 'serve --exemple';
export const BAILLEUR_EXEMPLE = '552046484';
/** The Eurométropole de Strasbourg, whose bundled cotation grid the example loads. */
export const EPCI_EXEMPLE = '246700488';
const FIXTURES = join(packageRoot, 'test', 'fixtures', 'exemple-93');

type TypeOrganisation = 'bailleur' | 'reservataire' | 'epci';
interface Organisation {
  type: TypeOrganisation;
  identifiant: string;
  nom: string;
}

function fichiersYaml(dir: string): string[] {
  let entrees;
  try {
    entrees = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entrees
    .flatMap((e) =>
      e.isDirectory()
        ? fichiersYaml(join(dir, e.name))
        : e.name.endsWith('.yaml')
          ? [join(dir, e.name)]
          : [],
    )
    .sort();
}

function nomDe(yaml: string, cle: string): string | undefined {
  const o = (donneesYaml(yaml) as Record<string, { nom?: unknown } | undefined> | null)?.[cle];
  return typeof o?.nom === 'string' ? o.nom : undefined;
}

/** True when the database holds no organisation, convention, flat nor event. */
export async function baseVide(base: Base): Promise<boolean> {
  for (const t of ['organisation', 'convention_version', 'logement', 'evenement'] as const) {
    const r = await base.db
      .selectFrom(t)
      .select((e) => e.fn.countAll<string | number>().as('n'))
      .executeTakeFirstOrThrow();
    if (Number(r.n) > 0) return false;
  }
  return true;
}

/** Checks and stores one version, as the conventions route does; refuses one with errors. */
async function deposer(base: Base, fichier: string, quand: string): Promise<Place> {
  const yaml = readFileSync(fichier, 'utf8');
  const place = placeDuYaml(yaml);
  const r = await verifierDepot(base.db, yaml, place, 'fr');
  if (!place || !r.ok)
    throw new Error(
      `exemple : ${relative(packageRoot, fichier)} ne passe pas check (${r.diagnostics.map((d) => d.code).join(', ')})`,
    );
  await base.db.transaction().execute(async (tx) => {
    await insererVersion(tx, place, yaml, QUI, quand);
    await auditer(tx, new Date(quand), {
      qui: QUI,
      action: 'convention.depot',
      objet: `${place.id}/v${String(place.version)}`,
    });
  });
  return place;
}

async function importerFixture(base: Base, nature: Nature, nom: string): Promise<void> {
  const dossier = mkdtempSync(join(tmpdir(), 'convflux-exemple-'));
  const fichier = join(dossier, 'import.csv');
  // `importer` removes the uploaded file: it gets a copy.
  copyFileSync(join(FIXTURES, nom), fichier);
  const d = {
    id: randomUUID(),
    bailleur: BAILLEUR_EXEMPLE,
    nature,
    format: 'csv' as const,
    tolerant: false,
    qui: QUI,
    quand: () => new Date(),
    lang: 'fr' as const,
    fichier,
    nom,
  };
  try {
    await commencerImport(base.db, d);
    const r = await importer(base, d);
    if (r.statut !== 'termine')
      throw new Error(`exemple : ${nom} rejeté (${String(r.rejets.length)} lignes)`);
  } finally {
    rmSync(dossier, { recursive: true, force: true });
  }
}

/**
 * The bundled Strasbourg grid (rules/cotation/246700488/v1.yaml), checked by the library's grid
 * check in its own layout as `POST /api/epci/:siren/grilles` checks a grid, and stored as it does.
 */
async function deposerGrille(base: Base, quand: string): Promise<string> {
  const relatif = join('rules', 'cotation', EPCI_EXEMPLE, 'v1.yaml');
  const fichier = join(packageRoot, relatif);
  const g = await chargerGrille(
    fichier,
    relatif,
    'fr',
    territoires(),
    parseCotationLayout(fichier),
  );
  if (!g.grille)
    throw new Error(
      `exemple : ${relatif} ne passe pas check (${g.diagnostics.map((d) => d.code).join(', ')})`,
    );
  const yaml = readFileSync(fichier, 'utf8');
  const sha256 = createHash('sha256').update(yaml).digest('hex');
  await base.db.transaction().execute(async (tx) => {
    await tx
      .insertInto('grille_cotation')
      .values({ epci: EPCI_EXEMPLE, nom: 'v1', yaml, sha256, cree_le: quand, cree_par: QUI })
      .execute();
    await auditer(tx, new Date(quand), {
      qui: QUI,
      action: 'grille.deposee',
      objet: `grille:${EPCI_EXEMPLE}/v1`,
      details: { sha256 },
    });
  });
  return relatif;
}

/** The organisation and its member holding every permission; returns the line to print. */
async function organisationEtMembre(base: Base, o: Organisation, quand: string): Promise<string> {
  const id = `${o.type}:${o.identifiant}`;
  const email = `${o.type}-${o.identifiant}@exemple.convflux.local`;
  const motDePasse = aleatoire();
  const compte = randomUUID();
  const hache = await hacher(motDePasse);
  await base.db.transaction().execute(async (tx) => {
    await tx
      .insertInto('organisation')
      .values({ id, ...o, cree_le: quand })
      .execute();
    await tx
      .insertInto('compte')
      .values({
        id: compte,
        email,
        nom: `Membre ${o.nom}`,
        mot_de_passe: hache,
        admin: 0,
        doit_changer: 1,
        cree_le: quand,
      })
      .execute();
    await tx
      .insertInto('membre')
      .values({ compte_id: compte, organisation_id: id, permissions: PERMISSIONS.join(',') })
      .execute();
    await auditer(tx, new Date(quand), { qui: QUI, action: 'organisation.cree', objet: id });
    await auditer(tx, new Date(quand), {
      qui: QUI,
      action: 'compte.cree',
      objet: `compte:${compte}`,
    });
  });
  return `Exemple : ${id} — compte ${email}, mot de passe à usage unique ${motDePasse}`;
}

function organisations(conventions: string[], cotations: string[]): Organisation[] {
  const parId = new Map<string, Organisation>();
  const ajouter = (o: Organisation) => {
    if (!parId.has(`${o.type}:${o.identifiant}`)) parId.set(`${o.type}:${o.identifiant}`, o);
  };
  for (const f of conventions) {
    const yaml = readFileSync(f, 'utf8');
    const p = placeDuYaml(yaml);
    if (!p) continue;
    ajouter({
      type: 'bailleur',
      identifiant: p.bailleur,
      nom: nomDe(yaml, 'bailleur') ?? p.bailleur,
    });
    const r = p.reservataire;
    ajouter({ type: 'reservataire', identifiant: r, nom: nomDe(yaml, 'reservataire') ?? r });
  }
  for (const f of cotations) {
    const yaml = readFileSync(f, 'utf8');
    const siren = relative(join(packageRoot, 'rules', 'cotation'), f).split(/[\\/]/)[0] ?? '';
    ajouter({ type: 'epci', identifiant: siren, nom: nomDe(yaml, 'epci') ?? siren });
  }
  return [...parId.values()];
}

/**
 * Loads the example when the database is empty; returns the lines to print (one per account),
 * or a single line saying nothing was loaded.
 */
export async function chargerExemple(base: Base, maintenant: Date): Promise<string[]> {
  if (!(await baseVide(base)))
    return [
      'Exemple : la base n’est pas vide, rien n’est chargé (--exemple ne vaut que sur une base vide).',
    ];
  const quand = maintenant.toISOString();
  const regles = join(packageRoot, 'rules');
  const conventions = ['93', '35'].flatMap((d) => fichiersYaml(join(regles, 'conventions', d)));
  const cotations = fichiersYaml(join(regles, 'cotation'));
  for (const f of conventions) await deposer(base, f, quand);
  await importerFixture(base, 'parc', 'logements.csv');
  await importerFixture(base, 'evenements', 'evenements.csv');
  const grille = await deposerGrille(base, quand);
  const lignes: string[] = [];
  for (const o of organisations(conventions, cotations))
    lignes.push(await organisationEtMembre(base, o, quand));
  return [
    `Exemple chargé : ${String(conventions.length)} versions de conventions, parc et événements de test/fixtures/exemple-93 (bailleur ${BAILLEUR_EXEMPLE}), grille de cotation ${grille} (EPCI ${EPCI_EXEMPLE}).`,
    ...lignes,
  ];
}
