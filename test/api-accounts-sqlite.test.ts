import { defineAccountSuite } from './api-accounts.suite.js';

defineAccountSuite('sqlite', async () => ({ databaseUrl: null, cleanup: async () => {} }));
