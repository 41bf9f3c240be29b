/**
 * The bilans of a year: one per bailleur × département (CCH art. R. 441-5-1: the bailleur sends
 * its bilan « à l'ensemble des réservataires »), gathering the conventions of its réservataires
 * in force in the year; and the copies asked for with `--reservataire` / `--convention`.
 */
import type { ConventionResultat } from '../engine/evaluation.js';
import { EvaluateUsageError } from '../engine/evaluate.js';

export interface GroupeBilan {
  /** `<département>-<SIREN>`. */
  id: string;
  departement: string;
  bailleur: { siren: string; nom: string };
  /** Its conventions, by id. */
  conventions: ConventionResultat[];
}

/** A document to write: the copy for all, or an addressee's copy (with its annex). */
export interface CopieBilan {
  groupe: GroupeBilan;
  destinataire?: string;
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export function grouperBilans(conventions: readonly ConventionResultat[]): GroupeBilan[] {
  const groupes = new Map<string, GroupeBilan>();
  for (const c of conventions) {
    const id = `${c.departement}-${c.bailleur.siren}`;
    let g = groupes.get(id);
    if (!g) {
      g = { id, departement: c.departement, bailleur: c.bailleur, conventions: [] };
      groupes.set(id, g);
    }
    g.conventions.push(c);
  }
  for (const g of groupes.values()) g.conventions.sort((a, b) => compare(a.id, b.id));
  return [...groupes.values()].sort((a, b) => compare(a.id, b.id));
}

/** The column heading of a convention: its réservataire (and territory when it has several). */
export function libelleMembre(c: ConventionResultat, groupe: GroupeBilan): string {
  const plusieurs = groupe.conventions.filter((x) => x.reservataire.id === c.reservataire.id);
  const nom = c.reservataire.type === 'etat' ? `État (${c.reservataire.nom})` : c.reservataire.nom;
  return plusieurs.length > 1 ? `${nom} – ${c.territoire ?? c.id}` : nom;
}

function inconnus(
  demandes: readonly string[],
  connus: readonly string[],
  option: string,
  quoi: { fr: string; en: string; code: string },
  an: string,
): void {
  const absents = demandes.filter((x) => !connus.includes(x));
  const liste = [...new Set(connus)].sort().join(', ');
  if (absents.length)
    throw new EvaluateUsageError(
      `${option} ${absents.join(', ')} : aucune convention en vigueur en ${an} ` +
        `(${quoi.fr} : ${liste || 'aucun'})`,
      `${option} ${absents.join(', ')}: no convention in force in ${an} ` +
        `(${quoi.en}: ${liste || 'none'})`,
      { code: quoi.code, params: { demandes: absents.join(', '), annee: an, connus: liste } },
    );
}

/**
 * The copies asked for: without a filter, one copy for all per bilan; `--convention`: the bilans
 * that hold these conventions; `--reservataire`: that réservataire's copy (with its annex) of each
 * bilan where it has a convention. Unknown ids, and filters that select nothing together, are
 * usage errors.
 */
export function selectionnerCopies(
  groupes: readonly GroupeBilan[],
  selection: { reservataires?: readonly string[]; conventions?: readonly string[] } | undefined,
  annee: number,
): CopieBilan[] {
  const reservataires = selection?.reservataires ?? [];
  const ids = selection?.conventions ?? [];
  const an = String(annee);
  const toutes = groupes.flatMap((g) => g.conventions);
  inconnus(
    reservataires,
    toutes.map((c) => c.reservataire.id),
    '--reservataire',
    {
      fr: 'réservataires des conventions en vigueur',
      en: 'réservataires of the conventions in force',
      code: 'BILAN_RESERVATAIRE_HORS_VIGUEUR',
    },
    an,
  );
  inconnus(
    ids,
    toutes.map((c) => c.id),
    '--convention',
    {
      fr: 'conventions en vigueur',
      en: 'conventions in force',
      code: 'BILAN_CONVENTION_HORS_VIGUEUR',
    },
    an,
  );
  const retenus = groupes.filter(
    (g) => !ids.length || g.conventions.some((c) => ids.includes(c.id)),
  );
  if (!reservataires.length) return retenus.map((groupe) => ({ groupe }));
  const copies = retenus.flatMap((groupe) =>
    reservataires
      .filter((r) =>
        groupe.conventions.some(
          (c) => c.reservataire.id === r && (!ids.length || ids.includes(c.id)),
        ),
      )
      .map((destinataire) => ({ groupe, destinataire })),
  );
  if (!copies.length && ids.length) {
    const des = toutes
      .filter((c) => reservataires.includes(c.reservataire.id))
      .map((c) => c.id)
      .sort()
      .join(', ');
    const r = reservataires.join(', ');
    const c = ids.join(', ');
    throw new EvaluateUsageError(
      `--reservataire ${r} et --convention ${c} ne sélectionnent ensemble aucune convention : ` +
        `${c} n’est pas une convention de ${r} (conventions de ${r} en vigueur en ${an} : ${des})`,
      `--reservataire ${r} and --convention ${c} select no convention together: ` +
        `${c} is not a convention of ${r} (conventions of ${r} in force in ${an}: ${des})`,
    );
  }
  return copies;
}
