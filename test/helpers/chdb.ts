// chDB for tests (installed by test/setup/ensureChdb.ts, which `npm run test:unit` runs first): runs a query, returns its rows.
import { loadChdb, type Chdb } from '../../server/src/cli/loadChdb.ts';

let chdb: Chdb | undefined;

function engine(): Chdb {
  if (chdb === undefined) {
    const loaded = loadChdb(process.cwd());
    if (!loaded.ok) throw new Error(`these tests run SQL in chDB, which "npm run test:unit" installs first (test/setup/ensureChdb.ts): ${loaded.message}`);
    chdb = loaded.chdb;
  }
  return chdb;
}

/** The rows of `sql` (JSONEachRow, one object per row). */
export async function queryRows(sql: string): Promise<Record<string, unknown>[]> {
  const text = (await engine().queryAsync(sql, { format: 'JSONEachRow' })).text();
  return text.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Record<string, unknown>);
}
