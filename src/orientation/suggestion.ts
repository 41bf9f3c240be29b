/**
 * One suggestion: the candidates of a freed flat (every réservataire of the bailleur in the
 * département, and the bailleur's own share), their positions in the flat's contractual
 * territories, their hard constraints, the wishes the flat meets, the residence's mix, ranked by
 * `classer`. A few look-ups in what the year's evaluation left (AnneeOrientation).
 */
import type { Logement } from '../flux/logement.js';
import { partDue } from '../engine/part-due.js';
import {
  versionAt,
  type ConventionEntry,
  type ConventionVersion,
} from '../engine/convention-index.js';
import { AnneeOrientation, type LogementLibere } from './annee-orientation.js';
import { BAILLEUR, classer, ecartTerritoire, type Candidat } from './classement.js';
import { contraintesCommunes, contrainteConvention } from './contraintes.js';
import { residence, type Filiere, type Residence } from './residence.js';
import { raisons } from './raisons.js';
import { nomCommune, type TerritoireOrientation } from './territoires-orientation.js';

export interface PositionAffichee {
  territoire: string;
  libelle: string;
  lieu: string;
  nature: 'flux' | 'objectif';
  part: number;
  flux: number;
  du: number;
  oriente: number;
  /** du − oriente, this flat counted in the flux (positive: flats owed). */
  ecart: number;
}

export interface Voeu {
  libelle: string;
  satisfait: boolean;
}

export interface CandidatOrientation {
  id: string;
  nom: string;
  /** 1: the suggestion; 0: cannot receive the flat (see contraintes). */
  rang: number;
  /** The smallest gap over its territories (what ranks it). */
  ecart: number;
  /** Its part of this flat's flux at the date. */
  part: number;
  convention?: string;
  fichier?: string;
  positions: PositionAffichee[];
  voeux: Voeu[];
  /** Orienting here would make its contingent exceed the « effet filière » threshold. */
  filiere: boolean;
  contraintes: string[];
  /** One French sentence: why this rank. */
  raisons: string;
}

export interface EquilibreQpv {
  reservataire: string;
  orientations: number;
  hors_qpv: number;
  plancher: number;
}

export interface Suggestion {
  logement: string;
  date: string;
  liberation: string;
  commune: { code: string; nom: string };
  /** « T3 PLUS, hors QPV, construit en 1970 ». */
  description: string;
  /** Id of the first candidate, or null when none can receive it. */
  suggestion: string | null;
  candidats: CandidatOrientation[];
  residence?: Residence;
  qpv?: EquilibreQpv;
  avertissement: string;
}

export const AVERTISSEMENT =
  'Ceci est une suggestion : le bailleur décide, et enregistre l’orientation qu’il retient comme un événement (type orientation) du fichier des événements.';

export const NOM_BAILLEUR = 'contingent propre du bailleur (non réservé)';

interface Brouillon {
  candidat: Candidat;
  nom: string;
  part: number;
  entry?: ConventionEntry;
  fichier?: string;
  positions: PositionAffichee[];
  voeux: Voeu[];
  /** Its convention covers the flat and is in force at the date. */
  enVigueur: boolean;
}

export function suggerer(
  annee: AnneeOrientation,
  libere: LogementLibere,
  date: string,
  filiere: Filiere,
): Suggestion {
  const l = libere.logement;
  const communes = contraintesCommunes(libere);
  const res = residence(annee, l, filiere);
  const brouillons = candidatsConventions(annee, libere, date, communes);
  const parts = brouillons.filter((b) => b.enVigueur).reduce((s, b) => s + b.part, 0);
  brouillons.push(candidatBailleur(annee, libere, Math.max(0, 1 - parts), communes));
  for (const b of brouillons) b.candidat.filiere = res?.depasserait(b.candidat.id) ?? false;
  const classes = classer(brouillons.map((b) => b.candidat));
  const parId = new Map(brouillons.map((b) => [b.candidat.id, b]));
  const candidats = classes.map((c): CandidatOrientation => {
    const b = parId.get(c.id);
    const out: CandidatOrientation = {
      id: c.id,
      nom: b?.nom ?? c.id,
      rang: c.rang,
      ecart: round(c.ecart),
      part: round(b?.part ?? 0),
      positions: b?.positions ?? [],
      voeux: b?.voeux ?? [],
      filiere: c.filiere,
      contraintes: c.contraintes,
      raisons: '',
    };
    if (b?.entry) out.convention = b.entry.id;
    if (b?.fichier) out.fichier = b.fichier;
    out.raisons = raisons(out, filiere);
    return out;
  });
  const premier = candidats.find((c) => c.rang === 1);
  const s: Suggestion = {
    logement: l.logement,
    date,
    liberation: libere.liberation,
    commune: { code: l.commune, nom: nomCommune(l.commune, annee.o.territoires) },
    description: description(l),
    suggestion: premier?.id ?? null,
    candidats,
    avertissement: AVERTISSEMENT,
  };
  if (res) s.residence = res.resultat;
  const qpv = equilibreQpv(annee, l);
  if (qpv) s.qpv = qpv;
  return s;
}

const round = (x: number): number => Math.round(x * 1e6) / 1e6;

function description(l: Logement): string {
  return `${l.typologie} ${l.financement}, ${l.qpv ? 'en QPV' : 'hors QPV'}, construit en ${String(l.annee_construction)}${l.programme !== undefined ? `, programme ${l.programme}` : ''}`;
}

/** One candidate per réservataire of the bailleur in the département (its best convention). */
function candidatsConventions(
  annee: AnneeOrientation,
  libere: LogementLibere,
  date: string,
  communes: string[],
): Brouillon[] {
  const l = libere.logement;
  const parReservataire = new Map<string, Brouillon>();
  for (const entry of annee.index.entries) {
    if (entry.bailleur !== l.bailleur || entry.departement !== l.departement) continue;
    const propre = contrainteConvention(entry, l, date, annee.o.territoires);
    const contraintes = [...communes, ...propre];
    const b = brouillon(annee, entry, libere, date, contraintes);
    b.enVigueur = propre.length === 0;
    const deja = parReservataire.get(entry.reservataire);
    // A convention that can receive it beats one that cannot.
    if (!deja || (b.enVigueur && !deja.enVigueur)) parReservataire.set(entry.reservataire, b);
  }
  return [...parReservataire.values()];
}

function brouillon(
  annee: AnneeOrientation,
  entry: ConventionEntry,
  libere: LogementLibere,
  date: string,
  contraintes: string[],
): Brouillon {
  const l = libere.logement;
  const version = versionAt(entry, date) ?? entry.versions[entry.versions.length - 1];
  const c = version?.convention;
  const b: Brouillon = {
    candidat: {
      id: entry.reservataire,
      contraintes,
      territoires: [],
      voeux_satisfaits: 0,
      filiere: false,
    },
    nom: c?.reservataire.nom ?? entry.reservataire,
    part: c ? partDue(entry, c, date) : 0,
    entry,
    positions: [],
    voeux: [],
    enVigueur: false,
  };
  if (version) b.fichier = version.file;
  if (!version || contraintes.length) return b;
  for (const t of annee.territoires(entry, version, l, date))
    b.positions.push(position(annee, entry.index, t, libere));
  b.candidat.territoires = b.positions.map(({ territoire, part, flux, oriente }) => ({
    territoire,
    part,
    flux,
    oriente,
  }));
  b.voeux = voeuxDe(annee, version, l);
  b.candidat.voeux_satisfaits = b.voeux.filter((v) => v.satisfait).length;
  return b;
}

/** The indicative wishes of a convention version, and whether the flat meets each. */
export function voeuxDe(annee: AnneeOrientation, version: ConventionVersion, l: Logement): Voeu[] {
  return annee
    .specs(version)
    .filter((s) => s.nature === 'indicatif')
    .map((s) => ({ libelle: s.libelle ?? s.cle, satisfait: s.match(l) }));
}

/** A territory's count, with this flat in its flux (it is when freed within the year). */
function position(
  annee: AnneeOrientation,
  entry: number | string,
  t: TerritoireOrientation,
  libere: LogementLibere,
): PositionAffichee {
  const c = annee.comptes.get(`${String(entry)}|${t.cle}`) ?? { flux: 0, du: 0, oriente: 0 };
  const compte = libere.liberation >= annee.o.debut;
  const flux = c.flux + (compte ? 0 : 1);
  const du = c.du + (compte ? 0 : t.part);
  const part = flux > 0 ? du / flux : t.part;
  const p = { territoire: t.cle, part, flux, oriente: c.oriente };
  return {
    ...p,
    libelle: t.libelle,
    lieu: t.lieu,
    nature: t.nature,
    part: round(part),
    du: round(du),
    ecart: round(ecartTerritoire(p)),
  };
}

function candidatBailleur(
  annee: AnneeOrientation,
  libere: LogementLibere,
  part: number,
  contraintes: string[],
): Brouillon {
  const l = libere.logement;
  const t: TerritoireOrientation = {
    cle: AnneeOrientation.territoireBailleur(l),
    libelle: `département ${l.departement}`,
    lieu: `dans le département ${l.departement}`,
    part,
    nature: 'flux',
  };
  const p = position(annee, BAILLEUR, t, libere);
  return {
    candidat: {
      id: BAILLEUR,
      contraintes: [...contraintes],
      territoires: contraintes.length
        ? []
        : [{ territoire: p.territoire, part: p.part, flux: p.flux, oriente: p.oriente }],
      voeux_satisfaits: 0,
      filiere: false,
    },
    nom: NOM_BAILLEUR,
    part,
    positions: contraintes.length ? [] : [p],
    voeux: [],
    enVigueur: false,
  };
}

function equilibreQpv(annee: AnneeOrientation, l: Logement): EquilibreQpv | undefined {
  for (const entry of annee.index.covering(l)) {
    const q = annee.qpv.get(entry.index) ?? [0, 0];
    const version = entry.versions[entry.versions.length - 1];
    if (!version) continue;
    const plancher = annee.specs(version).find((s) => s.nature === 'plancher_hors_qpv');
    if (plancher)
      return {
        reservataire: entry.reservataire,
        orientations: q[0],
        hors_qpv: q[1],
        plancher: plancher.part,
      };
  }
  return undefined;
}
