// The test files `kube-audit-policy test` runs: each FILE as given; below each DIR every
// *.test.yaml / *.test.yml (recursively, in name order, skipping node_modules and .git, as lint
// does); through a glob every file it matches. Whether a found file holds a PolicyTest is decided
// when it is read.
import { stat } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import { TEST_FILE_NAME } from '../core/policyTest/isPolicyTestText.ts';
import { argumentFiles } from './fileArguments.ts';

export { TEST_FILE_NAME as TEST_FILE } from '../core/policyTest/isPolicyTestText.ts';

export interface FoundTestFile {
  /** As shown: the argument, or the argument joined with the path found below it. */
  readonly name: string;
  readonly path: string;
  /** Found in a directory or through a glob (then a file that is no PolicyTest is skipped, not an error). */
  readonly discovered: boolean;
}

export type Found = { readonly ok: true; readonly files: readonly FoundTestFile[] } | { readonly ok: false; readonly error: string };

export async function findTestFiles(args: readonly string[], cwd: string): Promise<Found> {
  const files: FoundTestFile[] = [];
  for (const arg of args) {
    const named = await argumentFiles(arg, cwd);
    if (named.kind === 'problem') return { ok: false, error: named.message };
    if (named.kind === 'named') {
      if (named.path === undefined) return { ok: false, error: 'test reads files; standard input ("-") is not one' };
      if (!(await stat(named.path).then(() => true, () => false))) return { ok: false, error: `${arg}: no such file or directory` };
      files.push({ name: arg, path: named.path, discovered: false });
      continue;
    }
    const wanted = named.from === 'directory' ? named.files.filter((f) => TEST_FILE_NAME.test(basename(f))) : named.files;
    for (const p of wanted) files.push({ name: join(named.prefix, relative(named.base, p)), path: p, discovered: true });
  }
  return { ok: true, files };
}
