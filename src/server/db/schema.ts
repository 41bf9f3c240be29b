/**
 * The service's tables, one interface each (Kysely's typed schema). The same schema serves the
 * embedded SQLite file and PostgreSQL: dates and timestamps are ISO text, structured values JSON
 * text, booleans 0/1 integers, so that no dialect-specific type leaks into the code.
 */
import type { Generated } from 'kysely';

/** A bailleur (SIREN), a réservataire (the id its conventions use) or an EPCI (cotation). */
export interface OrganisationTable {
  /** `<type>:<identifiant>`, e.g. `bailleur:552046484`, `reservataire:etat-93`. */
  id: string;
  type: 'bailleur' | 'reservataire' | 'epci';
  identifiant: string;
  nom: string;
  cree_le: string;
}

export interface CompteTable {
  id: string;
  /** Lower-cased login (an e-mail address). */
  email: string;
  nom: string;
  /** argon2id hash (PHC string). */
  mot_de_passe: string;
  /** 1: administers the service (organisations and accounts). */
  admin: number;
  /** 1: the one-time password printed at first start must be changed. */
  doit_changer: number;
  cree_le: string;
}

/** What a member may do within its organisation (comma-separated list of PERMISSIONS). */
export interface MembreTable {
  compte_id: string;
  organisation_id: string;
  permissions: string;
}

export interface SessionTable {
  /** SHA-256 of the cookie's token (the token itself is never stored). */
  id: string;
  compte_id: string;
  /** The CSRF token of this session (double submit: header `X-CSRF-Token`). */
  csrf: string;
  expire_le: string;
  cree_le: string;
}

/** A value a form leaves for the next page of its session, read once (src/web/flash.ts). */
export interface FlashTable {
  /** The session's id (SHA-256 of its cookie's token). */
  session_id: string;
  nom: string;
  /** base64 of IV ‖ tag ‖ AES-256-GCM ciphertext, keyed by the session's cookie token. */
  valeur: string;
  expire_le: string;
}

/** The version of a bailleur's flux: raised by each committed batch of live events. */
export interface VersionFluxTable {
  bailleur: string;
  version: number;
}

/** API tokens for tools (`Authorization: Bearer …`), hashed like sessions. */
export interface JetonTable {
  id: string;
  compte_id: string;
  nom: string;
  hash: string;
  cree_le: string;
  revoque_le: string | null;
}

/** One version of one convention (the YAML as uploaded). Sealed versions are immutable. */
export interface ConventionVersionTable {
  /** `<convention id>/v<version>`. */
  id: string;
  convention_id: string;
  version: number;
  departement: string;
  bailleur: string;
  reservataire: string;
  /** The YAML's `statut` as is (`projet`, `arretee`, `signee`). */
  statut: string;
  yaml: string;
  /** SHA-256 of the YAML text. */
  sha256: string;
  cree_le: string;
  cree_par: string;
  modifie_le: string;
}

/** Who signed which version, when, and how (no private key is ever stored). */
export interface SignatureTable {
  id: Generated<number>;
  version_id: string;
  /** `bailleur` or `reservataire`. */
  partie: string;
  signataire: string;
  signe_le: string;
  methode: 'certificat' | 'pdf_depose';
  pdf_sha256: string | null;
  enregistre_le: string;
  enregistre_par: string;
}

/** The parc: one row per flat of a bailleur (the columns of `--parc`, as JSON). */
export interface LogementTable {
  bailleur: string;
  id: string;
  departement: string;
  /** The parc row (column → value), as `--parc` reads it. */
  donnees: string;
  import_id: string | null;
}

/** The events log: append-only; a correction is an `annulation` event. */
/**
 * An event row's own columns, between its bailleur and its import, in the order of the table:
 * what a live batch (`lot-postgres.ts`) and an import (`importer.ts`) both write.
 */
export const COLONNES_EVENEMENT = [
  'id',
  'date',
  'type',
  'logement',
  'donnees',
  'classement',
  'enregistre_le',
  'enregistre_par',
] as const;

export interface EvenementTable {
  seq: Generated<number>;
  bailleur: string;
  /** The event id (idempotence key, unique per bailleur). */
  id: string;
  date: string;
  type: string;
  logement: string;
  /** The whole event (column → value), as `--events` reads it. */
  donnees: string;
  /** `valide` or `anomalie` (recorded with an alert). */
  classement: string;
  enregistre_le: string;
  enregistre_par: string;
  import_id: string | null;
}

export interface ImportTable {
  id: string;
  bailleur: string;
  /** `parc` or `evenements`. */
  nature: string;
  format: string;
  /** `interrompu`: left `en_cours` by a crash, marked at the next start (nothing was written). */
  statut: 'en_cours' | 'termine' | 'rejete' | 'interrompu';
  lignes: number;
  acceptees: number;
  /** Rejected rows: JSON array of Diagnostics (line and reason; no personal data). */
  rejets: string;
  /**
   * What the reading of the file noted without refusing it: JSON array of Diagnostics (codes,
   * counts, line numbers; no personal data); `[]` for the imports made before it was kept.
   */
  remarques: Generated<string>;
  cree_le: string;
  cree_par: string;
}

/** Every write: who, when, what (never personal data). */
export interface AuditTable {
  seq: Generated<number>;
  quand: string;
  qui: string;
  action: string;
  objet: string;
  details: string;
}

/** Every document the service sent (bilan, prévisionnel, PDF), archived with its SHA-256. */
export interface DocumentTable {
  id: string;
  organisation_id: string;
  nature: string;
  nom: string;
  type_mime: string;
  sha256: string;
  contenu: Uint8Array;
  /** The bailleur (SIREN) and département the document is about (migration 0002). */
  bailleur: string | null;
  departement: string | null;
  /** What was asked, JSON: year, date, moment of the log, format, addressee (migration 0002). */
  parametres: string | null;
  cree_le: string;
  cree_par: string;
}

export interface WebhookTable {
  id: string;
  organisation_id: string;
  url: string;
  secret: string;
  cree_le: string;
  cree_par: string;
}

/** Counters of the login rate limit (shared by every server process). */
export interface LimiteTable {
  cle: string;
  compte: number;
  reinitialise_le: string;
}

/** A read-only token of one account's iCalendar feed (`?jeton=`), stored as its SHA-256. */
export interface JetonCalendrierTable {
  id: string;
  compte_id: string;
  hash: string;
  cree_le: string;
  revoque_le: string | null;
}

/** One webhook POST to make (or made): retried with backoff by any server process. */
export interface WebhookLivraisonTable {
  id: string;
  webhook_id: string;
  /** `echeance.nouvelle`, `evenement.enregistre`, `test`. */
  type: string;
  /** The JSON body sent (no personal data). */
  corps: string;
  statut: 'a_livrer' | 'livre' | 'abandonne';
  tentatives: number;
  prochaine_le: string;
  /** HTTP status or network error of the last attempt. */
  derniere_reponse: string | null;
  cree_le: string;
}

/** Deadlines already announced to an organisation's webhooks (announced once). */
export interface EcheanceAnnonceeTable {
  organisation_id: string;
  echeance_id: string;
  annoncee_le: string;
}

/** An EPCI's cotation grid (YAML in the rules/cotation format), checked on upload. */
export interface GrilleCotationTable {
  /** SIREN of the EPCI. */
  epci: string;
  nom: string;
  yaml: string;
  sha256: string;
  cree_le: string;
  cree_par: string;
}

export interface Database {
  jeton_calendrier: JetonCalendrierTable;
  webhook_livraison: WebhookLivraisonTable;
  echeance_annoncee: EcheanceAnnonceeTable;
  grille_cotation: GrilleCotationTable;
  limite: LimiteTable;
  organisation: OrganisationTable;
  compte: CompteTable;
  membre: MembreTable;
  session: SessionTable;
  flash: FlashTable;
  version_flux: VersionFluxTable;
  jeton: JetonTable;
  convention_version: ConventionVersionTable;
  signature: SignatureTable;
  logement: LogementTable;
  evenement: EvenementTable;
  import: ImportTable;
  audit: AuditTable;
  document: DocumentTable;
  webhook: WebhookTable;
}
