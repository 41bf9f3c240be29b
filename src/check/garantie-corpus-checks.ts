/**
 * « globalement » (review I9): the loan-guarantee cap of the only wording found (R.* 441-5 before
 * décret n° 2020-145) is assessed for all guaranteeing collectivités together. convflux's reading
 * (parameters garantie_emprunt_part_max, garantie_emprunt_assiette): over each period where the
 * same conventions are in force, the guarantee-based shares of all the guaranteeing collectivités
 * of one bailleur × département are added up commune by commune, and a sum above the cap is
 * reported on the latest contributing convention.
 */
import { addDays } from '../convention/calendar.js';
import type { Convention } from '../convention/convention.js';
import { formatShare } from '../diagnostics/render-message.js';
import type { Parametres } from '../reglementation/parametres.js';
import type { Territoires } from '../reference/territoires.js';
import type { CheckedFile } from './check-convention.js';
import { garantieDeCollectivite, partGarantie } from './contreparties-checks.js';
import type { Emit } from './corpus-checks.js';
import { perimetre } from './reference-checks.js';

/** A version in force from `from` to `to` (see corpus-checks.ts). */
export interface PeriodeGarantie {
  file: CheckedFile & { convention: Convention };
  from: string;
  to: string;
}

const EPSILON = 1e-9;

function parBailleur(periods: readonly PeriodeGarantie[]): Map<string, PeriodeGarantie[]> {
  const map = new Map<string, PeriodeGarantie[]>();
  for (const p of periods) {
    const c = p.file.convention;
    if (!garantieDeCollectivite(c) || p.from > p.to) continue;
    const key = `${c.bailleur.siren}|${c.departement}`;
    map.set(key, [...(map.get(key) ?? []), p]);
  }
  return map;
}

/** Guarantee-based shares added up per commune; `*` stands for the whole département. */
function sommes(active: readonly PeriodeGarantie[], t: Territoires): Map<string, number> {
  let large = 0;
  const local = new Map<string, number>();
  for (const p of active) {
    const scope = perimetre(t, p.file.convention);
    const part = partGarantie(p.file.convention);
    if (!scope) large += part;
    else for (const code of scope) local.set(code, (local.get(code) ?? 0) + part);
  }
  const out = new Map<string, number>([['*', large]]);
  for (const [code, v] of local) out.set(code, v + large);
  return out;
}

export function checkGarantiesGlobales(
  periods: readonly PeriodeGarantie[],
  t: Territoires,
  emit: Emit,
  parametres: Parametres,
): void {
  for (const group of parBailleur(periods).values()) {
    if (group.length < 2) continue; // one convention alone: GARANTIE_EMPRUNT_PART_MAX
    const bounds = [...new Set(group.flatMap((p) => [p.from, addDays(p.to, 1)]))].sort();
    for (let b = 0; b < bounds.length - 1; b++) {
      const from = bounds[b] ?? '';
      const to = addDays(bounds[b + 1] ?? from, -1);
      const limite = parametres.valueAt('garantie_emprunt_part_max', from);
      const assiette = parametres.valueAt('garantie_emprunt_assiette', from);
      if (typeof limite !== 'number' || assiette !== 'flux') continue;
      const active = group.filter((p) => p.from <= from && p.to >= to);
      if (active.length < 2) continue;
      const over = [...sommes(active, t)].filter(([, v]) => v > limite + EPSILON);
      if (!over.length) continue;
      const total = Math.max(...over.map(([, v]) => v));
      const communes = over
        .map(([code]) =>
          code === '*' ? 'tout le département' : (t.communes.get(code)?.nom ?? code),
        )
        .slice(0, 5)
        .join(', ');
      const detail = active
        .map(
          (p) =>
            `${p.file.convention.reservataire.nom} ${formatShare(partGarantie(p.file.convention), 'fr')}`,
        )
        .join(', ');
      const cible = [...active].sort((x, y) =>
        x.file.convention.date_effet < y.file.convention.date_effet
          ? 1
          : x.file.file < y.file.file
            ? -1
            : 1,
      )[0];
      if (!cible) continue;
      const c = cible.file.convention;
      emit(
        cible.file,
        'GARANTIE_EMPRUNT_GLOBALE',
        {
          du: from,
          au: to,
          siren: c.bailleur.siren,
          total: Math.round(total * 10000) / 10000,
          communes,
          detail,
          limite,
        },
        c.flux.part_garantie_emprunt === undefined ? '/flux/part' : '/flux/part_garantie_emprunt',
      );
    }
  }
}
