// What a file argument of a command names, before anything is read: a file on its own (or "-",
// standard input), every file below a directory, or every file a glob such as
// 'clusters/**/*.yaml' matches (quoted, so the shell leaves it to us). Shared by the commands that
// take policies (inputs.ts) and `test` (findTestFiles.ts); each picks what it wants of the files.
import { readdir, stat } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { globPattern } from '../core/workspace/globPattern.ts';

export type ArgumentFiles =
  /** A file named on its own; `path` absolute, undefined for standard input. It may not exist: reading it says so. */
  | { readonly kind: 'named'; readonly path: string | undefined }
  /**
   * Files below a directory (every one) or matching a glob, in name order; reports name each
   * `prefix` joined with its path below `base`.
   */
  | { readonly kind: 'found'; readonly from: 'directory' | 'glob'; readonly prefix: string; readonly base: string; readonly files: readonly string[] }
  | { readonly kind: 'problem'; readonly message: string };

/** Folders never searched: dependencies and version control. */
const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git']);
const GLOB_CHARACTERS = /[*?[{]/;

export async function argumentFiles(arg: string, cwd: string): Promise<ArgumentFiles> {
  if (arg === '-') return { kind: 'named', path: undefined };
  const path = resolve(cwd, arg);
  const listing = await listDirectory(path);
  if (typeof listing !== 'string') return { kind: 'found', from: 'directory', prefix: arg, base: path, files: await walk(path, listing, Infinity) };
  if (listing !== NOT_A_DIRECTORY) return { kind: 'problem', message: `${arg}: ${listing}` };
  if (GLOB_CHARACTERS.test(arg) && !(await exists(path))) return glob(arg, cwd);
  return { kind: 'named', path };
}

/** The files a glob names, searched from the folder before its first wildcard. */
async function glob(arg: string, cwd: string): Promise<ArgumentFiles> {
  const parts = arg.split('/');
  const first = parts.findIndex((p) => GLOB_CHARACTERS.test(p));
  const prefix = parts.slice(0, first).join('/');
  const base = resolve(cwd, prefix === '' && arg.startsWith('/') ? '/' : prefix || '.');
  const rest = parts.slice(first);
  const pattern = globPattern(`/${rest.join('/')}`);
  if (!pattern) return { kind: 'problem', message: `${arg}: not a valid glob pattern` };
  const listing = await listDirectory(base);
  if (typeof listing === 'string') return { kind: 'problem', message: `${arg}: no such file or folder to search` };
  // Without `**` a glob reaches only as deep as its segments.
  const depth = rest.some((p) => p.includes('**')) ? Infinity : rest.length;
  const files = (await walk(base, listing, depth)).filter((f) => pattern.test(`/${relative(base, f).split(sep).join('/')}`));
  if (files.length === 0) return { kind: 'problem', message: `${arg}: no such file, and no file matches it as a glob` };
  return { kind: 'found', from: 'glob', prefix, base, files };
}

const NOT_A_DIRECTORY = 'not a directory';

type Listing = readonly { readonly name: string; readonly kind: 'file' | 'directory' }[] | string;

/** The entries of a directory; NOT_A_DIRECTORY for a file or nothing; a message when it cannot be listed. */
async function listDirectory(path: string): Promise<Listing> {
  try {
    const entries = await readdir(path, { withFileTypes: true });
    const out: { name: string; kind: 'file' | 'directory' }[] = [];
    for (const e of entries) {
      if (e.isDirectory()) out.push({ name: e.name, kind: 'directory' });
      // A link to a file counts as the file; links to folders are not followed (no cycles).
      else if (e.isFile() || (e.isSymbolicLink() && (await isFile(join(path, e.name))))) out.push({ name: e.name, kind: 'file' });
    }
    return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } catch (e) {
    const code = (e as { code?: unknown } | null)?.code;
    if (code === 'ENOTDIR' || code === 'ENOENT') return NOT_A_DIRECTORY;
    return code === 'EACCES' || code === 'EPERM' ? 'permission denied' : e instanceof Error ? e.message : String(e);
  }
}

/** Every file below `directory` down to `depth` levels, in name order. */
async function walk(directory: string, listing: Exclude<Listing, string>, depth: number): Promise<string[]> {
  const out: string[] = [];
  for (const entry of listing) {
    const path = join(directory, entry.name);
    if (entry.kind === 'file') out.push(path);
    else if (depth > 1 && !SKIPPED_DIRECTORIES.has(entry.name)) {
      const below = await listDirectory(path);
      if (typeof below !== 'string') out.push(...(await walk(path, below, depth - 1)));
    }
  }
  return out;
}

const isFile = (path: string): Promise<boolean> => stat(path).then((s) => s.isFile(), () => false);

const exists = (path: string): Promise<boolean> => stat(path).then(() => true, () => false);
