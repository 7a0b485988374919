import { defineSearchSuite } from './search.suite.js';
import { startPostgres } from './support/postgres.js';
import { makeTempDir } from './support/tmp.js';

defineSearchSuite('postgres', async () => {
  const pg = await startPostgres();
  return { databaseUrl: pg.url, dataDir: makeTempDir(), cleanup: () => pg.stop() };
});
