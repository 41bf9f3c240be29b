/**
 * The import form with a progress bar: the file goes straight to
 * `POST /api/bailleurs/:siren/imports` (XMLHttpRequest, for its upload progress), with the
 * session's CSRF token from `<meta name="csrf-token">`; then the page shows the import
 * (`?import=ID`). Without this script the form posts to the page, which does the same.
 */
import { formatImport } from '../format-import.js';

interface Elements {
  form: HTMLFormElement;
  fichier: HTMLInputElement;
  nature: HTMLSelectElement;
  format: HTMLSelectElement;
  suivi: HTMLElement;
  barre: HTMLProgressElement;
  etat: HTMLElement;
  erreurs: HTMLElement;
  bouton: HTMLButtonElement | null;
}

function elements(form: HTMLFormElement): Elements | undefined {
  const fichier = form.querySelector<HTMLInputElement>('input[type=file]');
  const nature = form.querySelector<HTMLSelectElement>('select[name=nature]');
  const format = form.querySelector<HTMLSelectElement>('select[name=format]');
  const suivi = document.getElementById('import-suivi');
  const barre = document.querySelector<HTMLProgressElement>('#import-progression');
  const etat = document.getElementById('import-etat');
  const erreurs = document.getElementById('import-erreurs');
  if (!fichier || !nature || !format || !suivi || !barre || !etat || !erreurs) return undefined;
  const bouton = form.querySelector<HTMLButtonElement>('button[type=submit]');
  return { form, fichier, nature, format, suivi, barre, etat, erreurs, bouton };
}

const jeton = (): string =>
  document.querySelector<HTMLMetaElement>('meta[name="csrf-token"]')?.content ?? '';

/** The messages of an API error body, else the form's generic failure message. */
function messages(texte: string, defaut: string): string[] {
  try {
    const corps = JSON.parse(texte) as { diagnostics?: { message?: string }[] };
    const ms = (corps.diagnostics ?? []).map((d) => d.message ?? '').filter(Boolean);
    return ms.length ? ms : [defaut];
  } catch {
    return [defaut];
  }
}

function montrerErreurs(e: Elements, ms: string[]): void {
  e.erreurs.replaceChildren(
    ...ms.map((m) => {
      const p = document.createElement('p');
      p.textContent = m;
      return p;
    }),
  );
  e.erreurs.hidden = false;
  e.suivi.hidden = true;
  if (e.bouton) e.bouton.disabled = false;
}

function progression(e: Elements, ev: ProgressEvent): void {
  if (!ev.lengthComputable) return;
  e.barre.max = ev.total;
  e.barre.value = ev.loaded;
}

function envoyer(e: Elements, fichier: File, format: string): void {
  const d = e.form.dataset;
  const xhr = new XMLHttpRequest();
  const nature = encodeURIComponent(e.nature.value);
  xhr.open('POST', `${d['api'] ?? ''}?nature=${nature}&format=${format}`);
  xhr.setRequestHeader('X-CSRF-Token', jeton());
  // The page's language, not the browser's: the import keeps its reasons and notes in the
  // language it was made in, and the page shows them.
  xhr.setRequestHeader('Accept-Language', document.documentElement.lang === 'en' ? 'en' : 'fr');
  xhr.setRequestHeader('Content-Type', 'application/octet-stream');
  xhr.upload.addEventListener('progress', (ev) => {
    progression(e, ev);
  });
  xhr.upload.addEventListener('load', () => {
    e.barre.value = e.barre.max;
    e.etat.textContent = d['msgVerification'] ?? '';
  });
  xhr.addEventListener('load', () => {
    const echec = d['msgEchec'] ?? '';
    if (xhr.status === 401) {
      location.assign(`/connexion?suite=${encodeURIComponent(location.pathname)}`);
      return;
    }
    let id = '';
    try {
      id = (JSON.parse(xhr.responseText) as { id?: string }).id ?? '';
    } catch {
      id = '';
    }
    if (id) location.assign(`${d['page'] ?? ''}?import=${encodeURIComponent(id)}#resultat`);
    else montrerErreurs(e, messages(xhr.responseText, echec));
  });
  xhr.addEventListener('error', () => {
    montrerErreurs(e, [d['msgEchec'] ?? '']);
  });
  e.erreurs.hidden = true;
  e.suivi.hidden = false;
  e.barre.value = 0;
  e.etat.textContent = d['msgEnvoi'] ?? '';
  if (e.bouton) e.bouton.disabled = true;
  xhr.send(fichier);
}

function brancher(form: HTMLFormElement): void {
  const e = elements(form);
  if (!e) return;
  form.addEventListener('submit', (ev) => {
    const fichier = e.fichier.files?.[0];
    const format = fichier ? formatImport(e.format.value, fichier.name) : undefined;
    // Nothing to send, or a format to ask for: the page answers beside the field.
    if (!fichier || !format) return;
    ev.preventDefault();
    envoyer(e, fichier, format);
  });
}

const form = document.querySelector<HTMLFormElement>('form[data-import]');
if (form) brancher(form);
