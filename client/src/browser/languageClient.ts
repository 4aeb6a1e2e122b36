// Creates the client for out/browser/server.js in a Web Worker (vscode.dev, github.dev). Every YAML
// document goes to the server whatever its scheme (vscode-vfs, vscode-test-web, …): a browser
// workspace has no file: URIs.
import { Uri, type ExtensionContext, type LogOutputChannel } from 'vscode';
import { LanguageClient } from 'vscode-languageclient/browser';
import { CLIENT_ID, CLIENT_NAME } from '../clientId.ts';

export function createBrowserLanguageClient(context: ExtensionContext, output: LogOutputChannel): LanguageClient {
  const script = Uri.joinPath(context.extensionUri, 'out/browser/server.js').toString(true);
  // A new worker per start: stop() terminates the old one (Restart Language Server).
  const server = async (): Promise<Worker> => new Worker(script);
  return new LanguageClient(CLIENT_ID, CLIENT_NAME, server, { documentSelector: [{ language: 'yaml' }], outputChannel: output });
}
