/**
 * The CLI's one table: every option parseArgs reads, and every command with its usage, summary
 * and the options it takes (with their text in French and English). The global help, each
 * command's help and the check that an option applies to the command all come from here.
 */
import type { ParseArgsConfig } from 'node:util';
import { COTATION_DOC } from './command-cotation-doc.js';
import { FICHIERS_EVALUATION } from './fichiers-evaluation.js';

export const OPTIONS = {
  json: { type: 'boolean', default: false },
  lang: { type: 'string', default: 'fr' },
  strict: { type: 'boolean', default: false },
  force: { type: 'boolean', default: false },
  rules: { type: 'string', multiple: true, default: [] },
  parc: { type: 'string' },
  events: { type: 'string', multiple: true },
  prevision: { type: 'string' },
  projet: { type: 'string', multiple: true },
  set: { type: 'string', multiple: true },
  'date-effet': { type: 'string' },
  reorienter: { type: 'boolean', default: false },
  annee: { type: 'string' },
  date: { type: 'string' },
  csv: { type: 'boolean', default: false },
  out: { type: 'string' },
  explain: { type: 'string' },
  tolerant: { type: 'boolean', default: false },
  signees: { type: 'boolean', default: false },
  moteur: { type: 'string' },
  html: { type: 'boolean', default: false },
  avenant: { type: 'boolean', default: false },
  workers: { type: 'string' },
  sign: { type: 'string' },
  cert: { type: 'string' },
  'sign-password-env': { type: 'string' },
  signataire: { type: 'string' },
  yaml: { type: 'string', multiple: true },
  reservataire: { type: 'string', multiple: true },
  convention: { type: 'string', multiple: true },
  departement: { type: 'string' },
  grille: { type: 'string' },
  demandes: { type: 'string' },
  attributions: { type: 'string' },
  releve: { type: 'string' },
  'document-grille': { type: 'boolean', default: false },
  logement: { type: 'string' },
  'all-open': { type: 'boolean', default: false },
  'filiere-part': { type: 'string' },
  'filiere-fenetre': { type: 'string' },
  data: { type: 'string' },
  exemple: { type: 'boolean', default: false },
  port: { type: 'string' },
  host: { type: 'string' },
  database: { type: 'string' },
  ics: { type: 'boolean', default: false },
  horizon: { type: 'string' },
  'no-color': { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
  version: { type: 'boolean', default: false },
} satisfies ParseArgsConfig['options'];

export type OptionName = keyof typeof OPTIONS;

export interface Texte {
  fr: string;
  en: string;
}

export interface OptionDoc {
  name: OptionName;
  /** The value's placeholder (`FICHIER`), none for a flag. */
  arg?: Texte;
  text: Texte;
  /**
   * Options of the same command it cannot be given with (the command refuses the pair: usage
   * error, exit 2); the help says it on both options' lines.
   */
  exclut?: readonly OptionName[];
}

export interface CommandDoc {
  name: string;
  /** Usage lines, without the leading `convflux `. */
  usage: Texte[];
  summary: Texte;
  options: OptionDoc[];
}

const t = (fr: string, en: string = fr): Texte => ({ fr, en });

const FICHIER = t('FICHIER', 'FILE');
const DOSSIER = t('DOSSIER', 'FOLDER');
const AAAA = t('AAAA', 'YYYY');

/** Options every command takes. */
export const GLOBAL_OPTIONS: OptionDoc[] = [
  {
    name: 'json',
    text: t('sortie JSON ({ ok, diagnostics, … })', 'JSON output ({ ok, diagnostics, … })'),
  },
  {
    name: 'lang',
    arg: t('fr|en'),
    text: t(
      'langue des messages et de l’aide (défaut : fr)',
      'language of messages and help (default: fr)',
    ),
  },
  { name: 'no-color', text: t('sans couleurs', 'no colours') },
  { name: 'help', text: t('cette aide', 'this help') },
];

const rulesOpt: OptionDoc = {
  name: 'rules',
  arg: DOSSIER,
  text: t(
    'conventions (dossiers ou fichiers, répétable ; défaut : rules/)',
    'conventions (folders or files, repeatable; default: rules/)',
  ),
};
const parcOpt: OptionDoc = {
  name: 'parc',
  arg: FICHIER,
  text: t(
    'le parc : un logement par ligne (.csv, .ndjson, .xlsx, .gz, ou - pour l’entrée standard)',
    'the parc: one flat per row (.csv, .ndjson, .xlsx, .gz, or - for stdin)',
  ),
};
const parcCheckOpt: OptionDoc = {
  name: 'parc',
  arg: FICHIER,
  text: t(
    'confronte l’état des lieux des conversions au parc (logement inconnu, écart de commune, de typologie ou de financement, logement réservé en stock)',
    'cross-checks the état des lieux of conversions against the parc (unknown flat, commune, typologie or financement mismatch, flat reserved in stock)',
  ),
};
const eventsOpt: OptionDoc = {
  name: 'events',
  arg: FICHIER,
  text: t(
    'les événements du flux (.csv, .ndjson, .xlsx, .gz, ou - pour l’entrée standard ; répétable : un fichier par année)',
    'the flux events (.csv, .ndjson, .xlsx, .gz, or - for stdin; repeatable: one file a year)',
  ),
};
const anneeOpt: OptionDoc = {
  name: 'annee',
  arg: AAAA,
  text: t('l’année évaluée', 'the year evaluated'),
};
const dateOpt: OptionDoc = {
  name: 'date',
  arg: t('AAAA-MM-JJ', 'YYYY-MM-DD'),
  text: t(
    'date d’évaluation (défaut : 31 décembre de l’année)',
    'evaluation date (default: 31 December of the year)',
  ),
};
const tolerantOpt: OptionDoc = {
  name: 'tolerant',
  text: t('des lignes rejetées ne font pas échouer', 'rejected rows do not fail the run'),
};
const signeesOpt: OptionDoc = {
  name: 'signees',
  text: t('n’applique que les versions signées', 'apply signed versions only'),
};
const strictOpt: OptionDoc = {
  name: 'strict',
  text: t('les avertissements font aussi échouer', 'warnings fail too'),
};
const signataireOpt: OptionDoc = {
  name: 'signataire',
  arg: t('bailleur|reservataire'),
  text: t(
    'le champ de signature à remplir (défaut : le premier libre)',
    'the signature field to fill (default: the first free one)',
  ),
};
const passwordOpt: OptionDoc = {
  name: 'sign-password-env',
  arg: t('VAR'),
  text: t(
    'variable d’environnement du mot de passe (défaut : CONVFLUX_SIGN_PASSWORD)',
    'environment variable holding the password (default: CONVFLUX_SIGN_PASSWORD)',
  ),
};

export const COMMANDS: CommandDoc[] = [
  {
    name: 'check',
    usage: [t('check [--parc FICHIER] [CHEMIN…]', 'check [--parc FILE] [PATH…]')],
    summary: t(
      'vérifie des conventions (fichiers ou dossiers ; défaut : rules/)',
      'checks conventions (files or folders; default: rules/)',
    ),
    options: [strictOpt, parcCheckOpt],
  },
  {
    name: 'seal',
    usage: [t('seal FICHIER…', 'seal FILE…')],
    summary: t(
      'scelle une version arrêtée ou signée (écrit son empreinte)',
      'seals a frozen or signed version (writes its fingerprint)',
    ),
    options: [
      {
        name: 'force',
        text: t('rescelle une version signée modifiée', 'reseals an edited signed version'),
      },
    ],
  },
  {
    name: 'migrate',
    usage: [t('migrate FICHIER…', 'migrate FILE…')],
    summary: t(
      'passe un projet au format 2 à jour : ajoute format: 2, écrit les clés récentes qui ont une valeur par défaut sûre et, en commentaires « À REMPLIR » signalés par un avertissement, ce que seul un humain peut remplir (refuse une version scellée)',
      'moves a draft to the current format 2: adds format: 2, writes the recent keys that have a safe default and, as « À REMPLIR » comments each reported by a warning, what only a human can fill in (refuses a sealed version)',
    ),
    options: [],
  },
  {
    name: 'test',
    usage: [t('test [CHEMIN…]', 'test [PATH…]')],
    summary: t(
      'joue les scénarios YAML (défaut : test/scenarios/)',
      'runs the YAML scenarios (default: test/scenarios/)',
    ),
    options: [],
  },
  {
    name: 'schema',
    usage: [t('schema [FICHIER]', 'schema [FILE]')],
    summary: t(
      'la ligne à mettre en tête d’une convention pour la complétion dans l’éditeur (chemin relatif à FICHIER ; absolu sans FICHIER)',
      'the line to put at the top of a convention for editor completion (path relative to FILE; absolute without FILE)',
    ),
    options: [],
  },
  {
    name: 'evaluate',
    usage: [
      t(
        'evaluate --parc P --events E --annee AAAA [--rules DOSSIER…] [--date AAAA-MM-JJ]',
        'evaluate --parc P --events E --annee YYYY [--rules FOLDER…] [--date YYYY-MM-DD]',
      ),
    ],
    summary: t('évalue une année d’événements du flux', 'evaluates a year of flux events'),
    options: [
      parcOpt,
      eventsOpt,
      anneeOpt,
      rulesOpt,
      dateOpt,
      {
        name: 'csv',
        text: t('tableau des conventions en CSV', 'the conventions table as CSV'),
        exclut: ['json'],
      },
      {
        name: 'out',
        arg: DOSSIER,
        text: t(
          `écrit dans DOSSIER ${FICHIERS_EVALUATION.join(', ')}`,
          `writes into FOLDER ${FICHIERS_EVALUATION.join(', ')}`,
        ),
      },
      {
        name: 'explain',
        arg: t('LOGEMENT', 'FLAT'),
        text: t(
          'suit un logement événement par événement, règle par règle (en texte ou en --json)',
          'follows one flat event by event, rule by rule (as text or --json)',
        ),
        exclut: ['csv'],
      },
      tolerantOpt,
      signeesOpt,
      {
        name: 'moteur',
        arg: t('M'),
        text: t(
          'compile (défaut) ou json-rules-engine (référence, lent)',
          'compile (default) or json-rules-engine (the reference, slow)',
        ),
      },
      {
        name: 'workers',
        arg: t('N'),
        text: t(
          'threads de calcul (défaut : un par cœur, au plus 4, au-delà de 20 Mo de parc — chaque thread recompile les conventions et a son propre tas, jusqu’à 1 Go ; 0 = un seul)',
          'worker threads (default: one per core, at most 4, above a 20 MB parc — each thread compiles the conventions again and has its own heap, up to 1 GB; 0 = in-process)',
        ),
      },
    ],
  },
  {
    name: 'echeancier',
    usage: [
      t(
        'echeancier --parc P --events E --date AAAA-MM-JJ [--rules DOSSIER…] [--horizon JOURS] [--json|--ics]',
        'echeancier --parc P --events E --date YYYY-MM-DD [--rules FOLDER…] [--horizon DAYS] [--json|--ics]',
      ),
    ],
    summary: t(
      'les échéances à une date : délais de désignation en cours, logements libérés non orientés, bilan annuel du 28 février, fins de dérogation et de convention (texte, JSON ou iCalendar)',
      'the deadlines at a date: running designation delays, freed flats not yet oriented, the 28 February annual bilan, ends of derogations and of conventions (text, JSON or iCalendar)',
    ),
    options: [
      parcOpt,
      eventsOpt,
      {
        name: 'date',
        arg: t('AAAA-MM-JJ', 'YYYY-MM-DD'),
        text: t('date de l’échéancier (obligatoire)', 'date of the échéancier (required)'),
      },
      {
        name: 'horizon',
        arg: t('JOURS', 'DAYS'),
        text: t(
          'échéances de calendrier (bilan, dérogation, terme) jusqu’à tant de jours après la date (défaut 365)',
          'calendar deadlines (bilan, derogation, term) up to this many days after the date (default 365)',
        ),
      },
      {
        name: 'ics',
        text: t('sortie iCalendar (RFC 5545)', 'iCalendar output (RFC 5545)'),
        exclut: ['json'],
      },
      rulesOpt,
      signeesOpt,
    ],
  },
  {
    name: 'orient',
    usage: [
      t(
        'orient --parc P --events E --logement ID [--date AAAA-MM-JJ] [--rules DOSSIER…]',
        'orient --parc P --events E --logement ID [--date YYYY-MM-DD] [--rules FOLDER…]',
      ),
      t(
        'orient --parc P --events E --all-open [--date AAAA-MM-JJ] [--rules DOSSIER…]',
        'orient --parc P --events E --all-open [--date YYYY-MM-DD] [--rules FOLDER…]',
      ),
    ],
    summary: t(
      'aide à l’orientation d’un logement libéré : chaque réservataire classé, avec sa position, ses objectifs, ses vœux et les contraintes (une suggestion, le bailleur décide)',
      'orientation aid for a freed flat: every réservataire ranked, with its position, objectives, wishes and constraints (a suggestion: the bailleur decides)',
    ),
    options: [
      parcOpt,
      {
        name: 'events',
        arg: FICHIER,
        text: t(
          'les événements de l’année jusqu’à la date (l’historique des orientations)',
          'the year’s events up to the date (the history of orientations)',
        ),
      },
      {
        name: 'logement',
        arg: t('ID'),
        text: t('le logement libéré à orienter', 'the freed flat to orient'),
      },
      {
        name: 'all-open',
        text: t(
          'tous les logements libérés non encore orientés à la date, avec leur première suggestion',
          'every freed flat not yet oriented at the date, with its first suggestion',
        ),
        exclut: ['logement'],
      },
      {
        name: 'date',
        arg: t('AAAA-MM-JJ', 'YYYY-MM-DD'),
        text: t(
          'date de la suggestion (défaut : celle du dernier événement)',
          'date of the suggestion (default: the last event’s)',
        ),
      },
      rulesOpt,
      signeesOpt,
      {
        name: 'filiere-part',
        arg: t('P'),
        text: t(
          'seuil de l’effet filière : part des dernières attributions du programme qu’un contingent ne doit pas dépasser (défaut 0.5)',
          '« effet filière » threshold: share of the programme’s last attributions one contingent should not exceed (default 0.5)',
        ),
      },
      {
        name: 'filiere-fenetre',
        arg: t('N'),
        text: t(
          'nombre des dernières attributions du programme regardées (défaut 10)',
          'how many of the programme’s last attributions are looked at (default 10)',
        ),
      },
    ],
  },
  {
    name: 'simulate',
    usage: [
      t(
        'simulate --parc P --events E --annee AAAA --projet PROJET.yaml [--rules DOSSIER…] [--date AAAA-MM-JJ]',
        'simulate --parc P --events E --annee YYYY --projet DRAFT.yaml [--rules FOLDER…] [--date YYYY-MM-DD]',
      ),
      t(
        'simulate --parc P --events E --annee AAAA --set ID:cle.sous_cle=valeur… [--date-effet AAAA-MM-JJ]',
        'simulate --parc P --events E --annee YYYY --set ID:key.sub_key=value… [--date-effet YYYY-MM-DD]',
      ),
      t(
        'simulate --parc P --events E --annee AAAA --reorienter [--projet PROJET.yaml | --set ID:cle=valeur…]',
        'simulate --parc P --events E --annee YYYY --reorienter [--projet DRAFT.yaml | --set ID:key=value…]',
      ),
    ],
    summary: t(
      'rejoue l’année sous un projet de convention et sous la version en vigueur, côte à côte (dû, réalisé, taux, objectifs qui basculent, alertes qui apparaissent ou disparaissent)',
      'replays the year under a draft convention and under the version in force, side by side (due, achieved, rate, objectives that flip, alerts that appear or vanish)',
    ),
    options: [
      parcOpt,
      eventsOpt,
      anneeOpt,
      rulesOpt,
      dateOpt,
      {
        name: 'projet',
        arg: FICHIER,
        text: t(
          'le projet : une version complète d’une convention de --rules (même id, version supérieure, sa date_effet) ; répétable, une convention chacun',
          'the draft: a full version of a convention of --rules (same id, higher version, its date_effet); repeatable, one convention each',
        ),
      },
      {
        name: 'set',
        arg: t('ID:CLE=VALEUR', 'ID:KEY=VALUE'),
        text: t(
          'surcharge la version en vigueur à la date d’évaluation (ID : convention ou réservataire ; valeur lue comme un scalaire YAML) ; répétable',
          'overrides the version in force at the evaluation date (ID: convention or réservataire; value read as a YAML scalar); repeatable',
        ),
      },
      {
        name: 'date-effet',
        arg: t('AAAA-MM-JJ', 'YYYY-MM-DD'),
        text: t(
          'prise d’effet du projet fait de --set (défaut : 1er janvier de l’année, ou le début de la convention s’il est postérieur)',
          'when the --set draft takes effect (default: 1 January of the year, or the convention’s start when later)',
        ),
      },
      {
        name: 'reorienter',
        text: t(
          'mode réorientation : les libérations de l’année réorientées par l’aide à l’orientation sous les parts du projet (sans projet : les versions en vigueur), leurs événements rejoués pour le nouveau réservataire',
          're-orient mode: the year’s liberations re-oriented by the orientation aid under the draft’s parts (no draft: the versions in force), their events replayed for the new réservataire',
        ),
      },
      {
        name: 'csv',
        text: t('la comparaison des conventions en CSV', 'the conventions’ comparison as CSV'),
        exclut: ['json'],
      },
      {
        name: 'out',
        arg: DOSSIER,
        text: t(
          'écrit simulation.json et les CSV (conventions, objectifs, alertes, rejets)',
          'writes simulation.json and the CSVs (conventions, objectives, alerts, rejected rows)',
        ),
      },
      tolerantOpt,
      signeesOpt,
    ],
  },
  {
    name: 'rules',
    usage: [t('rules CONVENTION')],
    summary: t(
      'règles json-rules-engine tirées d’une convention',
      'the json-rules-engine rules drawn from a convention',
    ),
    options: [],
  },
  {
    name: 'render',
    usage: [
      t('render CHEMIN… [--out F|D] [--html]', 'render PATH… [--out F|D] [--html]'),
      t(
        'render --avenant ANCIENNE.yaml NOUVELLE.yaml [--out F|D] [--html]',
        'render --avenant OLD.yaml NEW.yaml [--out F|D] [--html]',
      ),
      t(
        'render CHEMIN… --sign CERT.p12 [--signataire bailleur|reservataire] [--sign-password-env VAR]',
        'render PATH… --sign CERT.p12 [--signataire bailleur|reservataire] [--sign-password-env VAR]',
      ),
    ],
    summary: t(
      'imprime la convention prête à signer (PDF ; un dossier : toutes), l’avenant entre deux versions, et les signe',
      'prints the convention ready to sign (PDF; a folder: all of them), the avenant between two versions, and signs them',
    ),
    options: [
      {
        name: 'out',
        arg: t('F|D'),
        text: t(
          'fichier de sortie, ou dossier (défaut : dossier courant, <id>-v<N>.pdf)',
          'output file, or folder (default: current folder, <id>-v<N>.pdf)',
        ),
      },
      {
        name: 'html',
        text: t(
          'écrit le HTML au lieu du PDF (sans navigateur)',
          'writes the HTML instead of the PDF (no browser)',
        ),
      },
      {
        name: 'avenant',
        text: t(
          'l’avenant entre deux versions d’une convention (défaut : <id>-avenant-<N>.pdf)',
          'the avenant between two versions of a convention (default: <id>-avenant-<N>.pdf)',
        ),
      },
      {
        name: 'sign',
        arg: t('CERT.p12'),
        text: t(
          'signe chaque PDF (certificat PKCS#12) dans le champ du signataire',
          'signs each PDF (PKCS#12 certificate) in the signatory’s field',
        ),
      },
      signataireOpt,
      passwordOpt,
      strictOpt,
    ],
  },
  {
    name: 'verify',
    usage: [
      t(
        'verify FICHIER.pdf [--yaml V.yaml | --yaml ANCIENNE.yaml --yaml NOUVELLE.yaml]',
        'verify FILE.pdf [--yaml V.yaml | --yaml OLD.yaml --yaml NEW.yaml]',
      ),
    ],
    summary: t(
      'vérifie les signatures du PDF et qu’il est le rendu de ce YAML (de ces deux versions pour un avenant)',
      'checks the PDF’s signatures and that it is the rendering of that YAML (of those two versions for an avenant)',
    ),
    options: [
      {
        name: 'yaml',
        arg: FICHIER,
        text: t(
          'le YAML dont le PDF doit être le rendu, octet pour octet ; deux fois pour un avenant',
          'the YAML the PDF must be the rendering of, byte for byte; twice for an avenant',
        ),
      },
      strictOpt,
    ],
  },
  {
    name: 'classer',
    usage: [
      t(
        'classer --rules DOSSIER --parc FICHIER --events FICHIER',
        'classer --rules FOLDER --parc FILE --events FILE',
      ),
    ],
    summary: t(
      'classe chaque événement comme le service à la saisie : valide, anomalie (alerte d’evaluate), invalide (rejet d’evaluate)',
      'classifies each event as the service does when recording: valid, anomalous (evaluate’s alert), invalid (evaluate’s rejection)',
    ),
    options: [rulesOpt, parcOpt, eventsOpt],
  },
  {
    name: 'serve',
    usage: [
      t(
        'serve [--data DOSSIER] [--port 3000] [--host 127.0.0.1] [--database postgres://…] [--exemple]',
        'serve [--data FOLDER] [--port 3000] [--host 127.0.0.1] [--database postgres://…] [--exemple]',
      ),
    ],
    summary: t(
      'le service partagé (API JSON) : base SQLite intégrée dans --data, ou PostgreSQL ; au premier démarrage, crée un compte administrateur et affiche son mot de passe à usage unique',
      'the shared service (JSON API): embedded SQLite database in --data, or PostgreSQL; on first start, creates an administrator account and prints its one-time password',
    ),
    options: [
      {
        name: 'data',
        arg: DOSSIER,
        text: t(
          'dossier de la base SQLite (défaut : ./convflux-data)',
          'folder of the SQLite database (default: ./convflux-data)',
        ),
      },
      {
        name: 'port',
        arg: t('N'),
        text: t(
          'port d’écoute (défaut 3000 ; 0 = un port libre)',
          'port (default 3000; 0 = a free port)',
        ),
      },
      {
        name: 'host',
        arg: t('ADRESSE', 'ADDRESS'),
        text: t('adresse d’écoute (défaut 127.0.0.1)', 'address to listen on (default 127.0.0.1)'),
      },
      {
        name: 'database',
        arg: t('URL'),
        text: t(
          'PostgreSQL (postgres://…) au lieu de SQLite ; défaut : la variable DATABASE_URL si elle est définie',
          'PostgreSQL (postgres://…) instead of SQLite; default: the DATABASE_URL variable when set',
        ),
      },
      {
        name: 'exemple',
        text: t(
          'sur une base vide, charge l’exemple livré (conventions de rules/, parc et événements de test/fixtures/exemple-93) et crée un compte par organisation, dont il affiche l’adresse et le mot de passe à usage unique',
          'on an empty database, loads the bundled example (conventions of rules/, parc and events of test/fixtures/exemple-93) and creates one account per organisation, printing its address and one-time password',
        ),
      },
    ],
  },
  {
    name: 'db',
    usage: [
      t(
        'db dump --out FICHIER.ndjson.gz [--data DOSSIER | --database postgres://…]',
        'db dump --out FILE.ndjson.gz [--data FOLDER | --database postgres://…]',
      ),
      t(
        'db restore FICHIER.ndjson.gz [--force] [--data DOSSIER | --database postgres://…]',
        'db restore FILE.ndjson.gz [--force] [--data FOLDER | --database postgres://…]',
      ),
    ],
    summary: t(
      'sauvegarde et restauration de la base du service : un dump portable (NDJSON gzip) qui se restaure dans SQLite comme dans PostgreSQL ; restore refuse une base non vide (sauf --force) et un dump d’un schéma plus récent',
      'backup and restore of the service database: a portable dump (gzip NDJSON) that restores into SQLite or PostgreSQL; restore refuses a non-empty database (unless --force) and a dump of a newer schema',
    ),
    options: [
      {
        name: 'out',
        arg: FICHIER,
        text: t('le fichier du dump (dump)', 'the dump file (dump)'),
      },
      {
        name: 'data',
        arg: DOSSIER,
        text: t(
          'dossier de la base SQLite (défaut : ./convflux-data)',
          'folder of the SQLite database (default: ./convflux-data)',
        ),
      },
      {
        name: 'database',
        arg: t('URL'),
        text: t(
          'PostgreSQL (postgres://…) au lieu de SQLite ; défaut : la variable DATABASE_URL si elle est définie',
          'PostgreSQL (postgres://…) instead of SQLite; default: the DATABASE_URL variable when set',
        ),
      },
      {
        name: 'force',
        text: t(
          'restore : remplace le contenu d’une base non vide (dans la même transaction)',
          'restore: replaces the content of a non-empty database (in the same transaction)',
        ),
      },
    ],
  },
  {
    name: 'diff',
    usage: [t('diff ANCIENNE.yaml NOUVELLE.yaml', 'diff OLD.yaml NEW.yaml')],
    summary: t(
      'ce qui change entre deux conventions, clé par clé, en clair (code 0 : aucun changement en effet, 1 : des changements, 2 : fichier invalide)',
      'what changes between two conventions, key by key, in words (exit 0: no change in effect, 1: changes, 2: invalid file)',
    ),
    options: [],
  },
  {
    name: 'bilan',
    usage: [
      t(
        'bilan --parc P --events E --annee AAAA --out DOSSIER [--rules DOSSIER…] [--date AAAA-MM-JJ] [--html] [--reservataire ID…] [--convention ID…] [--prevision FICHIER] [--workers N]',
        'bilan --parc P --events E --annee YYYY --out FOLDER [--rules FOLDER…] [--date YYYY-MM-DD] [--html] [--reservataire ID…] [--convention ID…] [--prevision FILE] [--workers N]',
      ),
    ],
    summary: t(
      'bilan annuel (CCH R. 441-5-1) de chaque bailleur par département, pour tous ses réservataires : PDF, CSV et classeur .xlsx',
      'annual bilan (CCH R. 441-5-1) of each bailleur per département, for all its réservataires: PDF, CSV and .xlsx workbook',
    ),
    options: [
      parcOpt,
      eventsOpt,
      anneeOpt,
      {
        name: 'out',
        arg: DOSSIER,
        text: t(
          'dossier des bilans : <dép>-<SIREN>-bilan-<AAAA>.pdf (ou .html avec --html), .csv et .xlsx',
          'folder of the bilans: <dép>-<SIREN>-bilan-<YYYY>.pdf (or .html with --html), .csv and .xlsx',
        ),
      },
      rulesOpt,
      dateOpt,
      {
        name: 'html',
        text: t('écrit le HTML au lieu du PDF', 'writes the HTML instead of the PDF'),
      },
      tolerantOpt,
      signeesOpt,
      {
        name: 'reservataire',
        arg: t('ID'),
        text: t(
          'l’exemplaire de ce réservataire, avec l’annexe de ses logements (répétable)',
          'this réservataire’s copy, with the annex of its flats (repeatable)',
        ),
      },
      {
        name: 'convention',
        arg: t('ID'),
        text: t(
          'seulement le bilan qui comprend cette convention (répétable)',
          'only the bilan that holds this convention (repeatable)',
        ),
      },
      {
        name: 'prevision',
        arg: FICHIER,
        text: t(
          'le fichier de prévision du bailleur pour l’année suivante (comme pour previsionnel) : le prévisionnel en section 7 de son bilan',
          'the bailleur’s forecast file for the next year (as for previsionnel): the forecast as section 7 of its bilan',
        ),
      },
      {
        name: 'workers',
        arg: t('N'),
        text: t(
          'threads qui évaluent l’année et écrivent les documents (défaut : un par cœur, au plus 4, pour l’année au-delà de 20 Mo de parc, pour les documents à partir de 4 bilans ; 0 = un seul)',
          'threads evaluating the year and writing the documents (default: one per core, at most 4, for the year above a 20 MB parc, for the documents from 4 bilans on; 0 = in-process)',
        ),
      },
    ],
  },
  {
    name: 'previsionnel',
    usage: [
      t(
        'previsionnel --prevision FICHIER --parc P --events E --annee AAAA --out DOSSIER [--rules DOSSIER…] [--html]',
        'previsionnel --prevision FILE --parc P --events E --annee YYYY --out FOLDER [--rules FOLDER…] [--html]',
      ),
    ],
    summary: t(
      'prévisionnel de l’année (CCH R. 441-5 I) : logements déduits par catégorie, flux prévu par commune et typologie, dû de chaque réservataire, état des lieux agrégé (PDF, CSV, xlsx)',
      'forecast of the year (CCH R. 441-5 I): flats deducted by category, flux forecast per commune and typologie, each réservataire’s due, aggregated état des lieux (PDF, CSV, xlsx)',
    ),
    options: [
      {
        name: 'prevision',
        arg: FICHIER,
        text: t(
          'le fichier de prévision du bailleur (schemas/previsionnel.schema.json)',
          'the bailleur’s forecast file (schemas/previsionnel.schema.json)',
        ),
      },
      parcOpt,
      {
        name: 'events',
        arg: FICHIER,
        text: t(
          'événements des années précédentes (rotation observée sur trois ans au plus ; répétable : un fichier par année)',
          'events of the previous years (rotation observed over three years at most; repeatable: one file a year)',
        ),
      },
      {
        name: 'annee',
        arg: AAAA,
        text: t('l’année prévue', 'the year forecast'),
      },
      {
        name: 'out',
        arg: DOSSIER,
        text: t(
          'dossier : previsionnel-<siren>-<dép>-<AAAA>.pdf (ou .html), .csv, -dus.csv, -deductions.csv, -etat-des-lieux.csv, .xlsx',
          'folder: previsionnel-<siren>-<dep>-<YYYY>.pdf (or .html), .csv, -dus.csv, -deductions.csv, -etat-des-lieux.csv, .xlsx',
        ),
      },
      rulesOpt,
      {
        name: 'html',
        text: t('écrit le HTML au lieu du PDF', 'writes the HTML instead of the PDF'),
      },
      signeesOpt,
    ],
  },
  {
    name: 'init',
    usage: [
      t(
        'init TYPE [--out FICHIER] [--departement DD]',
        'init TYPE [--out FILE] [--departement DD]',
      ),
    ],
    summary: t(
      'écrit le squelette commenté d’une convention pour un type de réservataire (etat, commune, epci, action_logement…)',
      'writes a commented convention skeleton for a réservataire type (etat, commune, epci, action_logement…)',
    ),
    options: [
      {
        name: 'out',
        arg: FICHIER,
        text: t('le fichier à écrire', 'the file to write'),
      },
      {
        name: 'departement',
        arg: t('DD'),
        text: t('le département de la convention', 'the convention’s département'),
      },
    ],
  },
  {
    name: 'sign',
    usage: [
      t(
        'sign FICHIER.pdf --cert CERT.p12 [--signataire bailleur|reservataire] [--sign-password-env VAR] [--out FICHIER]',
        'sign FILE.pdf --cert CERT.p12 [--signataire bailleur|reservataire] [--sign-password-env VAR] [--out FILE]',
      ),
    ],
    summary: t(
      'contresigne un PDF déjà signé, par ajout (signature incrémentale de la seconde partie)',
      'countersigns an already signed PDF, incrementally (the second party’s signature)',
    ),
    options: [
      {
        name: 'cert',
        arg: t('CERT.p12'),
        text: t('certificat PKCS#12 du signataire', 'the signatory’s PKCS#12 certificate'),
      },
      signataireOpt,
      passwordOpt,
      {
        name: 'out',
        arg: FICHIER,
        text: t('le PDF contresigné à écrire', 'the countersigned PDF to write'),
      },
    ],
  },
  COTATION_DOC,
];

export const commandDoc = (name: string): CommandDoc | undefined =>
  COMMANDS.find((c) => c.name === name);

/** The options a command takes: its own and the global ones. */
export function optionsOf(command: CommandDoc | undefined): OptionName[] {
  const own = command ? command.options.map((o) => o.name) : [];
  return [...GLOBAL_OPTIONS.map((o) => o.name), 'version', ...own];
}
