// Creates the client for out/server.js over node IPC. Every YAML document goes to the server, which
// alone decides which ones are audit policies (header or `kubeAuditPolicy.files`); for any other YAML
// it publishes nothing, so the client never has to filter.
import type { ExtensionContext, LogOutputChannel } from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { SETTINGS_SECTION } from '../../server/src/protocol.ts';
import { withLocalDocumentationHover, withLocalDocumentationLinks } from './codeDocumentationLinks.ts';

/** Also the prefix of the trace setting the client reads itself: `kubeAuditPolicy.trace.server`. */
export const CLIENT_ID = SETTINGS_SECTION;

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
    ],
    outputChannel: output,
    middleware: {
      handleDiagnostics: (uri, diagnostics, next) => next(uri, withLocalDocumentationLinks(diagnostics)),
      provideHover: async (document, position, token, next) => withLocalDocumentationHover(await next(document, position, token)),
    },
  };
  return new LanguageClient(CLIENT_ID, 'Kubernetes Audit Policy', serverOptions, clientOptions);
}
