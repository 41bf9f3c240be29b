/**
 * The draft editor of conventions (progressive enhancement of the page's `<textarea>`): CodeMirror
 * 6 with YAML, completion of keys and values from the convention's JSON schema, the service's
 * own check (`POST /api/conventions/controle`) underlined at each diagnostic's line and column as
 * one types, and the printed text (`POST /api/conventions/apercu`) in a sandboxed frame. The
 * textarea stays in the form, kept equal to the editor's text: the form submits as without JS.
 */
import { autocompletion } from '@codemirror/autocomplete';
import { yaml } from '@codemirror/lang-yaml';
import { linter, lintGutter, type Diagnostic as DiagnosticCm } from '@codemirror/lint';
import { EditorState } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { basicSetup } from 'codemirror';
import schema from '../../../schemas/convention.schema.json';
import { completionSchema } from './editeur/completion.js';
import { versCodemirror, type DiagnosticService } from './editeur/diagnostics.js';

interface Reglages {
  zone: HTMLTextAreaElement;
  controle: string;
  apercu: string;
  csrf: string;
  liste: HTMLElement | null;
  cadre: HTMLIFrameElement | null;
  etatApercu: HTMLElement | null;
  textes: Record<string, string>;
}

function reglages(): Reglages | undefined {
  const zone = document.querySelector<HTMLTextAreaElement>('textarea[data-editeur]');
  if (!zone) return undefined;
  const d = zone.dataset;
  const csrf =
    zone.form?.querySelector<HTMLInputElement>('input[name="_csrf"]')?.value ??
    document.querySelector<HTMLMetaElement>('meta[name="csrf-token"]')?.content ??
    '';
  const textes = JSON.parse(d['textes'] ?? '{}') as Record<string, string>;
  return {
    zone,
    controle: d['controle'] ?? '/api/conventions/controle',
    apercu: d['apercu'] ?? '/api/conventions/apercu',
    csrf,
    liste: d['liste'] ? document.getElementById(d['liste']) : null,
    cadre: d['cadre'] ? (document.getElementById(d['cadre']) as HTMLIFrameElement | null) : null,
    etatApercu: d['etatApercu'] ? document.getElementById(d['etatApercu']) : null,
    textes,
  };
}

function envoyer(r: Reglages, url: string, texte: string): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    credentials: 'same-origin',
    headers: {
      'content-type': 'application/json',
      'x-csrf-token': r.csrf,
      'accept-language': document.documentElement.lang === 'en' ? 'en' : 'fr',
    },
    body: JSON.stringify({ yaml: texte }),
  });
}

const t = (r: Reglages, cle: string, defaut: string): string => r.textes[cle] ?? defaut;

/** The colon after a code, spaced as the page's language: « CODE : » in French, "CODE:" in English. */
const deuxPoints = (): string => (document.documentElement.lang === 'en' ? ':' : ' :');

/** The diagnostics as a list beside the editor (read by screen readers, linked to their line). */
function lister(r: Reglages, view: EditorView, diags: DiagnosticService[]): void {
  const liste = r.liste;
  if (!liste) return;
  liste.replaceChildren();
  if (!diags.length) {
    const li = document.createElement('li');
    li.textContent = t(r, 'aucun', 'Aucun diagnostic : le texte est valide.');
    liste.append(li);
    return;
  }
  for (const d of diags) {
    const li = document.createElement('li');
    li.className = `diagnostic diagnostic-${d.severity}`;
    li.dataset['ligne'] = String(d.line);
    li.dataset['colonne'] = String(d.column);
    const sev = t(r, d.severity, d.severity);
    if (d.line < 1) {
      li.textContent = `${sev} ${d.code}${deuxPoints()} ${d.message}`;
      liste.append(li);
      continue;
    }
    const lien = document.createElement('button');
    lien.type = 'button';
    lien.className = 'lien-ligne';
    lien.textContent = t(r, 'position', 'Ligne {ligne}, colonne {colonne}')
      .replace('{ligne}', String(d.line))
      .replace('{colonne}', String(d.column));
    lien.addEventListener('click', () => {
      const { from } = versCodemirror(view.state.doc, d);
      view.dispatch({ selection: { anchor: from }, scrollIntoView: true });
      view.focus();
    });
    li.append(lien, ` — ${sev} ${d.code}${deuxPoints()} ${d.message}`);
    liste.append(li);
  }
}

let dernierApercu = 0;

/** The printed draft in the sandboxed frame (kept as it was while the text does not print). */
async function apercu(r: Reglages, texte: string, valide: boolean): Promise<void> {
  if (!r.cadre) return;
  const n = ++dernierApercu;
  const etat = (cle: string, defaut: string) => {
    if (r.etatApercu) r.etatApercu.textContent = t(r, cle, defaut);
  };
  if (!valide) {
    etat('apercuErreurs', 'Aperçu non mis à jour : le texte a des erreurs.');
    return;
  }
  etat('apercuEnCours', 'Aperçu en cours de mise à jour…');
  const rep = await envoyer(r, r.apercu, texte);
  if (n !== dernierApercu) return;
  if (!rep.ok) {
    etat('apercuErreurs', 'Aperçu non mis à jour : le texte a des erreurs.');
    return;
  }
  r.cadre.srcdoc = await rep.text();
  etat('apercuAJour', 'Aperçu à jour.');
}

function source(r: Reglages) {
  return async (view: EditorView): Promise<DiagnosticCm[]> => {
    const texte = view.state.doc.toString();
    let rep: Response;
    let corps: { ok?: boolean; diagnostics?: DiagnosticService[] };
    try {
      rep = await envoyer(r, r.controle, texte);
      corps = (await rep.json()) as typeof corps;
    } catch {
      // The service out of reach: nothing said of the text, the next change tries again.
      return [];
    }
    const diags = corps.diagnostics ?? [];
    if (view.state.doc.toString() !== texte) return [];
    lister(r, view, diags);
    void apercu(r, texte, rep.ok && corps.ok === true);
    return diags.map((d) => versCodemirror(view.state.doc, d));
  };
}

function demarrer(r: Reglages): void {
  const hote = document.createElement('div');
  hote.className = 'editeur-yaml';
  r.zone.insertAdjacentElement('afterend', hote);
  r.zone.hidden = true;
  r.zone.style.display = 'none';
  const libelle = r.zone.labels[0];
  if (libelle) libelle.id ||= `${r.zone.id}-libelle`;
  const view = new EditorView({
    parent: hote,
    state: EditorState.create({
      doc: r.zone.value,
      extensions: [
        basicSetup,
        yaml(),
        autocompletion({ override: [completionSchema(schema)] }),
        linter(source(r), { delay: 300 }),
        lintGutter(),
        EditorView.lineWrapping,
        EditorView.theme({
          // No scrolling region of its own (the page scrolls): nothing a keyboard cannot reach.
          '&': { border: '1px solid #767676' },
          '&.cm-focused': { outline: '3px solid #1d4ed8', outlineOffset: '2px' },
          '.cm-scroller': { fontFamily: 'ui-monospace, monospace' },
        }),
        // The convention's text is French (its keys, values and comments), whatever the page's
        // language: a screen reader reads it in a French voice.
        EditorView.contentAttributes.of({
          lang: 'fr',
          ...(libelle ? { 'aria-labelledby': libelle.id } : {}),
          ...(r.zone.getAttribute('aria-describedby')
            ? { 'aria-describedby': r.zone.getAttribute('aria-describedby') ?? '' }
            : {}),
        }),
        EditorView.updateListener.of((u) => {
          if (u.docChanged) r.zone.value = u.state.doc.toString();
        }),
      ],
    }),
  });
  libelle?.addEventListener('click', () => {
    view.focus();
  });
  document.documentElement.dataset['editeur'] = 'pret';
}

const r = reglages();
if (r) demarrer(r);
