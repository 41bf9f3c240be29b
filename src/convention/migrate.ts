/**
 * `convflux migrate`: a draft of an older format becomes a draft of the current one. A format-1
 * draft gains `format: 2` and, as commented blanks marked « À REMPLIR », the keys a signature
 * needs (the bailleur's legal form and siège, the réservataire's siège, each signatory's name and
 * habilitation) and the new blocks (contreparties for a réservataire other than the État,
 * modalites, juridiction). Every draft, of format 1 or 2, gains the keys added since format 2
 * (src/convention/migrate-cles-recentes.ts): written with their default value when they have a
 * safe one, as blanks reported by a warning when only a human can fill them in.
 * Lines are inserted into the text as it is: every comment, the order and the layout stay. A
 * sealed file (`empreinte`, or statut arretee/signee) is never rewritten.
 */
import { resolve } from 'node:path';
import { isMap, isScalar, isSeq, parseDocument, type Document } from 'yaml';
import { checkPaths } from '../check/check-paths.js';
import type { Diagnostic, Lang } from '../diagnostics/diagnostic.js';
import { FileReport } from '../diagnostics/file-report.js';
import { writeOutput } from '../output/write-output.js';
import { readCheckedSource } from '../source/read-source.js';
import {
  A_REMPLIR,
  ajoutsRecents,
  type AjoutsRecents,
  type DefautEcrit,
} from './migrate-cles-recentes.js';
import { blockMapAt, columnOf, lineAfter, lineOf, type Insertion } from './yaml-insertion.js';

export interface MigrateResult {
  file: string;
  /** migrated: written; unchanged: already current; refused: see diagnostics. */
  status: 'migrated' | 'unchanged' | 'refused';
  /** JSON pointers of what was added (as commented blanks, except `/format` and `defauts`). */
  ajouts: string[];
  /** Keys written with their default value (the meaning of the text does not change). */
  defauts: DefautEcrit[];
  /** Refusals (errors), or the blanks only a human can fill in (warnings, at their line). */
  diagnostics: Diagnostic[];
}

/** Lines appended at the end of a block mapping (its own indentation), or after it as top-level comments. */
function appendToMap(
  text: string,
  doc: Document,
  key: string,
  entries: [string, string][],
): Insertion | undefined {
  if (!entries.length) return undefined;
  const map = blockMapAt(doc, [key]);
  const first = map?.items[0]?.key;
  const range = map?.range;
  if (map && range && isScalar(first) && first.range) {
    const indent = ' '.repeat(columnOf(text, first.range[0]));
    return {
      offset: lineAfter(text, range[1]),
      lines: entries.map(([k, v]) => `${indent}# ${k}: ${v}`),
      pointer: `/${key}`,
    };
  }
  const node = doc.get(key, true) as { range?: [number, number, number] } | undefined;
  const end = node?.range?.[2] ?? text.length;
  return {
    offset: lineAfter(text, end),
    lines: entries.map(([k, v]) => `# ${key}.${k}: ${v}`),
    pointer: `/${key}`,
  };
}

const FORMES =
  'oph, sa_hlm, sem, cooperative_hlm, fondation_hlm ou organisme_agree (forme juridique du bailleur)';

function habilitationModele(partie: unknown, type: unknown): string {
  if (partie === 'bailleur')
    return `{ nature: deliberation, organe: conseil d’administration, numero: "${A_REMPLIR}", date: AAAA-MM-JJ }`;
  if (type === 'etat')
    return `{ nature: delegation_signature, organe: préfet de …, numero: "${A_REMPLIR}", date: AAAA-MM-JJ } (inutile si le préfet signe lui-même)`;
  if (type === 'action_logement' || type === 'employeur')
    return `{ nature: delegation, organe: ${A_REMPLIR}, numero: "${A_REMPLIR}", date: AAAA-MM-JJ }`;
  return `{ nature: deliberation, organe: conseil municipal (ou communautaire, de territoire…), numero: "${A_REMPLIR}", date: AAAA-MM-JJ }`;
}

/** Each signatory without habilitation (and each written as a title) gets its blanks. */
function signataires(text: string, doc: Document, type: unknown): Insertion[] {
  const seq = doc.get('signataires', true);
  if (!isSeq(seq) || seq.flow) return [];
  const out: Insertion[] = [];
  seq.items.forEach((item, i) => {
    if (!isMap(item) || item.flow || !item.range) return;
    const first = item.items[0]?.key;
    if (!isScalar(first) || !first.range) return;
    const indent = ' '.repeat(columnOf(text, first.range[0]));
    const lines: string[] = [];
    const nom = item.get('nom');
    if (typeof nom === 'string' && /^(Le|La|Les|L’|L')\s?[a-zàâçéèêëîïôûù]/.test(nom))
      lines.push(
        `${indent}# nom: ${A_REMPLIR} (la personne qui signe, ex. « Mme Claire Martin ») ; qualite : sa fonction sans le nom de la partie`,
      );
    if (!item.has('habilitation'))
      lines.push(`${indent}# habilitation: ${habilitationModele(item.get('partie'), type)}`);
    if (lines.length)
      out.push({
        offset: lineAfter(text, item.range[1]),
        lines,
        pointer: `/signataires/${String(i)}`,
      });
  });
  return out;
}

/** The new top-level blocks, as commented blanks at the end of the file. */
function blocsFinaux(doc: Document, type: unknown, signatairesAbsents: boolean): string[] {
  const lines: string[] = [];
  if (signatairesAbsents)
    lines.push(
      `# signataires: # ${A_REMPLIR} : une personne nommée par partie, sa qualité et l’acte qui l’habilite`,
      '#   - partie: bailleur',
      `#     nom: ${A_REMPLIR}`,
      `#     qualite: ${A_REMPLIR}`,
      `#     habilitation: ${habilitationModele('bailleur', type)}`,
      '#   - partie: reservataire',
      `#     nom: ${A_REMPLIR}`,
      `#     qualite: ${A_REMPLIR}`,
      `#     habilitation: ${habilitationModele('reservataire', type)}`,
    );
  if (type !== 'etat' && !doc.has('contreparties'))
    lines.push(
      `# contreparties: # ${A_REMPLIR} : ce qui fonde les droits du réservataire (CCH art. L. 441-1)`,
      '#   - nature: garantie_emprunt # ou subvention, apport_terrain, financement_employeur, autre',
      `#     objet: ${A_REMPLIR} # programme ou opération`,
      `#     acte: { nature: deliberation, organe: ${A_REMPLIR}, numero: "${A_REMPLIR}", date: AAAA-MM-JJ }`,
    );
  if (!doc.has('modalites'))
    lines.push(
      `# modalites: # ${A_REMPLIR} si les parties s’écartent des valeurs par défaut : notification, publics_prioritaires, dossiers, information_caleol, information_baux, gestion, delegataire, agents_etat`,
    );
  if (!doc.has('juridiction'))
    lines.push(
      `# juridiction: # ${A_REMPLIR} si besoin : nature_contrat (administratif ou prive), tribunal`,
    );
  return lines;
}

/** The insertions of format 1 → 2 (`format` absent or 1), merged with those of the recent keys. */
function insertions(
  text: string,
  doc: Document,
  format: unknown,
  recents: AjoutsRecents,
): Insertion[] {
  const out: Insertion[] = [...recents.insertions];
  const type = doc.getIn(['reservataire', 'type']);
  const reservataire: [string, string][] = [];
  const fin: string[] = [];
  if (format !== 2) {
    const version = doc.get('version', true);
    const versionNode = isScalar(version) ? version : undefined;
    const afterVersion = versionNode?.range ? lineAfter(text, versionNode.range[2]) : 0;
    if (format === undefined)
      out.push({ offset: afterVersion, lines: ['format: 2'], pointer: '/format' });
    const bailleur: [string, string][] = [];
    if (!doc.hasIn(['bailleur', 'forme_juridique']))
      bailleur.push(['forme_juridique', `${A_REMPLIR} : ${FORMES}`]);
    if (!doc.hasIn(['bailleur', 'siege']))
      bailleur.push(['siege', `${A_REMPLIR} (adresse du siège)`]);
    const b = appendToMap(text, doc, 'bailleur', bailleur);
    if (b) out.push(b);
    if (type !== 'etat' && !doc.hasIn(['reservataire', 'siege']))
      reservataire.push(['siege', `${A_REMPLIR} (hôtel de ville, siège social)`]);
    out.push(...signataires(text, doc, type));
    fin.push(...blocsFinaux(doc, type, !doc.has('signataires')));
  }
  const r = appendToMap(text, doc, 'reservataire', [...reservataire, ...recents.reservataire]);
  if (r) out.push(r);
  fin.push(...recents.finDeFichier);
  if (fin.length) out.push({ offset: text.length, lines: fin, pointer: '' });
  return out;
}

function apply(text: string, list: Insertion[]): string {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  let out = text.endsWith('\n') || !text ? text : `${text}${eol}`;
  // From the end; at the same offset the end-of-file block first, so that it stays last.
  const sorted = [...list].sort(
    (a, b) => b.offset - a.offset || Number(b.pointer === '') - Number(a.pointer === ''),
  );
  for (const ins of sorted) {
    const at = Math.min(ins.offset, out.length);
    const block = ins.lines.map((l) => `${l}${eol}`).join('');
    const sep = at === out.length && ins.pointer === '' ? eol : '';
    out = `${out.slice(0, at)}${sep}${block}${out.slice(at)}`;
  }
  return out;
}

function refused(
  file: string,
  lang: Lang,
  code: string,
  params: Record<string, string>,
  pointer: string,
  where: { text: string; offset: number | undefined },
): MigrateResult {
  const report = new FileReport(file, lang);
  const before = where.offset === undefined ? undefined : where.text.slice(0, where.offset);
  const position =
    before === undefined
      ? { line: 0, column: 0 }
      : { line: before.split('\n').length, column: columnOf(where.text, before.length) + 1 };
  report.add(code, params, pointer, position);
  return { file, status: 'refused', ajouts: [], defauts: [], diagnostics: report.diagnostics };
}

/** `format: 1` written out becomes `format: 2` in place (then nothing is inserted for it). */
function formatUn(text: string, doc: Document): string {
  const node = doc.get('format', true);
  if (!isScalar(node) || node.value !== 1 || !node.range) return text;
  return `${text.slice(0, node.range[0])}2${text.slice(node.range[1])}`;
}

/** The blanks only a human can fill in, each a warning at its « À REMPLIR » line. */
function blancs(path: string, lang: Lang, text: string, recents: AjoutsRecents): Diagnostic[] {
  const report = new FileReport(path, lang);
  for (const b of recents.blancs)
    report.add(b.code, b.params, b.pointer, lineOf(text, b.marque) ?? { line: 0, column: 0 });
  return report.diagnostics;
}

/** Migrates one draft to the current format (see the module comment). */
export async function migrateFile(
  path: string,
  options: { lang?: Lang; cwd?: string } = {},
): Promise<MigrateResult> {
  const lang = options.lang ?? 'fr';
  const cwd = options.cwd ?? process.cwd();
  const absolute = resolve(cwd, path);
  const check = await checkPaths([path], { lang, cwd, workers: 0 });
  const original = (await readCheckedSource(absolute, lang, path)).toString('utf8');
  const first = parseDocument(original, { version: '1.2', schema: 'core' });
  if (first.errors.length || !isMap(first.contents)) {
    const errors = check.diagnostics.filter((d) => d.severity === 'error');
    return { file: path, status: 'refused', ajouts: [], defauts: [], diagnostics: errors };
  }
  const statut = first.get('statut', true);
  const statutValue = isScalar(statut) ? statut.value : undefined;
  if (first.has('empreinte') || statutValue === 'arretee' || statutValue === 'signee')
    return refused(
      path,
      lang,
      'MIGRATION_VERSION_SCELLEE',
      { statut: typeof statutValue === 'string' ? statutValue : '' },
      first.has('empreinte') ? '/empreinte' : '/statut',
      {
        text: original,
        offset: (first.has('empreinte')
          ? (first.get('empreinte', true) as { range?: number[] })
          : (statut as { range?: number[] } | undefined)
        )?.range?.[0],
      },
    );
  const format = first.get('format');
  if (format !== undefined && format !== 1 && format !== 2)
    return refused(
      path,
      lang,
      'MIGRATION_FORMAT_INCONNU',
      { format: JSON.stringify(format) },
      '/format',
      {
        text: original,
        offset: (first.get('format', true) as { range?: number[] } | undefined)?.range?.[0],
      },
    );
  const text = formatUn(original, first);
  const doc = text === original ? first : parseDocument(text, { version: '1.2', schema: 'core' });
  const recents = ajoutsRecents(text, doc);
  const list = insertions(text, doc, format, recents);
  const migrated = text === original && !list.length ? original : apply(text, list);
  if (migrated !== original) await writeOutput(absolute, migrated, { lang, chemin: path });
  return {
    file: path,
    status: migrated === original ? 'unchanged' : 'migrated',
    ajouts: [
      ...(format !== 2 ? ['/format'] : []),
      ...list.map((i) => i.pointer),
      ...recents.blancs.filter((b) => b.ajoute).map((b) => b.pointer),
    ].filter((p, i, all) => p !== '' && all.indexOf(p) === i),
    defauts: recents.defauts,
    diagnostics: blancs(path, lang, migrated, recents),
  };
}
