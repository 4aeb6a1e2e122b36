// chDB (embedded ClickHouse, the `chdb` npm package) is optional: its engine is a ~550 MB native
// library, so neither the CLI bundle nor the extension carry it. It is found at run time, never
// bundled: next to the CLI (a global or project install of both; in this repository, what
// test/setup/ensureChdb.ts installs), else in the current directory's project.
import { createRequire } from 'node:module';
import { join } from 'node:path';

/** The version the compiled SQL is tested with (test/setup/ensureChdb.ts installs it). */
export const CHDB_VERSION = '3.4.0';

/** The part of chdb's API we use. */
export interface Chdb {
  queryAsync(query: string, options?: { readonly format?: string }): Promise<{ text(): string }>;
}

export type ChdbLoad = { readonly ok: true; readonly chdb: Chdb; readonly from: string } | { readonly ok: false; readonly message: string };

export const CHDB_INSTALL_HINT =
  `--engine clickhouse runs the query in embedded ClickHouse (chDB), an optional package of about 550 MB.\n` +
  `Install it next to kube-audit-policy (npm install -g chdb@${CHDB_VERSION} when the CLI is installed globally) ` +
  `or in the current project (npm install chdb@${CHDB_VERSION}).`;

/** Loads chdb from where the CLI is installed, else from `cwd`'s project; a message with the install command when absent. */
export function loadChdb(cwd: string): ChdbLoad {
  const problems: string[] = [];
  for (const base of [__dirname, cwd]) {
    const require = createRequire(join(base, 'noop.js'));
    let path: string;
    try {
      path = require.resolve('chdb');
    } catch {
      continue;
    }
    try {
      const chdb = require(path) as Partial<Chdb>;
      if (typeof chdb.queryAsync !== 'function') {
        problems.push(`${path} has no queryAsync (chdb ${CHDB_VERSION} or later is needed)`);
        continue;
      }
      return { ok: true, chdb: chdb as Chdb, from: path };
    } catch (e) {
      // Present but unusable (no build for this platform, a broken install): say why.
      problems.push(`${path} could not be loaded: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
    }
  }
  const found = problems.length === 0 ? 'chdb is not installed.' : `chdb was found but ${problems.join('; ')}.`;
  return { ok: false, message: `${found}\n${CHDB_INSTALL_HINT}` };
}
