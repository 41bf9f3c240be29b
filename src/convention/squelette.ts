/**
 * The commented skeleton of a convention written by `convflux init TYPE`: every required key,
 * its blanks marked « À REMPLIR » (« TO FILL IN » in English), and every optional key commented
 * out with its default and the basis of that default, read from the registry (defauts.ts).
 */
import type { Lang } from '../diagnostics/diagnostic.js';
import { TYPES_TERRITORIAUX, type TypeReservataire } from './convention.js';
import { casPour, type JsonValue } from './defauts.js';

export const TYPES_RESERVATAIRE: readonly TypeReservataire[] = [
  'etat',
  'commune',
  'epci',
  'ept',
  'departement',
  'region',
  'action_logement',
  'employeur',
  'etablissement_public',
  'organisme_desinteresse',
];

export interface OptionsSquelette {
  type: TypeReservataire;
  departement?: string;
  lang: Lang;
  /** Path of the JSON schema relative to the written file (editor completion). */
  schema: string;
}

type Texte = { fr: string; en: string };

const MARQUE: Texte = { fr: 'À REMPLIR', en: 'TO FILL IN' };
const DEUX_POINTS: Texte = { fr: ' : ', en: ': ' };

function flow(v: JsonValue): string {
  if (Array.isArray(v)) return `[${v.map(flow).join(', ')}]`;
  if (typeof v === 'object')
    return `{ ${Object.entries(v)
      .map(([k, x]) => `${k}: ${flow(x)}`)
      .join(', ')} }`;
  return String(v);
}

class Ecrivain {
  readonly lignes: string[] = [];
  constructor(
    readonly o: OptionsSquelette,
    readonly t: (texte: Texte) => string = (texte) => texte[o.lang],
  ) {}

  ligne(texte = ''): void {
    this.lignes.push(texte);
  }

  /** A value to fill in: `key: ""  # À REMPLIR : what`. */
  blanc(indent: string, cle: string, quoi: Texte): void {
    this.ligne(`${indent}${cle}: ""  # ${this.t(MARQUE)}${this.t(DEUX_POINTS)}${this.t(quoi)}`);
  }

  /** A written value with its meaning. */
  valeur(indent: string, cle: string, valeur: string, sens: Texte): void {
    this.ligne(`${indent}${cle}: ${valeur}  # ${this.t(sens)}`);
  }

  /** An optional key, commented out with its default from the registry. */
  defaut(indent: string, pointeur: string): void {
    const cas = casPour(pointeur, this.o.type);
    const nom = pointeur.replace(/^.*\//, '');
    const d = cas.defaut;
    const fondement =
      cas.fondement.nature === 'loi'
        ? this.t({ fr: `loi, ${cas.fondement.article}`, en: `law, ${cas.fondement.article}` })
        : this.t({ fr: 'choix de convflux', en: 'convflux’s choice' });
    let valeur = '';
    if ('valeur' in d) valeur = ` ${flow(d.valeur)}`;
    else if ('cle' in d) valeur = this.t({ fr: ` (comme ${d.cle})`, en: ` (as ${d.cle})` });
    else if ('parametre' in d)
      valeur = this.t({
        fr: ` (paramètre ${d.parametre} en vigueur)`,
        en: ` (parameter ${d.parametre} in force)`,
      });
    const parDefaut = this.t({ fr: 'par défaut', en: 'default' });
    // Under a commented-out parent, the key is already behind its « # ».
    const diese = indent.includes('#') ? '' : '# ';
    const explication = cas.explication[this.o.lang];
    this.ligne(`${indent}${diese}${nom}:${valeur}  # ${parDefaut} (${fondement}) : ${explication}`);
  }
}

function identite(e: Ecrivain): void {
  const { type, departement } = e.o;
  e.blanc('', 'id', {
    fr: '<département>-<SIREN du bailleur>-<id du réservataire> (ex. 93-552046484-etat-93)',
    en: '<département>-<bailleur SIREN>-<réservataire id> (e.g. 93-552046484-etat-93)',
  });
  e.valeur('', 'version', '1', {
    fr: '1, puis 2, 3… à chaque avenant',
    en: '1, then 2, 3… at each avenant',
  });
  e.blanc('', 'date_effet', {
    fr: 'date d’effet de cette version, AAAA-MM-JJ (dans la durée)',
    en: 'effective date of this version, YYYY-MM-DD (within the term)',
  });
  e.valeur('', 'format', '2', {
    fr: 'format des conventions signables (parties identifiées, signataires habilités)',
    en: 'format of signable conventions (identified parties, empowered signatories)',
  });
  e.valeur('', 'statut', 'projet', {
    fr: 'projet ; arretee quand le texte est arrêté (convflux seal le scelle) ; signee quand toutes les parties ont signé',
    en: 'projet; arretee once the text is frozen (convflux seal seals it); signee once every party has signed',
  });
  e.defaut('', '/effet_avant_signature');
  if (departement)
    e.valeur('', 'departement', `"${departement}"`, {
      fr: 'code du département',
      en: 'département code',
    });
  else
    e.blanc('', 'departement', {
      fr: 'code du département (ex. "93")',
      en: 'département code (e.g. "93")',
    });
  e.ligne();
  e.ligne('bailleur:');
  e.blanc('  ', 'siren', {
    fr: 'SIREN du bailleur (9 chiffres)',
    en: 'SIREN of the bailleur (9 digits)',
  });
  e.blanc('  ', 'nom', { fr: 'raison sociale du bailleur', en: 'name of the bailleur' });
  e.ligne(
    e.t({
      fr: '  # forme_juridique:  # requis pour arrêter le texte : oph, sa_hlm, sem, cooperative_hlm, fondation_hlm, organisme_agree',
      en: '  # forme_juridique:  # required to freeze the text: oph, sa_hlm, sem, cooperative_hlm, fondation_hlm, organisme_agree',
    }),
  );
  e.ligne(
    e.t({
      fr: '  # siege:  # requis pour arrêter le texte : adresse du siège',
      en: '  # siege:  # required to freeze the text: address of the registered office',
    }),
  );
  e.ligne();
  e.ligne('reservataire:');
  const id =
    type === 'etat' && departement
      ? `etat-${departement.toLowerCase()}`
      : type === 'action_logement'
        ? 'action-logement'
        : '';
  const sensId = {
    fr: 'identifiant du réservataire, en minuscules et tirets',
    en: 'réservataire id, lower case and hyphens',
  };
  if (id) e.valeur('  ', 'id', id, sensId);
  else
    e.blanc('  ', 'id', {
      fr: `${sensId.fr} (ex. montreuil)`,
      en: `${sensId.en} (e.g. montreuil)`,
    });
  e.valeur('  ', 'type', type, { fr: 'type de réservataire', en: 'réservataire type' });
  if (type === 'action_logement')
    e.valeur('  ', 'nom', 'Action Logement Services', {
      fr: 'nom du réservataire',
      en: 'name of the réservataire',
    });
  else
    e.blanc('  ', 'nom', {
      fr: type === 'etat' ? 'ex. Préfet de la Seine-Saint-Denis' : 'nom du réservataire',
      en: type === 'etat' ? 'e.g. Préfet de la Seine-Saint-Denis' : 'name of the réservataire',
    });
  if (TYPES_TERRITORIAUX.includes(type))
    e.blanc(
      '  ',
      'territoire',
      type === 'commune'
        ? {
            fr: 'code INSEE de la commune (5 caractères)',
            en: 'INSEE code of the commune (5 characters)',
          }
        : {
            fr: `SIREN de l’${type.toUpperCase()} (9 chiffres)`,
            en: `SIREN of the ${type.toUpperCase()} (9 digits)`,
          },
    );
  e.defaut('  ', '/reservataire/garantie_emprunt');
  if (type !== 'etat')
    e.ligne(
      e.t({
        fr: '  # siege:  # requis pour arrêter le texte : adresse du siège (hôtel de ville, siège social)',
        en: '  # siege:  # required to freeze the text: address of the seat (town hall, registered office)',
      }),
    );
  if (type === 'action_logement')
    e.ligne(
      e.t({
        fr: '  # forme_juridique: société par actions simplifiée  # et siren: "824541148" (CCH art. L. 313-19)',
        en: '  # forme_juridique: société par actions simplifiée  # and siren: "824541148" (CCH art. L. 313-19)',
      }),
    );
}

function fluxEtAssiette(e: Ecrivain): void {
  const etat = e.o.type === 'etat';
  e.ligne();
  e.ligne('duree:');
  e.blanc('  ', 'debut', { fr: 'premier jour, AAAA-MM-JJ', en: 'first day, YYYY-MM-DD' });
  e.blanc('  ', 'fin', {
    fr: 'dernier jour, AAAA-MM-JJ (inclus)',
    en: 'last day, YYYY-MM-DD (included)',
  });
  e.ligne();
  e.ligne('flux:');
  e.blanc('  ', 'part', {
    fr: `part du flux annuel réservée, entre 0 et 1 (0.25 pour 25 %)${etat ? ' ; au plus 0.30 (CCH art. R. 441-5-2 I)' : ''}`,
    en: `share of the annual flux reserved, between 0 and 1 (0.25 for 25 %)${etat ? '; at most 0.30 (CCH art. R. 441-5-2 I)' : ''}`,
  });
  if (etat) e.defaut('  ', '/flux/dont_agents_etat');
  e.defaut('  ', '/flux/application');
  if (etat) e.defaut('  ', '/flux/part_hors_qpv_min');
  e.defaut('  ', '/flux/part_garantie_emprunt');
  e.ligne();
  e.ligne(
    e.t({
      fr: '# assiette:  # logements déduits du flux annuel',
      en: '# assiette:  # flats deducted from the annual flux',
    }),
  );
  e.defaut('#   ', '/assiette/exclusions');
  e.defaut('#   ', '/assiette/premiere_mise_en_location');
}

function decompteEtDesignation(e: Ecrivain): void {
  e.ligne();
  e.ligne('decompte:');
  e.blanc('  ', 'fait_generateur', {
    fr: 'orientation, attribution (décision de la CALEOL) ou bail_signe',
    en: 'orientation, attribution (decision of the CALEOL) or bail_signe',
  });
  e.ligne(
    e.t({
      fr: '  # ponderation:  # points par logement',
      en: '  # ponderation:  # points per flat',
    }),
  );
  e.defaut('  #   ', '/decompte/ponderation/orientation');
  e.defaut('  #   ', '/decompte/ponderation/attribution');
  e.defaut('  #   ', '/decompte/ponderation/provisoire_sans_suite');
  e.ligne();
  e.ligne('designation:');
  e.blanc('  ', 'delai', {
    fr: 'délai de désignation, ex. 15 jours, 2 semaines, 1 mois',
    en: 'designation delay, e.g. 15 jours, 2 semaines, 1 mois',
  });
  e.defaut('  ', '/designation/candidats');
  e.defaut('  ', '/designation/a_compter_de');
  e.ligne(
    e.t({
      fr: '  # a_expiration:  # délai expiré sans désignation',
      en: '  # a_expiration:  # delay lapsed without designation',
    }),
  );
  e.defaut('  #   ', '/designation/a_expiration/reprise_pour_un_tour');
  e.defaut('  #   ', '/designation/a_expiration/decompte');
  e.ligne();
  e.ligne(
    e.t({
      fr: 'refus: {}  # conséquences d’un refus : règles par défaut ci-dessous ; pour en changer, remplacez {} par les parties voulues',
      en: 'refus: {}  # consequences of a refusal: defaults below; to change them, replace {} with the parties wanted',
    }),
  );
  for (const partie of ['candidat', 'caleol', 'reservataire', 'bailleur']) {
    e.defaut('  ', `/refus/${partie}`);
    e.defaut('  #   ', `/refus/${partie}/delai`);
  }
}

/** The implementation terms, all optional (arrêté du 10 mars 2011, art. 1, for the État). */
function modalites(e: Ecrivain): void {
  e.ligne();
  e.ligne(
    e.t({
      fr: '# modalites:  # modalités de mise en œuvre (État : arrêté du 10 mars 2011, art. 1)',
      en: '# modalites:  # implementation terms (État: arrêté du 10 mars 2011, art. 1)',
    }),
  );
  const groupes: [string, string[]][] = [
    ['notification', ['delai', 'a_compter_de', 'jours', 'date_reference', 'canal']],
    ['publics_prioritaires', ['part_attributions', 'outil', 'eligibilite']],
    ['dossiers', ['delai_completude']],
    ['information_caleol', ['delai']],
    ['information_baux', ['delai']],
  ];
  for (const [groupe, cles] of groupes) {
    e.ligne(`#   ${groupe}:`);
    for (const cle of cles) e.defaut('#     ', `/modalites/${groupe}/${cle}`);
  }
  e.defaut('#   ', '/modalites/gestion');
  if (e.o.type === 'etat') {
    e.ligne('#   agents_etat:');
    e.defaut('#     ', '/modalites/agents_etat/service_designataire');
  }
}

/** What founds a non-État reservation, the stock conventions replaced, the conversion terms. */
function causeEtConversion(e: Ecrivain): void {
  e.ligne();
  if (e.o.type !== 'etat') {
    e.ligne(
      e.t({
        fr: 'contreparties:  # ce qui fonde les droits du réservataire (CCH art. L. 441-1) : une entrée par acte',
        en: 'contreparties:  # what founds the réservataire’s rights (CCH art. L. 441-1): one entry per act',
      }),
    );
    e.valeur('  - ', 'nature', 'subvention', {
      fr: 'garantie_emprunt, subvention, apport_terrain, financement_employeur ou autre',
      en: 'garantie_emprunt, subvention, apport_terrain, financement_employeur or autre',
    });
    e.blanc('    ', 'objet', {
      fr: 'programme ou opération (nom, adresse, nombre de logements)',
      en: 'programme or operation (name, address, number of flats)',
    });
    e.ligne('    acte:');
    e.valeur('      ', 'nature', 'deliberation', {
      fr: 'deliberation, convention, decision, arrete… (facultatif : organe, numero ; montant, logements, echeance)',
      en: 'deliberation, convention, decision, arrete… (optional: organe, numero; montant, logements, echeance)',
    });
    e.blanc('      ', 'date', {
      fr: 'date de l’acte, AAAA-MM-JJ',
      en: 'date of the act, YYYY-MM-DD',
    });
  }
  e.ligne(
    e.t({
      fr: '# visas_locaux:  # acte et date du PDALHPD, de l’accord collectif (État) ou de la CIA (EPCI, EPT) : pdalhpd, accord_collectif, cia: { acte, date }',
      en: '# visas_locaux:  # act and date of the PDALHPD, the accord collectif (État) or the CIA (EPCI, EPT): pdalhpd, accord_collectif, cia: { acte, date }',
    }),
  );
  e.ligne(
    e.t({
      fr: '# substitution:  # conventions de réservation en stock que la présente remplace',
      en: '# substitution:  # stock reservation conventions this one replaces',
    }),
  );
  e.ligne('#   conventions: [Convention du … (garantie d’emprunt)]');
  e.defaut('#   ', '/substitution/a_compter_du');
  e.defaut('#   ', '/substitution/logements_deja_orientes');
  e.ligne(
    e.t({
      fr: '# conversion_stock:  # état des lieux des droits de suite et leur conversion (README)',
      en: '# conversion_stock:  # état des lieux of the droits de suite and their conversion (README)',
    }),
  );
  e.defaut('#   ', '/conversion_stock/imputation');
  e.defaut('#   ', '/conversion_stock/fractions');
  e.defaut('#   ', '/conversion_stock/reliquat_au_terme');
}

function fin(e: Ecrivain): void {
  e.ligne();
  e.ligne(
    e.t({
      fr: '# objectifs:  # facultatif',
      en: '# objectifs:  # optional',
    }),
  );
  e.ligne('#   contractuels:');
  e.ligne('#     - { echelle: commune, territoire: "93066", part: 0.25 }');
  e.ligne('#   indicatifs:');
  e.ligne('#     - { libelle: Logements hors QPV, criteres: { qpv: false }, part: 0.40 }');
  e.ligne(
    e.t({
      fr: '# signataires:  # requis pour arrêter le texte : une personne nommée par partie, sa qualité et l’acte qui l’habilite',
      en: '# signataires:  # required to freeze the text: one named person per party, the capacity and the act that empowers them',
    }),
  );
  e.ligne(
    '#   - { partie: bailleur, nom: …, qualite: …, habilitation: { nature: deliberation, organe: conseil d’administration, numero: "…", date: AAAA-MM-JJ } }',
  );
  e.ligne(
    '#   - { partie: reservataire, nom: …, qualite: …, habilitation: { nature: …, numero: "…", date: AAAA-MM-JJ } }',
  );
  juridiction(e);
}

/** The court of the article « Règlement des différends » (src/convention/defauts-juridiction.ts). */
function juridiction(e: Ecrivain): void {
  e.ligne(
    e.t({
      fr: '# juridiction:  # règlement des différends',
      en: '# juridiction:  # settlement of disputes',
    }),
  );
  e.defaut('#   ', '/juridiction/nature_contrat');
  e.ligne(
    e.t({
      fr: '#   tribunal: …  # facultatif : juridiction nommée par les parties (sinon déduite)',
      en: '#   tribunal: …  # optional: court named by the parties (else derived)',
    }),
  );
}

/** The skeleton's text (YAML with comments). */
export function squelette(o: OptionsSquelette): string {
  const e = new Ecrivain(o);
  e.ligne(`# yaml-language-server: $schema=${o.schema}`);
  e.ligne(
    e.t({
      fr: `# Convention de réservation en flux (${o.type}) : squelette écrit par « convflux init ».
# Remplacez chaque valeur marquée « À REMPLIR », puis vérifiez : convflux check <ce fichier>.
# Les clés en commentaire sont facultatives ; chacune donne sa valeur par défaut et son
# fondement (la loi, avec l’article, ou un choix de convflux que les parties peuvent changer).
# Rangement : <département>/<SIREN du bailleur>/<id du réservataire>/v1.yaml`,
      en: `# Convention de réservation en flux (${o.type}): skeleton written by "convflux init".
# Replace every value marked "TO FILL IN", then check: convflux check <this file>.
# Commented keys are optional; each gives its default and its basis (the law, with the
# article, or a choice of convflux that the parties may change).
# Layout: <département>/<bailleur SIREN>/<réservataire id>/v1.yaml`,
    }),
  );
  e.ligne();
  identite(e);
  fluxEtAssiette(e);
  decompteEtDesignation(e);
  modalites(e);
  causeEtConversion(e);
  fin(e);
  return `${e.lignes.join('\n')}\n`;
}
