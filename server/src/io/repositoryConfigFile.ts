// Finds the repository config file (`.kube-audit-policy.yaml`) for a policy: the nearest one in its
// folder or any folder above, as ESLint's .eslintrc and Regal's .regal/config.yaml are found. Shared
// by the CLI and the language server; each folder's answer is remembered until clear().
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { parseRepositoryConfig, REPOSITORY_CONFIG_FILE, type ParsedRepositoryConfig } from '../core/workspace/repositoryConfig.ts';

export interface FoundConfig {
  readonly path: string;
  /** The folder it is in: its `files` patterns are relative to it. */
  readonly directory: string;
  readonly text: string;
  readonly parsed: ParsedRepositoryConfig;
}

/** A config file is a few lines; a bigger one is a mistake, not worth parsing. */
const MAX_CONFIG_BYTES = 256 * 1024;

/** Not there: look further up. */
const ABSENT = new Set(['ENOENT', 'ENOTDIR', 'EISDIR']);

export class RepositoryConfigFinder {
  private readonly byDirectory = new Map<string, Promise<FoundConfig | undefined>>();

  /** The config that applies to files in `directory` (absolute), or undefined when there is none. */
  find(directory: string): Promise<FoundConfig | undefined> {
    let found = this.byDirectory.get(directory);
    if (!found) {
      found = this.lookUp(directory);
      this.byDirectory.set(directory, found);
    }
    return found;
  }

  /** The config of a file (absolute path). */
  forFile(path: string): Promise<FoundConfig | undefined> {
    return this.find(dirname(path));
  }

  clear(): void {
    this.byDirectory.clear();
  }

  private async lookUp(directory: string): Promise<FoundConfig | undefined> {
    const path = join(directory, REPOSITORY_CONFIG_FILE);
    let bytes: Buffer;
    try {
      bytes = await readFile(path);
    } catch (e) {
      const code = (e as { code?: unknown } | null)?.code;
      if (typeof code === 'string' && ABSENT.has(code)) {
        const parent = dirname(directory);
        return parent === directory ? undefined : this.find(parent);
      }
      return unreadable(path, directory, code === 'EACCES' || code === 'EPERM' ? 'permission denied' : e instanceof Error ? e.message : String(e));
    }
    if (bytes.length > MAX_CONFIG_BYTES) return unreadable(path, directory, `is ${bytes.length} bytes; a config file is a few lines (limit ${MAX_CONFIG_BYTES / 1024} KiB)`);
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      return unreadable(path, directory, 'is not UTF-8 text');
    }
    return { path, directory, text, parsed: parseRepositoryConfig(text) };
  }
}

function unreadable(path: string, directory: string, message: string): FoundConfig {
  return { path, directory, text: '', parsed: { config: { severity: {}, files: [] }, problems: [{ span: { start: 0, end: 0 }, message: `cannot be read: ${message}` }] } };
}
