// Entry of out/server.js. vscode-languageserver picks the transport from argv (--stdio, --node-ipc,
// --socket=N, --pipe=NAME); everything else happens in lsp/startServer.ts.
import { ProposedFeatures, createConnection } from 'vscode-languageserver/node';
import { guardedConnection } from './lsp/paramsGuard.ts';
import { errorText } from './lsp/runSafe.ts';
import { nodePlatform } from './lsp/platform/nodePlatform.ts';
import { startServer } from './lsp/startServer.ts';

const connection = guardedConnection((options) => createConnection(ProposedFeatures.all, options));
// Handlers are wrapped in runSafe; this catches what escapes them (a bug), logs it and keeps serving.
process.on('uncaughtException', (e) => connection.console.error(`Uncaught exception: ${errorText(e)}`));
process.on('unhandledRejection', (e) => connection.console.error(`Unhandled rejection: ${errorText(e)}`));
startServer(connection, nodePlatform());
connection.listen();
