import { defineRecordsSuite } from './records.suite.js';
import { startPostgres } from './support/postgres.js';

defineRecordsSuite('postgres', async () => {
  const pg = await startPostgres();
  return { databaseUrl: pg.url, cleanup: () => pg.stop() };
});
