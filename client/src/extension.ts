// Entry of out/extension.js, the desktop extension: the language server is out/server.js in a Node
// process, and replay (which reads audit logs from disk) is on.
import type { ExtensionContext } from 'vscode';
import { activateOn, type ClientPlatform } from './activate.ts';
import type { ClientContext } from './clientContext.ts';
import { REPLAY_COMMANDS } from './commands/replayCommands.ts';
import { createLanguageClient } from './languageClient.ts';
import { registerReplay } from './webview/registerReplay.ts';

const desktop: ClientPlatform = { createClient: createLanguageClient, commands: REPLAY_COMMANDS, register: registerReplay };

export const activate = (extension: ExtensionContext): Promise<ClientContext> => activateOn(desktop, extension);

export { deactivate } from './activate.ts';
