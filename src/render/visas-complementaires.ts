/**
 * Visas that complete the CCH, loi ELAN and décret 2020-145 ones (review I1): the later texts on
 * the gestion en flux (décret 2021-1016, loi 3DS), and the local instruments the convention
 * implements: for the État, the PDALHPD and the accord collectif; for a commune, EPCI or EPT,
 * the convention intercommunale d'attribution (CIA) when the réservataire is an EPCI/EPT or an
 * objective refers to it. Titles as read on the DGALN page « Tout savoir sur la gestion en flux »
 * (attributionlogementsocialetdalo.logement.gouv.fr); local instruments carry their act and date
 * from `visas_locaux` (src/convention/visas-locaux.ts), `check` warns when one is missing.
 */
import type { Convention } from '../convention/convention.js';
import type { Territoires } from '../reference/territoires.js';
import { objectifSurLaCia, type InstrumentLocal } from '../convention/visas-locaux.js';
import { dateLongue, de } from './typographie.js';

export const VISA_DECRET_2021_1016 =
  'le décret n° 2021-1016 du 30 juillet 2021 portant modification du décret n° 2019-1378 du 17 décembre 2019 relatif à la cotation de la demande de logement social et du décret n° 2020-145 du 20 février 2020 relatif à la gestion en flux des réservations de logements locatifs sociaux';

export const VISA_LOI_3DS =
  'la loi n° 2022-217 du 21 février 2022 relative à la différenciation, la décentralisation, la déconcentration et portant diverses mesures de simplification de l’action publique locale (loi 3DS), notamment son article 22';

/** « (arrêté préfectoral n° 2022-1234 du 12 mai 2022) » from `visas_locaux`, else ''. */
function acteDe(c: Convention, instrument: InstrumentLocal): string {
  const a = c.visas_locaux?.[instrument];
  return a ? ` (${a.acte} du ${dateLongue(a.date)})` : '';
}

/** The EPT (preferred: the CIA of the Grand Paris is the EPT's) or EPCI a commune belongs to. */
function groupementDe(t: Territoires, commune: string): string | undefined {
  const groupes = [...t.groupements.values()].filter((g) => g.membres.includes(commune));
  const g = groupes.find((x) => x.nature === 'ept') ?? groupes[0];
  return g?.nom;
}

function visaCia(c: Convention, t: Territoires): string | undefined {
  const type = c.reservataire.type;
  const territoire = c.reservataire.territoire ?? '';
  const acte = acteDe(c, 'cia');
  if (type === 'epci' || type === 'ept') {
    const nom = t.groupements.get(territoire)?.nom ?? c.reservataire.nom;
    return `la convention intercommunale d’attribution ${de(nom)}${acte}`;
  }
  if (type !== 'commune' || !objectifSurLaCia(c)) return undefined;
  const nom = groupementDe(t, territoire);
  return nom
    ? `la convention intercommunale d’attribution ${de(nom)}${acte}`
    : `la convention intercommunale d’attribution applicable sur le territoire de la commune${acte}`;
}

/**
 * The visas added after the regulation's: `departement` is « de la Seine-Saint-Denis (93) » as
 * the périmètre prints it.
 */
export function visasComplementaires(c: Convention, t: Territoires, departement: string): string[] {
  const visas = [VISA_LOI_3DS, VISA_DECRET_2021_1016];
  if (c.reservataire.type === 'etat')
    visas.push(
      `le plan départemental d’action pour le logement et l’hébergement des personnes défavorisées (PDALHPD) ${departement.replace(/ \([0-9AB]+\)$/, '')}${acteDe(c, 'pdalhpd')}`,
      `l’accord collectif départemental ou intercommunal d’attribution applicable sur le territoire de la présente convention${acteDe(c, 'accord_collectif')}`,
    );
  const cia = visaCia(c, t);
  if (cia) visas.push(cia);
  return visas;
}
