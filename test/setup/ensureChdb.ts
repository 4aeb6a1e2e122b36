// The SQL tests run the compiled queries in embedded ClickHouse (chDB). chdb is not in
// package.json: its native library is ~550 MB, and the registry this project installs from carries
// only some of its per-platform packages, which would leave package-lock.json unusable for `npm ci`
// elsewhere. So the unit-test command installs it here first, at the version the CLI names, without
// touching package.json or the lock; an install that is already there is left alone.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { CHDB_VERSION, loadChdb } from '../../server/src/cli/loadChdb.ts';

const root = join(__dirname, '..', '..');
const present = loadChdb(root);
if (!present.ok) {
  console.error(`installing chdb ${CHDB_VERSION} for the SQL tests (npm install --no-save)`);
  const r = spawnSync('npm', ['install', '--no-save', '--no-audit', '--no-fund', `chdb@${CHDB_VERSION}`], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
  const loaded = loadChdb(root);
  if (!loaded.ok) {
    console.error(loaded.message);
    process.exit(1);
  }
}
