import type { Diagnostic, DiagnosticParams } from '../diagnostics/diagnostic.js';
import { formatShare } from '../diagnostics/render-message.js';
import { addDays } from '../convention/calendar.js';
import { TYPES_TERRITORIAUX, type Convention } from '../convention/convention.js';
import { communesDuDepartement, type Territoires } from '../reference/territoires.js';
import type { CheckedFile } from './check-convention.js';
import { perimetre } from './reference-checks.js';
import type { Parametres } from '../reglementation/parametres.js';
import { checkGarantiesGlobales } from './garantie-corpus-checks.js';
import { checkVersionsDeGrilles } from './grille/versions-grille.js';

/** Adds a diagnostic to a file, resolving its position (the caller knows how). */
export type Emit = (
  target: CheckedFile,
  code: string,
  params: DiagnosticParams,
  pointer: string,
) => void;

type Valid = CheckedFile & { convention: Convention };

const byPath = (a: CheckedFile, b: CheckedFile): number =>
  a.file < b.file ? -1 : a.file > b.file ? 1 : 0;

function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

/** A version's period in force: from its date_effet to the day before the next version, or its end. */
interface Period {
  file: Valid;
  from: string;
  to: string;
}

function versionsInForce(versions: Valid[]): Period[] {
  const sorted = [...versions].sort((a, b) => a.convention.version - b.convention.version);
  return sorted.map((file, k) => {
    const next = sorted[k + 1];
    const end = file.convention.duree.fin;
    const dayBeforeNext = next ? addDays(next.convention.date_effet, -1) : end;
    return {
      file,
      from: file.convention.date_effet,
      to: dayBeforeNext < end ? dayBeforeNext : end,
    };
  });
}

/** Versions found on disk that could not be used (unreadable, invalid, not a file): id → version → file. */
export type Unusable = ReadonlyMap<string, ReadonlyMap<number, string>>;

function checkVersions(
  id: string,
  versions: Valid[],
  emit: Emit,
  unusable: ReadonlyMap<number, string> | undefined,
): void {
  const byVersion = groupBy(versions, (v) => String(v.convention.version));
  for (const same of byVersion.values()) {
    const sorted = [...same].sort(byPath);
    const first = sorted[0];
    for (const dup of sorted.slice(1)) {
      if (first)
        emit(
          dup,
          'VERSION_DOUBLON',
          { id, version: dup.convention.version, autreFichier: first.file },
          '/version',
        );
    }
  }
  const unique = [...byVersion.values()]
    .map((list) => [...list].sort(byPath)[0])
    .filter((v): v is Valid => !!v);
  unique.sort((a, b) => a.convention.version - b.convention.version);
  const last = unique[unique.length - 1];
  if (last) {
    const present = new Set(unique.map((v) => v.convention.version));
    for (let n = 1; n < last.convention.version; n++) {
      if (present.has(n)) continue;
      // A version that exists but could not be read is not missing: its own diagnostics say why.
      const fichier = unusable?.get(n);
      if (fichier !== undefined) {
        emit(last, 'VERSION_NON_COMPARABLE', { id, manquante: n, fichier }, '/version');
        continue;
      }
      emit(last, 'VERSION_MANQUANTE', { id, manquante: n }, '/version');
      break;
    }
  }
  const first = unique[0];
  for (let k = 1; k < unique.length; k++) {
    const prev = unique[k - 1];
    const cur = unique[k];
    if (!prev || !cur) continue;
    const p = prev.convention;
    const c = cur.convention;
    if (c.date_effet <= p.date_effet) {
      emit(
        cur,
        'VERSION_DATE_EFFET_ORDRE',
        {
          version: c.version,
          date: c.date_effet,
          precedente: p.version,
          datePrecedente: p.date_effet,
        },
        '/date_effet',
      );
    } else if (c.date_effet > addDays(p.duree.fin, 1)) {
      emit(
        cur,
        'VERSION_LACUNE',
        {
          du: addDays(p.duree.fin, 1),
          au: addDays(c.date_effet, -1),
          precedente: p.version,
          fin: p.duree.fin,
          version: c.version,
          date: c.date_effet,
        },
        '/date_effet',
      );
    }
    if (!first) continue;
    const f = first.convention;
    const identity: [string, string | undefined, string | undefined, string][] = [
      ['departement', f.departement, c.departement, '/departement'],
      ['bailleur.siren', f.bailleur.siren, c.bailleur.siren, '/bailleur/siren'],
      ['reservataire.id', f.reservataire.id, c.reservataire.id, '/reservataire/id'],
      ['reservataire.type', f.reservataire.type, c.reservataire.type, '/reservataire/type'],
      [
        'reservataire.territoire',
        f.reservataire.territoire,
        c.reservataire.territoire,
        '/reservataire/territoire',
      ],
    ];
    for (const [cle, before, after, pointer] of identity) {
      if (before !== after) {
        emit(
          cur,
          'VERSION_IDENTITE',
          { id, version: c.version, cle, valeur: after ?? '', precedente: before ?? '' },
          pointer,
        );
      }
    }
  }
}

/** One convention per bailleur × réservataire × département (× territory for local authorities). */
function partyKey(c: Convention): string {
  const base = `${c.bailleur.siren}|${c.departement}`;
  if (c.reservataire.type === 'etat') return `${base}|etat`;
  if (TYPES_TERRITORIAUX.includes(c.reservataire.type))
    return `${base}|${c.reservataire.type}|${c.reservataire.territoire ?? ''}`;
  return `${base}|${c.reservataire.id}`;
}

function checkUniqueness(
  latest: Map<string, { file: Valid; from: string; to: string }>,
  emit: Emit,
): void {
  const byParty = groupBy([...latest.entries()], ([, v]) => partyKey(v.file.convention));
  for (const entries of byParty.values()) {
    const sorted = entries.sort(([, a], [, b]) => byPath(a.file, b.file));
    for (let i = 1; i < sorted.length; i++) {
      const [id, cur] = sorted[i] ?? [];
      if (!id || !cur) continue;
      for (let j = 0; j < i; j++) {
        const [otherId, other] = sorted[j] ?? [];
        if (!otherId || !other) continue;
        if (cur.from <= other.to && other.from <= cur.to) {
          const c = cur.file.convention;
          const territorial = TYPES_TERRITORIAUX.includes(c.reservataire.type);
          emit(
            cur.file,
            'CONVENTION_DOUBLON',
            {
              id,
              autre: otherId,
              autreFichier: other.file.file,
              perimetre: territorial ? (c.reservataire.territoire ?? '') : c.departement,
            },
            territorial ? '/reservataire/territoire' : '/reservataire/id',
          );
          break;
        }
      }
    }
  }
}

const EPSILON = 1e-9;

/** The parts of all réservataires of one bailleur, commune by commune, never above 100 %. */
function checkShares(periods: Period[], t: Territoires, emit: Emit): void {
  // One scan of the communes of France per département, not per bailleur.
  const communesByDepartement = new Map<string, string[]>();
  const groups = groupBy(
    periods,
    (p) => `${p.file.convention.bailleur.siren}|${p.file.convention.departement}`,
  );
  for (const group of groups.values()) {
    const first = group[0]?.file.convention;
    if (!first) continue;
    const communes =
      communesByDepartement.get(first.departement) ??
      communesByDepartement
        .set(first.departement, communesDuDepartement(t, first.departement))
        .get(first.departement) ??
      [];
    const scopes = new Map<Period, Set<string> | undefined>(
      group.map((p) => [p, perimetre(t, p.file.convention)]),
    );
    const bounds = [...new Set(group.flatMap((p) => [p.from, addDays(p.to, 1)]))].sort();
    for (let b = 0; b < bounds.length - 1; b++) {
      const from = bounds[b] ?? '';
      const to = addDays(bounds[b + 1] ?? from, -1);
      const active = group.filter((p) => p.from <= from && p.to >= to && p.from <= p.to);
      if (active.length < 2) continue;
      let wide = 0;
      const local = new Map<string, number>();
      for (const p of active) {
        const scope = scopes.get(p);
        if (!scope) wide += p.file.convention.flux.part;
        else
          for (const code of scope)
            local.set(code, (local.get(code) ?? 0) + p.file.convention.flux.part);
      }
      const over = communes.filter((code) => wide + (local.get(code) ?? 0) > 1 + EPSILON);
      if (!over.length) continue;
      const worst = Math.max(...over.map((code) => wide + (local.get(code) ?? 0)));
      const contributors = active.filter((p) => {
        const scope = scopes.get(p);
        return !scope || over.some((code) => scope.has(code));
      });
      const names = over.slice(0, 5).map((code) => t.communes.get(code)?.nom ?? code);
      const communesText =
        over.length === communes.length
          ? `toutes les communes du département (${over.length})`
          : `${names.join(', ')}${over.length > 5 ? ` et ${over.length - 5} autres` : ''}`;
      const detail = contributors
        .map(
          (p) =>
            `${p.file.convention.reservataire.nom} ${formatShare(p.file.convention.flux.part, 'fr')}`,
        )
        .join(', ');
      const target = [...contributors].sort(
        (a, b) =>
          (a.file.convention.date_effet < b.file.convention.date_effet
            ? 1
            : a.file.convention.date_effet > b.file.convention.date_effet
              ? -1
              : 0) || byPath(a.file, b.file),
      )[0];
      if (target) {
        emit(
          target.file,
          'PARTS_COMMUNE_DEPASSEES',
          {
            du: from,
            au: to,
            siren: first.bailleur.siren,
            communes: communesText,
            total: Math.round(worst * 10000) / 10000,
            detail,
          },
          '/flux/part',
        );
      }
    }
  }
}

/**
 * Checks across files: versions of each convention, uniqueness, shares per commune; the dates of
 * the versions of each cotation grid.
 */
export function checkCorpus(
  files: readonly CheckedFile[],
  t: Territoires,
  emit: Emit,
  unusable: Unusable = new Map(),
  parametres?: Parametres,
): void {
  const valid = files.filter((f): f is Valid => f.convention !== undefined);
  const byId = groupBy(valid, (f) => f.convention.id);
  const periods: Period[] = [];
  const latest = new Map<string, { file: Valid; from: string; to: string }>();
  for (const [id, versions] of byId) {
    checkVersions(id, versions, emit, unusable.get(id));
    const distinct = [...groupBy(versions, (v) => String(v.convention.version)).values()]
      .map((l) => [...l].sort(byPath)[0])
      .filter((v): v is Valid => !!v);
    const inForce = versionsInForce(distinct);
    periods.push(...inForce);
    const last = inForce[inForce.length - 1];
    const firstPeriod = inForce[0];
    if (last && firstPeriod)
      latest.set(id, {
        file: last.file,
        from: firstPeriod.from,
        to: last.file.convention.duree.fin,
      });
  }
  checkUniqueness(latest, emit);
  checkShares(periods, t, emit);
  if (parametres) checkGarantiesGlobales(periods, t, emit, parametres);
  checkVersionsDeGrilles(files, emit);
}

export type { Diagnostic };
