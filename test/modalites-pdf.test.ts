/**
 * The « liste minimale des matières » of the État convention (arrêté du 10 mars 2011, art. 1,
 * 1° to 11°; CCH art. R. 441-5-2 III), the R. 441-3 exception to the three candidates, the
 * bailleur's notification (I23, C11), the incomplete-file procedure instead of a refusal by the
 * bailleur (B5) and the « Publics prioritaires » of the other réservataires (I7): the PDF is
 * printed with the real Chromium and its text read back with pdfjs.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pdfPageTexts } from './pdf-text.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { PdfBrowser } from '../src/render/chromium.js';
import { chromiumPath } from '../src/render/chromium-process.js';
import { conventionPdf, prepareConvention } from '../src/render/render-conventions.js';
import { loadTemplates } from '../src/render/templates.js';
import { repoRoot } from './helpers.js';

const exemples = join(repoRoot, 'rules', 'conventions', '93', '552046484');
const etatV1 = join(exemples, 'etat-93', 'v1.yaml');
const montreuil = join(exemples, 'montreuil', 'v1.yaml');

let browser: PdfBrowser;

beforeAll(async () => {
  if (!existsSync(chromiumPath()))
    throw new Error(`Chromium est introuvable (${chromiumPath()}) : apt-get install -y chromium`);
  browser = await PdfBrowser.launch();
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

/** The PDF's text on one line, every kind of space as one plain space. */
async function pdfText(source: Buffer, name: string): Promise<string> {
  const templates = loadTemplates();
  const { view } = prepareConvention(source, name, templates);
  const { bytes } = await conventionPdf(view, templates, browser);
  const pages = await pdfPageTexts(bytes);
  return pages.join(' ').replace(/[\s\u00a0\u202f]+/g, ' ');
}

async function render(file: string): Promise<string> {
  return pdfText(readFileSync(file), relative(repoRoot, file));
}

/** The text between an article's heading and the next article's. */
function article(text: string, titre: string): string {
  const m = new RegExp(`Article (\\d+) – ${titre}(.*?)Article \\d+ – `).exec(text);
  if (!m) throw new Error(`article « ${titre} » absent`);
  return m[2] ?? '';
}

describe('the État convention settles each matter of the arrêté du 10 mars 2011, art. 1', () => {
  let text = '';
  beforeAll(async () => {
    text = await render(etatV1);
  }, 90_000);

  it('1°, 2° the part of the flux and its assiette', () => {
    expect(article(text, 'Part du flux réservée')).toContain('30 % (trente pour cent)');
    expect(article(text, 'Assiette du flux')).toContain('mutations');
  });

  it('3° the publics prioritaires and how their eligibility is recognised', () => {
    const publics = article(text, 'Publics bénéficiaires');
    for (const mot of [
      'PDALHPD',
      'désignés par le préfet en application de l’article L. 441-2-3',
      'prioritaires au sens de l’article L. 441-1',
      'au vu de la décision de cette commission',
      'identifiés (labellisés) dans SYPLO',
    ])
      expect(publics).toContain(mot);
  });

  it('4° délai, point de départ, canal, date and content of the bailleur’s notification', () => {
    const designation = article(text, 'Orientation des logements et désignation des candidats');
    expect(designation).toContain(
      'dans un délai de huit (8) jours à compter de la réception par le bailleur du congé donné par le locataire',
    );
    expect(designation).toContain('par voie dématérialisée, par le canal suivant : SYPLO');
    expect(designation).toContain('elle prend date à son envoi, la date d’envoi faisant foi');
    for (const contenu of [
      'surface habitable',
      'étage et la présence ou non d’un ascenseur',
      'accessibilité aux personnes à mobilité réduite',
      'loyer et celui des charges locatives',
      'modalités de visite',
    ])
      expect(designation).toContain(contenu);
    expect(designation).toContain(
      'le jour de cette notification ou de cet événement n’est pas compté',
    );
  });

  it('5° the designation delay, with the R. 441-3 exceptions, and the lapse', () => {
    const designation = article(text, 'Orientation des logements et désignation des candidats');
    expect(designation).toContain('d’un (1) mois pour désigner trois (3) candidats par logement');
    expect(designation).toContain(
      '« Sauf en cas d’insuffisance du nombre des candidats, les commissions d’attribution prévues à l’article L. 441-2 examinent au moins trois demandes pour un même logement à attribuer. Il est fait exception à cette obligation quand elles examinent les candidatures de personnes désignées par le préfet en application du septième alinéa du II de l’article L. 441-2-3 … »',
    );
    expect(designation).toContain('Défaut de désignation');
  });

  it('6° files, their update, carence and abandon of the applicant', () => {
    const designation = article(text, 'Orientation des logements et désignation des candidats');
    expect(designation).toContain('Constitution et actualisation des dossiers');
    expect(designation).toContain('(carence)');
    expect(designation).toContain('(abandon)');
  });

  it('7° information on CALEOL decisions: classement, condition suspensive, ajournement', () => {
    const caleol = article(text, 'Examen des candidatures et information du réservataire');
    expect(caleol).toContain('Seule la commission d’attribution attribue nominativement');
    expect(caleol).toContain('dans un délai de huit (8) jours à compter de la séance');
    expect(caleol).toContain('rang de classement');
    expect(caleol).toContain('condition suspensive');
    expect(caleol).toContain('Ajournement et accompagnement social');
    const refus = article(text, 'Refus');
    expect(refus).toContain(
      'au candidat suivant dans l’ordre du classement, sans nouvelle désignation',
    );
    expect(refus).toContain('sous condition suspensive (CCH, art. R. 441-3, c)');
  });

  it('8° reprise for one letting and information on the occupation of flats taken back', () => {
    expect(text).toContain('le bailleur reprend le logement pour un tour');
    const caleol = article(text, 'Examen des candidatures et information du réservataire');
    expect(caleol).toContain('Logements repris Pour chaque logement repris pour un tour');
  });

  it('9° baux signés, refusals by candidates and by DALO households', () => {
    const caleol = article(text, 'Examen des candidatures et information du réservataire');
    expect(caleol).toContain('dans un délai de quinze (15) jours à compter de l’événement');
    expect(caleol).toContain('de la signature de chaque bail');
    expect(caleol).toContain(
      'Lorsque le refus est opposé par un ménage reconnu prioritaire et devant être logé d’urgence par la commission de médiation, le bailleur transmet au préfet',
    );
  });

  it('10°, 11° term, renewal and annual evaluation', () => {
    expect(text).toMatch(/Article \d+ – Durée, entrée en vigueur et prise d’effet/);
    const duree = article(text, 'Durée, entrée en vigueur et prise d’effet');
    expect(duree).toContain(
      'Elle entre en vigueur à la date de sa signature par la dernière des parties.',
    );
    expect(duree).toContain('Elle prend effet le 1er janvier 2024');
    expect(duree).toContain('Elle n’est pas renouvelable par tacite reconduction.');
    expect(text).toMatch(/Article \d+ – Bilan annuel/);
    expect(article(text, 'Gouvernance et suivi')).toContain('revue annuelle');
  });

  it('gives the agents de l’État their designation channel and a separate line of the bilan', () => {
    const designation = article(text, 'Orientation des logements et désignation des candidats');
    expect(designation).toContain(
      'sont désignés par le service de la préfecture chargé du logement des agents de l’État',
    );
    expect(designation).toContain('retracé séparément dans le bilan annuel');
  });

  it('has no clause letting the bailleur refuse a complete file outside the CALEOL (B5)', () => {
    expect(text).not.toContain('refuse la candidature, complète et conforme');
    expect(text).not.toContain('Refus du bailleur');
    const refus = article(text, 'Refus');
    expect(refus).toContain(
      'Dossier incomplet Le bailleur ne peut écarter, en dehors de la commission d’attribution, une candidature complète désignée par le réservataire',
    );
    expect(refus).toContain('est signalé au réservataire dans un délai de huit (8) jours');
  });

  it('words the ceiling of an orientation’s points in the plural (C3)', () => {
    expect(text).toContain(
      'les points d’une orientation ne peuvent excéder ceux d’une attribution',
    );
  });
});

describe('a commune’s convention: « Publics prioritaires » and its quarter (I7)', () => {
  it('states the quarter of attributions to DALO, failing that priority households', async () => {
    const text = await render(montreuil);
    const publics = article(text, 'Publics prioritaires');
    expect(publics).toContain(
      'En application de l’article L. 441-1 du code de la construction et de l’habitation, le réservataire s’engage à ce qu’au moins 25 % (vingt-cinq pour cent) des attributions',
    );
    expect(publics).toContain(
      'ou, à défaut, de ménages prioritaires au sens de son article L. 441-1',
    );
    expect(text).toContain(
      'par le canal suivant : la messagerie électronique désignée par chaque partie',
    );
    expect(text).not.toContain('désignés par le préfet en application du septième alinéa');
  }, 90_000);
});

describe('the stipulated modalites change the text', () => {
  it('prints a bailleur presenting candidates, business days and the date of receipt', async () => {
    const data = parse(readFileSync(etatV1, 'utf8')) as Record<string, unknown>;
    data['statut'] = 'projet';
    delete data['empreinte'];
    data['modalites'] = {
      notification: {
        delai: '5 jours',
        a_compter_de: 'liberation',
        jours: 'ouvres',
        date_reference: 'reception',
      },
      gestion: 'presentation_par_bailleur',
      information_baux: { delai: '1 mois' },
    };
    const text = await pdfText(Buffer.from(stringify(data)), 'test/etat-presentation.yaml');
    expect(text).toContain(
      'dans un délai de cinq (5) jours ouvrés à compter de la libération effective du logement',
    );
    expect(text).toContain('elle prend date à sa réception par le réservataire');
    expect(text).toContain(
      'qui se compte en jours ouvrés (du lundi au vendredi, hors jours fériés)',
    );
    expect(text).toContain(
      'Le bailleur présente à la CALEOL, pour le compte du réservataire, les candidatures de ménages éligibles',
    );
    expect(text).toContain('l’article 2 de l’arrêté du 10 mars 2011');
    expect(text).toContain('dans un délai d’un (1) mois à compter de l’événement');
  }, 90_000);
});
