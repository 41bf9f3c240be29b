import type { CatalogueEntry } from './catalogue.js';
import type { LegalReference } from './diagnostic.js';

/**
 * R. 441-5 I: « Une convention de réservation obligatoirement signée entre tout bénéficiaire de
 * réservations de logements locatifs sociaux et l'organisme bailleur ». What identifies the
 * parties and the authority of their signatories is what a signature needs; the list of items is
 * convflux's reading (B1 of the legal review), not a list of the article.
 */
const SIGNEE: LegalReference = {
  article: 'CCH art. R. 441-5 I',
  texte:
    '« Une convention de réservation obligatoirement signée entre tout bénéficiaire de réservations de logements locatifs sociaux et l’organisme bailleur définit les modalités pratiques de leur mise en œuvre. » Les mentions exigées pour la signer sont la lecture retenue par convflux.',
};

/**
 * Messages of the checks of the parties, their signatories and the signing workflow
 * (src/check/parties-checks.ts). Errors on a `format: 2` version that is `arretee` or `signee`;
 * the same codes are warnings on a `projet` and on a format-1 file (the severity is set there).
 */
export const catalogueParties: Record<string, CatalogueEntry> = {
  PARTIE_FORME_JURIDIQUE_ABSENTE: {
    severity: 'error',
    fr: 'Forme juridique du bailleur absente (bailleur.forme_juridique : oph, sa_hlm, sem…) : la convention doit identifier l’organisme qui la signe.',
    en: 'The bailleur’s legal form is missing (bailleur.forme_juridique: oph, sa_hlm, sem…): the convention must identify the body that signs it.',
    reference: SIGNEE,
  },
  PARTIE_SIEGE_ABSENT: {
    severity: 'error',
    fr: 'Siège {partie} absent ({cle}) : la convention doit identifier les parties.',
    en: 'Registered office of {partie} missing ({cle}): the convention must identify the parties.',
    reference: SIGNEE,
  },
  PARTIE_SIGNATAIRE_ABSENT: {
    severity: 'error',
    fr: 'Aucun signataire pour {partie} (signataires : partie, nom, qualite, habilitation) : le texte à signer doit nommer la personne qui signe.',
    en: 'No signatory for {partie} (signataires: partie, nom, qualite, habilitation): the text to sign must name the person who signs.',
    reference: SIGNEE,
  },
  PARTIE_SIGNATAIRE_NON_NOMME: {
    severity: 'error',
    fr: 'Le signataire « {nom} » n’est pas une personne nommée : écrivez son nom (« Mme Claire Martin ») et sa qualité à part (qualite).',
    en: 'Signatory "{nom}" is not a named person: write the name ("Mme Claire Martin") and the capacity apart (qualite).',
    reference: SIGNEE,
  },
  PARTIE_HABILITATION_ABSENTE: {
    severity: 'error',
    fr: 'Signataire « {nom} » sans habilitation : indiquez l’acte qui l’habilite à signer ({attendu}), avec sa date.',
    en: 'Signatory "{nom}" has no habilitation: give the act that empowers them to sign ({attendu}), with its date.',
    reference: SIGNEE,
  },
  PARTIE_DELIBERATION_SANS_NUMERO: {
    severity: 'error',
    fr: 'Signataire « {nom} » : la délibération qui l’habilite n’a pas de numéro (habilitation.numero).',
    en: 'Signatory "{nom}": the délibération that empowers them has no number (habilitation.numero).',
    reference: SIGNEE,
  },
  FORMAT_1_SIGNATURE_INCOMPLETE: {
    severity: 'warning',
    fr: 'Fichier au format 1 (sans clé format) : il valide comme avant, mais une convention à signer au format 2 demande encore : {manques}. Pour un projet, `convflux migrate` ajoute ces clés en commentaires « À REMPLIR ».',
    en: 'Format-1 file (no format key): it validates as before, but a convention to sign in format 2 still needs: {manques}. For a draft, `convflux migrate` adds these keys as « À REMPLIR » comments.',
    reference: SIGNEE,
  },
  // The signing workflow
  ARRETEE_SANS_EMPREINTE: {
    severity: 'error',
    fr: 'Version arrêtée sans empreinte : scellez-la avec `convflux seal {fichier}` avant de l’imprimer pour signature.',
    en: 'Frozen ("arretee") version without a seal: run `convflux seal {fichier}` before printing it for signature.',
  },
  ARRETEE_MODIFIEE: {
    severity: 'error',
    fr: 'Version arrêtée modifiée après scellement (empreinte {attendue}, contenu actuel {actuelle}) : repassez-la en projet (statut: projet, sans empreinte) ou rescellez-la (convflux seal --force) avant de la faire signer.',
    en: 'Frozen ("arretee") version edited after its seal (seal {attendue}, current content {actuelle}): put it back to draft (statut: projet, no empreinte) or reseal it (convflux seal --force) before it is signed.',
  },
  SIGNATURE_PARTIE_MANQUANTE: {
    severity: 'error',
    fr: 'Version signée sans signature enregistrée pour : {parties} (signatures : partie, date) ; « signee » veut dire que toutes les parties ont signé, sinon laissez « arretee ».',
    en: 'Signed version with no recorded signature for: {parties} (signatures: partie, date); "signee" means every party has signed, else keep "arretee".',
    reference: SIGNEE,
  },
  SIGNATURES_SUR_PROJET: {
    severity: 'warning',
    fr: 'Signatures enregistrées sur un projet : seul un texte arrêté et scellé (statut: arretee) se signe.',
    en: 'Signatures recorded on a draft: only a frozen, sealed text (statut: arretee) is signed.',
  },
  SIGNATURE_PARTIE_DOUBLE: {
    severity: 'error',
    fr: 'Deux signatures enregistrées pour {partie} : une date par partie, celle de sa signature.',
    en: 'Two signatures recorded for {partie}: one date per party, that of its signature.',
  },
  SIGNATURE_APRES_TERME: {
    severity: 'warning',
    fr: 'Signature {partie} du {date}, après le terme de la convention ({fin}) : elle n’entrerait jamais en vigueur.',
    en: 'Signature of {partie} on {date}, after the convention’s term ({fin}): it would never enter into force.',
  },
  // convflux migrate
  MIGRATION_VERSION_SCELLEE: {
    severity: 'error',
    fr: 'Version scellée (statut « {statut} », ou empreinte présente) : convflux migrate ne réécrit jamais un texte arrêté ou signé ; rédigez la version suivante (avenant) au format 2.',
    en: 'Sealed version (statut "{statut}", or an empreinte): convflux migrate never rewrites a frozen or signed text; write the next version (avenant) in format 2.',
  },
  MIGRATION_FORMAT_INCONNU: {
    severity: 'error',
    fr: 'Format {format} inconnu : convflux migrate passe une version du format 1 au format 2.',
    en: 'Unknown format {format}: convflux migrate takes a version from format 1 to format 2.',
  },
};
