/**
 * Live updates of a dashboard: every 15 s (while the tab is visible) a HEAD request to the figures
 * the page shows (`data-source`) reads their data version (`X-Convflux-Version-Donnees`: a digest
 * of their bailleurs' live events, conventions and finished imports); when it moves, the page says so in a polite live region with a link that
 * reloads it. Nothing moves under the reader's eyes; without this script the page is the same,
 * reloaded by hand.
 */
const INTERVALLE_MS = 15_000;
const ENTETE = 'x-convflux-version-donnees';

function suivre(annonce: HTMLElement, source: string): void {
  let connue: string | null | undefined;
  let minuterie = 0;
  const verifier = async (): Promise<void> => {
    if (document.hidden) return;
    const r = await fetch(source, { method: 'HEAD', credentials: 'same-origin' });
    if (!r.ok) return;
    const version = r.headers.get(ENTETE);
    if (connue === undefined) connue = version;
    else if (version !== connue) {
      annonce.hidden = false;
      window.clearInterval(minuterie);
    }
  };
  void verifier();
  minuterie = window.setInterval(() => {
    void verifier().catch(() => undefined);
  }, INTERVALLE_MS);
}

const annonce = document.getElementById('actualisation');
const source = annonce?.dataset['source'];
if (annonce && source) suivre(annonce, source);
