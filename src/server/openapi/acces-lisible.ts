import type { RouteSpec } from '../http/route.js';

/** Who may call a route, in French (the OpenAPI description and the README's matrix). */
export function qui(spec: RouteSpec): string {
  switch (spec.acces) {
    case 'public':
      return 'tout le monde, sans connexion';
    case 'connecte':
      return 'tout compte connecté';
    case 'admin':
      return 'les administrateurs du service';
    case 'administrer':
      return `permission \`administrer\` dans ${spec.portee ?? 'l’organisation concernée'}, ou administrateur du service`;
    default:
      return `permission \`${spec.acces}\` (ou \`administrer\`) dans ${spec.portee ?? 'l’organisation concernée'}, ou administrateur du service`;
  }
}
