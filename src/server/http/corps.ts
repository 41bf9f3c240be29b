/**
 * The JSON bodies the API accepts, by schema name (`schemas/service/<name>.schema.json`): the
 * type each route reads once `valider` has checked the body against the schema.
 */
import type { Permission } from '../auth/permissions.js';

export interface Corps {
  connexion: { email: string; mot_de_passe: string };
  'mot-de-passe': { actuel: string; nouveau: string };
  organisation: { type: 'bailleur' | 'reservataire' | 'epci'; identifiant: string; nom: string };
  compte: { email: string; nom: string; admin?: boolean };
  membre: { compte_id?: string; email?: string; permissions: Permission[] };
  jeton: { nom: string };
  signature: { certificat: string; mot_de_passe: string; partie: 'bailleur' | 'reservataire' };
  regles: { fichiers: Record<string, string> };
  webhook: { organisation: string; url: string };
  /** A convention draft checked or printed without being stored. */
  brouillon: { yaml: string };
  /** One event, the fields of an `--events` row (checked by `classerEvenement`). */
  evenement: Record<string, unknown>;
}
