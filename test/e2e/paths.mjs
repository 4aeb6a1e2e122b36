// Paths shared by the editor-test harness, `npm start` and `npm test`; node built-ins only, so it
// works before `npm ci` has run.
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const exampleWorkspace = path.join(repoRoot, 'test/fixtures/workspace');
export const csVersion = process.env.CS_VERSION || '4.100.3';
export const codeServerHome = process.env.CODE_SERVER_HOME
  || path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'vscode-e2e', `code-server-${csVersion}`);
