// Entry of out/browser/server.js: the language server in a browser Web Worker (vscode.dev,
// github.dev), talking to the client over postMessage. The same startServer and core as
// out/server.js; the platform reads files through the client and has no replay.
import { BrowserMessageReader, BrowserMessageWriter, ProposedFeatures, createConnection } from 'vscode-languageserver/browser';
import { guardedConnection } from './lsp/paramsGuard.ts';
import { browserPlatform } from './lsp/platform/browserPlatform.ts';
import { errorText } from './lsp/runSafe.ts';
import { startServer } from './lsp/startServer.ts';

/** The worker's global scope, as much of it as is used (the project's lib is DOM, not WebWorker). */
interface WorkerScope {
  addEventListener(type: 'error', listener: (e: ErrorEvent) => void): void;
  addEventListener(type: 'unhandledrejection', listener: (e: PromiseRejectionEvent) => void): void;
}
const scope = self as unknown as Worker & WorkerScope;

const connection = guardedConnection((options) => createConnection(ProposedFeatures.all, new BrowserMessageReader(scope), new BrowserMessageWriter(scope), options));
// Handlers are wrapped in runSafe; this catches what escapes them (a bug), logs it and keeps serving.
scope.addEventListener('error', (e) => connection.console.error(`Uncaught exception: ${errorText(e.error ?? e.message)}`));
scope.addEventListener('unhandledrejection', (e) => connection.console.error(`Unhandled rejection: ${errorText(e.reason)}`));
startServer(connection, browserPlatform(connection));
connection.listen();
