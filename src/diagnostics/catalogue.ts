import { catalogueAgents } from './catalogue-agents.js';
import { catalogueArrete } from './catalogue-arrete.js';
import { catalogueBilanPrevision } from './catalogue-bilan-prevision.js';
import { catalogueCollecte } from './catalogue-collecte.js';
import { catalogueCli } from './catalogue-cli.js';
import { catalogueConsolidation } from './catalogue-consolidation.js';
import { catalogueDiff } from './catalogue-diff.js';
import { catalogueTexteSigne } from './catalogue-texte-signe.js';
import { catalogueConversion } from './catalogue-conversion.js';
import { catalogueConversionConsommee } from './catalogue-conversion-consommee.js';
import { catalogueContreparties } from './catalogue-contreparties.js';
import { catalogueCotation } from './catalogue-cotation.js';
import { catalogueEtatDesLieux } from './catalogue-etat-des-lieux.js';
import { catalogueEntreesSorties } from './catalogue-entrees-sorties.js';
import { catalogueDefauts } from './catalogue-defauts.js';
import { catalogueFlux } from './catalogue-flux.js';
import { catalogueJuridiction } from './catalogue-juridiction.js';
import { catalogueMigration } from './catalogue-migration.js';
import { catalogueModalites } from './catalogue-modalites.js';
import { catalogueOrientation } from './catalogue-orientation.js';
import { catalogueParc } from './catalogue-parc.js';
import { catalogueParties } from './catalogue-parties.js';
import { cataloguePublics } from './catalogue-publics.js';
import { cataloguePrevisionnel } from './catalogue-previsionnel.js';
import { catalogueSaisie } from './catalogue-saisie.js';
import { catalogueService } from './catalogue-service.js';
import { catalogueServiceApi } from './catalogue-service-api.js';
import { catalogueServiceConventions } from './catalogue-service-conventions.js';
import { catalogueServiceFigures } from './catalogue-service-figures.js';
import { catalogueServiceEcheancier } from './catalogue-service-echeancier.js';
import { catalogueSignature } from './catalogue-signature.js';
import { catalogueSimulation } from './catalogue-simulation.js';
import { catalogueSysteme } from './catalogue-systeme.js';
import { catalogueTables } from './catalogue-tables.js';
import { catalogueUsage } from './catalogue-usage.js';
import { catalogueVieLogement } from './catalogue-vie-logement.js';
import type { LegalReference, Severity } from './diagnostic.js';

/** A built-in diagnostic: its severity, its messages and, when a rule of law is at stake, its basis. */
export interface CatalogueEntry {
  severity: Severity;
  fr: string;
  en: string;
  reference?: LegalReference;
  /**
   * The message as the service says it (`direAuService`), where `fr`/`en` name what only the CLI's
   * user typed (an option such as `--parc`, a command): the service's user knows the field, the
   * route or the parameter of the API instead. Its placeholders are among the message's own.
   */
  service?: { fr: string; en: string };
  /**
   * The message as the service says it when it refuses what the code reports (a live post, a row
   * of an import: `refusDuService`), where the CLI's and the reading service's words say the
   * event or the flat is « ignoré » — the service did not ignore it, it refused it. Its
   * placeholders are among the message's own.
   */
  refus?: { fr: string; en: string };
}

/** Hints appended to a message when its `indice` parameter names one (classic mistakes). */
export const hints: Record<string, { fr: string; en: string }> = {
  virgule: {
    fr: 'En YAML, le séparateur décimal est le point : 0.30, pas 0,30.',
    en: 'YAML uses a decimal point: 0.30, not 0,30.',
  },
  guillemets: {
    fr: 'Un nombre s’écrit sans guillemets.',
    en: 'Write a number without quotes.',
  },
};

const R441_5: LegalReference = { article: 'CCH art. R. 441-5 I' };
const R441_5_3: LegalReference = { article: 'CCH art. R. 441-5-3' };

/**
 * Messages of the diagnostics that are not produced by a rule of rules/reglementation/.
 * `{name}` is replaced by a parameter, `{name%}` by the parameter shown as a percentage.
 */
export const catalogue: Record<string, CatalogueEntry> = {
  ...catalogueFlux,
  ...catalogueSaisie,
  ...catalogueConversion,
  ...catalogueConversionConsommee,
  ...catalogueAgents,
  ...catalogueArrete,
  ...catalogueModalites,
  ...catalogueContreparties,
  ...catalogueEtatDesLieux,
  ...catalogueSysteme,
  ...catalogueEntreesSorties,
  ...catalogueParc,
  ...catalogueCollecte,
  ...catalogueTables,
  ...catalogueDefauts,
  ...catalogueSignature,
  ...catalogueJuridiction,
  ...catalogueConsolidation,
  ...catalogueDiff,
  ...catalogueTexteSigne,
  ...catalogueParties,
  ...cataloguePublics,
  ...catalogueCli,
  ...catalogueVieLogement,
  ...cataloguePrevisionnel,
  ...catalogueOrientation,
  ...catalogueCotation,
  ...catalogueBilanPrevision,
  ...catalogueSimulation,
  ...catalogueMigration,
  ...catalogueService,
  ...catalogueServiceApi,
  ...catalogueServiceConventions,
  ...catalogueServiceFigures,
  ...catalogueServiceEcheancier,
  ...catalogueUsage,
  // Reading the file
  CHEMIN_INTROUVABLE: {
    severity: 'error',
    fr: 'Chemin introuvable : {chemin}.',
    en: 'No such file or folder: {chemin}.',
  },
  TABLE_VIDE_ENTREE: {
    severity: 'error',
    fr: 'Fichier vide : {chemin} ne contient aucune ligne (un CSV commence par la ligne d’en-tête des colonnes, un NDJSON tient un objet JSON par ligne).',
    en: 'Empty file: {chemin} holds no line (a CSV starts with the header line of its columns, an NDJSON holds one JSON object per line).',
  },
  FICHIER_ILLISIBLE: {
    severity: 'error',
    fr: 'Fichier illisible ({raison}).',
    en: 'Cannot read the file ({raison}).',
  },
  FICHIER_VIDE: {
    severity: 'error',
    fr: 'Fichier vide : une convention est attendue.',
    en: 'Empty file: a convention is expected.',
  },
  FICHIER_TROP_VOLUMINEUX: {
    severity: 'error',
    fr: 'Fichier de {taille} octets : une convention en fait quelques milliers, la limite est de {limite} octets.',
    en: 'File of {taille} bytes: a convention is a few thousand bytes, the limit is {limite} bytes.',
  },
  FICHIER_BINAIRE: {
    severity: 'error',
    fr: 'Fichier binaire (octet nul) : un fichier texte YAML en UTF-8 est attendu.',
    en: 'Binary file (NUL byte): a UTF-8 YAML text file is expected.',
  },
  ENCODAGE_UTF16: {
    severity: 'error',
    fr: 'Fichier encodé en UTF-16 : enregistrez-le en UTF-8.',
    en: 'File encoded in UTF-16: save it as UTF-8.',
  },
  ENCODAGE_INVALIDE: {
    severity: 'error',
    fr: 'Octet {octet} invalide en UTF-8 (fichier enregistré en Windows-1252/Latin-1 ?) : enregistrez-le en UTF-8, par ex. `iconv -f WINDOWS-1252 -t UTF-8`.',
    en: 'Byte {octet} is not valid UTF-8 (file saved as Windows-1252/Latin-1?): save it as UTF-8, e.g. `iconv -f WINDOWS-1252 -t UTF-8`.',
  },
  // YAML
  YAML_SYNTAXE: {
    severity: 'error',
    fr: 'YAML invalide : {detail}',
    en: 'Invalid YAML: {detail}',
  },
  YAML_CLE_DUPLIQUEE: {
    severity: 'error',
    fr: 'Clé « {cle} » en double : chaque clé ne peut apparaître qu’une fois par niveau.',
    en: 'Duplicate key "{cle}": a key may appear only once at each level.',
  },
  YAML_PLUSIEURS_DOCUMENTS: {
    severity: 'error',
    fr: 'Plusieurs documents YAML (---) dans un fichier : une seule version de convention par fichier.',
    en: 'Several YAML documents (---) in one file: one convention version per file.',
  },
  YAML_ETIQUETTE_INCONNUE: {
    severity: 'error',
    fr: 'Étiquette YAML non prise en charge : {detail}',
    en: 'Unsupported YAML tag: {detail}',
  },
  YAML_ALIAS_EXCESSIFS: {
    severity: 'error',
    fr: 'Trop d’alias YAML (plus de {limite}) : fichier refusé (risque de « bombe » YAML).',
    en: 'Too many YAML aliases (over {limite}): file rejected (YAML bomb risk).',
  },
  // Schema
  SCHEMA_CLE_INCONNUE: {
    severity: 'error',
    fr: 'Clé inconnue « {cle} ». Clés permises ici : {permises}.',
    en: 'Unknown key "{cle}". Keys allowed here: {permises}.',
  },
  SCHEMA_CLE_MANQUANTE: {
    severity: 'error',
    fr: 'Clé obligatoire « {cle} » absente.',
    en: 'Required key "{cle}" is missing.',
  },
  SCHEMA_TYPE: {
    severity: 'error',
    fr: 'Attendu : {attendu} ; trouvé : {recu}.',
    en: 'Expected: {attendu}; found: {recu}.',
  },
  SCHEMA_VALEUR_INCONNUE: {
    severity: 'error',
    fr: 'Valeur {valeur} inconnue. Valeurs permises : {permises}.',
    en: 'Unknown value {valeur}. Allowed values: {permises}.',
  },
  SCHEMA_DATE_INVALIDE: {
    severity: 'error',
    fr: 'Date invalide {valeur} : attendu une date réelle au format AAAA-MM-JJ.',
    en: 'Invalid date {valeur}: expected a real date as YYYY-MM-DD.',
  },
  SCHEMA_FORMAT: {
    severity: 'error',
    fr: 'Valeur {valeur} mal formée : attendu {attendu}.',
    en: 'Malformed value {valeur}: expected {attendu}.',
  },
  SCHEMA_HORS_BORNES: {
    severity: 'error',
    fr: 'Valeur {valeur} hors bornes : attendu {attendu}.',
    en: 'Value {valeur} out of range: expected {attendu}.',
  },
  SCHEMA_DOUBLON_LISTE: {
    severity: 'error',
    fr: 'Valeur {valeur} répétée dans la liste.',
    en: 'Value {valeur} repeated in the list.',
  },
  SCHEMA_VIDE: {
    severity: 'error',
    fr: 'Valeur vide : au moins un élément est attendu.',
    en: 'Empty value: at least one item is expected.',
  },
  SCHEMA_INVALIDE: {
    severity: 'error',
    fr: 'Valeur non conforme au schéma : {detail}.',
    en: 'Value does not match the schema: {detail}.',
  },
  // Reference data
  SIREN_INVALIDE: {
    severity: 'error',
    fr: 'SIREN {siren} invalide : sa clé de contrôle (Luhn) est fausse.',
    en: 'Invalid SIREN {siren}: wrong check digit (Luhn).',
  },
  DEPARTEMENT_INCONNU: {
    severity: 'error',
    fr: 'Département « {code} » inconnu du Code officiel géographique.',
    en: 'Département "{code}" is not in the official geographic code.',
  },
  COMMUNE_INCONNUE: {
    severity: 'error',
    fr: 'Commune « {code} » inconnue du Code officiel géographique.',
    en: 'Commune "{code}" is not in the official geographic code.',
  },
  COMMUNE_FUSIONNEE: {
    severity: 'error',
    fr: 'Le code « {code} » n’est plus en vigueur : la commune fait désormais partie de {nom} ({actuel}).',
    en: 'Code "{code}" is no longer in force: the commune is now part of {nom} ({actuel}).',
  },
  COMMUNE_HORS_DEPARTEMENT: {
    severity: 'error',
    fr: 'La commune {nom} ({code}) est dans le département {sonDepartement}, pas dans le {departement}.',
    en: 'Commune {nom} ({code}) is in département {sonDepartement}, not {departement}.',
  },
  EPCI_INCONNU: {
    severity: 'error',
    fr: 'EPCI/EPT « {code} » inconnu (SIREN absent de la liste des EPCI et EPT en vigueur).',
    en: 'EPCI/EPT "{code}" is unknown (SIREN not among current EPCIs and EPTs).',
  },
  EPCI_HORS_DEPARTEMENT: {
    severity: 'error',
    fr: '{nom} ({code}) n’a aucune commune dans le département {departement}.',
    en: '{nom} ({code}) has no commune in département {departement}.',
  },
  TERRITOIRE_NATURE: {
    severity: 'error',
    fr: 'Le territoire « {code} » (nature : {nature}) ne convient pas à « {contexte} » : attendu {attendu}.',
    en: 'Territory "{code}" (kind: {nature}) does not fit "{contexte}": expected {attendu}.',
  },
  TERRITOIRE_HORS_PERIMETRE: {
    severity: 'error',
    fr: 'Le territoire {nom} ({code}) est hors du périmètre de la convention ({perimetre}).',
    en: 'Territory {nom} ({code}) is outside the convention’s scope ({perimetre}).',
    reference: R441_5_3,
  },
  PERIODE_INVERSEE: {
    severity: 'error',
    fr: 'Période de construction inversée : de {debut} à {fin}.',
    en: 'Construction period is reversed: from {debut} to {fin}.',
  },
  REGLES_NON_VERIFIEES: {
    severity: 'warning',
    fr: 'Sans valeur le {date} (avant la réglementation en vigueur ?) : {noms}. Les règles qui les utilisent ne sont pas vérifiées à cette date.',
    en: 'No value on {date} (before the regulation in force?): {noms}. The rules using them are not checked at that date.',
  },
  ERREUR_INTERNE: {
    severity: 'error',
    fr: 'Erreur interne de convflux ({detail}) : merci de la signaler.',
    en: 'Internal convflux error ({detail}): please report it.',
  },
  // Identity, layout, seal
  ID_INCOHERENT: {
    severity: 'warning',
    fr: 'Identifiant « {id} » : attendu « {attendu} » (département-SIREN-réservataire).',
    en: 'Id "{id}": expected "{attendu}" (département-SIREN-réservataire).',
  },
  CHEMIN_INCOHERENT: {
    severity: 'error',
    fr: 'Le chemin du fichier donne « {chemin} » pour {cle}, mais le fichier dit « {valeur} ».',
    en: 'The file path gives "{chemin}" for {cle}, but the file says "{valeur}".',
  },
  HORS_ARBORESCENCE: {
    severity: 'warning',
    fr: 'Fichier hors de l’arborescence attendue <département>/<SIREN>/<réservataire>/v<N>.yaml.',
    en: 'File outside the expected layout <département>/<SIREN>/<réservataire>/v<N>.yaml.',
  },
  SIGNEE_SANS_EMPREINTE: {
    severity: 'error',
    fr: 'Version signée sans empreinte : scellez-la avec `convflux seal {fichier}` pour que toute modification ultérieure soit détectée.',
    en: 'Signed version without a seal: run `convflux seal {fichier}` so that any later edit is detected.',
  },
  SIGNEE_MODIFIEE: {
    severity: 'error',
    fr: 'Version signée modifiée après signature (empreinte {attendue}, contenu actuel {actuelle}) : une version signée ne se modifie pas, rédigez un avenant (version {suivante}).',
    en: 'Signed version edited after signature (seal {attendue}, current content {actuelle}): a signed version is never edited, write an amendment (version {suivante}).',
  },
  EMPREINTE_SUR_PROJET: {
    severity: 'warning',
    fr: 'Empreinte sur une version au statut « projet » : elle n’a de sens que pour une version signée.',
    en: 'Seal on a draft ("projet") version: it only makes sense on a signed version.',
  },
  SIGNATAIRES_MANQUANTS: {
    severity: 'error',
    fr: 'Version signée sans signataire pour : {parties}.',
    en: 'Signed version with no signatory for: {parties}.',
  },
  // Across files
  CONVENTION_DOUBLON: {
    severity: 'error',
    fr: 'Deux conventions pour le même bailleur, le même réservataire et le même périmètre ({perimetre}) : « {id} » et « {autre} » ({autreFichier}). Une seule convention par bailleur, réservataire et département (par territoire pour une collectivité).',
    en: 'Two conventions for the same bailleur, réservataire and scope ({perimetre}): "{id}" and "{autre}" ({autreFichier}). One convention per bailleur, réservataire and département (per territory for a local authority).',
    reference: R441_5,
  },
  VERSION_DOUBLON: {
    severity: 'error',
    fr: 'Version {version} de « {id} » en double (aussi dans {autreFichier}).',
    en: 'Version {version} of "{id}" appears twice (also in {autreFichier}).',
  },
  VERSION_MANQUANTE: {
    severity: 'error',
    fr: 'Versions de « {id} » non numérotées de 1 à n : il manque la version {manquante}.',
    en: 'Versions of "{id}" are not numbered 1 to n: version {manquante} is missing.',
  },
  VERSION_DATE_EFFET_ORDRE: {
    severity: 'error',
    fr: 'La version {version} prend effet le {date}, pas après la version {precedente} ({datePrecedente}) : les dates d’effet doivent croître avec les versions.',
    en: 'Version {version} takes effect on {date}, not after version {precedente} ({datePrecedente}): effective dates must increase with versions.',
  },
  VERSION_LACUNE: {
    severity: 'error',
    fr: 'Aucune version en vigueur du {du} au {au} : la version {precedente} finit le {fin} et la version {version} ne prend effet que le {date}.',
    en: 'No version in force from {du} to {au}: version {precedente} ends on {fin} and version {version} only takes effect on {date}.',
  },
  VERSION_IDENTITE: {
    severity: 'error',
    fr: 'La version {version} de « {id} » change {cle} (« {valeur} » au lieu de « {precedente} ») : c’est une autre convention, avec un autre identifiant.',
    en: 'Version {version} of "{id}" changes {cle} ("{valeur}" instead of "{precedente}"): that is another convention, with another id.',
  },
  PARTS_COMMUNE_DEPASSEES: {
    severity: 'error',
    fr: 'Du {du} au {au}, les parts réservées du bailleur {siren} dépassent 100 % du flux à {communes} : {total%} ({detail}).',
    en: 'From {du} to {au}, the reserved shares of bailleur {siren} exceed 100% of the flux in {communes}: {total%} ({detail}).',
    reference: R441_5,
  },
  // Regulation files
  REGLEMENTATION_INVALIDE: {
    severity: 'error',
    fr: 'Réglementation invalide : {detail}',
    en: 'Invalid regulation file: {detail}',
  },
  PARAMETRE_INCONNU: {
    severity: 'error',
    fr: 'Paramètre « {nom} » inconnu (paramètres disponibles : {permis}).',
    en: 'Unknown parameter "{nom}" (available parameters: {permis}).',
  },
  PARAMETRE_SANS_VALEUR: {
    severity: 'error',
    fr: 'Le paramètre « {nom} » n’a pas de valeur en vigueur le {date}.',
    en: 'Parameter "{nom}" has no value in force on {date}.',
  },

  // ------------------------------------------------------------------------------------------
  // Data files of `convflux evaluate` (--parc, --events): src/input/
  TABLE_FORMAT_INCONNU: {
    severity: 'error',
    fr: 'Format de fichier inconnu (extension {extension}) : formats lus : {permises} (CSV séparé par « ; », « , » ou une tabulation, un objet JSON par ligne, ou un classeur Excel ; compressés ou non par gzip, .gz).',
    en: 'Unknown file format (extension {extension}): formats read: {permises} (CSV separated by ";", "," or a tab, one JSON object per line, or an Excel workbook; gzip-compressed or not, .gz).',
  },
  TABLE_VIDE: {
    severity: 'error',
    fr: 'Fichier vide : aucune ligne à lire (un CSV commence par la ligne d’en-tête des colonnes, un NDJSON tient un objet JSON par ligne).',
    en: 'Empty file: no line to read (a CSV starts with the header line of its columns, an NDJSON holds one JSON object per line).',
  },
  TABLE_FICHIER_BINAIRE: {
    severity: 'error',
    fr: 'Fichier binaire (octet nul) sous une extension de fichier texte : un classeur Excel se nomme en .xlsx (il est alors lu tel quel), sinon exportez-le en « CSV UTF-8 ».',
    en: 'Binary file (NUL byte) under a text file extension: name an Excel workbook .xlsx (it is then read as is), or export it as "CSV UTF-8".',
    // The service's user names no file: the format is the import's parameter.
    service: {
      fr: 'Fichier binaire (octet nul) importé comme texte : un classeur Excel s’importe avec format=xlsx (il est alors lu tel quel), sinon exportez-le en « CSV UTF-8 ».',
      en: 'Binary file (NUL byte) imported as text: import an Excel workbook with format=xlsx (it is then read as is), or export it as "CSV UTF-8".',
    },
  },
  TABLE_COLONNE_INCONNUE: {
    severity: 'warning',
    fr: 'Colonne inconnue « {colonne} », ignorée ; colonnes attendues : {permises}.',
    en: 'Unknown column "{colonne}", ignored; expected columns: {permises}.',
  },
  TABLE_COLONNE_DOUBLE: {
    severity: 'error',
    fr: 'Colonne « {colonne} » en double dans l’en-tête : le fichier n’est pas lu.',
    en: 'Column "{colonne}" appears twice in the header: the file is not read.',
  },
  TABLE_COLONNE_MANQUANTE: {
    severity: 'error',
    fr: 'Colonne obligatoire « {colonne} » absente de l’en-tête : le fichier n’est pas lu (colonnes attendues : {permises}).',
    en: 'Required column "{colonne}" is missing from the header: the file is not read (expected columns: {permises}).',
  },
  LIGNE_TROP_LONGUE: {
    severity: 'error',
    fr: 'Ligne de plus de {limite} octets, ignorée : le fichier n’est pas découpé en lignes ?',
    en: 'Line longer than {limite} bytes, skipped: is the file split into lines?',
    refus: {
      fr: 'Ligne de plus de {limite} octets, refusée : le fichier n’est pas découpé en lignes ?',
      en: 'Line longer than {limite} bytes, refused: is the file split into lines?',
    },
  },
  LIGNE_GUILLEMET_NON_FERME: {
    severity: 'error',
    fr: 'Guillemet ouvert et jamais fermé : ligne ignorée, les suivantes sont lues (un champ entre guillemets peut s’étendre sur 1 000 lignes au plus ; un guillemet dans un champ entre guillemets s’écrit "").',
    en: 'Quote opened and never closed: row skipped, the next ones are read (a quoted field may span at most 1,000 lines; a quote inside a quoted field is written "").',
    refus: {
      fr: 'Guillemet ouvert et jamais fermé : ligne refusée, les suivantes sont lues (un champ entre guillemets peut s’étendre sur 1 000 lignes au plus ; un guillemet dans un champ entre guillemets s’écrit "").',
      en: 'Quote opened and never closed: row refused, the next ones are read (a quoted field may span at most 1,000 lines; a quote inside a quoted field is written "").',
    },
  },
  LIGNE_TEXTE_APRES_GUILLEMET: {
    severity: 'error',
    fr: 'Texte après le guillemet fermant d’un champ : ligne ignorée (un guillemet dans un champ entre guillemets s’écrit "").',
    en: 'Text after the closing quote of a field: row skipped (a quote inside a quoted field is written "").',
    refus: {
      fr: 'Texte après le guillemet fermant d’un champ : ligne refusée (un guillemet dans un champ entre guillemets s’écrit "").',
      en: 'Text after the closing quote of a field: row refused (a quote inside a quoted field is written "").',
    },
  },
  LIGNE_NOMBRE_CHAMPS: {
    severity: 'error',
    fr: 'Ligne de {trouve} champs au lieu de {attendu} (autant que de colonnes dans l’en-tête) : ligne ignorée.',
    en: 'Row of {trouve} fields instead of {attendu} (as many as header columns): row skipped.',
    refus: {
      fr: 'Ligne de {trouve} champs au lieu de {attendu} (autant que de colonnes dans l’en-tête) : ligne refusée.',
      en: 'Row of {trouve} fields instead of {attendu} (as many as header columns): row refused.',
    },
  },
  LIGNE_JSON_INVALIDE: {
    severity: 'error',
    fr: 'JSON invalide : chaque ligne doit être un objet JSON complet, par ex. {"id": "e1", "date": "2025-01-31", …} ; ligne ignorée.',
    en: 'Invalid JSON: each line must be a complete JSON object, e.g. {"id": "e1", "date": "2025-01-31", …}; row skipped.',
    refus: {
      fr: 'JSON invalide : chaque ligne doit être un objet JSON complet, par ex. {"id": "e1", "date": "2025-01-31", …} ; ligne refusée.',
      en: 'Invalid JSON: each line must be a complete JSON object, e.g. {"id": "e1", "date": "2025-01-31", …}; row refused.',
    },
  },
  LIGNE_JSON_PAS_OBJET: {
    severity: 'error',
    fr: 'La ligne contient {recu} au lieu d’un objet JSON {…} : ligne ignorée.',
    en: 'The line holds {recu} instead of a JSON object {…}: row skipped.',
    refus: {
      fr: 'La ligne contient {recu} au lieu d’un objet JSON {…} : ligne refusée.',
      en: 'The line holds {recu} instead of a JSON object {…}: row refused.',
    },
  },
  LIGNE_CHAMP_MANQUANT: {
    severity: 'error',
    fr: 'Champ obligatoire « {champ} » absent ou vide.',
    en: 'Required field "{champ}" is missing or empty.',
  },
  LIGNE_CHAMP_REQUIS_POUR_TYPE: {
    severity: 'error',
    fr: 'Champ « {champ} » absent ou vide : il est obligatoire pour un événement « {type} ».',
    en: 'Field "{champ}" is missing or empty: it is required for a "{type}" event.',
  },
  LIGNE_CHAMP_INCONNU: {
    severity: 'error',
    fr: 'Champ inconnu « {champ} » ; champs permis : {permises}.',
    en: 'Unknown field "{champ}"; allowed fields: {permises}.',
  },
  LIGNE_VALEUR_INCONNUE: {
    severity: 'error',
    fr: 'Valeur {valeur} inconnue pour « {champ} ». Valeurs permises : {permises}.',
    en: 'Unknown value {valeur} for "{champ}". Allowed values: {permises}.',
  },
  LIGNE_CHAMP_INVALIDE: {
    severity: 'error',
    fr: 'Champ « {champ} » : attendu {attendu} ; trouvé : {recu}.',
    en: 'Field "{champ}": expected {attendu}; found: {recu}.',
  },
  LIGNE_DATE_HORS_ANNEES: {
    severity: 'error',
    fr: 'Date {valeur} invraisemblable dans « {champ} » : convflux évalue les années {min} à {max} (une faute de frappe ?).',
    en: 'Implausible date {valeur} in "{champ}": convflux evaluates the years {min} to {max} (a typo?).',
  },
  LIGNE_DATE_INVALIDE: {
    severity: 'error',
    fr: 'Date {valeur} invalide dans « {champ} » : attendu une date réelle au format AAAA-MM-JJ (ou JJ/MM/AAAA dans un fichier).',
    en: 'Invalid date {valeur} in "{champ}": expected a real date as YYYY-MM-DD (or DD/MM/YYYY in a file).',
  },
};
