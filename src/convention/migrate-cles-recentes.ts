/**
 * The keys the format gained after format 2 was defined, as `convflux migrate` adds them to a
 * draft of format 1 or 2:
 * - a key whose omission already means a value of the defaults registry (src/convention/defauts.ts)
 *   is written with that value and a comment saying so, so that the parties see the stipulation
 *   they sign: `effet_avant_signature` (an avenant), `assiette.premiere_mise_en_location`,
 *   `decompte.ponderation.provisoire_sans_suite` (when an orientation scores), and
 *   `designation.a_compter_de`. The text and the figures do not change (test/defauts.test.ts);
 * - what only a human can fill in (an act, a SIREN) is added as a commented « À REMPLIR » blank
 *   and reported by a warning at its line: Action Logement Services' `forme_juridique` and
 *   `siren`, and the `visas_locaux` (act and date) of the local instruments the visas cite.
 */
import { isMap, type Document } from 'yaml';
import type { DiagnosticParams } from '../diagnostics/diagnostic.js';
import type { Convention } from './convention.js';
import { casPour, valeurA, type JsonValue } from './defauts.js';
import type { TypeReservataire } from './convention.js';
import { instrumentsVises, type InstrumentLocal } from './visas-locaux.js';
import { blockMapAt, endOfMap, hasLine, lineAfter, type Insertion } from './yaml-insertion.js';

export const A_REMPLIR = 'À REMPLIR';

/** A key written with its default value. */
export interface DefautEcrit {
  cle: string;
  valeur: JsonValue;
}

/** A blank for a human: the diagnostic to report at the line that marks it. */
export interface BlancARemplir {
  code: string;
  params: DiagnosticParams;
  pointer: string;
  /** The commented line added (or already there) that the diagnostic points at. */
  marque: string;
  /** False when a previous run already added the line. */
  ajoute: boolean;
}

export interface AjoutsRecents {
  insertions: Insertion[];
  /** Lines for the block at the end of the file. */
  finDeFichier: string[];
  /** Commented entries for the `reservataire` mapping (merged with migrate's own). */
  reservataire: [string, string][];
  defauts: DefautEcrit[];
  blancs: BlancARemplir[];
}

interface CleAvecDefaut {
  cle: string;
  applicable: (doc: Document) => boolean;
  /** Top-level key: the key after which it goes. */
  apres?: string;
}

const poidsOrientation = (doc: Document): unknown =>
  doc.getIn(['decompte', 'ponderation', 'orientation']);

const CLES_AVEC_DEFAUT: readonly CleAvecDefaut[] = [
  {
    cle: '/effet_avant_signature',
    applicable: (doc) => Number(doc.get('version')) >= 2,
    apres: 'date_effet',
  },
  { cle: '/assiette/premiere_mise_en_location', applicable: () => true },
  {
    cle: '/decompte/ponderation/provisoire_sans_suite',
    applicable: (doc) => {
      const poids = poidsOrientation(doc);
      return typeof poids === 'number' && poids > 0;
    },
  },
  { cle: '/designation/a_compter_de', applicable: () => true },
];

function commentaire(cle: string, type: TypeReservataire | undefined): string {
  const { fondement } = casPour(cle, type);
  const base =
    fondement.nature === 'loi' ? 'lecture de la loi retenue par convflux' : 'choix de convflux';
  return `# convflux migrate : la valeur qui s’appliquait sans cette clé (${base}), à confirmer par les parties`;
}

/** Lines of `path` under an existing mapping of depth `depth`, the last one with its value. */
function nestedLines(
  path: readonly string[],
  from: number,
  indent: string,
  last: string,
): string[] {
  return path.slice(from).map((key, k, rest) => {
    const pad = `${indent}${'  '.repeat(k)}`;
    return k === rest.length - 1 ? `${pad}${key}: ${last}` : `${pad}${key}:`;
  });
}

/** The insertion that writes one key, or undefined when its parent is not a block mapping. */
function ecrireCle(
  text: string,
  doc: Document,
  spec: CleAvecDefaut,
  last: string,
  fin: string[],
): Insertion | undefined {
  const path = spec.cle.slice(1).split('/');
  let depth = 0;
  while (depth < path.length - 1 && isMap(doc.getIn(path.slice(0, depth + 1), true))) depth++;
  if (depth < path.length - 1 && doc.hasIn(path.slice(0, depth + 1))) return undefined;
  if (depth === 0) {
    const anchor = spec.apres ? doc.get(spec.apres, true) : undefined;
    const range = (anchor as { range?: [number, number, number] } | undefined)?.range;
    if (path.length === 1 && range)
      return {
        offset: lineAfter(text, range[2]),
        lines: [`${path[0] ?? ''}: ${last}`],
        pointer: spec.cle,
      };
    fin.push(...nestedLines(path, 0, '', last));
    return undefined;
  }
  const map = blockMapAt(doc, path.slice(0, depth));
  const end = map && endOfMap(text, map);
  if (!end) return undefined;
  return {
    offset: end.offset,
    lines: nestedLines(path, depth, end.indent, last),
    pointer: spec.cle,
  };
}

function scalaire(v: JsonValue): string {
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean'
    ? String(v)
    : JSON.stringify(v);
}

function defautsEcrits(text: string, doc: Document, out: AjoutsRecents): void {
  const data: unknown = doc.toJS();
  const type = valeurA(data, '/reservataire/type') as TypeReservataire | undefined;
  for (const spec of CLES_AVEC_DEFAUT) {
    if (valeurA(data, spec.cle) !== undefined || !spec.applicable(doc)) continue;
    const { defaut } = casPour(spec.cle, type);
    if (!('valeur' in defaut)) continue;
    const last = `${scalaire(defaut.valeur)} ${commentaire(spec.cle, type)}`;
    const before = out.finDeFichier.length;
    const ins = ecrireCle(text, doc, spec, last, out.finDeFichier);
    if (ins) out.insertions.push(ins);
    if (ins || out.finDeFichier.length > before)
      out.defauts.push({ cle: spec.cle, valeur: defaut.valeur });
  }
}

function identificationActionLogement(text: string, doc: Document, out: AjoutsRecents): void {
  if (doc.getIn(['reservataire', 'type']) !== 'action_logement') return;
  const blancs: [string, string, string][] = [];
  if (!doc.hasIn(['reservataire', 'forme_juridique']))
    blancs.push([
      'forme_juridique',
      `${A_REMPLIR} (Action Logement Services : société par actions simplifiée, CCH art. L. 313-19 — à vérifier)`,
      '/reservataire/forme_juridique',
    ]);
  if (!doc.hasIn(['reservataire', 'siren']))
    blancs.push([
      'siren',
      `"${A_REMPLIR}" (Action Logement Services : 824 541 148, RCS de Paris — à vérifier)`,
      '/reservataire/siren',
    ]);
  const map = blockMapAt(doc, ['reservataire']);
  const indent = map ? (endOfMap(text, map)?.indent ?? '  ') : '  ';
  for (const [cle, valeur, pointer] of blancs) {
    const marque = `${indent}# ${cle}: ${valeur}`;
    const ajoute = !hasLine(text, marque);
    if (ajoute) out.reservataire.push([cle, valeur]);
    out.blancs.push({
      ajoute,
      code: 'MIGRATION_IDENTIFICATION_A_REMPLIR',
      params: { cle: pointer.slice(1).replaceAll('/', '.') },
      pointer,
      marque,
    });
  }
}

const ACTES: Record<InstrumentLocal, string> = {
  pdalhpd: 'ex. arrêté conjoint n° …',
  accord_collectif: 'ex. arrêté préfectoral n° …',
  cia: 'ex. délibération n° …',
};

function visasLocaux(text: string, doc: Document, out: AjoutsRecents): void {
  const c = doc.toJS() as Convention;
  if (!c.reservataire) return;
  const manquants = instrumentsVises(c).filter((i) => !doc.hasIn(['visas_locaux', i]));
  if (!manquants.length) return;
  const map = blockMapAt(doc, ['visas_locaux']);
  const end = map && endOfMap(text, map);
  const indent = end ? end.indent : '#   ';
  const lignes: string[] = [];
  for (const instrument of manquants) {
    const ligne = `${end ? `${indent}# ` : indent}${instrument}: { acte: "${A_REMPLIR} : ${ACTES[instrument]}", date: AAAA-MM-JJ }`;
    const ajoute = !hasLine(text, ligne);
    if (ajoute) lignes.push(ligne);
    out.blancs.push({
      ajoute,
      code: 'MIGRATION_VISA_A_REMPLIR',
      params: { cle: `visas_locaux.${instrument}` },
      pointer: `/visas_locaux/${instrument}`,
      marque: ligne,
    });
  }
  if (!lignes.length) return;
  if (end) out.insertions.push({ offset: end.offset, lines: lignes, pointer: '/visas_locaux' });
  else {
    const tete = `# visas_locaux: # ${A_REMPLIR} : l’acte et la date de chaque instrument local que citent les visas`;
    out.finDeFichier.push(...(hasLine(text, tete) ? [] : [tete]), ...lignes);
  }
}

/** What `convflux migrate` adds to a draft for the keys added since format 2. */
export function ajoutsRecents(text: string, doc: Document): AjoutsRecents {
  const out: AjoutsRecents = {
    insertions: [],
    finDeFichier: [],
    reservataire: [],
    defauts: [],
    blancs: [],
  };
  defautsEcrits(text, doc, out);
  identificationActionLogement(text, doc, out);
  visasLocaux(text, doc, out);
  return out;
}
