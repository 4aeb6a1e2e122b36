// Creates the client for out/browser/server.js in a Web Worker (vscode.dev, github.dev, VS Code for
// the Web on a server such as code-server). Every YAML document goes to the server whatever its
// scheme (vscode-vfs, vscode-remote, vscode-test-web, …): a browser workspace has no file: URIs.
import { Uri, workspace, type ExtensionContext, type LogOutputChannel } from 'vscode';
import { BrowserMessageReader, BrowserMessageWriter, LanguageClient, type MessageTransports } from 'vscode-languageclient/browser';
import { CLIENT_ID, CLIENT_NAME } from '../clientId.ts';
import { documentationMiddleware } from '../codeDocumentationLinks.ts';

/**
 * A worker from the script's bytes (read through workspace.fs), not from its URI: where the
 * extension lives on a remote host (vscode-remote:), the web extension host refuses to start a
 * worker from it ("Creating workers from remote extensions is currently not supported").
 */
async function startWorker(script: Uri): Promise<Worker> {
  const bytes = await workspace.fs.readFile(script);
  const url = URL.createObjectURL(new Blob([new Uint8Array(bytes)], { type: 'text/javascript' }));
  try {
    return new Worker(url);
  } finally {
    // The web extension host's Worker loads the script from a bootstrap of its own, later.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }
}

export function createBrowserLanguageClient(context: ExtensionContext, output: LogOutputChannel): LanguageClient {
  const script = Uri.joinPath(context.extensionUri, 'out/browser/server.js');
  let worker: Worker | undefined;
  // Transports rather than the worker: the web extension host's Worker is a wrapper class, so the
  // library's `instanceof Worker` check fails. A new worker per start (Restart Language Server).
  const transports = async (): Promise<MessageTransports> => {
    worker?.terminate();
    worker = await startWorker(script);
    return { reader: new BrowserMessageReader(worker), writer: new BrowserMessageWriter(worker) };
  };
  return new LanguageClient(CLIENT_ID, CLIENT_NAME, transports, { documentSelector: [{ language: 'yaml' }], outputChannel: output, middleware: documentationMiddleware });
}
