/**
 * An uploaded convention version: where it belongs (read from its own text), and its check —
 * `checkPaths`, the function behind `convflux check`, on the version placed among the other
 * stored versions of the same bailleur and département (the context the CLI reads on disk).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { donneesYaml } from '../../source/yaml-lib.js';
import { checkPaths } from '../../check/check-paths.js';
import { catalogue } from '../../diagnostics/catalogue.js';
import type { Diagnostic, Lang } from '../../diagnostics/diagnostic.js';
import { renderTemplate } from '../../diagnostics/render-message.js';
import type { Database } from '../db/schema.js';
import {
  avecArbre,
  cheminRegles,
  versionsDuBailleur,
  type VersionRangee,
} from './arbre-temporaire.js';

/** A version's place in the layout and what the service files it under. */
export interface Place {
  id: string;
  departement: string;
  bailleur: string;
  reservataire: string;
  version: number;
  statut: string;
  /** Sealed: `empreinte` present (an `arretee` or `signee` version). */
  scellee: boolean;
}

const DEPARTEMENT = /^([0-9]{2}|2A|2B|97[1-6])$/;
const SIREN = /^[0-9]{9}$/;
const RESERVATAIRE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const texte = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;

function champ(o: unknown, cle: string): unknown {
  return typeof o === 'object' && o !== null ? (o as Record<string, unknown>)[cle] : undefined;
}

/** The place the YAML names for itself; undefined when it cannot be read or names none. */
export function placeDuYaml(yaml: string): Place | undefined {
  let data: unknown;
  try {
    data = donneesYaml(yaml);
  } catch {
    return undefined;
  }
  const departement = texte(champ(data, 'departement'));
  const bailleur = texte(champ(champ(data, 'bailleur'), 'siren'));
  const reservataire = texte(champ(champ(data, 'reservataire'), 'id'));
  const version = champ(data, 'version');
  const id = texte(champ(data, 'id'));
  if (
    !departement ||
    !bailleur ||
    !reservataire ||
    !id ||
    !DEPARTEMENT.test(departement) ||
    !SIREN.test(bailleur) ||
    !RESERVATAIRE.test(reservataire) ||
    typeof version !== 'number' ||
    !Number.isInteger(version) ||
    version < 1
  )
    return undefined;
  const statut = texte(champ(data, 'statut')) ?? 'projet';
  const scellee = champ(data, 'empreinte') !== undefined || statut !== 'projet';
  return { id, departement, bailleur, reservataire, version, statut, scellee };
}

export interface ResultatDepot {
  ok: boolean;
  diagnostics: Diagnostic[];
  /** The version's path in the layout (the `file` of its diagnostics). */
  fichier: string;
}

/** Checks a YAML with no usable place on its own (what is wrong with it is said there). */
async function verifierSeul(yaml: string, lang: Lang): Promise<ResultatDepot> {
  const fichier = 'conventions/depot.yaml';
  return avecArbre([], async (a) => {
    mkdirSync(join(a.rules, 'conventions'), { recursive: true });
    writeFileSync(join(a.rules, fichier), yaml);
    const r = await checkPaths([fichier], { lang, cwd: a.rules, workers: 0 });
    return { ok: r.ok, diagnostics: r.diagnostics, fichier };
  });
}

export const cle = (d: Diagnostic): string =>
  `${d.code}|${String(d.line)}|${String(d.column)}|${d.pointer}`;

/** A diagnostic that comes from the other parties' conventions, said without naming them. */
export function masque(d: Diagnostic, lang: Lang): Diagnostic {
  const entree = catalogue['SERVICE_CONTROLE_ENSEMBLE'];
  const params = { code: d.code };
  return {
    code: 'SERVICE_CONTROLE_ENSEMBLE',
    severity: d.severity,
    file: d.file,
    line: d.line,
    column: d.column,
    pointer: d.pointer,
    message: entree ? renderTemplate(entree[lang], params, lang) : d.code,
    params,
  };
}

async function checkParmi(
  versions: readonly VersionRangee[],
  fichier: string,
  lang: Lang,
): Promise<ResultatDepot> {
  return avecArbre(versions, async (a) => {
    const r = await checkPaths([fichier], { lang, cwd: a.rules, workers: 0 });
    return { ok: r.ok, diagnostics: r.diagnostics, fichier };
  });
}

/**
 * `convflux check` of the version at its place, beside the other stored versions of its bailleur
 * and département (the stored text of that same version, replaced by a PUT, left out). The
 * decision is always taken with that whole context; a caller who is not of the bailleur (a
 * réservataire) sees the diagnostics that only the other parties' conventions raise without
 * their detail, which names those conventions (`SERVICE_CONTROLE_ENSEMBLE`).
 */
export async function verifierDepot(
  db: Kysely<Database>,
  yaml: string,
  place: Place | undefined,
  lang: Lang,
  detailDuBailleur = true,
): Promise<ResultatDepot> {
  if (!place) return verifierSeul(yaml, lang);
  const autres = (await versionsDuBailleur(db, place.departement, place.bailleur)).filter(
    (v) => !(v.reservataire === place.reservataire && v.version === place.version),
  );
  const fichier = cheminRegles(place);
  const celle = { ...place, yaml };
  const r = await checkParmi([...autres, celle], fichier, lang);
  if (detailDuBailleur) return r;
  const siennes = autres.filter((v) => v.reservataire === place.reservataire);
  const propres = new Set(
    (await checkParmi([...siennes, celle], fichier, lang)).diagnostics.map(cle),
  );
  return {
    ...r,
    diagnostics: r.diagnostics.map((d) => (propres.has(cle(d)) ? d : masque(d, lang))),
  };
}
