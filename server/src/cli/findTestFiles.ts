// The test files `kube-audit-policy test` runs: each FILE as given, and under each DIR every
// *.test.yaml / *.test.yml (recursively, in name order, skipping .git, node_modules and other
// dot-directories). Whether a found file holds a PolicyTest is decided when it is read.
// (A small discovery of its own; the CLI's shared file/glob expansion may take it over.)
import { readdir, stat } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { TEST_FILE_NAME } from '../core/policyTest/isPolicyTestText.ts';

export { TEST_FILE_NAME as TEST_FILE } from '../core/policyTest/isPolicyTestText.ts';

export interface FoundTestFile {
  /** As shown: relative to the working directory when under it. */
  readonly name: string;
  readonly path: string;
  /** Found in a directory (then a file that is no PolicyTest is skipped, not an error). */
  readonly discovered: boolean;
}

export type Found = { readonly ok: true; readonly files: readonly FoundTestFile[] } | { readonly ok: false; readonly error: string };

export async function findTestFiles(args: readonly string[], cwd: string): Promise<Found> {
  const files: FoundTestFile[] = [];
  const shown = (p: string): string => {
    const r = relative(cwd, p);
    return r === '' || r.startsWith('..') ? p : r;
  };
  for (const arg of args) {
    const path = resolve(cwd, arg);
    let info;
    try {
      info = await stat(path);
    } catch {
      return { ok: false, error: `${arg}: no such file or directory` };
    }
    if (!info.isDirectory()) {
      files.push({ name: arg, path, discovered: false });
      continue;
    }
    for (const p of await walk(path)) files.push({ name: shown(p), path: p, discovered: true });
  }
  return { ok: true, files };
}

async function walk(dir: string): Promise<string[]> {
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const out: string[] = [];
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      if (!e.name.startsWith('.') && e.name !== 'node_modules') out.push(...(await walk(p)));
    } else if (e.isFile() && TEST_FILE_NAME.test(e.name)) out.push(p);
  }
  return out;
}
