/**
 * Set-up shared by the parc and events tests: the example's conventions put in the database
 * before the server starts (the conventions routes belong to another part of the service), a
 * bailleur member who records, one who only reads, a réservataire member.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { parse } from 'yaml';
import { openDatabase } from '../../src/server/db/open-database.js';
import { repoRoot } from '../helpers.js';
import {
  admin,
  demarrerServeur,
  membre,
  nouvelleBase,
  type Client,
  type NomBase,
  type Serveur,
} from './harness.js';

export const SIREN = '552046484';
export const EXEMPLE = join(repoRoot, 'test/fixtures/exemple-93');

function option(args: string[], nom: string): string | undefined {
  const i = args.indexOf(nom);
  return i >= 0 ? args[i + 1] : undefined;
}

/** Writes the example bailleur's conventions (rules/conventions/93/552046484) in the database. */
export async function semerConventions(args: string[]): Promise<void> {
  const database = option(args, '--database');
  const base = await openDatabase({
    data: option(args, '--data') ?? '',
    ...(database ? { database } : {}),
  });
  try {
    const racine = join(repoRoot, 'rules/conventions/93', SIREN);
    for (const reservataire of readdirSync(racine))
      for (const f of readdirSync(join(racine, reservataire))) {
        const yaml = readFileSync(join(racine, reservataire, f), 'utf8');
        const c = parse(yaml) as { id: string; version: number; statut: 'projet' | 'signee' };
        await base.db
          .insertInto('convention_version')
          .values({
            id: `${c.id}/v${String(c.version)}`,
            convention_id: c.id,
            version: c.version,
            departement: '93',
            bailleur: SIREN,
            reservataire,
            statut: c.statut,
            yaml,
            sha256: createHash('sha256').update(yaml).digest('hex'),
            cree_le: '2026-01-01T00:00:00.000Z',
            cree_par: 'test',
            modifie_le: '2026-01-01T00:00:00.000Z',
          })
          .execute();
      }
  } finally {
    await base.close();
  }
}

export interface Monde {
  s: Serveur;
  adm: Client;
  saisie: Client;
  emailSaisie: string;
  lecteur: Client;
  reservataire: Client;
}

export async function monde(base: NomBase): Promise<Monde> {
  const args = await nouvelleBase(base);
  await semerConventions(args);
  const s = await demarrerServeur(base, args);
  const adm = await admin(s);
  const org = { type: 'bailleur' as const, identifiant: SIREN };
  const emailSaisie = `saisie-${base}-${String(Date.now())}@exemple.fr`;
  const saisie = await membre(s, adm, org, ['lire', 'saisir'], emailSaisie);
  const lecteur = await membre(s, adm, org, ['lire']);
  const reservataire = await membre(s, adm, { type: 'reservataire', identifiant: 'etat-93' }, [
    'lire',
    'saisir',
  ]);
  return { s, adm, saisie, emailSaisie, lecteur, reservataire };
}

export interface ImportJson {
  id: string;
  statut: string;
  lignes: number;
  acceptees: number;
  anomalies: number;
  deja_enregistrees: number;
  rejetees?: number;
  rejets: { code: string; line: number; file: string; message: string }[];
  alertes?: { code: string; line: number; file: string; message: string; severity: string }[];
  remarques: { code: string; message: string }[];
  diagnostics?: { code: string; message: string }[];
}

export const importer = (c: Client, query: string, corps: string | Buffer, type = 'text/csv') =>
  c.post<ImportJson>(`/api/bailleurs/${SIREN}/imports?${query}`, corps, { 'content-type': type });
