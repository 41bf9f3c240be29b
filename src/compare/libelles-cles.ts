/**
 * The words for a key of the format in `convflux diff`: a short label where the project has one,
 * else the first clause of the key's description in schemas/convention.schema.json, else the key
 * itself. Array indices do not matter ("/objectifs/indicatifs/2/part" is read as ".../*\/part").
 */
import { readFileSync } from 'node:fs';
import type { Lang } from '../diagnostics/diagnostic.js';
import { packagePath } from '../package-path.js';
import { parsePointer } from '../source/json-pointer.js';

const L = (fr: string, en: string): { fr: string; en: string } => ({ fr, en });

const COURTS: Record<string, { fr: string; en: string }> = {
  '/id': L('Identifiant de la convention', 'Convention id'),
  '/departement': L('Département', 'Département'),
  '/bailleur/nom': L('Bailleur', 'Bailleur'),
  '/bailleur/siege': L('Siège du bailleur', 'Bailleur’s head office'),
  '/reservataire/id': L('Identifiant du réservataire', 'Réservataire id'),
  '/reservataire/type': L('Type de réservataire', 'Réservataire type'),
  '/reservataire/nom': L('Réservataire', 'Réservataire'),
  '/reservataire/territoire': L('Territoire du réservataire', 'Réservataire’s territory'),
  '/reservataire/siege': L('Siège du réservataire', 'Réservataire’s head office'),
  '/reservataire/garantie_emprunt': L(
    'Réservation en contrepartie d’une garantie d’emprunt',
    'Reservation for a loan guarantee',
  ),
  '/modalites': L('Modalités d’échange et de mise en œuvre', 'Exchange and implementation terms'),
  '/visas_locaux': L('Instruments locaux cités aux visas', 'Local instruments cited'),
  '/signataires/*/habilitation': L('Signataire, habilitation', 'Signatory, authority'),
  '/signataires/*/habilitation/nature': L(
    'Signataire, nature de l’habilitation',
    'Signatory, kind of authority',
  ),
  '/signataires/*/habilitation/organe': L(
    'Signataire, organe qui habilite',
    'Signatory, authorising body',
  ),
  '/signataires/*/habilitation/numero': L(
    'Signataire, numéro de l’habilitation',
    'Signatory, number of the authority',
  ),
  '/signataires/*/habilitation/date': L(
    'Signataire, date de l’habilitation',
    'Signatory, date of the authority',
  ),
  '/flux/part': L('Part du flux', 'Share of the flux'),
  '/flux/dont_agents_etat': L('Part réservée aux agents de l’État', 'Share for State employees'),
  '/flux/application': L('Application de la part', 'How the share applies'),
  '/flux/part_hors_qpv_min': L('Part minimale hors QPV', 'Minimum share outside QPV'),
  '/flux/part_garantie_emprunt': L(
    'Part fondée sur des garanties d’emprunt',
    'Share founded on loan guarantees',
  ),
  '/assiette/exclusions': L('Exclusions de l’assiette', 'Exclusions from the base'),
  '/assiette/premiere_mise_en_location': L('Première mise en location', 'First letting'),
  '/decompte/fait_generateur': L('Fait générateur du décompte', 'Triggering event of the count'),
  '/decompte/ponderation/orientation': L(
    'Pondération d’une orientation',
    'Weight of an orientation',
  ),
  '/decompte/ponderation/attribution': L(
    'Pondération d’une attribution',
    'Weight of an attribution',
  ),
  '/decompte/ponderation/provisoire_sans_suite': L(
    'Points provisoires sans suite',
    'Provisional points without follow-up',
  ),
  '/designation/delai': L('Délai de désignation', 'Designation delay'),
  '/designation/a_compter_de': L(
    'Point de départ du délai de désignation',
    'Start of the designation delay',
  ),
  '/designation/candidats': L('Candidats à désigner par logement', 'Candidates per flat'),
  '/designation/a_expiration/reprise_pour_un_tour': L(
    'Reprise pour un tour à l’expiration du délai',
    'Taken back for one letting when the delay expires',
  ),
  '/designation/a_expiration/decompte': L(
    'Décompte du logement repris à l’expiration du délai',
    'Flat taken back when the delay expires is counted',
  ),
  '/duree/debut': L('Début de la convention', 'Start of the convention'),
  '/duree/fin': L('Fin de la convention', 'End of the convention'),
  '/objectifs/contractuels/*': L('Objectif contractuel', 'Contractual objective'),
  '/objectifs/indicatifs/*': L('Objectif indicatif', 'Indicative objective'),
  '/objectifs/contractuels/*/libelle': L(
    'Objectif contractuel, libellé',
    'Contractual objective, label',
  ),
  '/objectifs/indicatifs/*/libelle': L(
    'Objectif indicatif, libellé',
    'Indicative objective, label',
  ),
  '/objectifs/indicatifs/*/criteres': L(
    'Objectif indicatif, critères',
    'Indicative objective, criteria',
  ),
  '/objectifs/contractuels/*/part': L('Objectif contractuel, part', 'Contractual objective, share'),
  '/objectifs/indicatifs/*/part': L('Objectif indicatif, part', 'Indicative objective, share'),
  '/signataires/*': L('Signataire', 'Signatory'),
  '/signataires/*/nom': L('Signataire, nom', 'Signatory, name'),
  '/signataires/*/qualite': L('Signataire, qualité', 'Signatory, capacity'),
  '/modalites/notification/delai': L(
    'Délai de notification du logement',
    'Delay to notify the flat',
  ),
  '/modalites/notification/canal': L('Canal de notification', 'Notification channel'),
  '/modalites/dossiers/delai_completude': L(
    'Délai de signalement d’un dossier incomplet',
    'Delay to report an incomplete file',
  ),
  '/modalites/information_caleol/delai': L(
    'Délai d’information sur les décisions de la CALEOL',
    'Delay to report CALEOL decisions',
  ),
  '/modalites/information_baux/delai': L(
    'Délai d’information sur les baux et les refus',
    'Delay to report leases and refusals',
  ),
  '/modalites/gestion': L('Mode de gestion', 'Management'),
  '/contreparties/*': L('Contrepartie', 'Consideration'),
};

const QUI: Record<string, { fr: string; en: string }> = {
  candidat: L('du candidat', 'by the candidate'),
  caleol: L('de la CALEOL', 'by the CALEOL'),
  reservataire: L('du réservataire', 'by the réservataire'),
  bailleur: L('du bailleur', 'by the bailleur'),
};

/** Refusals: « Délai de nouvelle désignation après refus du candidat ». */
function refus(segments: readonly string[], lang: Lang): string | undefined {
  if (segments[0] !== 'refus' || segments.length < 2) return undefined;
  const qui = QUI[segments[1] ?? ''];
  if (!qui) return undefined;
  const quoi: Record<string, { fr: string; en: string }> = {
    delai: L(
      'Délai de nouvelle désignation après refus',
      'Delay of a new designation after refusal',
    ),
    decompte: L('Décompte après refus', 'Counted after refusal'),
    nouvelle_designation: L('Nouvelle désignation après refus', 'New designation after refusal'),
  };
  const k = segments[2];
  const base = k === undefined ? L('Règle du refus', 'Rule of refusal') : quoi[k];
  return base ? `${base[lang]} ${qui[lang]}` : undefined;
}

interface SchemaNode {
  description?: string;
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
}

let schema: SchemaNode | undefined;

/** The description of a key in the schema (first clause), if it has one. */
function description(segments: readonly string[]): string | undefined {
  schema ??= JSON.parse(
    readFileSync(packagePath('schemas', 'convention.schema.json'), 'utf8'),
  ) as SchemaNode;
  let node: SchemaNode | undefined = schema;
  for (const s of segments) node = s === '*' ? node?.items : node?.properties?.[s];
  const text = node?.description;
  if (!text) return undefined;
  const clause = text.split(/ \(|[.:;]/)[0]?.trim() ?? '';
  return clause && clause.length <= 70 ? clause : undefined;
}

/** The label of the key at `pointeur`. */
export function libelleCle(pointeur: string, lang: Lang): string {
  const segments = parsePointer(pointeur).map((s) => (/^\d+$/.test(s) ? '*' : s));
  const generique = segments.length ? `/${segments.join('/')}` : '';
  const court = COURTS[generique]?.[lang] ?? refus(segments, lang);
  if (court) return court;
  if (lang === 'fr') {
    const d = description(segments);
    if (d) return d;
  }
  return segments.filter((s) => s !== '*').join(' › ') || '/';
}
