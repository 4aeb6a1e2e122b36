// Creates the client for out/server.js over node IPC. Every YAML document goes to the server, which
// alone decides which ones are audit policies (header or `kubeAuditPolicy.files`); for any other YAML
// it publishes nothing, so the client never has to filter.
import type { ExtensionContext, LogOutputChannel } from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { CLIENT_ID, CLIENT_NAME } from './clientId.ts';
import { documentationMiddleware } from './codeDocumentationLinks.ts';

export function createLanguageClient(context: ExtensionContext, output: LogOutputChannel): LanguageClient {
  const module = context.asAbsolutePath('out/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'yaml' },
      { scheme: 'untitled', language: 'yaml' },
      // GitHub Repositories (a virtual workspace in the desktop app): the server lints it as typed.
      { scheme: 'vscode-vfs', language: 'yaml' },
    ],
    outputChannel: output,
    middleware: documentationMiddleware,
  };
  return new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);
}
