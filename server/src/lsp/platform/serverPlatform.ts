// What the language server gets from where it runs. Node (the desktop) reads files and repository
// config files from disk and replays audit logs; a browser Web Worker (vscode.dev, github.dev) has
// no file system, so it reads through the client and leaves replay out. Everything else is the
// same code over the same core.
import type { Connection } from 'vscode-languageserver';
import type { FoundConfig } from '../../io/repositoryConfigFile.ts';
import type { Feature } from '../serverContext.ts';

export type ReadText = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly error: string };

/**
 * Files that are not open (a test file's policy and event files). A "path" is what relative
 * references resolve against: a file system path in Node, the URI itself in the browser.
 */
export interface ServerFiles {
  /** The path a URI names; undefined when it names none (an untitled file). */
  path(uri: string): string | undefined;
  /** The URI of a path (the inverse of path). */
  uri(path: string): string;
  dirname(path: string): string;
  /** `ref` relative to the folder `dir` (or absolute). */
  resolve(dir: string, ref: string): string;
  /** How `path` is written relative to the folder `dir`, for messages. */
  relative(dir: string, path: string): string;
  basename(path: string): string;
  read(path: string): Promise<ReadText>;
}

/** The repository config file (`.kube-audit-policy.yaml`) that applies to a document. */
export interface RepositoryConfigs {
  forUri(uri: string): Promise<FoundConfig | undefined>;
  /** One was created, changed or deleted: read them again. */
  clear(): void;
}

export interface ServerPlatform {
  readonly files: ServerFiles;
  readonly repositoryConfigs: RepositoryConfigs;
  /** Features only this platform has (replay, in Node). */
  readonly features: readonly Feature[];
}

export type CreatePlatform = (connection: Connection) => ServerPlatform;
