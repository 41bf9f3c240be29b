/**
 * The parties as a signable convention names them (B1, C1): the bailleur's legal form, siège and
 * SIREN; each party represented by its named signatory, in its capacity, empowered by an act
 * (délibération n° … du …, délégation, délégation de signature). Format-1 files whose signatory
 * is a title (« Le directeur général ») are printed without stutter (« représenté par son
 * directeur général »). The same views feed the comparution, the signature blocks and the
 * bilan's party lines.
 */
import type {
  Acte,
  Convention,
  FormeJuridique,
  Signataire,
  TypeReservataire,
} from '../convention/convention.js';
import { dateEntreeEnVigueur } from '../convention/entree-en-vigueur.js';
import { dateLongue, listeEt, majusculeInitiale, minusculeInitiale, siren } from './typographie.js';
import type { PartieView, ShapeOf, SignatureView } from './view-model.js';

/** The bailleur's legal forms (schema `bailleur.forme_juridique`), with their gender. */
const FORMES: Record<FormeJuridique, { libelle: string; feminin: boolean }> = {
  oph: { libelle: 'office public de l’habitat', feminin: false },
  sa_hlm: { libelle: 'société anonyme d’habitations à loyer modéré', feminin: true },
  sem: { libelle: 'société d’économie mixte agréée', feminin: true },
  cooperative_hlm: { libelle: 'société coopérative d’habitations à loyer modéré', feminin: true },
  fondation_hlm: { libelle: 'fondation d’habitations à loyer modéré', feminin: true },
  organisme_agree: {
    libelle: 'organisme agréé pour la maîtrise d’ouvrage d’insertion',
    feminin: false,
  },
};

/** Feminine nouns that may open an organ's name (« de la commission permanente »). */
const ORGANES_FEMININS =
  /^(commission|conférence|direction|délégation|présidence|préfecture|société|caisse|chambre)\b/i;

/** « du conseil municipal », « de la commission permanente », « de l’assemblée », as written. */
function duOrgane(organe: string | undefined): string {
  if (!organe) return '';
  const o = organe.trim();
  if (/^les\s/i.test(o)) return ` des ${o.slice(4)}`;
  if (/^le\s/i.test(o)) return ` du ${o.slice(3)}`;
  if (/^(la\s|l’|l')/i.test(o)) return ` de ${minusculeInitiale(o)}`;
  if (/^[aeiouyéèêâîôûœh]/i.test(o)) return ` de l’${o}`;
  return ORGANES_FEMININS.test(o) ? ` de la ${o}` : ` du ${o}`;
}

/** The act that empowers a signatory, as the comparution says it. */
export function habilitationTexte(a: Acte, feminin: boolean): string {
  const e = feminin ? 'e' : '';
  const numero = a.numero ? ` n°\u00a0${a.numero}` : '';
  const date = ` du ${dateLongue(a.date)}`;
  const organe = duOrgane(a.organe);
  switch (a.nature) {
    case 'deliberation':
      return `dûment habilité${e} par délibération${organe}${numero}${date}`;
    case 'delegation':
      return `agissant en vertu d’une délégation${organe}${date}${a.numero ? ` (n°\u00a0${a.numero})` : ''}`;
    case 'delegation_signature':
      return `agissant par délégation de signature${organe}${a.organe ? ',' : ''} donnée par arrêté${numero}${date}`;
    case 'arrete':
      return `dûment habilité${e} par arrêté${organe}${numero}${date}`;
    case 'decision':
      return `dûment habilité${e} par décision${organe}${numero}${date}`;
    case 'statuts':
      return `agissant en vertu des statuts${date}`;
    case 'convention':
      return `agissant en vertu de la convention${numero}${date}`;
    default:
      return `dûment habilité${e} par acte${organe}${numero}${date}`;
  }
}

/** A signatory written as a title (« Le directeur général », « La maire de Bondy »). */
function estUnTitre(nom: string): boolean {
  return /^(Le|La|Les|L’|L')\s?[a-zàâçéèêëîïôûù]/.test(nom);
}

function estFeminin(s: Signataire): boolean {
  if (/^(Mme|Madame|Mlle)\b/.test(s.nom)) return true;
  if (/^(M\.|Monsieur)\s/.test(s.nom)) return false;
  if (/^La\s/.test(s.nom)) return true;
  return /^(directrice|préfète|présidente|vice-présidente|adjointe|déléguée|conseillère|secrétaire générale|administratrice|gérante)\b/i.test(
    s.qualite,
  );
}

/** The capacity without the party's own name (« directeur général d’Exemple Habitat » → « directeur général »). */
function qualiteSansPartie(qualite: string, nomPartie: string): string {
  const escaped = nomPartie.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const sansNom = qualite.replace(
    new RegExp(`\\s+(de la|de l’|de l'|du|des|de|d’|d')\\s*${escaped}$`, 'i'),
    '',
  );
  return sansNom.trim() || qualite;
}

/** Function titles written in lower case inside a sentence ("…, directeur général"). */
const FONCTIONS =
  /^(directeur|directrice|préfet|préfète|sous-préfet|sous-préfète|maire|président|présidente|vice-président|vice-présidente|adjoint|adjointe|délégué|déléguée|secrétaire|conseiller|conseillère|responsable|gérant|gérante|chef|cheffe|administrateur|administratrice)\b/i;

function enPhrase(text: string): string {
  return FONCTIONS.test(text) ? minusculeInitiale(text) : text;
}

/** One signatory in the comparution: « Mme Claire Martin, directrice générale, dûment habilitée … ». */
function personne(s: Signataire, nomPartie: string): string {
  if (estUnTitre(s.nom)) {
    // A title: the capacity would repeat it. « Le directeur général » alone is the party's own.
    const titre = minusculeInitiale(s.nom);
    const propre = !/\s(de|du|des|d’|d')\s?\S/.test(s.nom.replace(/^(Le|La|Les|L’|L')\s?/, ''));
    const possessif = /^La\s/.test(s.nom) ? 'sa ' : 'son ';
    const texte = propre ? titre.replace(/^(le|la|l’|l')\s?/, possessif) : titre;
    return s.habilitation ? `${texte}, ${habilitationTexte(s.habilitation, estFeminin(s))}` : texte;
  }
  const qualite = enPhrase(qualiteSansPartie(s.qualite, nomPartie));
  const base = `${s.nom}, ${qualite}`;
  return s.habilitation ? `${base}, ${habilitationTexte(s.habilitation, estFeminin(s))}` : base;
}

function representation(
  signataires: Signataire[],
  nomPartie: string,
  feminin: boolean,
): { texte: string; aPreciser: boolean } {
  const participe = feminin ? 'représentée' : 'représenté';
  if (!signataires.length)
    return {
      texte: `${participe} par ……………………………………, dûment habilité(e) par ……………………………………`,
      aPreciser: true,
    };
  return {
    texte: `${participe} par ${listeEt(signataires.map((s) => personne(s, nomPartie)))}`,
    aPreciser: false,
  };
}

/** Réservataire types printed with the words of CCH art. R. 441-5 I where it names them. */
export const TYPES_PARTIES: Partial<Record<TypeReservataire, string>> = {
  action_logement:
    'la société mentionnée à l’article L. 313-19 du code de la construction et de l’habitation',
  organisme_desinteresse: 'organisme à caractère désintéressé',
};

export interface PartiesInput {
  /** What the réservataire is (« collectivité territoriale, code officiel géographique 93066 »). */
  qualification: string;
  feminin: boolean;
}

export interface PartiesView {
  bailleur: PartieView;
  reservataire: PartieView;
  blocs: SignatureView[];
}

function bailleurView(c: Convention, signataires: Signataire[]): PartieView {
  const forme = c.bailleur.forme_juridique ? FORMES[c.bailleur.forme_juridique] : undefined;
  const feminin = forme?.feminin ?? false;
  const e = feminin ? 'e' : '';
  const morceaux = [forme?.libelle ?? 'organisme de logement social'];
  if (c.bailleur.siege) morceaux.push(`dont le siège est situé ${c.bailleur.siege}`);
  morceaux.push(`immatriculé${e} sous le numéro SIREN ${siren(c.bailleur.siren)}`);
  const rep = representation(signataires, c.bailleur.nom, feminin);
  return {
    nom: c.bailleur.nom,
    designation: 'le bailleur',
    qualification: morceaux.join(', '),
    representation: rep.texte,
    representantAPreciser: rep.aPreciser,
    feminin,
  };
}

function reservataireView(
  c: Convention,
  signataires: Signataire[],
  input: PartiesInput,
): PartieView {
  const etat = c.reservataire.type === 'etat';
  const siege =
    c.reservataire.siege && !etat ? `, dont le siège est situé ${c.reservataire.siege}` : '';
  const rep = representation(signataires, c.reservataire.nom, input.feminin);
  return {
    nom: c.reservataire.nom,
    designation: 'le réservataire',
    qualification: `${input.qualification}${siege}`,
    representation: rep.texte,
    representantAPreciser: rep.aPreciser,
    feminin: input.feminin,
  };
}

/** « Pour le préfet de la Seine-Saint-Denis et par délégation »: a délégation de signature. */
function parDelegation(s: Signataire | undefined): string {
  const h = s?.habilitation;
  if (h?.nature !== 'delegation_signature' || !h.organe) return '';
  const organe = h.organe.trim();
  const article = /^(le|la|les)\s|^(l’|l')/i.test(organe)
    ? ''
    : /^[aeiouyéèêâîôûœh]/i.test(organe)
      ? 'l’'
      : /^préfète\b/i.test(organe) || ORGANES_FEMININS.test(organe)
        ? 'la '
        : 'le ';
  return `Pour ${article}${minusculeInitiale(organe)} et par délégation`;
}

/** The recorded signature of a party (the latest, if recorded twice). */
function signatureDe(
  c: Convention,
  partie: 'bailleur' | 'reservataire',
): { date: string; nom?: string } | undefined {
  return (c.signatures ?? [])
    .filter((s) => s.partie === partie)
    .sort((a, b) => a.date.localeCompare(b.date))
    .at(-1);
}

/**
 * One signature block per signatory; a party with none gets a blank block. A recorded signature
 * dates the party's block(s); its `nom`, when given, names who actually signed.
 */
function blocs(c: Convention, etat: boolean): SignatureView[] {
  const out: SignatureView[] = [];
  for (const partie of ['bailleur', 'reservataire'] as const) {
    const nomPartie = partie === 'bailleur' ? c.bailleur.nom : c.reservataire.nom;
    const liste = (c.signataires ?? []).filter((s) => s.partie === partie);
    const signee = signatureDe(c, partie);
    for (const texte of liste.length ? liste : [undefined]) {
      const numero = out.length + 1;
      // The recorded signatory replaces the text's when the record names someone else.
      const s =
        signee?.nom !== undefined && signee.nom !== texte?.nom
          ? { nom: signee.nom, qualite: '' }
          : texte;
      const titre = s !== undefined && estUnTitre(s.nom);
      out.push({
        numero,
        ancre: `signature-${String(numero)}`,
        pour:
          partie === 'bailleur'
            ? 'Pour le bailleur'
            : etat
              ? 'Pour l’État'
              : 'Pour le réservataire',
        // « Pour l’État » says the party: its name (« Préfet de … ») would repeat the signatory;
        // a delegate signs « Pour le préfet de … et par délégation » above its capacity.
        partie: etat && partie === 'reservataire' ? parDelegation(texte) : nomPartie,
        nom: s?.nom ?? '',
        // A title already says the capacity (no « Le préfet … / Préfet … »).
        qualite:
          s?.qualite && !titre ? majusculeInitiale(qualiteSansPartie(s.qualite, nomPartie)) : '',
        aCompleter: s === undefined,
        signeLe: signee ? dateLongue(signee.date) : '',
        champ: `Signature ${String(numero)} – ${partie === 'bailleur' ? 'bailleur' : 'réservataire'}${s ? ` – ${s.nom}` : ''}`,
      });
    }
  }
  return out;
}

export function buildPartiesView(c: Convention, input: PartiesInput): PartiesView {
  const signataires = c.signataires ?? [];
  return {
    bailleur: bailleurView(
      c,
      signataires.filter((s) => s.partie === 'bailleur'),
    ),
    reservataire: reservataireView(
      c,
      signataires.filter((s) => s.partie === 'reservataire'),
      input,
    ),
    blocs: blocs(c, c.reservataire.type === 'etat'),
  };
}

/** Entry into force (duration article): the rule, and the computed date once every party signed. */
export interface VigueurView {
  /** A commune, EPCI or EPT: « et, le cas échéant, de sa transmission au représentant de l’État ». */
  transmission: boolean;
  /** « 12 mars 2024 »: the last recorded signature, when every party has signed; else empty. */
  date: string;
  dateConnue: boolean;
  /** Avenant: the parties stipulated that its date d'effet may precede its entry into force. */
  effetAvantSignature: boolean;
}

export const VIGUEUR_SHAPE: ShapeOf<VigueurView> = {
  transmission: 'valeur',
  date: 'valeur',
  dateConnue: 'valeur',
  effetAvantSignature: 'valeur',
};

export function buildVigueurView(c: Convention): VigueurView {
  const date = dateEntreeEnVigueur(c);
  return {
    transmission: ['commune', 'epci', 'ept'].includes(c.reservataire.type),
    date: date ? dateLongue(date) : '',
    dateConnue: date !== undefined,
    // Default false (src/convention/defauts.ts).
    effetAvantSignature: c.effet_avant_signature === true,
  };
}
