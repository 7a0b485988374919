import path from 'node:path';
import { CaptureService, type CaptureSettings } from '../../src/services/capture.service.js';
import { BlobStore } from '../../src/storage/blob-store.js';
import { openDatabase, type DatabaseHandle } from '../../src/storage/database.js';
import { SourceRepository } from '../../src/storage/source.repository.js';
import { UnitOfWork } from '../../src/storage/unit-of-work.js';
import { makeTempDir } from './tmp.js';

export interface TestStore {
  dataDir: string;
  handle: DatabaseHandle;
  sources: SourceRepository;
  blobs: BlobStore;
  capture: CaptureService;
  settings: CaptureSettings;
}

/** A store in a fresh folder (SQLite, or PostgreSQL at `databaseUrl`), wired the way cli/main.ts wires it. */
export async function openTestStore(overrides: Partial<CaptureSettings> = {}, databaseUrl: string | null = null): Promise<TestStore> {
  const dataDir = makeTempDir();
  const handle = await openDatabase({ databaseUrl, dataDir });
  const sources = new SourceRepository(handle.db);
  const blobs = new BlobStore(path.join(dataDir, 'blobs'));
  return {
    dataDir,
    handle,
    sources,
    blobs,
    capture: new CaptureService(sources, new UnitOfWork(handle.db), blobs),
    settings: {
      acquire: { maxBytes: 20 * 1024 * 1024, fetch: { allowPrivate: false, timeoutMs: 5000 } },
      user: 'tester',
      tool: { name: 'chronicle', version: '0.0.0-test' },
      ...overrides,
    },
  };
}
