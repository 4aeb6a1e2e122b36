// Entry of out/browser/extension.js, the extension in vscode.dev and github.dev: the language server
// is out/browser/server.js in a Web Worker, reading files through this client. Replay reads audit
// logs from disk with worker threads: its commands say that it needs the desktop app.
import { Disposable, window, type ExtensionContext } from 'vscode';
import { activateOn, type ClientPlatform } from '../activate.ts';
import type { ClientContext } from '../clientContext.ts';
import type { CommandFactory } from '../commands/index.ts';
import { REPLAY_COMMAND_IDS } from '../commands/replayCommandIds.ts';
import { createBrowserLanguageClient } from './languageClient.ts';
import { serveReadTextFile } from './readTextFile.ts';

export const REPLAY_NEEDS_DESKTOP = 'Replay reads audit logs from disk and needs the desktop app (VS Code, or "Continue Working in VS Code Desktop"); everything else works here.';

const needsDesktop: CommandFactory = () => () => void window.showInformationMessage(REPLAY_NEEDS_DESKTOP);

const browser: ClientPlatform = {
  createClient: createBrowserLanguageClient,
  commands: Object.fromEntries(REPLAY_COMMAND_IDS.map((id) => [id, needsDesktop])),
  register: (ctx) => Disposable.from(serveReadTextFile(ctx.client)),
};

export const activate = (extension: ExtensionContext): Promise<ClientContext> => activateOn(browser, extension);

export { deactivate } from '../activate.ts';
