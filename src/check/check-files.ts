import type { Lang } from '../diagnostics/diagnostic.js';
import { loadReglementation } from '../reglementation/load-reglementation.js';
import { territoires } from '../reference/territoires.js';
import { loadYamlText } from '../source/load-yaml-file.js';
import { readSource } from '../source/read-source.js';
import { checkConvention, type CheckContext, type CheckedFile } from './check-convention.js';
import type { InputFile } from './collect-files.js';
import { parseLayout } from './layout.js';
import { parseArreteLayout } from '../convention/arrete.js';
import { checkArrete } from './arrete-checks.js';
import { verifierGrilleChargee } from './grille/load-grille.js';
import { isGrilleAilleurs, parseCotationLayout } from './cotation-layout.js';

/** The per-file stage: read, parse, validate, check each file. Used in-process and by workers. */
export async function checkFiles(inputs: readonly InputFile[], lang: Lang): Promise<CheckedFile[]> {
  const ctx: CheckContext = {
    lang,
    reglementation: loadReglementation(lang),
    territoires: territoires(),
  };
  const out: CheckedFile[] = [];
  // All reads at once: one wait for the file system instead of one per file (on a busy machine
  // each wait of a sequential read costs more than the read itself).
  const texts = await Promise.all(
    inputs.map((input) => readSource(input.absolutePath, lang, input.file)),
  );
  for (const [i, input] of inputs.entries()) {
    const read = texts[i];
    if (!read) continue;
    const loaded = loadYamlText(input.file, read, lang);
    const cotationLayout = parseCotationLayout(input.absolutePath);
    const ailleurs = !cotationLayout && isGrilleAilleurs(input.absolutePath, loaded.data);
    if (cotationLayout || ailleurs) {
      // A cotation grid (rules/cotation/<SIREN>/v<N>.yaml): its own schema and checks. Elsewhere
      // too, said (its SIREN and version are not checked against its place).
      if (ailleurs) loaded.report.add('COTATION_HORS_ARBORESCENCE', {}, '', { line: 0, column: 0 });
      const grille = verifierGrilleChargee(loaded, ctx.territoires, cotationLayout);
      out.push({
        file: input.file,
        absolutePath: input.absolutePath,
        requested: input.requested,
        diagnostics: loaded.report.diagnostics,
        // Its place's SIREN and version (checked equal), for the versions' dates (corpus).
        ...(grille && cotationLayout
          ? {
              grille: {
                siren: cotationLayout.siren,
                version: cotationLayout.version,
                en_vigueur_le: grille.en_vigueur_le,
              },
            }
          : {}),
      });
      continue;
    }
    const arreteLayout = parseArreteLayout(input.absolutePath);
    if (arreteLayout) {
      const arrete = checkArrete(
        loaded,
        { lang, territoires: ctx.territoires, parametres: ctx.reglementation.parametres },
        arreteLayout,
      );
      out.push({
        file: input.file,
        absolutePath: input.absolutePath,
        requested: input.requested,
        diagnostics: loaded.report.diagnostics,
        ...(arrete ? { arrete: { ...arrete, file: input.file } } : {}),
      });
      continue;
    }
    const layout = parseLayout(input.absolutePath);
    if (input.walked && !layout)
      loaded.report.add('HORS_ARBORESCENCE', {}, '', { line: 0, column: 0 });
    const convention = await checkConvention(loaded, ctx, layout);
    const checked: CheckedFile = {
      file: input.file,
      absolutePath: input.absolutePath,
      requested: input.requested,
      diagnostics: loaded.report.diagnostics,
    };
    if (convention) checked.convention = convention;
    out.push(checked);
  }
  return out;
}
