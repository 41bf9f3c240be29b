/**
 * A CLI answer (`evaluate --json`, `orient --json`) as the service says it: every diagnostic in it
 * in the service's words (`direAuService`: « absent du parc du bailleur », not « (--parc) »), the
 * figures themselves untouched — what the service's figures and orientation routes answer.
 */
import { direAuService } from '../../src/diagnostics/dire-au-service.js';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';

const estDiagnostic = (x: object): x is Diagnostic =>
  'code' in x && 'message' in x && 'params' in x && typeof x.code === 'string';

export function ditAuService<T>(x: T): T {
  if (Array.isArray(x)) return x.map((y: unknown) => ditAuService(y)) as T;
  if (x === null || typeof x !== 'object') return x;
  if (estDiagnostic(x)) return direAuService(x, 'fr');
  return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, ditAuService(v)])) as T;
}
