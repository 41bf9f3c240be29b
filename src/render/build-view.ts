/**
 * Convention (YAML, validated) + regulation parameters + official geography → ConventionView.
 * Every default comes from the registry (src/convention/defauts.ts, through clauses.ts), the one
 * the flux engine reads, so the printed text says what `convflux evaluate` does.
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { parseDelai } from '../convention/calendar.js';
import {
  aExpiration,
  application,
  candidats as candidatsDe,
  dontAgentsEtat,
  exclusionsAssiette,
  partHorsQpvMin,
  ponderation,
  regleRefus,
} from '../convention/clauses.js';
import {
  TYPES_TERRITORIAUX,
  type Convention,
  type Criteres,
  type Exclusion,
  type TypeReservataire,
} from '../convention/convention.js';
import { casPour, DEFAUTS, estParDefaut } from '../convention/defauts.js';
import type { PartieRegle } from '../engine/convention-rules.js';
import type { Parametres } from '../reglementation/parametres.js';
import type { Territoires } from '../reference/territoires.js';
import { buildConversionView } from './conversion-view.js';
import {
  buildContrepartiesView,
  numerosAnnexes,
  sansObjetContreparties,
  visasContreparties,
} from './view-contreparties.js';
import { buildGarantieView } from './view-garantie.js';
import { buildSubstitutionView } from './view-substitution.js';
import {
  dateLongue,
  de,
  enLettres,
  listeEt,
  majusculeInitiale,
  minusculeInitiale,
  nombre,
  pourcent,
  pourcentEnLettres,
  siren,
} from './typographie.js';
import type {
  ArticleView,
  ConventionView,
  DelaiView,
  LigneRecapView,
  ObjectifContractuelView,
  PartieView,
  RefusView,
  SignatureView,
} from './view-model.js';

export interface ViewContext {
  parametres: Parametres;
  territoires: Territoires;
  /** SHA-256 (hex) of the YAML file's bytes. */
  yamlSha256: string;
  /** contentHash() of the convention ("sha256:…"). */
  empreinte: string;
  /** The file as the user named it. */
  fichier: string;
  modele: { nom: string; version: string; empreinte: string };
  /** "convflux 0.1.0, Chromium …" (printed in the traceability annex). */
  generateur: string;
}

/** Mise en demeure before the préfet may terminate (CCH art. R. 441-5-2 IV). */
export const ETAT_MISE_EN_DEMEURE = {
  delai: 'deux (2) mois',
  reference: 'CCH, art. R. 441-5-2 IV',
};
/** Contractual notice for the other réservataires (same length, for symmetry). */
const MISE_EN_DEMEURE = { delai: 'deux (2) mois', reference: 'stipulation contractuelle' };

const ILE_DE_FRANCE = new Set(['75', '77', '78', '91', '92', '93', '94', '95']);

/**
 * COG "type de liaison" (TNCC) of a département or commune: the preposition and article before
 * its name (0 de, 1 d’, 2 du, 3 de la, 4 des, 5 de l’). The départements file is small; the
 * communes file (8 MB) is only read for a name starting with H, where only the COG knows whether
 * the h is mute (d’Hirson) or aspirated (de Hannapes): every other commune's liaison follows
 * from its name.
 */
const require = createRequire(import.meta.url);
const liaisons = new Map<string, Map<string, number>>();
function liaisonsOf(file: 'departements' | 'communes'): Map<string, number> {
  let map = liaisons.get(file);
  if (!map) {
    map = new Map();
    const path = require.resolve(`@etalab/decoupage-administratif/data/${file}.json`);
    const rows = JSON.parse(readFileSync(path, 'utf8')) as {
      code: string;
      typeLiaison?: number;
      type?: string;
    }[];
    for (const r of rows)
      if (r.typeLiaison !== undefined && (file === 'departements' || r.type === 'commune-actuelle'))
        map.set(r.code, r.typeLiaison);
    liaisons.set(file, map);
  }
  return map;
}

function liaisonDepartement(code: string): number {
  return liaisonsOf('departements').get(code) ?? 0;
}

function liaisonCommune(code: string, nom: string): number {
  if (/^Les /.test(nom)) return 4;
  if (/^Le /.test(nom)) return 2;
  if (/^La /.test(nom)) return 3;
  if (/^L[’']/.test(nom)) return 5;
  if (/^[AEIOUYÉÈÊÂÎÔÛŒ]/.test(nom)) return 1;
  if (/^H/.test(nom)) return liaisonsOf('communes').get(code) ?? 0;
  return 0;
}

/**
 * "de" + a name, with the COG article: de Paris, d’Aubervilliers, du Rhône, de la
 * Seine-Saint-Denis, des Yvelines, de l’Ain. Commune names carry their article ("Le Blanc-Mesnil").
 */
function deNom(nom: string, typeLiaison: number, avecArticle: boolean): string {
  const sansArticle = nom.replace(/^(Le|La|Les|L’|L')\s*/, '');
  switch (typeLiaison) {
    case 1:
      return `d’${nom}`;
    case 2:
      return `du ${avecArticle ? nom : sansArticle}`.replace(/^du Le /, 'du ');
    case 3:
      return avecArticle ? `de la ${nom}` : `de ${nom}`;
    case 4:
      return `des ${avecArticle ? nom : sansArticle}`.replace(/^des Les /, 'des ');
    case 5:
      return avecArticle ? `de l’${nom}` : `de ${nom}`;
    default:
      return `de ${nom}`;
  }
}

function departementDe(ctx: ViewContext, code: string): string {
  const nom = ctx.territoires.departements.get(code) ?? code;
  return `${deNom(nom, liaisonDepartement(code), true)} (${code})`;
}

function communeNom(ctx: ViewContext, code: string): string {
  return (ctx.territoires.communes.get(code) ?? ctx.territoires.anciens.get(code))?.nom ?? code;
}

function communeDe(ctx: ViewContext, code: string): string {
  const nom = communeNom(ctx, code);
  return deNom(nom, liaisonCommune(code, nom), false);
}

function groupementNom(ctx: ViewContext, code: string): string {
  return ctx.territoires.groupements.get(code)?.nom ?? code;
}

const TYPE_LIBELLE: Record<TypeReservataire, { libelle: string; feminin: boolean }> = {
  etat: { libelle: 'l’État', feminin: false },
  commune: { libelle: 'collectivité territoriale (commune)', feminin: true },
  epci: { libelle: 'établissement public de coopération intercommunale', feminin: false },
  ept: { libelle: 'établissement public territorial', feminin: false },
  departement: { libelle: 'collectivité territoriale (département)', feminin: false },
  region: { libelle: 'collectivité territoriale (région)', feminin: true },
  action_logement: {
    libelle:
      'société chargée de la gestion des droits de réservation acquis en contrepartie de la participation des employeurs à l’effort de construction',
    feminin: true,
  },
  employeur: { libelle: 'employeur', feminin: false },
  etablissement_public: { libelle: 'établissement public', feminin: false },
  organisme_desinteresse: { libelle: 'organisme à but non lucratif', feminin: false },
};

/** Function titles written in lower case inside a sentence ("…, directeur général de …"). */
const FONCTIONS =
  /^(directeur|directrice|préfet|préfète|sous-préfet|sous-préfète|maire|président|présidente|vice-président|vice-présidente|adjoint|adjointe|délégué|déléguée|secrétaire|conseiller|conseillère|responsable|gérant|gérante|chef|cheffe|administrateur|administratrice)\b/i;

function enPhrase(qualite: string): string {
  return FONCTIONS.test(qualite) ? minusculeInitiale(qualite) : qualite;
}

function nomEnPhrase(nom: string): string {
  return /^(Le|La|Les|L’|L') /.test(nom) || /^L’/.test(nom) ? minusculeInitiale(nom) : nom;
}

type Signataire = NonNullable<Convention['signataires']>[number];

function representation(
  signataires: Signataire[],
  feminin: boolean,
): { texte: string; aPreciser: boolean } {
  const participe = feminin ? 'représentée' : 'représenté';
  if (!signataires.length)
    return {
      texte: `${participe} par ……………………………………, dûment habilité à cet effet`,
      aPreciser: true,
    };
  const personnes = signataires.map((s) => `${nomEnPhrase(s.nom)}, ${enPhrase(s.qualite)}`);
  return { texte: `${participe} par ${listeEt(personnes)}`, aPreciser: false };
}

function delai(text: string): DelaiView {
  const d = parseDelai(text);
  if (!d) return { texte: text, deTexte: de(text), enMois: false, brut: text };
  const unite = d.unite === 'mois' ? 'mois' : d.unite === 'jour' ? 'jour' : 'semaine';
  const pluriel = d.nombre > 1 && unite !== 'mois' ? 's' : '';
  const texte = `${enLettres(d.nombre)} (${String(d.nombre)}) ${unite}${pluriel}`;
  return { texte, deTexte: de(texte), enMois: d.unite === 'mois', brut: text };
}

function points(n: number): string {
  return `${nombre(n)}\u00a0point${Math.abs(n) >= 2 ? 's' : ''}`;
}

function parametrePart(ctx: ViewContext, nom: string, date: string): string {
  const v = ctx.parametres.valueAt(nom, date);
  return typeof v === 'number' ? pourcent(v) : '';
}

const EXCLUSIONS: Record<Exclusion, string> = {
  mutation_interne: 'aux mutations internes de locataires au sein du parc du bailleur',
  relogement_renouvellement_urbain:
    'au relogement des ménages concernés par des opérations de renouvellement urbain (programme national de renouvellement urbain, ANRU)',
  relogement_orcod:
    'au relogement des ménages concernés par des opérations de requalification de copropriétés dégradées (ORCOD)',
  relogement_habitat_indigne:
    'au relogement des personnes au titre de la lutte contre l’habitat indigne (CCH, art. L. 521-3-1 à L. 521-3-3)',
  relogement_vente:
    'au relogement des locataires concernés par des opérations de vente de logements locatifs sociaux',
};

const ECHELLES: Record<'commune' | 'epci' | 'ept' | 'departement', string> = {
  commune: 'Commune',
  epci: 'EPCI',
  ept: 'EPT',
  departement: 'Département',
};

function criteres(ctx: ViewContext, c: Criteres | undefined): string[] {
  if (!c) return [];
  const out: string[] = [];
  if (c.typologie?.length) out.push(`Typologie : ${listeEt(c.typologie, 'ou')}`);
  if (c.financement?.length) out.push(`Financement : ${listeEt(c.financement, 'ou')}`);
  if (c.qpv !== undefined)
    out.push(
      c.qpv
        ? 'Situés en quartier prioritaire de la politique de la ville (QPV)'
        : 'Situés hors quartier prioritaire de la politique de la ville (hors QPV)',
    );
  if (c.commune?.length)
    out.push(
      `${c.commune.length > 1 ? 'Communes' : 'Commune'} : ${listeEt(
        c.commune.map((code) => `${communeNom(ctx, code)} (${code})`),
        'ou',
      )}`,
    );
  if (c.epci?.length)
    out.push(
      `Territoire : ${listeEt(
        c.epci.map((code) => `${groupementNom(ctx, code)} (${siren(code)})`),
        'ou',
      )}`,
    );
  const p = c.periode_construction;
  if (p?.debut !== undefined && p.fin !== undefined)
    out.push(`Construits de ${String(p.debut)} à ${String(p.fin)} inclus`);
  else if (p?.debut !== undefined) out.push(`Construits à partir de ${String(p.debut)}`);
  else if (p?.fin !== undefined) out.push(`Construits jusqu’en ${String(p.fin)} inclus`);
  return out;
}

function territoireNom(ctx: ViewContext, echelle: string, code: string): string {
  if (echelle === 'commune') return communeNom(ctx, code);
  if (echelle === 'departement') return ctx.territoires.departements.get(code) ?? code;
  return groupementNom(ctx, code);
}

const REFUS_SITUATIONS: Record<PartieRegle, { titre: string; situation: string }> = {
  candidat: {
    titre: 'Refus du candidat',
    situation: 'Lorsque le ménage désigné refuse le logement qui lui est proposé',
  },
  caleol: {
    titre: 'Refus de la commission d’attribution',
    situation:
      'Lorsque la commission d’attribution des logements et d’examen de l’occupation des logements (CALEOL) ne retient aucun des candidats désignés par le réservataire',
  },
  reservataire: {
    titre: 'Refus du réservataire',
    situation: 'Lorsque le réservataire décline le logement qui lui a été orienté',
  },
  bailleur: {
    titre: 'Refus du bailleur',
    situation:
      'Lorsque le bailleur refuse la candidature, complète et conforme, d’un ménage désigné par le réservataire',
  },
};

const ARTICLES: [keyof ConventionView['articles'], string][] = [
  ['objet', 'Objet et périmètre'],
  ['assiette', 'Assiette du flux'],
  ['flux', 'Part du flux réservée'],
  ['objectifs', 'Objectifs contractuels et indicatifs'],
  ['decompte', 'Décompte et pondération'],
  ['designation', 'Orientation des logements et désignation des candidats'],
  ['refus', 'Refus'],
  ['bilan', 'Bilan annuel'],
  ['echanges', 'Échanges d’informations et protection des données'],
  ['gouvernance', 'Gouvernance et suivi'],
  ['duree', 'Durée et prise d’effet'],
  ['revision', 'Révision'],
  ['resiliation', 'Résiliation'],
  ['differends', 'Règlement des différends'],
];

function articles(): ConventionView['articles'] {
  const entries = ARTICLES.map(([cle, titre], i): [string, ArticleView] => [
    cle,
    { numero: i + 1, titre, ancre: `article-${String(i + 1)}` },
  ]);
  return Object.fromEntries(entries) as unknown as ConventionView['articles'];
}

/** Whole years between two dates when the term is exactly N years (debut … debut + N − 1 day). */
function dureeEnAnnees(debut: string, fin: string): number | undefined {
  const y = Number(fin.slice(0, 4)) - Number(debut.slice(0, 4)) + 1;
  const veille = new Date(
    Date.UTC(
      Number(debut.slice(0, 4)) + y,
      Number(debut.slice(5, 7)) - 1,
      Number(debut.slice(8, 10)) - 1,
    ),
  );
  const iso = veille.toISOString().slice(0, 10);
  return iso === fin && y > 0 ? y : undefined;
}

/** A default that plays no part: the delay of a refusal that owes no new designation, and so on. */
function sansObjet(c: Convention, cle: string): boolean {
  const refus = /^\/refus\/(candidat|caleol|reservataire|bailleur)\/delai$/.exec(cle);
  if (refus?.[1]) return !regleRefus(c, refus[1] as PartieRegle).nouvelle_designation;
  if (cle === '/designation/a_expiration/decompte') return !aExpiration(c).reprise_pour_un_tour;
  if (sansObjetContreparties(c, cle)) return true;
  return false;
}

/** The registry's defaults this convention relies on (its keys left out), for the summary annex. */
function defautsAppliques(c: Convention): ConventionView['annexes']['defauts'] {
  return DEFAUTS.filter((d) => estParDefaut(c, d.cle))
    .map((d) => ({ cle: d.cle, cas: casPour(d.cle, c.reservataire.type) }))
    .filter(({ cas }) => !('aucune' in cas.defaut))
    .filter(({ cle }) => !sansObjet(c, cle))
    .map(({ cle, cas }) => ({
      cle,
      explication: cas.explication.fr,
      fondement:
        cas.fondement.nature === 'loi'
          ? cas.fondement.article.replace(/^CCH art\. /, 'CCH, art. ')
          : 'stipulation supplétive',
    }));
}

export function buildConventionView(c: Convention, ctx: ViewContext): ConventionView {
  const date = c.date_effet;
  const type = c.reservataire.type;
  const territorial = TYPES_TERRITORIAUX.includes(type);
  const intercommunal = type === 'epci' || type === 'ept';
  const etat = type === 'etat';
  const signataires = c.signataires ?? [];
  const bailleurSignataires = signataires.filter((s) => s.partie === 'bailleur');
  const reservataireSignataires = signataires.filter((s) => s.partie === 'reservataire');
  const typeInfo = TYPE_LIBELLE[type];

  // Parties
  const repBailleur = representation(bailleurSignataires, false);
  const bailleur: PartieView = {
    nom: c.bailleur.nom,
    designation: 'le bailleur',
    qualification: `organisme de logement social, immatriculé sous le numéro SIREN ${siren(c.bailleur.siren)}`,
    representation: repBailleur.texte,
    representantAPreciser: repBailleur.aPreciser,
    feminin: false,
  };
  const repReservataire = representation(reservataireSignataires, typeInfo.feminin);
  let qualification: string;
  const territoire = c.reservataire.territoire ?? '';
  if (etat) qualification = `l’État, agissant par le représentant de l’État dans le département`;
  else if (type === 'commune')
    qualification = `collectivité territoriale, code officiel géographique ${territoire}`;
  else if (intercommunal) qualification = `${typeInfo.libelle}, SIREN ${siren(territoire)}`;
  else qualification = typeInfo.libelle;
  const reservataire: ConventionView['reservataire'] = {
    nom: c.reservataire.nom,
    designation: 'le réservataire',
    qualification,
    representation: repReservataire.texte,
    representantAPreciser: repReservataire.aPreciser,
    feminin: typeInfo.feminin,
    typeLibelle: etat ? 'État' : majusculeInitiale(typeInfo.libelle),
  };

  // Périmètre
  const departement = departementDe(ctx, c.departement);
  let perimetreTexte = `situé dans le département ${departement}`;
  let membres: string[] = [];
  if (type === 'commune')
    perimetreTexte = `situé sur le territoire de la commune ${communeDe(ctx, territoire)} (${territoire})`;
  else if (intercommunal) {
    const g = ctx.territoires.groupements.get(territoire);
    membres = (g?.membres ?? [])
      .map((code) => communeNom(ctx, code))
      .sort((a, b) => a.localeCompare(b, 'fr'));
    perimetreTexte = `situé sur le territoire ${type === 'ept' ? 'de l’établissement public territorial' : 'de l’établissement public de coopération intercommunale'} ${g?.nom ?? c.reservataire.nom} (SIREN ${siren(territoire)})`;
  }

  // Visas
  const visas = [
    'le code de la construction et de l’habitation, notamment ses articles L. 441-1 et R. 441-5 à R. 441-5-4',
    'la loi n° 2018-1021 du 23 novembre 2018 portant évolution du logement, de l’aménagement et du numérique (loi ELAN), notamment son article 114',
    'le décret n° 2020-145 du 20 février 2020 relatif à la gestion en flux des réservations de logements locatifs sociaux',
  ];
  if (etat)
    visas.push(
      'l’article R. 441-5-2 du code de la construction et de l’habitation, relatif aux logements réservés par le représentant de l’État dans le département, notamment au bénéfice des agents civils et militaires de l’État',
    );
  if (territorial) visas.push('l’article R. 441-5-3 du code de la construction et de l’habitation');
  // Review C2: the acts that granted the contreparties, not « les garanties … accordées par … ».
  if (!etat) visas.push(...visasContreparties(c));

  // Flux
  const agents = dontAgentsEtat(c);
  const horsQpvReglementaire = etat ? parametrePart(ctx, 'etat_hors_qpv_part_min', date) : '';
  const horsQpvPart = partHorsQpvMin(c, (nom) => ctx.parametres.valueAt(nom, date));
  const exclusions = exclusionsAssiette(c);

  // Objectifs
  const contractuels: ObjectifContractuelView[] = (c.objectifs?.contractuels ?? []).map((o) => {
    const nom = territoireNom(ctx, o.echelle, o.territoire);
    return {
      libelle: o.libelle ?? nom,
      echelle: ECHELLES[o.echelle],
      territoire: nom,
      nomOfficielDistinct: o.libelle !== undefined && o.libelle !== nom,
      code: o.echelle === 'epci' || o.echelle === 'ept' ? siren(o.territoire) : o.territoire,
      part: pourcent(o.part),
      criteres: criteres(ctx, o.criteres),
    };
  });
  const indicatifs = (c.objectifs?.indicatifs ?? []).map((o, i) => ({
    numero: i + 1,
    libelle: o.libelle,
    criteres: criteres(ctx, o.criteres),
    part: pourcent(o.part),
  }));

  // Décompte
  const p = ponderation(c);
  const fait = c.decompte.fait_generateur;
  const faitTexte = {
    orientation: 'l’orientation du logement vers le réservataire par le bailleur',
    attribution:
      'la décision d’attribution du logement par la CALEOL à un candidat désigné par le réservataire',
    bail_signe: 'la signature du bail par un candidat désigné par le réservataire',
  }[fait];
  const plafondRelatif = ctx.parametres.valueAt('ponderation_orientation_max_relative', date);

  // Désignation
  const designationDelai = delai(c.designation.delai);
  const expiration = aExpiration(c);
  const candidats = candidatsDe(c);

  // Refus
  const parties: PartieRegle[] = ['candidat', 'caleol', 'reservataire', 'bailleur'];
  const numeroRefus = ARTICLES.findIndex(([cle]) => cle === 'refus') + 1;
  const refus: RefusView[] = parties.map((partie, i) => {
    const regle = regleRefus(c, partie);
    return {
      numero: `${String(numeroRefus)}.${String(i + 1)}`,
      ...REFUS_SITUATIONS[partie],
      stipule: !estParDefaut(c, `/refus/${partie}`),
      nouvelleDesignation: regle.nouvelle_designation,
      delai: delai(regle.delai),
      delaiGeneral: estParDefaut(c, `/refus/${partie}/delai`),
      decompte: regle.decompte,
      points: points(p.attribution),
    };
  });

  // Bilan
  const debutAnnee = c.duree.debut.slice(0, 4);
  const premierePeriode =
    c.duree.debut.slice(5) === '01-01'
      ? `l’année ${debutAnnee}`
      : `la période du ${dateLongue(c.duree.debut)} au 31\u00a0décembre\u00a0${debutAnnee}`;

  // Durée
  const annees = dureeEnAnnees(c.duree.debut, c.duree.fin);

  // Signatures: one block per signatory; a party with none gets a blank block.
  const blocs: SignatureView[] = [];
  const pour = (partie: 'bailleur' | 'reservataire'): string =>
    partie === 'bailleur' ? 'Pour le bailleur' : etat ? 'Pour l’État' : 'Pour le réservataire';
  for (const partie of ['bailleur', 'reservataire'] as const) {
    const liste = partie === 'bailleur' ? bailleurSignataires : reservataireSignataires;
    const nomPartie = partie === 'bailleur' ? c.bailleur.nom : c.reservataire.nom;
    const entries = liste.length ? liste : [undefined];
    for (const s of entries) {
      const numero = blocs.length + 1;
      blocs.push({
        numero,
        ancre: `signature-${String(numero)}`,
        pour: pour(partie),
        partie: nomPartie,
        nom: s?.nom ?? '',
        qualite: s?.qualite ?? '',
        aCompleter: s === undefined,
        champ: `Signature ${String(numero)} – ${partie === 'bailleur' ? 'bailleur' : 'réservataire'}${s ? ` – ${s.nom}` : ''}`,
      });
    }
  }

  // Annexe : récapitulatif des stipulations chiffrées
  const recap: LigneRecapView[] = [];
  const ligne = (libelle: string, valeur: string, cle: string, parDefaut = false): void => {
    recap.push({ libelle, valeur, cle, parDefaut });
  };
  ligne('Part du flux annuel réservée', pourcent(c.flux.part), '/flux/part');
  if (agents !== undefined)
    ligne(
      'dont agents civils et militaires de l’État',
      pourcent(agents),
      '/flux/dont_agents_etat',
      estParDefaut(c, '/flux/dont_agents_etat'),
    );
  ligne(
    'Application de la part',
    application(c) === 'uniforme_par_commune'
      ? 'uniforme dans chaque commune'
      : 'globale sur le périmètre',
    '/flux/application',
    c.flux.application === undefined,
  );
  if (horsQpvPart !== undefined)
    ligne(
      'Part minimale hors QPV',
      pourcent(horsQpvPart),
      '/flux/part_hors_qpv_min',
      estParDefaut(c, '/flux/part_hors_qpv_min'),
    );
  ligne(
    'Logements retirés de l’assiette',
    exclusions.length
      ? `${enLettres(exclusions.length)} catégorie${exclusions.length > 1 ? 's' : ''}`
      : 'aucun',
    '/assiette/exclusions',
    estParDefaut(c, '/assiette/exclusions'),
  );
  ligne(
    'Fait générateur du décompte',
    {
      orientation: 'orientation',
      attribution: 'attribution en CALEOL',
      bail_signe: 'signature du bail',
    }[fait],
    '/decompte/fait_generateur',
  );
  ligne(
    'Points par logement décompté',
    points(p.attribution),
    '/decompte/ponderation/attribution',
    c.decompte.ponderation?.attribution === undefined,
  );
  ligne(
    'Points par logement orienté en cours',
    points(p.orientation),
    '/decompte/ponderation/orientation',
    c.decompte.ponderation?.orientation === undefined,
  );
  ligne('Délai de désignation', designationDelai.texte, '/designation/delai');
  ligne(
    'Candidats désignés par logement',
    `${enLettres(candidats)} (${String(candidats)})`,
    '/designation/candidats',
    estParDefaut(c, '/designation/candidats'),
  );
  ligne(
    'Délai expiré : reprise pour un tour',
    expiration.reprise_pour_un_tour ? 'oui' : 'non',
    '/designation/a_expiration/reprise_pour_un_tour',
    c.designation.a_expiration?.reprise_pour_un_tour === undefined,
  );
  ligne(
    'Délai expiré : logement décompté',
    expiration.reprise_pour_un_tour ? (expiration.decompte ? 'oui' : 'non') : 'sans objet',
    '/designation/a_expiration/decompte',
    c.designation.a_expiration?.decompte === undefined,
  );
  for (const [i, partie] of parties.entries()) {
    const r = refus[i];
    if (!r) continue;
    ligne(
      `${r.titre} : suite`,
      r.nouvelleDesignation
        ? `nouvelle désignation sous ${r.delai.texte}`
        : `sans nouvelle désignation, ${r.decompte ? 'logement décompté' : 'logement non décompté'}`,
      `/refus/${partie}`,
      !r.stipule,
    );
  }
  // Conversion du stock (annexe présente seulement avec la section conversion_stock)
  const conversion = buildConversionView(c, ctx.territoires, (code) => communeNom(ctx, code));
  const contreparties = buildContrepartiesView(c, etat ? 0 : 2);
  if (conversion.presente) {
    ligne(
      'Conversion des droits de suite',
      `au ${conversion.dateConversion}`,
      '/conversion_stock/date_conversion',
    );
    ligne(
      'Volume de droits uniques',
      `${conversion.total} (${conversion.nombreLogements})`,
      '/conversion_stock/etat_des_lieux',
    );
    ligne(
      'Consommation des droits uniques',
      conversion.modeVolumeAnnuel
        ? `${conversion.volumeAnnuel} par an`
        : conversion.modeAnneesIdentifiees
          ? `années ${conversion.annees}`
          : 'au rythme du flux',
      '/conversion_stock/consommation',
    );
  }
  ligne('Objectifs contractuels', String(contractuels.length), '/objectifs/contractuels');
  ligne('Objectifs indicatifs', String(indicatifs.length), '/objectifs/indicatifs');
  ligne('Durée', `du ${dateLongue(c.duree.debut)} au ${dateLongue(c.duree.fin)}`, '/duree');

  const empreinteCourte = ctx.empreinte.replace(/^sha256:/, '').slice(0, 12);
  return {
    modele: ctx.modele,
    document: {
      titre: 'Convention de réservation de logements locatifs sociaux en flux',
      id: c.id,
      version: c.version,
      dateEffet: dateLongue(date),
      dateEffetIso: date,
      projet: c.statut === 'projet',
      statut: c.statut === 'projet' ? 'Projet' : 'Version signée',
      consolidee: c.version > 1,
      versionPrecedente: c.version - 1,
      avenant: c.version - 1,
      empreinte: ctx.empreinte,
      empreinteCourte,
      empreinteDeclaree: c.empreinte ?? '',
      yamlSha256: ctx.yamlSha256,
      fichier: ctx.fichier,
    },
    bailleur,
    reservataire,
    type: {
      etat,
      commune: type === 'commune',
      intercommunal,
      territorial,
      actionLogement: type === 'action_logement',
    },
    perimetre: {
      departement,
      texte: perimetreTexte,
      communes: listeEt(membres),
      nombreCommunes: membres.length ? enLettres(membres.length) : '',
    },
    visas,
    articles: articles(),
    assiette: {
      exclusions: exclusions.map((e) => EXCLUSIONS[e]),
      aucune: exclusions.length === 0,
    },
    flux: {
      part: pourcent(c.flux.part),
      partEnLettres: pourcentEnLettres(c.flux.part),
      etatPlafond: etat ? parametrePart(ctx, 'etat_part_max', date) : '',
      agents: {
        presents: agents !== undefined && agents > 0,
        part: agents !== undefined ? pourcent(agents) : '',
        partEnLettres: agents !== undefined ? pourcentEnLettres(agents) : '',
        plafond: parametrePart(ctx, 'etat_agents_part_max', date),
      },
      uniformeParCommune: application(c) === 'uniforme_par_commune',
      applicationParDefaut: estParDefaut(c, '/flux/application'),
      horsQpv: {
        present: horsQpvPart !== undefined,
        part: horsQpvPart !== undefined ? pourcent(horsQpvPart) : '',
        reglementaire: horsQpvReglementaire,
        parDefaut: estParDefaut(c, '/flux/part_hors_qpv_min'),
      },
      garantie: buildGarantieView(c, ctx.parametres),
    },
    objectifs: {
      contractuels,
      indicatifs,
      aucunContractuel: contractuels.length === 0,
      aucunIndicatif: indicatifs.length === 0,
      echelleCommunale:
        contractuels.length > 0 &&
        (c.objectifs?.contractuels ?? []).every((o) => o.echelle === 'commune'),
    },
    decompte: {
      faitGenerateur: faitTexte,
      surOrientation: fait === 'orientation',
      surAttribution: fait === 'attribution',
      surBail: fait === 'bail_signe',
      pointsAttribution: points(p.attribution),
      pointsOrientation: points(p.orientation),
      orientationNulle: p.orientation === 0,
      ponderationParDefaut: c.decompte.ponderation === undefined,
      plafondRelatif:
        typeof plafondRelatif === 'number'
          ? plafondRelatif === 1
            ? 'celui d’une attribution'
            : `${nombre(plafondRelatif)} fois celui d’une attribution`
          : '',
    },
    designation: {
      delai: designationDelai,
      candidats: `${enLettres(candidats)} (${String(candidats)}) candidat${candidats > 1 ? 's' : ''}`,
      reprise: expiration.reprise_pour_un_tour,
      repriseDecompte: expiration.decompte,
      expirationParDefaut: c.designation.a_expiration === undefined,
      points: points(p.attribution),
    },
    refus,
    bilan: {
      premierePeriode,
      premiereEcheance: dateLongue(`${String(Number(debutAnnee) + 1)}-02-28`),
      ileDeFrance: ILE_DE_FRANCE.has(c.departement),
      horsAssiette: exclusions.length > 0,
    },
    echanges: {
      outil: etat
        ? 'l’application SYPLO (système priorité logement)'
        : type === 'action_logement'
          ? 'la plateforme AL’in d’Action Logement'
          : '',
      outilPresent: etat || type === 'action_logement',
    },
    duree: {
      debut: dateLongue(c.duree.debut),
      fin: dateLongue(c.duree.fin),
      enAnnees: annees ? `${enLettres(annees)} an${annees > 1 ? 's' : ''}` : '',
      dureeRonde: annees !== undefined,
    },
    resiliation: etat ? ETAT_MISE_EN_DEMEURE : MISE_EN_DEMEURE,
    signatures: {
      blocs,
      exemplaires: enLettres(2),
    },
    conversion,
    contreparties,
    substitution: buildSubstitutionView(c),
    annexes: {
      recapitulatif: recap,
      defauts: defautsAppliques(c),
      generateur: ctx.generateur,
      // The contreparties and conversion annexes follow the objectives, when present.
      numeros: numerosAnnexes(contreparties.presentes, conversion.presente),
    },
  };
}
