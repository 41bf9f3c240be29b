import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Root of the convflux package (holds schemas/, rules/, templates/), from src/ or dist/. */
export const packageRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

export function packagePath(...segments: string[]): string {
  return join(packageRoot, ...segments);
}
