import { defineApiRecordsSuite } from './api-records.suite.js';

defineApiRecordsSuite('sqlite', async () => ({ databaseUrl: null, cleanup: async () => {} }));
