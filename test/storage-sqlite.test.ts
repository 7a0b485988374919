import { defineStorageSuite } from './storage.suite.js';
import { makeTempDir } from './support/tmp.js';

defineStorageSuite('sqlite', async () => ({ databaseUrl: null, dataDir: makeTempDir(), cleanup: async () => {} }));
