import type { CatalogueEntry } from './catalogue.js';

/**
 * Messages of signing (`render --sign`, `convflux sign`) and of `convflux verify` when the input
 * itself is the problem: an unreadable or oversized PDF, a certificate file that cannot be used,
 * a draft, a field that cannot be signed. `{raison}` of PDF_ILLISIBLE is rendered by
 * `raisonPdf` (src/sign/load-pdf.ts); `{chemin}` is the path as the user gave it.
 */
export const catalogueSignature: Record<string, CatalogueEntry> = {
  // The PDF
  PDF_ILLISIBLE: {
    severity: 'error',
    fr: 'PDF illisible : {raison}.',
    en: 'Unreadable PDF: {raison}.',
  },
  PDF_TROP_VOLUMINEUX: {
    severity: 'error',
    fr: 'Fichier de plus de {limite} octets : une convention signée en fait quelques centaines de milliers ; il n’est pas lu.',
    en: 'File larger than {limite} bytes: a signed convention is a few hundred thousand bytes; it is not read.',
  },
  YAML_TROP_VOLUMINEUX: {
    severity: 'error',
    fr: '{chemin} dépasse {limite} octets : une convention en fait quelques milliers ; il n’est pas lu.',
    en: '{chemin} is larger than {limite} bytes: a convention is a few thousand bytes; it is not read.',
  },
  SIGNATURE_DICTIONNAIRE_INCOMPLET: {
    severity: 'error',
    fr: 'Signature « {champ} » : {manque} absent, la signature ne peut pas être vérifiée.',
    en: 'Signature "{champ}": {manque} missing, the signature cannot be checked.',
  },
  // The certificate file (.p12)
  SIGNATURE_CERTIFICAT_INTROUVABLE: {
    severity: 'error',
    fr: 'Certificat de signature introuvable : {chemin}.',
    en: 'Signing certificate not found: {chemin}.',
  },
  SIGNATURE_CERTIFICAT_TROP_VOLUMINEUX: {
    severity: 'error',
    fr: '{chemin} dépasse {limite} octets : ce n’est pas un certificat PKCS#12 (.p12, .pfx), qui en fait quelques milliers.',
    en: '{chemin} is larger than {limite} bytes: not a PKCS#12 certificate (.p12, .pfx), which is a few thousand bytes.',
  },
  SIGNATURE_CERTIFICAT_ILLISIBLE: {
    severity: 'error',
    fr: '{chemin} n’est pas un certificat PKCS#12 lisible (.p12, .pfx : clé privée et certificat exportés ensemble).',
    en: '{chemin} is not a readable PKCS#12 certificate (.p12, .pfx: private key and certificate exported together).',
  },
  SIGNATURE_CERTIFICAT_MOT_DE_PASSE: {
    severity: 'error',
    fr: 'Mot de passe du certificat {chemin} incorrect (ou fichier altéré) : vérifiez la variable d’environnement {variable}.',
    en: 'Wrong password for the certificate {chemin} (or the file is damaged): check the {variable} environment variable.',
    // The service takes the password in the request's `mot_de_passe` field, not from a variable.
    service: {
      fr: 'Mot de passe du certificat incorrect (ou fichier .p12 altéré) : vérifiez le champ mot_de_passe.',
      en: 'Wrong password for the certificate (or the .p12 file is damaged): check the mot_de_passe field.',
    },
  },
  SIGNATURE_CERTIFICAT_MOT_DE_PASSE_ABSENT: {
    severity: 'error',
    fr: 'Mot de passe du certificat {chemin} absent : définissez la variable d’environnement {variable} (--sign-password-env NOM pour une autre variable).',
    en: 'Password of the certificate {chemin} missing: set the {variable} environment variable (--sign-password-env NAME for another one).',
    service: {
      fr: 'Mot de passe du certificat absent : donnez-le dans le champ mot_de_passe.',
      en: 'Password of the certificate missing: give it in the mot_de_passe field.',
    },
  },
  SIGNATURE_CERTIFICAT_SANS_CLE: {
    severity: 'error',
    fr: '{chemin} ne contient pas de clé privée : exportez le certificat avec sa clé privée.',
    en: '{chemin} holds no private key: export the certificate with its private key.',
  },
  SIGNATURE_CERTIFICAT_CLE_ILLISIBLE: {
    severity: 'error',
    fr: 'La clé privée de {chemin} est illisible ou d’un type non pris en charge (RSA, ECDSA ou Ed25519 attendus).',
    en: 'The private key of {chemin} is unreadable or of an unsupported type (RSA, ECDSA or Ed25519 expected).',
  },
  SIGNATURE_CERTIFICAT_ABSENT: {
    severity: 'error',
    fr: '{chemin} contient une clé privée mais aucun certificat : exportez la clé avec son certificat.',
    en: '{chemin} holds a private key but no certificate: export the key with its certificate.',
  },
  SIGNATURE_CERTIFICAT_SANS_CORRESPONDANCE: {
    severity: 'error',
    fr: 'Aucun certificat de {chemin} ne correspond à sa clé privée.',
    en: 'No certificate in {chemin} matches its private key.',
  },
  SIGNATURE_CERTIFICAT_EXPIRE: {
    severity: 'error',
    fr: 'Le certificat de {chemin} ({titulaire}) a expiré le {fin} : une signature faite avec lui serait hors de sa période de validité.',
    en: 'The certificate in {chemin} ({titulaire}) expired on {fin}: a signature made with it would be outside its validity.',
  },
  SIGNATURE_CERTIFICAT_PAS_ENCORE_VALIDE: {
    severity: 'error',
    fr: 'Le certificat de {chemin} ({titulaire}) n’est valide qu’à partir du {debut}.',
    en: 'The certificate in {chemin} ({titulaire}) is only valid from {debut}.',
  },
  // What is signed
  SIGNATURE_PROJET: {
    severity: 'error',
    fr: '{chemin} est un projet (statut: projet) : seule une version scellée se signe. Arrêtez-la (« statut: arretee »), scellez-la (convflux seal), imprimez-la (convflux render), puis signez le PDF (render --sign, ou convflux sign).',
    en: '{chemin} is a draft (statut: projet): only a sealed version is signed. Freeze it ("statut: arretee"), seal it (convflux seal), print it (convflux render), then sign the PDF (render --sign, or convflux sign).',
  },
  SIGNATURE_PDF_NON_CONVFLUX: {
    severity: 'error',
    fr: '{chemin} n’est pas une convention imprimée par convflux render (métadonnées ConvfluxStatut et ConvfluxEmpreinte absentes) : convflux ne signe que ses propres PDF.',
    en: '{chemin} is not a convention printed by convflux render (no ConvfluxStatut and ConvfluxEmpreinte metadata): convflux only signs its own PDFs.',
  },
  SIGNATURE_PDF_NON_PRIS_EN_CHARGE: {
    severity: 'error',
    fr: '{chemin} ne peut pas être signé : {raison}.',
    en: '{chemin} cannot be signed: {raison}.',
  },
  SIGNATURE_AUCUN_CHAMP: {
    severity: 'error',
    fr: '{chemin} n’a aucun champ de signature.',
    en: '{chemin} has no signature field.',
  },
  SIGNATURE_CHAMP_INTROUVABLE: {
    severity: 'error',
    fr: '{chemin} n’a pas de champ de signature pour « {signataire} » (champs : {champs}).',
    en: '{chemin} has no signature field for "{signataire}" (fields: {champs}).',
  },
  SIGNATURE_CHAMP_DEJA_SIGNE: {
    severity: 'error',
    fr: 'Le champ « {champ} » de {chemin} est déjà signé ({signataire}) : une signature ne se remplace pas.',
    en: 'The field "{champ}" of {chemin} is already signed ({signataire}): a signature is never replaced.',
  },
  SIGNATURE_TOUS_CHAMPS_SIGNES: {
    severity: 'error',
    fr: 'Tous les champs de signature de {chemin} sont déjà signés : {champs}.',
    en: 'Every signature field of {chemin} is already signed: {champs}.',
  },
  SIGNATURE_EXISTANTE_INVALIDE: {
    severity: 'error',
    fr: '{chemin} n’est pas contresigné : ses signatures ou son contenu ne se vérifient pas ({codes}) ; voyez convflux verify {chemin}.',
    en: '{chemin} is not countersigned: its signatures or content do not verify ({codes}); see convflux verify {chemin}.',
  },
  SIGNATURE_SORTIE_EXISTANTE: {
    severity: 'error',
    fr: '{chemin} existe déjà : convflux sign n’écrase pas un fichier qu’il n’a pas été invité à écrire ; donnez --out FICHIER.',
    en: '{chemin} already exists: convflux sign does not overwrite a file it was not asked to write; give --out FILE.',
  },
};
