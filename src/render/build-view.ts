/**
 * Convention (YAML, validated) + regulation parameters + official geography → ConventionView.
 * Every default comes from the registry (src/convention/defauts.ts, through clauses.ts), the one
 * the flux engine reads, so the printed text says what `convflux evaluate` does.
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import {
  aExpiration,
  application,
  candidats as candidatsDe,
  dontAgentsEtat,
  exclusionsAssiette,
  partHorsQpvMin,
  ponderation,
  provisoireSansSuite,
  regleRefus,
} from '../convention/clauses.js';
import {
  TYPES_TERRITORIAUX,
  type Convention,
  type Criteres,
  type Exclusion,
  type TypeReservataire,
} from '../convention/convention.js';
import { estParDefaut } from '../convention/defauts.js';
import {
  departDelaiDesignation,
  premiereLocationDansLeFlux,
} from '../convention/defauts-vie-logement.js';
import type { PartieRegle } from '../engine/convention-rules.js';
import type { Parametres } from '../reglementation/parametres.js';
import type { Territoires } from '../reference/territoires.js';
import { buildConversionView } from './conversion-view.js';
import { buildPartieReserveeView } from './view-partie-reservee.js';
import type { Arrete } from '../convention/arrete.js';
import { buildJuridiction } from './view-juridiction.js';
import { visasComplementaires } from './visas-complementaires.js';
import { delai } from './view-delai.js';
import { buildModalitesView, titresModalites } from './view-modalites.js';
import { situationRefus } from './view-refus.js';
import { buildEditionView } from './view-edition.js';
import { buildPartiesView, buildVigueurView, TYPES_PARTIES } from './view-parties.js';
import {
  buildContrepartiesView,
  numerosAnnexes,
  visasContreparties,
} from './view-contreparties.js';
import { buildGarantieView } from './view-garantie.js';
import { buildSubstitutionView } from './view-substitution.js';
import {
  dateLongue,
  enLettres,
  listeEt,
  majusculeInitiale,
  nombre,
  pourcent,
  pourcentEnLettres,
  siren,
} from './typographie.js';
import type {
  ArticleView,
  ConventionView,
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
  /** The prefectoral arrêtés of derogation of the convention's département (rules/arretes/). */
  arretes?: readonly Arrete[];
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
    libelle: TYPES_PARTIES.action_logement ?? '',
    feminin: true,
  },
  employeur: { libelle: 'employeur', feminin: false },
  etablissement_public: { libelle: 'établissement public', feminin: false },
  organisme_desinteresse: { libelle: TYPES_PARTIES.organisme_desinteresse ?? '', feminin: false },
};

function points(n: number): string {
  return `${nombre(n)}\u00a0point${Math.abs(n) >= 2 ? 's' : ''}`;
}

function parametrePart(ctx: ViewContext, nom: string, date: string): string {
  const v = ctx.parametres.valueAt(nom, date);
  return typeof v === 'number' ? pourcent(v) : '';
}

/** The deductions of R. 441-5 I in the regulation's words (« aux mutations … et aux relogements … »). */
const EXCLUSIONS: Record<Exclusion, string> = {
  mutation_interne: 'aux mutations de locataires au sein du parc social du bailleur',
  relogement_renouvellement_urbain:
    'aux relogements de personnes dans le cadre d’une opération de rénovation urbaine et ou de renouvellement urbain au sens de la loi n° 2003-710 du 1er août 2003 d’orientation et de programmation pour la ville et la rénovation urbaine',
  relogement_orcod:
    'aux relogements de personnes dans le cadre d’une opération de requalification de copropriétés dégradées mentionnée aux articles L. 741-1 et L. 741-2 du code de la construction et de l’habitation',
  relogement_habitat_indigne:
    'aux relogements de personnes en application des articles L. 521-3-1 à L. 521-3-3 du code de la construction et de l’habitation',
  relogement_vente:
    'aux relogements de personnes dans le cadre d’une opération de vente de logements locatifs sociaux',
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

const ARTICLES: [keyof ConventionView['articles'], string][] = [
  ['objet', 'Objet et périmètre'],
  ['assiette', 'Assiette du flux'],
  ['flux', 'Part du flux réservée'],
  ['publics', 'Publics bénéficiaires'],
  ['objectifs', 'Objectifs contractuels et indicatifs'],
  ['decompte', 'Décompte et pondération'],
  ['designation', 'Orientation des logements et désignation des candidats'],
  ['caleol', 'Examen des candidatures et information du réservataire'],
  ['refus', 'Refus'],
  ['bilan', 'Bilan annuel'],
  ['echanges', 'Échanges d’informations'],
  ['donnees', 'Protection des données à caractère personnel'],
  ['gouvernance', 'Gouvernance et suivi'],
  ['duree', 'Durée, entrée en vigueur et prise d’effet'],
  ['revision', 'Révision'],
  ['resiliation', 'Résiliation'],
  ['differends', 'Règlement des différends'],
];

/** The anchor of the printed article a clause key belongs to (`/designation/delai` → `article-7`). */
export function ancreArticle(cle: string): string | undefined {
  const i = ARTICLES.findIndex(([k]) => k === cle.split('/')[1]);
  return i < 0 ? undefined : `article-${String(i + 1)}`;
}

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

/**
 * A private-law réservataire (Action Logement Services, an organisme): its kind, then its legal
 * form and SIREN when the YAML gives them (« …, société par actions simplifiée, immatriculée sous
 * le numéro SIREN 824 541 148 »); `check` warns when Action Logement's are missing.
 */
function identificationPrivee(
  c: Convention,
  typeInfo: { libelle: string; feminin: boolean },
): string {
  const { forme_juridique: forme, siren: numero } = c.reservataire;
  const morceaux = [typeInfo.libelle];
  if (forme) morceaux.push(forme);
  if (numero)
    morceaux.push(
      `immatriculé${typeInfo.feminin ? 'e' : ''} sous le numéro SIREN ${siren(numero)}`,
    );
  return morceaux.join(', ');
}

/**
 * The kind of party, unless its name already says it (« Établissement public territorial Est
 * Ensemble » is not followed by « établissement public territorial »: C1, no stutter).
 */
function sansRepetition(libelle: string, nom: string): string {
  return nom.toLocaleLowerCase('fr').startsWith(libelle.toLocaleLowerCase('fr'))
    ? ''
    : `${libelle}, `;
}

export function buildConventionView(c: Convention, ctx: ViewContext): ConventionView {
  const date = c.date_effet;
  const type = c.reservataire.type;
  const territorial = TYPES_TERRITORIAUX.includes(type);
  const intercommunal = type === 'epci' || type === 'ept';
  const etat = type === 'etat';
  const typeInfo = TYPE_LIBELLE[type];

  // Parties (src/render/view-parties.ts)
  let qualification: string;
  const territoire = c.reservataire.territoire ?? '';
  if (etat) qualification = 'représentant de l’État dans le département';
  else if (type === 'commune')
    qualification = `collectivité territoriale, code officiel géographique ${territoire}`;
  else if (intercommunal)
    qualification = `${sansRepetition(typeInfo.libelle, c.reservataire.nom)}SIREN ${siren(territoire)}`;
  else qualification = identificationPrivee(c, typeInfo);
  const comparution = buildPartiesView(c, { qualification, feminin: typeInfo.feminin });
  const bailleur: PartieView = comparution.bailleur;
  const reservataire: ConventionView['reservataire'] = {
    ...comparution.reservataire,
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

  // Visas: one visa of the code, naming the article proper to this réservataire (C5).
  const particulier = etat
    ? ', en particulier son article R. 441-5-2'
    : territorial
      ? ', en particulier son article R. 441-5-3'
      : '';
  const visas = [
    `le code de la construction et de l’habitation, notamment ses articles L. 441-1 et R. 441-5 à R. 441-5-4${particulier}`,
    'la loi n° 2018-1021 du 23 novembre 2018 portant évolution du logement, de l’aménagement et du numérique (loi ELAN), notamment son article 114',
    'le décret n° 2020-145 du 20 février 2020 relatif à la gestion en flux des réservations de logements locatifs sociaux',
  ];
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
      ...situationRefus(partie),
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

  const blocs: SignatureView[] = comparution.blocs;

  // Annexe : récapitulatif des stipulations chiffrées
  const recap: LigneRecapView[] = [];
  const ligne = (libelle: string, valeur: string, cle: string): void => {
    recap.push({ libelle, valeur, cle });
  };
  ligne('Part du flux annuel réservée', pourcent(c.flux.part), '/flux/part');
  if (agents !== undefined)
    ligne('dont agents civils et militaires de l’État', pourcent(agents), '/flux/dont_agents_etat');
  ligne(
    'Application de la part',
    application(c) === 'uniforme_par_commune'
      ? 'uniforme dans chaque commune'
      : 'globale sur le périmètre',
    '/flux/application',
  );
  if (horsQpvPart !== undefined)
    ligne('Part minimale hors QPV', pourcent(horsQpvPart), '/flux/part_hors_qpv_min');
  ligne(
    'Logements retirés de l’assiette',
    exclusions.length
      ? `${enLettres(exclusions.length)} catégorie${exclusions.length > 1 ? 's' : ''}`
      : 'aucun',
    '/assiette/exclusions',
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
  ligne('Points par logement décompté', points(p.attribution), '/decompte/ponderation/attribution');
  ligne(
    'Points par logement orienté en cours',
    points(p.orientation),
    '/decompte/ponderation/orientation',
  );
  if (p.orientation > 0 && fait !== 'orientation')
    ligne(
      'Points provisoires d’une orientation close sans fait générateur',
      provisoireSansSuite(c) === 'acquis' ? 'acquis' : 'retirés',
      '/decompte/ponderation/provisoire_sans_suite',
    );
  ligne('Délai de désignation', designationDelai.texte, '/designation/delai');
  ligne(
    'Candidats désignés par logement',
    `${enLettres(candidats)} (${String(candidats)})`,
    '/designation/candidats',
  );
  ligne(
    'Délai expiré : reprise pour un tour',
    expiration.reprise_pour_un_tour ? 'oui' : 'non',
    '/designation/a_expiration/reprise_pour_un_tour',
  );
  ligne(
    'Délai expiré : logement décompté',
    expiration.reprise_pour_un_tour ? (expiration.decompte ? 'oui' : 'non') : 'sans objet',
    '/designation/a_expiration/decompte',
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
  const vue: Omit<ConventionView, 'edition'> = {
    modele: ctx.modele,
    document: {
      titre: 'Convention de réservation de logements locatifs sociaux en flux',
      id: c.id,
      version: c.version,
      dateEffet: dateLongue(date),
      dateEffetIso: date,
      projet: c.statut === 'projet',
      statut: {
        projet: 'Projet',
        arretee: 'Version arrêtée pour signature',
        signee: 'Version signée',
      }[c.statut],
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
    visas: [...visas, ...visasComplementaires(c, ctx.territoires, departement)],
    articles: titresModalites(articles(), etat),
    assiette: {
      exclusions: exclusions.map((e) => EXCLUSIONS[e]),
      aucune: exclusions.length === 0,
      premiereLocationDansLeFlux: premiereLocationDansLeFlux(c),
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
      provisoireAcquis: provisoireSansSuite(c) === 'acquis',
      ponderationParDefaut: c.decompte.ponderation === undefined,
      plafondRelatif:
        typeof plafondRelatif === 'number'
          ? plafondRelatif === 1
            ? 'ceux d’une attribution'
            : `${nombre(plafondRelatif)} fois ceux d’une attribution`
          : '',
    },
    designation: {
      delai: designationDelai,
      depuisNotification: departDelaiDesignation(c) === 'notification',
      candidats: `${enLettres(candidats)} (${String(candidats)}) candidat${candidats > 1 ? 's' : ''}`,
      reprise: expiration.reprise_pour_un_tour,
      repriseDecompte: expiration.decompte,
      expirationParDefaut: c.designation.a_expiration === undefined,
      points: points(p.attribution),
    },
    refus,
    modalites: buildModalitesView(c),
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
    juridiction: buildJuridiction(c, departement),
    signatures: {
      blocs,
      exemplaires: enLettres(2),
    },
    vigueur: buildVigueurView(c),
    conversion,
    partieReservee: buildPartieReserveeView(c, ctx),
    contreparties,
    substitution: buildSubstitutionView(c),
    annexes: {
      recapitulatif: recap,
      generateur: ctx.generateur,
      // The contreparties and conversion annexes follow the objectives, when present.
      numeros: numerosAnnexes(contreparties.presentes, conversion.presente),
    },
  };
  return { ...vue, edition: buildEditionView(c, vue) };
}
