/**
 * Issue 14: the service's answers speak of the service, never of the CLI's options. Through the
 * real process on SQLite and PostgreSQL (`serve --exemple`), in French and in English, each case
 * where a message of the library used to name an option (« absent du parc (--parc) », « --date … »,
 * « --logement … », « `--signees` … », « --annee demande … », « --reservataire … ») says instead
 * what the API's user knows: the imported parc, the `date` parameter, the address, `destinataire`.
 * The CLI keeps its wording (test/unit/dire-au-service.test.ts, test/evaluate-cli.test.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers.js';
import { membreExemple } from './exemple-comptes.js';
import { BASES, serveurExemple, type Client, type Serveur } from './harness.js';

const B = '/api/bailleurs/552046484';
const EN = { 'accept-language': 'en' };

interface Diag {
  code: string;
  message: string;
  file: string;
  params: Record<string, unknown>;
}
interface Corps {
  diagnostics?: Diag[];
  rejets?: Diag[];
  conventions?: { alertes: Diag[] }[];
}

/** An option of the CLI (`--parc`, `--date`…) anywhere in an answer. */
const OPTION_CLI = /(^|[^\w-])--[a-z]/;

function sansOptionCli(corps: unknown): void {
  const texte = JSON.stringify(corps);
  expect(texte, texte.slice(0, 600)).not.toMatch(OPTION_CLI);
}

/** The diagnostic of `code` in the answer (its diagnostics, rejected rows, conventions' alerts). */
function diag(corps: Corps, code: string): Diag {
  const d = [
    ...(corps.diagnostics ?? []),
    ...(corps.rejets ?? []),
    ...(corps.conventions ?? []).flatMap((c) => c.alertes),
  ].find((x) => x.code === code);
  if (!d) throw new Error(`${code} absent : ${JSON.stringify(corps).slice(0, 600)}`);
  return d;
}

describe.each(BASES)('the service’s messages name no CLI option (%s)', (nom) => {
  let s: Serveur;
  let bailleur: Client;
  let etat: Client;
  beforeAll(async () => {
    s = await serveurExemple(nom);
    bailleur = await membreExemple(s, 'bailleur:552046484');
    etat = await membreExemple(s, 'reservataire:etat-93');
  }, 120_000);
  afterAll(async () => {
    await s.stop();
  });

  it('refuses a year or a date of the figures with the parameter, not --annee or --date', async () => {
    const annee = await bailleur.get<Corps>(`${B}/departements/93/figures?annee=1999`);
    expect(annee.status).toBe(400);
    sansOptionCli(annee.body);
    expect(diag(annee.body, 'SERVICE_DEMANDE_REFUSEE').message).toBe(
      'Demande refusée : l’année 1999 n’est pas de 2000 à 2100.',
    );
    const date = await bailleur.get<Corps>(
      `${B}/departements/93/figures?annee=2025&date=2024-05-01`,
    );
    expect(date.status).toBe(400);
    sansOptionCli(date.body);
    expect(diag(date.body, 'SERVICE_DEMANDE_REFUSEE').message).toBe(
      'Demande refusée : la date 2024-05-01 (paramètre date) n’est pas dans l’année 2025 évaluée.',
    );
    const en = await bailleur.get<Corps>(
      `${B}/departements/93/figures?annee=2025&date=2024-05-01`,
      EN,
    );
    expect(en.status).toBe(400);
    sansOptionCli(en.body);
    expect(diag(en.body, 'SERVICE_DEMANDE_REFUSEE').message).toBe(
      'Request refused: the date 2024-05-01 (parameter date) is not in the evaluated year 2025.',
    );
    const explication = await bailleur.get<Corps>(
      `${B}/logements/93-552046484-00586/explication?annee=2100&date=2024-01-01`,
      EN,
    );
    expect(explication.status).toBe(400);
    sansOptionCli(explication.body);
  });

  it('says a draft applies in the figures without --signees, and no convention without --rules', async () => {
    const f = await bailleur.get<Corps>(`${B}/departements/93/figures?annee=2025`);
    expect(f.status).toBe(200);
    sansOptionCli(f.body);
    expect(diag(f.body, 'CONVENTION_NON_SIGNEE').message).toMatch(
      /^La version \d+ de 93-552046484-[a-z-]+ est un projet \(statut: projet\) : résultats indicatifs \(les chiffres du service appliquent aussi les versions en projet\)\.$/,
    );
    // In English, the figures (kept in French) are said again from the catalogue, as the dashboard.
    const en = await bailleur.get<Corps>(`${B}/departements/93/figures?annee=2025`, EN);
    expect(en.status).toBe(200);
    expect(en.headers.get('vary')).toMatch(/Accept-Language/i);
    sansOptionCli(en.body);
    expect(diag(en.body, 'CONVENTION_NON_SIGNEE').message).toMatch(
      /^Version \d+ of 93-552046484-[a-z-]+ is a draft \(statut: projet\): results are indicative \(the service’s figures apply draft versions too\)\.$/,
    );
    expect(diag(f.body, 'CONVENTION_NON_SIGNEE').message).toMatch(/^La version/);
    const siennes = await etat.get<Corps>('/api/reservataires/etat-93/figures?annee=2025', EN);
    expect(siennes.status).toBe(200);
    sansOptionCli(siennes.body);
    expect(diag(siennes.body, 'CONVENTION_NON_SIGNEE').message).toMatch(
      /^Version 2 of 93-552046484-etat-93 is a draft/,
    );
    // The dashboard says its alerts again in English from the catalogue: the service's wording.
    const tableau = await bailleur.get<{ tableau: { conventions: { alertes: Diag[] }[] } }>(
      `${B}/departements/93/tableau-de-bord?annee=2025`,
      EN,
    );
    expect(tableau.status).toBe(200);
    sansOptionCli(tableau.body);
    expect(
      tableau.body.tableau.conventions
        .flatMap((c) => c.alertes)
        .find((a) => a.code === 'CONVENTION_NON_SIGNEE')?.message,
    ).toMatch(/results are indicative \(the service’s figures apply draft versions too\)\.$/);
    const vide = await bailleur.get<Corps>(`${B}/departements/35/figures?annee=2025`, EN);
    expect(vide.status).toBe(200);
    sansOptionCli(vide.body);
    expect(diag(vide.body, 'AUCUNE_CONVENTION').message).toBe(
      'No convention of this bailleur in this département is filed (POST /api/conventions): nothing to evaluate.',
    );
  });

  it('refuses an event of a flat outside the parc naming the imported parc, not --parc, and says it refused it', async () => {
    const evenement = {
      id: 'H4-1',
      date: '2025-03-01',
      type: 'liberation',
      logement: '93-552046484-99999',
    };
    const fr = await bailleur.post<Corps>(`${B}/evenements`, evenement);
    expect(fr.status).toBe(400);
    sansOptionCli(fr.body);
    expect(diag(fr.body, 'LOGEMENT_INCONNU').message).toBe(
      'Logement 93-552046484-99999 absent du parc du bailleur (importé par POST …/imports?nature=parc) : événement refusé.',
    );
    const en = await bailleur.post<Corps>(`${B}/evenements`, evenement, EN);
    expect(en.status).toBe(400);
    sansOptionCli(en.body);
    expect(diag(en.body, 'LOGEMENT_INCONNU').message).toBe(
      'Flat 93-552046484-99999 is not in the bailleur’s parc (imported by POST …/imports?nature=parc): event refused.',
    );
    const csv =
      'id,date,type,logement,reservataire,motif,decision,par,candidats\n' +
      'H4-2,2025-03-01,liberation,93-552046484-99999,,,,,\n';
    for (const entetes of [{ 'content-type': 'text/csv' }, { 'content-type': 'text/csv', ...EN }]) {
      const i = await bailleur.post<Corps>(
        `${B}/imports?nature=evenements&format=csv`,
        csv,
        entetes,
      );
      expect(i.status).toBe(422);
      sansOptionCli(i.body);
      expect(diag(i.body, 'LOGEMENT_INCONNU').params).toEqual({ logement: '93-552046484-99999' });
      // The row is refused (the import with it), not « ignoré » as evaluate says of it.
      expect(diag(i.body, 'LOGEMENT_INCONNU').message).toMatch(
        'accept-language' in entetes ? /: event refused\.$/ : /: événement refusé\.$/,
      );
    }
  });

  it('says a row the reader refuses in an import is refused, not « ignorée »', async () => {
    const csv =
      'id,date,type,logement,reservataire,motif,decision,par,candidats\n' +
      'H4-3,2025-03-01,liberation\n' +
      '{"id": "H4-4"\n';
    const fr = await bailleur.post<Corps>(`${B}/imports?nature=evenements&format=csv`, csv, {
      'content-type': 'text/csv',
    });
    expect(fr.status).toBe(422);
    expect(diag(fr.body, 'LIGNE_NOMBRE_CHAMPS').message).toBe(
      'Ligne de 3 champs au lieu de 9 (autant que de colonnes dans l’en-tête) : ligne refusée.',
    );
    const ndjson = await bailleur.post<Corps>(
      `${B}/imports?nature=evenements&format=ndjson`,
      '{"id": "H4-5"\n',
      { 'content-type': 'application/x-ndjson', ...EN },
    );
    expect(ndjson.status).toBe(422);
    expect(diag(ndjson.body, 'LIGNE_JSON_INVALIDE').message).toMatch(/; row refused\.$/);
  });

  it('says the orientation of a flat without --logement, and without an option parameter', async () => {
    const url = `${B}/logements/93-552046484-00586/orientation?date=2025-06-01`;
    const fr = await bailleur.get<Corps>(url);
    expect(fr.status).toBe(200);
    sansOptionCli(fr.body);
    const d = diag(fr.body, 'ORIENT_LOGEMENT_RELOUE');
    expect(d.message).toBe(
      'Logement 93-552046484-00586 : libéré le 2024-12-02, ce logement est de nouveau attribué ou loué le 2024-12-19 ; il n’est plus à orienter au 2025-06-01.',
    );
    expect(d.params).not.toHaveProperty('option');
    const en = await bailleur.get<Corps>(url, EN);
    sansOptionCli(en.body);
    expect(diag(en.body, 'ORIENT_LOGEMENT_RELOUE').message).toBe(
      'Flat 93-552046484-00586: freed on 2024-12-02, this flat was attributed or let again on 2024-12-19; it is no longer to be oriented on 2025-06-01.',
    );
    // A bailleur with no event recorded (the 35's): the date is asked as the parameter.
    const b35 = await membreExemple(s, 'bailleur:353017015');
    const sansDate = await b35.get<Corps>('/api/bailleurs/353017015/orientations');
    expect(sansDate.status).toBe(400);
    sansOptionCli(sansDate.body);
    expect(diag(sansDate.body, 'SERVICE_DEMANDE_REFUSEE').message).toBe(
      'Demande refusée : aucun événement enregistré : donnez la date de la suggestion (paramètre date=AAAA-MM-JJ).',
    );
    const sansDateEn = await b35.get<Corps>('/api/bailleurs/353017015/orientations', EN);
    sansOptionCli(sansDateEn.body);
  });

  it('refuses a bilan copy for an addressee without convention naming destinataire, not --reservataire', async () => {
    const url = `${B}/departements/93/bilan/2020?format=csv&destinataire=etat-93`;
    const fr = await bailleur.get<Corps>(url);
    expect(fr.status).toBe(400);
    sansOptionCli(fr.body);
    expect(diag(fr.body, 'SERVICE_DEMANDE_REFUSEE').message).toBe(
      'Demande refusée : le destinataire etat-93 (paramètre destinataire) n’a aucune convention en vigueur en 2020 avec ce bailleur dans ce département : pas d’exemplaire du bilan pour lui.',
    );
    const en = await etat.get<Corps>(url, EN);
    expect(en.status).toBe(400);
    sansOptionCli(en.body);
    expect(diag(en.body, 'SERVICE_DEMANDE_REFUSEE').message).toBe(
      'Request refused: the addressee etat-93 (parameter destinataire) has no convention in force in 2020 with this bailleur in this département: no copy of the bilan for it.',
    );
  });

  it('refuses a forecast of another year naming the address, not --annee, nor a temporary path', async () => {
    const prevision = readFileSync(
      join(repoRoot, 'test/fixtures/exemple-93/previsionnel-2026.yaml'),
      'utf8',
    );
    const url = `${B}/departements/93/previsionnel/2027?format=csv`;
    const yaml = { 'content-type': 'application/yaml' };
    const fr = await bailleur.post<Corps>(url, prevision, yaml);
    expect(fr.status).toBe(422);
    sansOptionCli(fr.body);
    const d = diag(fr.body, 'PREVISION_ANNEE_DIFFERENTE');
    expect(d.message).toBe(
      'Le fichier prévoit l’année 2026 ; l’adresse demande 2027 (…/previsionnel/2027).',
    );
    expect(d.file).toBe('prevision.yaml');
    const en = await bailleur.post<Corps>(url, prevision, { ...yaml, ...EN });
    sansOptionCli(en.body);
    expect(diag(en.body, 'PREVISION_ANNEE_DIFFERENTE').message).toBe(
      'The file forecasts year 2026; the address asks for 2027 (…/previsionnel/2027).',
    );
  });
});
