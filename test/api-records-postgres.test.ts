import { defineApiRecordsSuite } from './api-records.suite.js';
import { startPostgres } from './support/postgres.js';

defineApiRecordsSuite('postgres', async () => {
  const pg = await startPostgres();
  return { databaseUrl: pg.url, cleanup: () => pg.stop() };
});
