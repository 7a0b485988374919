import { defineSearchSuite } from './search.suite.js';
import { makeTempDir } from './support/tmp.js';

defineSearchSuite('sqlite', async () => ({ databaseUrl: null, dataDir: makeTempDir(), cleanup: async () => {} }));
