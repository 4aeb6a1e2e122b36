// Which YAML files are audit policies, for the editor and the CLI alike: any with an audit.k8s.io
// apiVersion and kind Policy somewhere (any document of a multi-document file, any indentation, flow
// or block style), or any whose path matches a `files` pattern, so a half-written file without a
// header still gets help. Policy test files (kind PolicyTest) never are. Everything else is left alone.
import { isPolicyTestFile } from '../policyTest/isPolicyTestText.ts';
import { globPattern } from './globPattern.ts';
import { REPOSITORY_CONFIG_FILE } from './repositoryConfig.ts';

/** A `files` pattern ready to test a path ("/"-separated, absolute). RegExp is one. */
export interface PathMatcher {
  test(path: string): boolean;
}

/** The `files` patterns when nobody set any (the setting's default). */
export const DEFAULT_FILE_PATTERNS: readonly string[] = ['**/*audit*policy*.y{a,}ml'];

const API_VERSION = /\bapiVersion["']?[ \t]*:[ \t]*["']?audit\.k8s\.io\//;
const KIND = /\bkind["']?[ \t]*:[ \t]*["']?Policy\b/;

export const hasPolicyHeader = (text: string): boolean => API_VERSION.test(text) && KIND.test(text);

/** The repository config file is never a policy, though the default pattern names it. */
const isRepositoryConfig = (path: string): boolean => path === REPOSITORY_CONFIG_FILE || path.endsWith(`/${REPOSITORY_CONFIG_FILE}`);

export function isPolicyFile(path: string, text: string, files: readonly PathMatcher[]): boolean {
  if (isRepositoryConfig(path) || isPolicyTestFile(path, text)) return false;
  return hasPolicyHeader(text) || files.some((pattern) => pattern.test(path));
}

/** Patterns that match anywhere (the setting's); ones that cannot be compiled are left out. */
export const anywhereMatchers = (globs: readonly string[]): PathMatcher[] => globs.map(globPattern).filter((r): r is RegExp => r !== undefined);

/**
 * Patterns relative to a directory (the repository config file's): `policies/*.yaml` matches below
 * it at any depth, `/policies/*.yaml` only in its `policies` folder.
 */
export function relativeMatchers(globs: readonly string[], directory: string): PathMatcher[] {
  const base = directory.endsWith('/') ? directory.slice(0, -1) : directory;
  return anywhereMatchers(globs).map((pattern) => ({ test: (path) => path.startsWith(`${base}/`) && pattern.test(path.slice(base.length)) }));
}
