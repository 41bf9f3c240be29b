/** The help of `convflux cotation` (wired into command-table.ts's COMMANDS). */
import type { CommandDoc, Texte } from './command-table.js';

const t = (fr: string, en: string = fr): Texte => ({ fr, en });
const FICHIER = t('FICHIER', 'FILE');

export const COTATION_DOC: CommandDoc = {
  name: 'cotation',
  usage: [
    t(
      'cotation --grille G.yaml --demandes D --date AAAA-MM-JJ [--json | --csv] [--explain NUMERO]',
      'cotation --grille G.yaml --demandes D --date YYYY-MM-DD [--json | --csv] [--explain NUMBER]',
    ),
    t(
      'cotation --grille G.yaml --demandes D --date AAAA-MM-JJ --releve NUMERO --out DOSSIER [--attributions A] [--html]',
      'cotation --grille G.yaml --demandes D --date YYYY-MM-DD --releve NUMBER --out FOLDER [--attributions A] [--html]',
    ),
    t(
      'cotation --grille G.yaml --document-grille --out DOSSIER [--html]',
      'cotation --grille G.yaml --document-grille --out FOLDER [--html]',
    ),
  ],
  summary: t(
    'cote les demandes de logement social avec la grille de l’EPCI (CCH R. 441-2-10, 11°), chaque cotation expliquée ; relevé de cotation et document public de la grille',
    'scores social housing requests with the EPCI’s grid (CCH R. 441-2-10, 11°), each score explained; relevé de cotation and public grid document',
  ),
  options: [
    {
      name: 'grille',
      arg: FICHIER,
      text: t(
        'la grille (rules/cotation/<SIREN>/v<N>.yaml)',
        'the grid (rules/cotation/<SIREN>/v<N>.yaml)',
      ),
    },
    {
      name: 'demandes',
      arg: FICHIER,
      text: t(
        'les demandes : numéro unique, dates, champs de la grille — ni nom ni adresse (.csv, .ndjson, .xlsx, .gz, ou -)',
        'the requests: numéro unique, dates, the grid’s fields — no name, no address (.csv, .ndjson, .xlsx, .gz, or -)',
      ),
    },
    {
      name: 'date',
      arg: t('AAAA-MM-JJ', 'YYYY-MM-DD'),
      text: t('date de la cotation', 'scoring date'),
    },
    {
      name: 'csv',
      text: t('une ligne CSV par demande cotée', 'one CSV row per request scored'),
      exclut: ['json'],
    },
    {
      name: 'explain',
      arg: t('NUMERO', 'NUMBER'),
      text: t('explique la cotation d’une demande', 'explains one request’s score'),
      exclut: ['releve'],
    },
    {
      name: 'releve',
      arg: t('NUMERO', 'NUMBER'),
      text: t(
        'écrit le relevé de cotation de cette demande (PDF, ou HTML avec --html)',
        'writes the relevé de cotation of that request (PDF, or HTML with --html)',
      ),
    },
    {
      name: 'attributions',
      arg: FICHIER,
      text: t(
        'attributions passées (typologie, commune, date_depot, date_attribution) : délai d’attente moyen sur 12 mois',
        'past attributions (typologie, commune, date_depot, date_attribution): average waiting time over 12 months',
      ),
    },
    {
      name: 'document-grille',
      text: t('écrit le document public de la grille', 'writes the public grid document'),
    },
    {
      name: 'out',
      arg: t('DOSSIER', 'FOLDER'),
      text: t(
        'dossier où écrire le relevé ou le document',
        'folder for the relevé or the document',
      ),
    },
    { name: 'html', text: t('HTML au lieu de PDF', 'HTML instead of PDF') },
  ],
};
