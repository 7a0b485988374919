import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where the repository and the shared data beside it (`../shared`: evaluation sets, the seed)
 * live — one definition for benchmarks, tests and scripts.
 */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const sharedDir = path.resolve(repoRoot, '../shared');
export const evalRoot = path.join(sharedDir, 'evaldata');
/** The article Chronicle starts from (see ../shared/seeds/README.md). */
export const SEED_PATH = path.join(sharedDir, 'seeds', '000_cfd9752ff6140044.txt');
