import type { CatalogueEntry } from './catalogue.js';
import type { LegalReference } from './diagnostic.js';

const R441_2_10: LegalReference = { article: 'CCH art. R. 441-2-10, 11°' };

/**
 * Messages of the cotation grids (rules/cotation/<SIREN>/v<N>.yaml) and of the requests file
 * of `convflux cotation`. A row's message may quote the numéro unique (pseudonymous) and the
 * codes of enumerated fields, never a figure of the household (resources, effort rate).
 */
export const catalogueCotation: Record<string, CatalogueEntry> = {
  // The grid
  COTATION_SIREN_INCOHERENT: {
    severity: 'error',
    fr: 'SIREN de l’EPCI {siren} différent de celui du dossier ({dossier}) : une grille se range sous rules/cotation/<SIREN de l’EPCI>/.',
    en: 'EPCI SIREN {siren} differs from the folder’s ({dossier}): a grid is filed under rules/cotation/<EPCI SIREN>/.',
  },
  COTATION_VERSION_INCOHERENTE: {
    severity: 'error',
    fr: 'Version {version} différente de celle du nom de fichier (v{fichier}.yaml).',
    en: 'Version {version} differs from the file name’s (v{fichier}.yaml).',
  },
  COTATION_EPCI_INCONNU: {
    severity: 'warning',
    fr: 'Le SIREN {siren} n’est pas celui d’un EPCI du Code officiel géographique : la localisation actuelle (hors EPCI, dans l’EPCI) ne peut pas être établie.',
    en: 'SIREN {siren} is not an EPCI of the official geography: the current location (outside or inside the EPCI) cannot be established.',
  },
  COTATION_ID_DOUBLE: {
    severity: 'error',
    fr: 'Identifiant « {id} » déjà employé plus haut dans la grille : chaque groupe, critère et valeur a le sien.',
    en: 'Identifier "{id}" already used above in the grid: each group, criterion and value has its own.',
  },
  COTATION_CHAMP_INCONNU: {
    severity: 'error',
    fr: 'La condition lit le champ « {champ} », que la grille ne déclare pas sous champs: ({permis}).',
    en: 'The condition reads the field "{champ}", which the grid does not declare under champs: ({permis}).',
  },
  COTATION_TEST_INAPPLICABLE: {
    severity: 'error',
    fr: 'Le test « {test} » compare des nombres : il ne s’applique pas à un champ de type {type}, qui se teste avec egal, dans ou hors.',
    en: 'The test "{test}" compares numbers: it does not apply to a field of type {type}, which is tested with egal, dans or hors.',
  },
  COTATION_VALEUR_INCONNUE: {
    severity: 'error',
    fr: 'Valeur « {valeur} » inconnue du champ (valeurs permises : {permises}).',
    en: 'Value "{valeur}" unknown to the field (allowed values: {permises}).',
  },
  COTATION_CONDITION_IMPOSSIBLE: {
    severity: 'error',
    fr: 'Aucune valeur du champ « {champ} »{domaine} ne satisfait tous ces tests ensemble : {effet}.',
    en: 'No value of the field "{champ}"{domaine} satisfies all these tests together: {effet}.',
  },
  COTATION_CRITERE_IMPOSSIBLE: {
    severity: 'error',
    fr: 'Aucune demande ne peut remplir {objet} (chaque cas combine des tests incompatibles).',
    en: 'No request can meet {objet} (every case combines incompatible tests).',
  },
  COTATION_POINTS_NEGATIFS: {
    severity: 'warning',
    fr: 'Points négatifs ({valeur}) : un critère rempli retire des points (un malus). La grille peut en prévoir — le plan partenarial définit « les cas dans lesquels le refus d’un logement adapté aux besoins et aux capacités du demandeur a des effets sur la cotation de la demande ainsi que la nature de ces effets » — mais vérifiez le signe : une erreur baisserait la cotation de chaque demande qui remplit le critère, jusqu’à la rendre négative.',
    en: 'Negative points ({valeur}): a criterion met takes points away (a malus). A grid may state one — the partnership plan defines "les cas dans lesquels le refus d’un logement adapté aux besoins et aux capacités du demandeur a des effets sur la cotation de la demande ainsi que la nature de ces effets" — but check the sign: a slip would lower the score of every request meeting the criterion, down to a negative score.',
    reference: R441_2_10,
  },
  COTATION_SANS_REFERENCES: {
    severity: 'warning',
    fr: 'La grille ne cite aucune référence juridique (references) : le document public de la grille n’aura pas de section « Références ». Citez au moins les textes de la cotation (CCH art. L. 441-2-8 et R. 441-2-10, 11°, décret n° 2019-1378 du 17 décembre 2019), en nature citation (texte lu, source, consulte_le) ou resume.',
    en: 'The grid cites no legal reference (references): its public document will have no "Références" section. Cite at least the texts on cotation (CCH art. L. 441-2-8 and R. 441-2-10, 11°, décret n° 2019-1378 du 17 décembre 2019), as citation (text read, source, consulte_le) or resume.',
    reference: R441_2_10,
  },
  COTATION_POIDS_PRECISION: {
    severity: 'error',
    fr: 'Poids {valeur} plus fin que le millième : convflux calcule les cotations en millièmes, ce poids serait arrondi dans le calcul alors que la grille et les relevés le montrent tel quel. Arrondissez-le au millième.',
    en: 'Weight {valeur} finer than a thousandth: convflux computes scores in thousandths, this weight would be rounded in the computation while the grid and the statements show it in full. Round it to the thousandth.',
  },
  COTATION_VALEUR_IMPOSSIBLE: {
    severity: 'error',
    fr: 'La valeur « {valeur} » du critère « {critere} » ne s’appliquerait jamais : sa condition contredit celle du critère, et aucune demande ne peut remplir les deux.',
    en: 'The value "{valeur}" of the criterion "{critere}" would never apply: its condition contradicts the criterion’s, and no request can meet both.',
  },
  COTATION_VALEURS_CHEVAUCHANTES: {
    severity: 'error',
    fr: 'Les valeurs « {a} » et « {b} » du critère « {critere} » sont exclusives mais une même demande pourrait remplir les deux conditions : distinguez-les par un champ.',
    en: 'The values "{a}" and "{b}" of the criterion "{critere}" are exclusive but one request could meet both conditions: tell them apart by a field.',
    reference: R441_2_10,
  },
  COTATION_COEFFICIENT_HORS_BORNES: {
    severity: 'error',
    fr: 'Coefficient {valeur} hors des bornes retenues par convflux ({min} à {max}) : un critère rempli ne peut pas faire perdre de points (coefficient inférieur à 1) et au-delà de {max} il écrase l’ancienneté.',
    en: 'Coefficient {valeur} outside the bounds convflux keeps ({min} to {max}): a criterion met cannot take points away (coefficient below 1) and above {max} it crushes seniority.',
  },
  COTATION_POIDS_MANQUANT: {
    severity: 'error',
    fr: 'Critère « {critere} » sans {poids}, ni à lui ni à son groupe (grille {combinaison}).',
    en: 'Criterion "{critere}" without {poids}, neither its own nor its group’s ({combinaison} grid).',
  },
  COTATION_POIDS_INUTILE: {
    severity: 'warning',
    fr: '« {cle} » est ignoré dans une grille {combinaison} (elle lit {poids}).',
    en: '"{cle}" is ignored in a {combinaison} grid (it reads {poids}).',
  },
  COTATION_BORNES_INVERSEES: {
    severity: 'error',
    fr: 'min ({min}) supérieur à max ({max}).',
    en: 'min ({min}) greater than max ({max}).',
  },
  COTATION_CALCUL_TYPE: {
    severity: 'error',
    fr: 'Le champ « {champ} » est calculé (écart ou différence de deux champs) : c’est un nombre, déclaré {type} ; déclarez-le nombre, ou entier quand les deux champs qu’il lit sont entiers.',
    en: 'Field "{champ}" is computed (gap or difference of two fields): it is a number, declared {type}; declare it nombre, or entier when both fields it reads are entier.',
  },
  COTATION_CALCUL_INVALIDE: {
    severity: 'error',
    fr: 'Le calcul lit « {champ} », qui n’est pas un champ numérique déclaré de la grille.',
    en: 'The computation reads "{champ}", which is not a declared numeric field of the grid.',
  },
  COTATION_VALEURS_REQUISES: {
    severity: 'error',
    fr: 'Un champ de type enum liste ses valeurs (valeurs:).',
    en: 'An enum field lists its values (valeurs:).',
  },
  // The requests file
  COTATION_COLONNE_PERSONNELLE: {
    severity: 'error',
    fr: 'Colonne « {colonne} » refusée et jamais lue : les fichiers de la cotation (demandes, attributions) ne contiennent ni nom ni adresse, seulement le numéro unique, les dates, les codes et les champs que la grille lit. Retirez-la de l’export.',
    en: 'Column "{colonne}" refused and never read: the cotation’s files (requests, attributions) hold no name and no address, only the numéro unique, the dates, the codes and the fields the grid reads. Remove it from the export.',
  },
  COTATION_COLONNE_PROCHE: {
    severity: 'warning',
    fr: 'Colonne inconnue « {colonne} », ignorée : vouliez-vous « {proche} » ? Une demande sans « {proche} » ne remplit aucun des critères de la grille qui le lisent.',
    en: 'Unknown column "{colonne}", ignored: did you mean "{proche}"? A request without "{proche}" meets none of the grid’s criteria that read it.',
  },
  COTATION_NUMERO_INVALIDE: {
    severity: 'error',
    fr: 'Numéro unique absent ou mal formé (attendu : 6 à 24 lettres ou chiffres, plus de chiffres que de lettres, espaces ignorés ; règle de convflux : un numéro unique porte le département, le mois et l’année du dépôt et un numéro d’ordre).',
    en: 'Numéro unique missing or malformed (expected: 6 to 24 letters or digits, more digits than letters, spaces ignored; convflux’s rule: a numéro unique holds the département, the month and year of filing and a sequence number).',
  },
  COTATION_NUMERO_NOMBRE: {
    severity: 'error',
    fr: 'Numéro unique écrit comme un nombre JSON : un nombre perd ses zéros en tête (0671119000001 devient 671119000001), le numéro exact ne peut pas être retrouvé ; écrivez-le entre guillemets.',
    en: 'Numéro unique written as a JSON number: a number loses its leading zeros (0671119000001 becomes 671119000001), the exact numéro cannot be told back; write it in quotes.',
  },
  COTATION_DATE_ABSENTE: {
    severity: 'error',
    fr: 'Demande {numero} : date de dépôt absente.',
    en: 'Request {numero}: filing date missing.',
  },
  COTATION_DATE_INVALIDE: {
    severity: 'error',
    fr: 'Demande {numero} : « {champ} » vaut {valeur}, qui n’est pas une date du calendrier (AAAA-MM-JJ ou JJ/MM/AAAA, année de 1900 à 2199).',
    en: 'Request {numero}: "{champ}" is {valeur}, which is not a calendar date (YYYY-MM-DD or DD/MM/YYYY, year 1900 to 2199).',
  },
  COTATION_DATE_MOIS_JOUR: {
    severity: 'error',
    fr: 'Demande {numero} : « {champ} » vaut {valeur}, une date écrite mois d’abord : une date du fichier a un deuxième nombre supérieur à 12, ses dates écrites avec des « / » sont donc au format américain MM/JJ/AAAA, que convflux ne lit pas ; écrivez-les AAAA-MM-JJ (ou JJ/MM/AAAA).',
    en: 'Request {numero}: "{champ}" is {valeur}, a date written month first: a date of the file has a second number above 12, so its slashed dates are American (MM/DD/YYYY), which convflux does not read; write them YYYY-MM-DD (or DD/MM/YYYY).',
  },
  COTATION_DEMANDES_POSTERIEURES: {
    severity: 'info',
    fr: '{nombre} demande(s) déposée(s) après la date de cotation ({date}), ni cotée(s) ni classée(s) : elles n’existaient pas à cette date (ligne(s) {lignes}).',
    en: '{nombre} request(s) filed after the scoring date ({date}), neither scored nor ranked: they did not exist on that day (line(s) {lignes}).',
  },
  COTATION_REFUS_AVANT_DEPOT: {
    severity: 'error',
    fr: 'Demande {numero} : refus daté du {refus}, avant le dépôt de la demande ({depot}).',
    en: 'Request {numero}: refusal dated {refus}, before the request was filed ({depot}).',
    reference: R441_2_10,
  },
  COTATION_RENOUVELLEMENT_INCOHERENT: {
    severity: 'error',
    fr: 'Demande {numero} : renouvellement daté du {renouvellement}, antérieur au dépôt ({depot}).',
    en: 'Request {numero}: renewal dated {renouvellement}, before the filing ({depot}).',
  },
  COTATION_VALEUR_CHAMP: {
    severity: 'error',
    fr: 'Demande {numero} : « {champ} » vaut {valeur} ; attendu : {attendu}.',
    en: 'Request {numero}: "{champ}" is {valeur}; expected: {attendu}.',
  },
  COTATION_COMMUNE_INCONNUE: {
    severity: 'error',
    fr: 'Demande {numero} : « {champ} » vaut {valeur}, qui n’est pas un code commune INSEE en vigueur.',
    en: 'Request {numero}: "{champ}" is {valeur}, which is not a current INSEE commune code.',
  },
  COTATION_COMMUNE_SANS_ZERO: {
    severity: 'error',
    fr: 'Demande {numero} : « {champ} » vaut {valeur}, qui n’est pas un code commune INSEE : écrit comme un nombre : {valeur}, vouliez-vous {code} ?',
    en: 'Request {numero}: "{champ}" is {valeur}, which is not an INSEE commune code: written as a number: {valeur}, did you mean {code}?',
  },
  COTATION_NUMERO_DOUBLE: {
    severity: 'error',
    fr: 'Demande {numero} déjà lue ligne {premiere} : une demande par numéro unique.',
    en: 'Request {numero} already read on line {premiere}: one request per numéro unique.',
  },
  COTATION_CHAMP_PERSONNEL: {
    severity: 'error',
    fr: 'Le champ « {champ} » porte le nom d’une donnée personnelle (nom, prénom, adresse, téléphone, date de naissance…) : une grille ne lit ni nom ni adresse, seulement la situation de la demande.',
    en: 'Field "{champ}" is named like personal data (name, address, phone, date of birth…): a grid reads no name and no address, only the request’s situation.',
  },
  COTATION_CHAMP_RESERVE: {
    severity: 'error',
    fr: 'Le champ « {champ} » porte le nom d’une colonne que convflux lit déjà dans toute demande (numero_unique, date_depot, date_renouvellement, dates_refus, typologie, communes_souhaitees, commune_actuelle, localisation_actuelle) : donnez-lui un autre nom, ou testez directement typologie et localisation_actuelle sans les déclarer.',
    en: 'Field "{champ}" has the name of a column convflux already reads in every request (numero_unique, date_depot, date_renouvellement, dates_refus, typologie, communes_souhaitees, commune_actuelle, localisation_actuelle): give it another name, or test typologie and localisation_actuelle directly without declaring them.',
  },
  COTATION_HORS_ARBORESCENCE: {
    severity: 'warning',
    fr: 'Grille de cotation hors de l’arborescence attendue rules/cotation/<SIREN de l’EPCI>/v<N>.yaml : son SIREN et sa version ne sont pas comparés au dossier et au nom du fichier.',
    en: 'Cotation grid outside the expected layout rules/cotation/<EPCI SIREN>/v<N>.yaml: its SIREN and version are not compared with the folder and the file name.',
  },
  COTATION_VERSION_DATE_ORDRE: {
    severity: 'error',
    fr: 'La version {version} de la grille entre en vigueur le {date}, pas après la version {precedente} ({datePrecedente}) : les dates d’entrée en vigueur doivent croître avec les versions, sinon deux versions s’appliqueraient le même jour ou la plus ancienne remplacerait la plus récente.',
    en: 'Version {version} of the grid comes into force on {date}, not after version {precedente} ({datePrecedente}): the dates of entry into force must increase with the versions, else two versions would apply on the same day or the older would replace the newer.',
  },
  COTATION_GRILLE_PAS_EN_VIGUEUR: {
    severity: 'error',
    fr: 'La grille (version {version}) entre en vigueur le {enVigueur}, après la date de cotation ({date}) : elle ne s’appliquait pas encore, aucune demande n’est cotée. Cotez avec la version en vigueur à cette date, ou à une date où celle-ci l’est.',
    en: 'The grid (version {version}) comes into force on {enVigueur}, after the scoring date ({date}): it did not apply yet, no request is scored. Score with the version in force on that date, or on a date this one is.',
  },
  COTATION_GRILLE_REMPLACEE: {
    severity: 'error',
    fr: 'La grille (version {version}) est remplacée à la date de cotation ({date}) par la version {suivante}, en vigueur depuis le {enVigueur} ({fichier}) : aucune demande n’est cotée avec une grille qui ne s’applique plus. Cotez avec la version {suivante}.',
    en: 'The grid (version {version}) is replaced on the scoring date ({date}) by version {suivante}, in force since {enVigueur} ({fichier}): no request is scored with a grid that no longer applies. Score with version {suivante}.',
  },
  COTATION_FICHIER_VIDE: {
    severity: 'error',
    fr: 'Fichier vide : une grille de cotation est attendue (cotation, epci, version, en_vigueur_le, anciennete, combinaison, champs, groupes, refus).',
    en: 'Empty file: a cotation grid is expected (cotation, epci, version, en_vigueur_le, anciennete, combinaison, champs, groupes, refus).',
  },
  COTATION_NUMERO_AMBIGU: {
    severity: 'error',
    fr: 'La demande {numero} est donnée plusieurs fois (lignes {lignes}) : convflux ne sait pas quelle ligne est la demande, il ne l’explique pas et n’en imprime pas le relevé. Corrigez l’extraction.',
    en: 'Request {numero} is given more than once (lines {lignes}): convflux cannot tell which row is the request, so it neither explains it nor prints its relevé. Correct the extract.',
  },
  COTATION_NUMERO_REJETE: {
    severity: 'error',
    fr: 'La demande {numero} (ligne {ligne}) est rejetée, donc pas cotée : voyez le motif du rejet de la ligne {ligne}.',
    en: 'Request {numero} (line {ligne}) is rejected, so not scored: see why line {ligne} is rejected.',
  },
  COTATION_NUMERO_POSTERIEUR: {
    severity: 'error',
    fr: 'La demande {numero} (ligne {ligne}) est déposée le {depot}, après la date de cotation ({date}) : elle n’existait pas à cette date, elle n’est ni cotée ni classée.',
    en: 'Request {numero} (line {ligne}) was filed on {depot}, after the scoring date ({date}): it did not exist on that day, it is neither scored nor ranked.',
  },
  COTATION_NUMERO_DEMANDE_INVALIDE: {
    severity: 'error',
    fr: 'Le numéro demandé n’est pas un numéro unique (6 à 24 lettres ou chiffres, plus de chiffres que de lettres) : aucune demande ne le porte. Il n’est pas répété ici, un nom ou une adresse ne s’écrit dans aucun message.',
    en: 'The numéro asked for is not a numéro unique (6 to 24 letters or digits, more digits than letters): no request has it. It is not repeated here, as no message ever writes a name or an address.',
  },
  COTATION_NUMERO_ABSENT: {
    severity: 'error',
    fr: 'Aucune demande {numero} parmi les demandes cotées.',
    en: 'No request {numero} among the requests scored.',
  },
  COTATION_ATTRIBUTION_INVALIDE: {
    severity: 'error',
    fr: 'Attribution invalide : « {champ} » vaut {valeur} ; attendu : {attendu}. Aucun relevé n’est imprimé : le délai d’attente moyen serait faux.',
    en: 'Invalid attribution: "{champ}" is {valeur}; expected: {attendu}. No relevé is printed: the average waiting time would be wrong.',
  },
};
