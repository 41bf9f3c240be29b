/**
 * What format 2 asks of a generated convention (the benchmark tree checks without a warning):
 * the bailleur's legal form and siège, the réservataire's siège (and Action Logement's legal form
 * and SIREN), one named, empowered signatory per party, the acts of the local instruments the
 * visas cite, and, on a signed version, the recorded signatures. Every value is fictitious and
 * derived from the convention's id (no draw of the PRNG: the rest of the tree is unchanged).
 */
import { addDays } from '../convention/calendar.js';
import type { Convention, TypeReservataire } from '../convention/convention.js';
import { instrumentsVises } from '../convention/visas-locaux.js';

const FORMES = ['oph', 'sa_hlm', 'sem'] as const;
const PRENOMS = ['Claire', 'Marc', 'Nadia', 'Paul', 'Sophie', 'Karim', 'Anne', 'Louis'];
const NOMS = ['Martin', 'Bernard', 'Durand', 'Petit', 'Moreau', 'Laurent', 'Girard', 'Roux'];

/** A stable small number from a text (FNV-1a). */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** « M. Paul Durand » / « Mme Claire Martin », fictitious, from `cle`. */
export function personneFictive(cle: string): string {
  const h = hash(cle);
  const prenom = PRENOMS[h % PRENOMS.length] ?? 'Claire';
  const nom = NOMS[(h >>> 8) % NOMS.length] ?? 'Martin';
  const feminin = ['Claire', 'Nadia', 'Sophie', 'Anne'].includes(prenom);
  return `${feminin ? 'Mme' : 'M.'} ${prenom} ${nom}`;
}

/** A signatory named by a title (« Le maire de … ») is replaced by a fictitious person. */
export function nomSignataire(nom: string, cle: string): string {
  return /^(Le|La|Les|L’|L')\s?[a-zàâçéèêëîïôûù]/.test(nom) ? personneFictive(cle) : nom;
}

const ORGANES: Partial<Record<TypeReservataire, string>> = {
  commune: 'conseil municipal',
  epci: 'conseil communautaire',
  ept: 'conseil de territoire',
  departement: 'commission permanente',
  region: 'commission permanente',
};

/** The `habilitation:` lines of a signatory (indented for `signataires`). */
export function habilitation(
  partie: 'bailleur' | 'reservataire',
  type: TypeReservataire,
  annee: string,
): string[] {
  const date = `${annee}-06-20`;
  if (partie === 'bailleur') return deliberation('conseil d’administration', `${annee}-12`, date);
  if (type === 'etat')
    return [
      '    habilitation:',
      '      nature: delegation_signature',
      '      organe: préfet',
      `      numero: "${annee}-0412"`,
      `      date: ${date}`,
    ];
  const organe = ORGANES[type];
  if (organe) return deliberation(organe, `${annee}-031`, date);
  return ['    habilitation:', '      nature: delegation', `      date: ${date}`];
}

function deliberation(organe: string, numero: string, date: string): string[] {
  return [
    '    habilitation:',
    '      nature: deliberation',
    `      organe: ${organe}`,
    `      numero: "${numero}"`,
    `      date: ${date}`,
  ];
}

/** The bailleur's legal form and siège (after its `nom:`). */
export function identificationBailleur(siren: string, departement: string): string[] {
  const forme = FORMES[hash(siren) % FORMES.length] ?? 'oph';
  return [
    `  forme_juridique: ${forme}`,
    `  siege: 1 rue de l’Exemple, ${departement} (adresse fictive)`,
  ];
}

/** The réservataire's siège and, for Action Logement, its legal form and SIREN. */
export function identificationReservataire(type: TypeReservataire): string[] {
  if (type === 'etat') return [];
  if (type === 'action_logement')
    return [
      '  forme_juridique: société par actions simplifiée # CCH art. L. 313-19',
      '  siren: "824541148"',
      '  siege: 19-21 quai d’Austerlitz, 75013 Paris',
    ];
  return ['  siege: 1 place de l’Exemple (adresse fictive)'];
}

/** What `instrumentsVises` reads of a convention: the réservataire's type, objectives' labels. */
export interface VisasInput {
  type: TypeReservataire;
  libelles: string[];
}

/** `visas_locaux:` for the instruments the visas cite (fictitious acts). */
export function visasLocaux(v: VisasInput, annee: string): string[] {
  const c = {
    reservataire: { type: v.type },
    objectifs: { indicatifs: v.libelles.map((libelle) => ({ libelle })) },
  } as unknown as Convention;
  const instruments = instrumentsVises(c);
  if (!instruments.length) return [];
  const out = ['', 'visas_locaux: # actes fictifs'];
  for (const i of instruments)
    out.push(
      `  ${i}:`,
      `    acte: arrêté ou délibération n° ${annee}-${String(i.length)}`,
      `    date: ${annee}-02-01`,
    );
  return out;
}

/** `signatures:` of a signed version: the bailleur, then the réservataire, before the effect. */
export function signatures(dateEffet: string): string[] {
  return [
    'signatures:',
    '  - partie: bailleur',
    `    date: ${addDays(dateEffet, -20)}`,
    '  - partie: reservataire',
    `    date: ${addDays(dateEffet, -10)}`,
  ];
}
