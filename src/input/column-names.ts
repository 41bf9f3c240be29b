/**
 * Header names as people write them: « Code INSEE », « N° RPLS », « Date_Événement »… are
 * matched to the fields of the parc and events files without regard to case, accents, spaces,
 * underscores, hyphens or dots, and through a few usual synonyms (listed in the README).
 */

/** The comparable form of a header name: lower case, no accents, words joined by `_`. */
export function normalizeColumn(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/n°|nº/g, 'numero')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/** Synonyms accepted for each field (in their normalized form), best first after the name. */
export type ColumnAliases = Readonly<Record<string, readonly string[]>>;

const LOGEMENT = [
  'id_logement',
  'identifiant_logement',
  'numero_logement',
  'rpls',
  'numero_rpls',
  'code_rpls',
];

/** Synonyms of the parc's columns. */
export const ALIASES_LOGEMENT: ColumnAliases = {
  logement: LOGEMENT,
  bailleur: ['siren_bailleur', 'siren', 'bailleur_siren'],
  departement: ['code_departement', 'dep', 'dept', 'code_dep', 'numero_departement'],
  commune: ['code_commune', 'code_insee', 'insee', 'code_commune_insee', 'commune_insee', 'depcom'],
  epci: ['siren_epci', 'code_epci', 'epci_ept', 'ept'],
  qpv: ['en_qpv', 'quartier_prioritaire', 'est_qpv'],
  typologie: ['type_logement', 'typo', 'type_de_logement'],
  financement: ['type_financement', 'mode_financement', 'financement_initial'],
  annee_construction: ['annee_de_construction', 'annee_constr', 'construction'],
  hors_flux: ['motif_hors_flux'],
};

/** Synonyms of the events file's columns. */
export const ALIASES_EVENEMENT: ColumnAliases = {
  id: ['id_evenement', 'identifiant', 'identifiant_evenement', 'numero_evenement'],
  date: ['date_evenement', 'date_de_l_evenement', 'jour'],
  type: ['type_evenement', 'evenement', 'nature'],
  logement: LOGEMENT,
  reservataire: ['id_reservataire', 'code_reservataire'],
  motif: ['motif_hors_assiette'],
  decision: ['decision_caleol', 'decision_cal'],
  par: ['refus_par', 'refuse_par', 'auteur_refus'],
  candidats: ['nombre_candidats', 'nb_candidats', 'nombre_de_candidats'],
  public: ['publics', 'public_prioritaire', 'categorie_public'],
  date_liberation_prevue: ['liberation_prevue', 'date_prevue_liberation', 'date_fin_preavis'],
};

/** Finds the field of a header name: its rank (0 = the field's own name) tells which wins. */
export class ColumnMatcher {
  private readonly byName = new Map<string, { field: string; rank: number }>();

  constructor(fields: readonly string[], aliases: ColumnAliases = {}) {
    for (const field of fields) {
      this.byName.set(normalizeColumn(field), { field, rank: 0 });
      (aliases[field] ?? []).forEach((alias, i) => {
        if (!this.byName.has(alias)) this.byName.set(alias, { field, rank: i + 1 });
      });
    }
  }

  match(name: string): { field: string; rank: number } | undefined {
    return this.byName.get(normalizeColumn(name));
  }
}
