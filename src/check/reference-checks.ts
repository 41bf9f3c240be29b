import type { FileReport } from '../diagnostics/file-report.js';
import type { Convention, Criteres } from '../convention/convention.js';
import { isValidSiren } from '../reference/siren.js';
import type { Territoires } from '../reference/territoires.js';
import { problemeCommune } from '../reference/verifier-territoire.js';

/** What the reservataire's territory resolves to in the official geography. */
export type TerritoireNature = 'commune' | 'epci' | 'ept' | undefined;

export function natureOf(t: Territoires, code: string | undefined): TerritoireNature {
  if (!code) return undefined;
  if (t.communes.has(code)) return 'commune';
  return t.groupements.get(code)?.nature;
}

/** Communes covered by a convention: its territory for a local authority, else the département. */
export function perimetre(t: Territoires, c: Convention): Set<string> | undefined {
  const code = c.reservataire.territoire;
  if (['commune', 'epci', 'ept'].includes(c.reservataire.type) && code) {
    if (t.communes.has(code)) return new Set([code]);
    const g = t.groupements.get(code);
    if (g)
      return new Set(g.membres.filter((m) => t.communes.get(m)?.departement === c.departement));
    return undefined;
  }
  return undefined; // the whole département
}

const str = (v: unknown): v is string => typeof v === 'string';

/**
 * Checks every code against the official geography and the SIREN check digit.
 * Works on partially valid data: each check only looks at values of the right type.
 */
export function checkReferences(
  report: FileReport,
  data: Record<string, unknown>,
  t: Territoires,
): void {
  const c = data as Partial<Convention> & Record<string, unknown>;
  const departement =
    str(c.departement) && t.departements.has(c.departement) ? c.departement : undefined;
  if (str(c.departement) && /^([0-9]{2}|2A|2B|97[1-6])$/.test(c.departement) && !departement) {
    report.add('DEPARTEMENT_INCONNU', { code: c.departement }, '/departement');
  }
  const siren = c.bailleur?.siren;
  if (str(siren) && /^[0-9]{9}$/.test(siren) && !isValidSiren(siren)) {
    report.add('SIREN_INVALIDE', { siren }, '/bailleur/siren');
  }

  const commune = (
    code: string,
    pointer: string,
    scope?: Set<string>,
    scopeName?: string,
  ): void => {
    const probleme = problemeCommune(t, code, departement);
    if (probleme) {
      report.add(probleme.code, probleme.params, pointer);
      return;
    }
    if (scope && !scope.has(code)) {
      report.add(
        'TERRITOIRE_HORS_PERIMETRE',
        { code, nom: t.communes.get(code)?.nom ?? code, perimetre: scopeName ?? '' },
        pointer,
      );
    }
  };
  const groupement = (
    code: string,
    pointer: string,
    nature?: 'epci' | 'ept',
    scope?: Set<string>,
    scopeName?: string,
  ): void => {
    const g = t.groupements.get(code);
    if (!g) {
      if (t.communes.has(code) || t.anciens.has(code)) {
        report.add(
          'TERRITOIRE_NATURE',
          { code, nature: 'commune', attendu: 'epci/ept', contexte: 'criteres.epci' },
          pointer,
        );
      } else report.add('EPCI_INCONNU', { code }, pointer);
      return;
    }
    if (nature && g.nature !== nature) {
      report.add(
        'TERRITOIRE_NATURE',
        { code, nature: g.nature, attendu: nature, contexte: 'echelle' },
        pointer,
      );
    }
    const inDepartement = g.membres.filter((m) => t.communes.get(m)?.departement === departement);
    if (departement && !inDepartement.length) {
      report.add('EPCI_HORS_DEPARTEMENT', { code, nom: g.nom, departement }, pointer);
    } else if (scope && inDepartement.some((m) => !scope.has(m))) {
      report.add(
        'TERRITOIRE_HORS_PERIMETRE',
        { code, nom: g.nom, perimetre: scopeName ?? '' },
        pointer,
      );
    }
  };

  // The réservataire's own territory (its nature is checked by rule TERRITOIRE_RESERVATAIRE).
  const territoire = c.reservataire?.territoire;
  if (str(territoire) && /^(([0-9]{2}|2A|2B)[0-9]{3}|[0-9]{9})$/.test(territoire)) {
    if (territoire.length === 9) {
      if (t.groupements.has(territoire)) groupement(territoire, '/reservataire/territoire');
      else report.add('EPCI_INCONNU', { code: territoire }, '/reservataire/territoire');
    } else commune(territoire, '/reservataire/territoire');
  }

  let scope: Set<string> | undefined;
  let scopeName: string | undefined;
  if (c.reservataire && c.departement && str(territoire)) {
    scope = perimetre(t, c as Convention);
    const g = t.groupements.get(territoire);
    scopeName = g ? g.nom : t.communes.get(territoire)?.nom;
  }

  const criteres = (cr: Criteres | undefined, pointer: string): void => {
    if (!cr || typeof cr !== 'object') return;
    if (Array.isArray(cr.commune)) {
      cr.commune.forEach((code, i) => {
        if (str(code) && /^([0-9]{2}|2A|2B)[0-9]{3}$/.test(code))
          commune(code, `${pointer}/commune/${i}`, scope, scopeName);
      });
    }
    if (Array.isArray(cr.epci)) {
      cr.epci.forEach((code, i) => {
        if (str(code) && /^[0-9]{9}$/.test(code))
          groupement(code, `${pointer}/epci/${i}`, undefined, scope, scopeName);
      });
    }
    const p = cr.periode_construction;
    if (p && typeof p.debut === 'number' && typeof p.fin === 'number' && p.debut > p.fin) {
      report.add(
        'PERIODE_INVERSEE',
        { debut: p.debut, fin: p.fin },
        `${pointer}/periode_construction`,
      );
    }
  };

  const contractuels = c.objectifs?.contractuels;
  if (Array.isArray(contractuels)) {
    contractuels.forEach((o, i) => {
      const base = `/objectifs/contractuels/${i}`;
      if (!o || typeof o !== 'object' || !str(o.territoire)) return;
      const code = o.territoire;
      const at = `${base}/territoire`;
      if (o.echelle === 'commune') {
        if (/^([0-9]{2}|2A|2B)[0-9]{3}$/.test(code)) commune(code, at, scope, scopeName);
        else
          report.add(
            'TERRITOIRE_NATURE',
            { code, nature: natureOf(t, code) ?? '?', attendu: 'commune', contexte: 'echelle' },
            at,
          );
      } else if (o.echelle === 'epci' || o.echelle === 'ept') {
        if (/^[0-9]{9}$/.test(code)) groupement(code, at, o.echelle, scope, scopeName);
        else
          report.add(
            'TERRITOIRE_NATURE',
            { code, nature: natureOf(t, code) ?? '?', attendu: o.echelle, contexte: 'echelle' },
            at,
          );
      } else if (o.echelle === 'departement' && departement && code !== departement) {
        report.add(
          'TERRITOIRE_NATURE',
          { code, nature: 'departement', attendu: departement, contexte: 'echelle' },
          at,
        );
      }
      criteres(o.criteres, `${base}/criteres`);
    });
  }
  // État des lieux of the stock conversion: flats and rates inside the convention's territory.
  const conversion = c.conversion_stock;
  if (conversion && typeof conversion === 'object') {
    const base = '/conversion_stock';
    if (Array.isArray(conversion.etat_des_lieux))
      conversion.etat_des_lieux.forEach((l, i) => {
        const code: unknown = l && typeof l === 'object' ? l.commune : undefined;
        if (str(code) && /^([0-9]{2}|2A|2B)[0-9]{3}$/.test(code))
          commune(code, `${base}/etat_des_lieux/${String(i)}/commune`, scope, scopeName);
      });
    if (Array.isArray(conversion.taux_rotation))
      conversion.taux_rotation.forEach((r, i) => {
        const code: unknown = r && typeof r === 'object' ? r.territoire : undefined;
        const at = `${base}/taux_rotation/${String(i)}/territoire`;
        if (!str(code)) return;
        // A rate may be agreed for a wider territory (an EPT, the département): no scope.
        if (/^([0-9]{2}|2A|2B)[0-9]{3}$/.test(code)) commune(code, at);
        else if (/^[0-9]{9}$/.test(code)) groupement(code, at);
        else if (departement && code !== departement)
          report.add(
            'TERRITOIRE_NATURE',
            { code, nature: 'departement', attendu: departement, contexte: 'taux_rotation' },
            at,
          );
      });
  }

  const indicatifs = c.objectifs?.indicatifs;
  if (Array.isArray(indicatifs)) {
    indicatifs.forEach((o, i) => {
      if (o && typeof o === 'object') criteres(o.criteres, `/objectifs/indicatifs/${i}/criteres`);
    });
  }
}
