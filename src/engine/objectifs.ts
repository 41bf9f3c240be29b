/**
 * The objectives of one convention, as the engine measures them: contractual ones (binding,
 * checked), the État's uniform share in every commune and its hors-QPV floor, and indicative ones
 * (guidance: the share of the réservataire's flats that meet the criteria).
 */
import { application, partHorsQpvMin } from '../convention/clauses.js';
import type { Convention, Criteres } from '../convention/convention.js';
import type { Logement } from '../flux/logement.js';
import type { Territoires } from '../reference/territoires.js';

export type NatureObjectif = 'contractuel' | 'uniforme_commune' | 'plancher_hors_qpv' | 'indicatif';

export interface ObjectifSpec {
  nature: NatureObjectif;
  libelle?: string;
  echelle?: 'commune' | 'epci' | 'ept' | 'departement';
  territoire?: string;
  criteres?: Criteres;
  part: number;
  /** JSON pointer of the clause in the convention. */
  cle: string;
  match: (l: Logement) => boolean;
}

export function matchCriteres(c: Criteres | undefined, l: Logement, t: () => Territoires): boolean {
  if (!c) return true;
  if (c.typologie && !c.typologie.includes(l.typologie)) return false;
  if (c.financement && !c.financement.includes(l.financement)) return false;
  if (c.qpv !== undefined && c.qpv !== l.qpv) return false;
  if (c.commune && !c.commune.includes(l.commune)) return false;
  if (c.epci && !(l.epci !== undefined && c.epci.includes(l.epci))) {
    const geo = t();
    if (!c.epci.some((code) => geo.groupements.get(code)?.membres.includes(l.commune)))
      return false;
  }
  const p = c.periode_construction;
  if (p?.debut !== undefined && l.annee_construction < p.debut) return false;
  if (p?.fin !== undefined && l.annee_construction > p.fin) return false;
  return true;
}

function matchTerritoire(
  echelle: ObjectifSpec['echelle'],
  code: string,
  l: Logement,
  t: () => Territoires,
): boolean {
  switch (echelle) {
    case 'commune':
      return (
        l.commune === code ||
        (/^(75056|69123|13055)$/.test(code) &&
          (t().arrondissements.get(code)?.includes(l.commune) ?? false))
      );
    case 'departement':
      return l.departement === code;
    default:
      return l.epci === code || (t().groupements.get(code)?.membres.includes(l.commune) ?? false);
  }
}

/**
 * The fixed objectives of a convention version. The État's uniform per-commune objectives are
 * made per commune by the aggregator (`uniforme` below), except where the convention lists a
 * commune objective of its own, without criteria: that one replaces the uniform one.
 */
export function objectifsDe(
  c: Convention,
  horsQpvMinParDefaut: number | undefined,
  t: () => Territoires,
): { fixes: ObjectifSpec[]; uniforme?: { part: number; sauf: Set<string> } } {
  const fixes: ObjectifSpec[] = [];
  const sauf = new Set<string>();
  (c.objectifs?.contractuels ?? []).forEach((o, i) => {
    if (o.echelle === 'commune' && !o.criteres) sauf.add(o.territoire);
    const spec: ObjectifSpec = {
      nature: 'contractuel',
      echelle: o.echelle,
      territoire: o.territoire,
      part: o.part,
      cle: `/objectifs/contractuels/${String(i)}`,
      match: (l) =>
        matchTerritoire(o.echelle, o.territoire, l, t) && matchCriteres(o.criteres, l, t),
    };
    if (o.libelle) spec.libelle = o.libelle;
    if (o.criteres) spec.criteres = o.criteres;
    fixes.push(spec);
  });
  const plancher = partHorsQpvMin(c, (nom) =>
    nom === 'etat_hors_qpv_part_min' ? horsQpvMinParDefaut : undefined,
  );
  if (plancher !== undefined)
    fixes.push({
      nature: 'plancher_hors_qpv',
      libelle: 'Part du flux hors QPV',
      criteres: { qpv: false },
      part: plancher,
      cle: c.flux.part_hors_qpv_min !== undefined ? '/flux/part_hors_qpv_min' : '/flux',
      match: (l) => !l.qpv,
    });
  (c.objectifs?.indicatifs ?? []).forEach((o, i) => {
    fixes.push({
      nature: 'indicatif',
      libelle: o.libelle,
      criteres: o.criteres,
      part: o.part,
      cle: `/objectifs/indicatifs/${String(i)}`,
      match: (l) => matchCriteres(o.criteres, l, t),
    });
  });
  return application(c) === 'uniforme_par_commune'
    ? { fixes, uniforme: { part: c.flux.part, sauf } }
    : { fixes };
}
