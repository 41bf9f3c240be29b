/**
 * Where the cursor is in a block-style YAML text, for completion: the path of keys from the root
 * (`[]` for an item of a list), whether a key or a value is being typed, and the word typed so
 * far. Read from the indentation of the lines above, as a person reads it; no parser needed for a
 * text that is, while typed, often not valid YAML.
 */

export interface ContexteYaml {
  /** Keys from the root to the object (mode `cle`) or the key (mode `valeur`) being typed. */
  chemin: string[];
  mode: 'cle' | 'valeur';
  /** What is typed of the word so far. */
  prefixe: string;
}

const CLE = /^(\s*)((?:- +)*)([A-Za-z_][\w-]*)\s*:(?:\s|$)/;

/** The column of each `- ` marker and of the key of a line, or undefined for a blank line. */
function structure(ligne: string): { tirets: number[]; cle?: string; colonne: number } | undefined {
  if (/^\s*(#.*)?$/.test(ligne)) return undefined;
  const espaces = /^\s*/.exec(ligne)?.[0].length ?? 0;
  const tirets: number[] = [];
  let i = espaces;
  while (ligne.startsWith('- ', i) || ligne.slice(i) === '-') {
    tirets.push(i);
    i += 1;
    while (ligne[i] === ' ') i += 1;
  }
  const m = CLE.exec(ligne);
  return m?.[3] ? { tirets, cle: m[3], colonne: i } : { tirets, colonne: i };
}

/** The path of the block that holds a line starting at `colonne`, from the lines above it. */
export function cheminParent(lignes: readonly string[], colonne: number): string[] {
  const chemin: string[] = [];
  let limite = colonne;
  for (let n = lignes.length - 1; n >= 0 && limite > 0; n--) {
    const s = structure(lignes[n] ?? '');
    if (!s) continue;
    const niveaux: string[] = [];
    if (s.cle !== undefined && s.colonne < limite) {
      niveaux.push(s.cle);
      limite = s.colonne;
    }
    for (const t of [...s.tirets].reverse())
      if (t < limite) {
        niveaux.unshift('[]');
        limite = t;
      }
    chemin.unshift(...niveaux);
  }
  return chemin;
}

/** The completion context at the end of `avant` (the text before the cursor), if any. */
export function contexteYaml(avant: string): ContexteYaml | undefined {
  const lignes = avant.split('\n');
  const courante = lignes.pop() ?? '';
  const cle = /^(\s*)((?:- +)*)([A-Za-z_][\w-]*)?$/.exec(courante);
  if (cle) {
    const espaces = cle[1]?.length ?? 0;
    const tirets = (cle[2] ?? '').match(/-/g)?.length ?? 0;
    const prefixe = cle[3] ?? '';
    // `- T2` under a list of values: a value of the list, unless the parent holds objects.
    const chemin = [...cheminParent(lignes, espaces), ...Array<string>(tirets).fill('[]')];
    return { chemin, mode: 'cle', prefixe };
  }
  const valeur = /^(\s*)((?:- +)*)([A-Za-z_][\w-]*)\s*:\s+(?:\[(?:[^\]]*,\s*)?)?([^\s,[\]]*)$/.exec(
    courante,
  );
  if (valeur?.[3] !== undefined) {
    const colonne = (valeur[1]?.length ?? 0) + (valeur[2]?.length ?? 0);
    const tirets = (valeur[2] ?? '').match(/-/g)?.length ?? 0;
    const chemin = [
      ...cheminParent(lignes, valeur[1]?.length ?? colonne),
      ...Array<string>(tirets).fill('[]'),
      valeur[3],
    ];
    return { chemin, mode: 'valeur', prefixe: valeur[4] ?? '' };
  }
  return undefined;
}
