import type { Permission } from './permissions.js';

export interface Appartenance {
  organisation_id: string;
  type: 'bailleur' | 'reservataire' | 'epci';
  /** SIREN of a bailleur or an EPCI, id of a réservataire. */
  identifiant: string;
  /** The organisation's name (what the pages call it; the identifiant is secondary). */
  nom?: string;
  permissions: Set<Permission>;
}

/** Who makes the request: an account, through its session or one of its API tokens. */
export interface Principal {
  compte_id: string;
  email: string;
  /** Administers the service (organisations, accounts). */
  admin: boolean;
  doit_changer: boolean;
  appartenances: Appartenance[];
  /** `session` (cookie: CSRF applies) or `jeton` (Authorization: Bearer). */
  via: 'session' | 'jeton';
  /** The session's CSRF token (cookie sessions only). */
  csrf?: string;
}
