import type { CatalogueEntry } from './catalogue.js';

/**
 * Messages of the shared service (`convflux serve`, src/server/): authentication, access,
 * request shape. A denied access says nothing of what exists: an unseen resource is « introuvable ».
 */
export const catalogueService: Record<string, CatalogueEntry> = {
  SERVICE_NON_AUTHENTIFIE: {
    severity: 'error',
    fr: 'Connexion requise : ouvrez une session (POST /api/session) ou présentez un jeton d’API (en-tête Authorization: Bearer).',
    en: 'Sign-in required: open a session (POST /api/session) or present an API token (Authorization: Bearer header).',
  },
  SERVICE_IDENTIFIANTS_INVALIDES: {
    severity: 'error',
    fr: 'Adresse ou mot de passe incorrect.',
    en: 'Wrong address or password.',
  },
  SERVICE_MOT_DE_PASSE_INCHANGE: {
    severity: 'error',
    fr: 'Le nouveau mot de passe est l’actuel : choisissez-en un autre (un mot de passe à usage unique ne reste pas en vigueur).',
    en: 'The new password is the current one: choose another (a one-time password does not stay in force).',
  },
  SERVICE_INTROUVABLE: {
    severity: 'error',
    fr: 'Ressource introuvable : {chemin}.',
    en: 'Resource not found: {chemin}.',
  },
  SERVICE_INTERDIT: {
    severity: 'error',
    fr: 'Action non permise : il faut la permission « {permission} » dans l’organisation {organisation}.',
    en: 'Action not allowed: it needs the “{permission}” permission in organisation {organisation}.',
  },
  SERVICE_ADMIN_REQUIS: {
    severity: 'error',
    fr: 'Action réservée aux administrateurs du service.',
    en: 'Action reserved to the service’s administrators.',
  },
  SERVICE_CSRF: {
    severity: 'error',
    fr: 'Jeton anti-CSRF absent ou invalide : renvoyez l’en-tête X-CSRF-Token reçu à l’ouverture de session.',
    en: 'Missing or invalid anti-CSRF token: send back the X-CSRF-Token header received when the session was opened.',
  },
  SERVICE_MOT_DE_PASSE_A_CHANGER: {
    severity: 'error',
    fr: 'Le mot de passe à usage unique doit d’abord être changé (POST /api/moi/mot-de-passe).',
    en: 'The one-time password must be changed first (POST /api/moi/mot-de-passe).',
  },
  SERVICE_TROP_DE_TENTATIVES: {
    severity: 'error',
    fr: 'Trop de tentatives de connexion : réessayez dans {minutes} minutes.',
    en: 'Too many sign-in attempts: try again in {minutes} minutes.',
  },
  SERVICE_CORPS_TROP_GRAND: {
    severity: 'error',
    fr: 'Corps de requête trop volumineux pour cette route ; les fichiers volumineux passent par les routes d’import.',
    en: 'Request body too large for this route; large files go through the import routes.',
  },
  SERVICE_JSON_INVALIDE: {
    severity: 'error',
    fr: 'Le corps de la requête n’est pas un JSON valide.',
    en: 'The request body is not valid JSON.',
  },
  SERVICE_CORPS_ILLISIBLE: {
    severity: 'error',
    fr: 'Le corps de la requête n’a pas pu être lu : sa compression (en-tête Content-Encoding) ne se décompresse pas, ou il est arrivé incomplet.',
    en: 'The request body could not be read: its compression (Content-Encoding header) does not decompress, or it arrived incomplete.',
  },
  SERVICE_ENCODAGE_CORPS: {
    severity: 'error',
    fr: 'Encodage du corps de requête non pris en charge (« {encodage} ») : envoyez-le en UTF-8, non compressé ou compressé en gzip.',
    en: 'Request body encoding not supported (“{encodage}”): send it in UTF-8, uncompressed or gzip-compressed.',
  },
  SERVICE_CARACTERE_NUL: {
    severity: 'error',
    fr: 'La requête contient le caractère nul (U+0000 : « %00 » dans l’adresse, « \\u0000 » en JSON) : aucun champ du service ne l’accepte.',
    en: 'The request holds the NUL character (U+0000: “%00” in the address, “\\u0000” in JSON): no field of the service accepts it.',
  },
  SERVICE_ADRESSE_INVALIDE: {
    severity: 'error',
    fr: 'Adresse de la requête mal encodée : une séquence %XX ne se décode pas en UTF-8.',
    en: 'Badly encoded request address: a %XX sequence does not decode as UTF-8.',
  },
  SERVICE_CHAMP_INVALIDE: {
    severity: 'error',
    fr: 'Champ {champ} : {attendu} attendu.',
    en: 'Field {champ}: {attendu} expected.',
  },
  SERVICE_EXISTE_DEJA: {
    severity: 'error',
    fr: '{objet} existe déjà.',
    en: '{objet} already exists.',
  },
  SERVICE_DERNIER_ADMINISTRATEUR: {
    severity: 'error',
    fr: 'Ce compte est le dernier membre de {organisation} à détenir la permission « administrer » : il ne peut ni la perdre ni être retiré. Donnez-la d’abord à un autre membre.',
    en: 'This account is the last member of {organisation} holding the “administrer” permission: it can neither lose it nor be removed. Give it to another member first.',
  },
};
