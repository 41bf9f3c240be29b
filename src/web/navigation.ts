/**
 * The links of the main navigation, from the signed-in account's organisations. The address
 * scheme of the pages (each page family serves its own):
 * - `/bailleurs/:siren` tableau de bord (per département), `/reservataires/:rid` vue réservataire;
 * - `/bailleurs/:siren/logements` suivi, `/bailleurs/:siren/saisie`, `/bailleurs/:siren/imports`,
 *   `/bailleurs/:siren/bilans`;
 * - `/conventions` (list, pages, draft editor), `/echeancier`, `/epci/:siren/cotation`;
 * - `/compte` (password, tokens), `/admin` (organisations, members).
 */
import type { Lang } from '../diagnostics/diagnostic.js';
import type { Appartenance, Principal } from '../server/auth/principal.js';
import { t } from './i18n/messages.js';

export interface Lien {
  href: string;
  libelle: string;
}

export interface GroupeNavigation {
  /** The organisation's kind and name (« Bailleur Exemple Habitat »). */
  titre: string;
  /** Its SIREN or id, printed after the name as secondary text. */
  secondaire?: string;
  liens: Lien[];
}

/** The name of one of the visitor's organisations, if the visitor belongs to it. */
export function nomOrganisation(
  p: Principal | undefined,
  type: Appartenance['type'],
  identifiant: string,
): string | undefined {
  return p?.appartenances.find((a) => a.type === type && a.identifiant === identifiant)?.nom;
}

/** « EPCI Eurométropole de Strasbourg (246700488) », or « EPCI 246700488 » without its name. */
export function organisationNommee(
  p: Principal | undefined,
  type: Appartenance['type'],
  identifiant: string,
  lang: Lang,
): string {
  const nom = nomOrganisation(p, type, identifiant);
  const genre = t(lang, type);
  return nom && nom !== identifiant
    ? `${genre} ${nom} (${identifiant})`
    : `${genre} ${identifiant}`;
}

/** The group's heading: kind and name, the identifiant as secondary text unless it is the name. */
function entete(a: Appartenance, lang: Lang): Omit<GroupeNavigation, 'liens'> {
  const titre = `${t(lang, a.type)} ${a.nom ?? a.identifiant}`;
  return !a.nom || a.nom === a.identifiant ? { titre } : { titre, secondaire: a.identifiant };
}

export function navigation(p: Principal, lang: Lang): GroupeNavigation[] {
  const groupes: GroupeNavigation[] = [];
  for (const a of p.appartenances) {
    const id = encodeURIComponent(a.identifiant);
    if (a.type === 'bailleur')
      groupes.push({
        ...entete(a, lang),
        liens: [
          { href: `/bailleurs/${id}`, libelle: t(lang, 'nav_tableau_de_bord') },
          { href: `/bailleurs/${id}/logements`, libelle: t(lang, 'nav_logements') },
          { href: `/bailleurs/${id}/saisie`, libelle: t(lang, 'nav_saisie') },
          { href: `/bailleurs/${id}/imports`, libelle: t(lang, 'nav_imports') },
          { href: `/bailleurs/${id}/bilans`, libelle: t(lang, 'nav_bilans') },
        ],
      });
    else if (a.type === 'reservataire')
      groupes.push({
        ...entete(a, lang),
        liens: [{ href: `/reservataires/${id}`, libelle: t(lang, 'nav_vue_reservataire') }],
      });
    else
      groupes.push({
        ...entete(a, lang),
        liens: [{ href: `/epci/${id}/cotation`, libelle: t(lang, 'nav_cotation') }],
      });
  }
  const communs: Lien[] = [
    { href: '/conventions', libelle: t(lang, 'nav_conventions') },
    { href: '/echeancier', libelle: t(lang, 'nav_echeancier') },
    { href: '/compte', libelle: t(lang, 'nav_compte') },
  ];
  if (p.admin) communs.push({ href: '/admin', libelle: t(lang, 'administration') });
  groupes.push({ titre: t(lang, 'nav_general'), liens: communs });
  return groupes;
}
