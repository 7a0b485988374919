import { defineAccountSuite } from './api-accounts.suite.js';
import { startPostgres } from './support/postgres.js';

defineAccountSuite('postgres', async () => {
  const pg = await startPostgres();
  return { databaseUrl: pg.url, cleanup: () => pg.stop() };
});
