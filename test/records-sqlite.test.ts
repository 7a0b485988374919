import { defineRecordsSuite } from './records.suite.js';

defineRecordsSuite('sqlite', async () => ({ databaseUrl: null, cleanup: async () => {} }));
