// The options of every panel's webview: scripts on, command URIs off, and only the built view
// folder readable: nothing else of the extension or the disk.
import { Uri, type WebviewOptions, type WebviewPanelOptions } from 'vscode';
import type { ClientContext } from '../clientContext.ts';

export const webviewFolder = (ctx: ClientContext): Uri => Uri.joinPath(ctx.extension.extensionUri, 'out', 'webview');

export function webviewOptions(ctx: ClientContext): WebviewOptions & WebviewPanelOptions {
  return { enableScripts: true, enableCommandUris: false, localResourceRoots: [webviewFolder(ctx)] };
}
