// The server platform of a browser Web Worker (vscode.dev, github.dev): no file system, so a file
// that is not open is read by the client (`workspace.fs`), and a "path" is the file's URI, which
// relative references resolve against as a browser resolves links. No repository config files
// (the settings still apply) and no replay: both read the disk.
import type { Connection } from 'vscode-languageserver';
import { ReadTextFileRequest } from '../../protocol.ts';
import { errorText } from '../runSafe.ts';
import type { ServerFiles, ServerPlatform } from './serverPlatform.ts';

/** A URI with a hierarchical path (`scheme://authority/path`); an untitled document has none. */
const HIERARCHICAL = /^[a-z][a-z0-9+.-]*:\/\/[^/]*\//i;

const lastSlash = (path: string): number => path.lastIndexOf('/');

export function browserFiles(connection: Connection): ServerFiles {
  return {
    path: (uri) => (HIERARCHICAL.test(uri) ? uri : undefined),
    uri: (path) => path,
    dirname: (path) => path.slice(0, Math.max(lastSlash(path), (HIERARCHICAL.exec(path)?.[0].length ?? 1) - 1)),
    resolve: (dir, ref) => new URL(ref.split('/').map(encodeURIComponent).join('/'), `${dir}/`).href,
    relative: (dir, path) => (path.startsWith(`${dir}/`) ? decodeURIComponent(path.slice(dir.length + 1)) : path),
    basename: (path) => decodeURIComponent(path.slice(lastSlash(path) + 1)),
    read: (path) =>
      connection.sendRequest(ReadTextFileRequest, { uri: path }).then(
        (result) => result,
        (e: unknown) => ({ ok: false, error: `cannot be read: ${errorText(e)}` }),
      ),
  };
}

export function browserPlatform(connection: Connection): ServerPlatform {
  return { files: browserFiles(connection), repositoryConfigs: { forUri: async () => undefined, clear: () => undefined }, features: [] };
}
