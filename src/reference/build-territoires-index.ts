/** `npm run build` step: writes dist/reference/territoires-index.json from the installed package. */
import { decoupageVersion, territoiresFromSource } from './territoires.js';
import { TERRITOIRES_INDEX, writeTerritoiresIndex } from './territoires-index.js';

writeTerritoiresIndex(territoiresFromSource(), decoupageVersion());
process.stdout.write(`${TERRITOIRES_INDEX} écrit\n`);
