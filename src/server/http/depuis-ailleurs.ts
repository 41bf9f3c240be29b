import type { Request } from 'express';

/**
 * A sign-in posted from another site (the web's form, or `POST /api/session`, which a form can
 * post too): refused, as the other forms without their session's token (SERVICE_CSRF) — there is
 * no session yet to hold a token, and a page elsewhere could sign the visitor in under the
 * account it chose (login CSRF). The browser says where the form came
 * from in `Sec-Fetch-Site` (only this origin, or the visitor's own typing, « none », pass); a
 * browser that does not send it, by an `Origin` naming another host (« null », which a page with
 * `Referrer-Policy: no-referrer` — ours — sends for its own forms, tells nothing). A client that
 * sends neither (curl, a script) is no browser on another site.
 */
export function depuisAilleurs(req: Request): boolean {
  const site = req.get('sec-fetch-site');
  if (site !== undefined) return site !== 'same-origin' && site !== 'none';
  const origin = req.get('origin');
  if (origin === undefined || origin === 'null') return false;
  try {
    return new URL(origin).host !== req.get('host');
  } catch {
    return true;
  }
}
