import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A fresh temporary folder, removed when the test process exits. */
export function makeTempDir(prefix = 'chronicle-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export { repoRoot, sharedDir, SEED_PATH } from '../../bench/data-paths.js';
