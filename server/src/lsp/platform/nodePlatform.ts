// The desktop's server platform: files and repository config files from disk, and replay (which
// reads audit logs with worker threads).
import { Readable } from 'node:stream';
import { basename, dirname, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { readPolicyText } from '../../io/readPolicyText.ts';
import { RepositoryConfigFinder } from '../../io/repositoryConfigFile.ts';
import { replayFeature } from '../replay.ts';
import type { RepositoryConfigs, ServerFiles, ServerPlatform } from './serverPlatform.ts';

const noStdin = (): Readable => Readable.from([]);

const nodeFiles: ServerFiles = {
  path(uri) {
    if (!uri.startsWith('file:')) return undefined;
    try {
      return fileURLToPath(uri);
    } catch {
      return undefined;
    }
  },
  uri: (path) => pathToFileURL(path).toString(),
  dirname,
  resolve,
  relative,
  basename,
  async read(path) {
    const read = await readPolicyText(path, { cwd: dirname(path), stdin: noStdin() });
    return read.ok ? { ok: true, text: read.text } : { ok: false, error: read.error };
  },
};

/** Only documents on disk have folders to look in. */
function nodeRepositoryConfigs(): RepositoryConfigs {
  const finder = new RepositoryConfigFinder();
  return {
    forUri: async (uri) => {
      const path = nodeFiles.path(uri);
      return path === undefined ? undefined : finder.forFile(path);
    },
    clear: () => finder.clear(),
  };
}

export function nodePlatform(): ServerPlatform {
  return { files: nodeFiles, repositoryConfigs: nodeRepositoryConfigs(), features: [replayFeature] };
}
