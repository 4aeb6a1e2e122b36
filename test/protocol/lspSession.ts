// A minimal LSP client for protocol tests (tailwindcss-intellisense style): the same test bodies run
// against the real server in-process over two stream pairs, and against the built `out/server.js`
// spawned with --stdio. The client answers workspace/configuration from `settings` and records every
// publishDiagnostics; waits poll with a deadline, never a fixed sleep.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import {
  CodeLensRefreshRequest,
  ConfigurationRequest,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  IPCMessageReader,
  IPCMessageWriter,
  InitializeRequest,
  InitializedNotification,
  LogMessageNotification,
  Message,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  createProtocolConnection,
  type ClientCapabilities,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type ResponseMessage,
} from 'vscode-languageserver-protocol/node';
import { createConnection } from 'vscode-languageserver/node';
import { guardedConnection } from '../../server/src/lsp/paramsGuard.ts';
import { nodePlatform } from '../../server/src/lsp/platform/nodePlatform.ts';
import { startServer } from '../../server/src/lsp/startServer.ts';
import type { ServerContext } from '../../server/src/lsp/serverContext.ts';

export const SERVER_JS = resolve(__dirname, '../../out/server.js');

export interface LspSession {
  readonly connection: ProtocolConnection;
  /** The server's own context, when it runs in this process (to feed replay hit counts). */
  readonly server: ServerContext | undefined;
  /** What workspace/configuration answers for section `kubeAuditPolicy`. */
  settings: unknown;
  readonly codeLensRefreshes: () => number;
  /** workspace/configuration requests answered so far. */
  readonly configurationRequests: () => number;
  /** While set, answers to workspace/configuration wait for it (to hold a request mid-flight). */
  configurationHold: Promise<void> | undefined;
  readonly logs: string[];
  open(uri: string, text: string, version?: number): Promise<void>;
  change(uri: string, text: string, version: number): Promise<void>;
  close(uri: string): Promise<void>;
  /** Tells the server the settings changed: it asks again, or (push model) takes them from the notification. */
  changeSettings(settings: unknown, push?: boolean): Promise<void>;
  /** The first diagnostics for `uri` published after `after` that satisfy `accept`. */
  diagnostics(uri: string, accept?: (p: PublishDiagnosticsParams) => boolean): Promise<PublishDiagnosticsParams>;
  /** Everything published for `uri` so far, oldest first. */
  published(uri: string): readonly PublishDiagnosticsParams[];
  /**
   * Sends a JSON-RPC message as given (`params` may be anything, or absent; the client library
   * would not send `null`) and, for a request (an id), returns the response. Stream transports only.
   */
  raw(message: { readonly method: string; readonly params?: unknown; readonly id?: string }): Promise<ResponseMessage | undefined>;
  dispose(): Promise<void>;
}

/** in-process: startServer over stream pairs; spawned: out/server.js --stdio; ipc: out/server.js --node-ipc. */
export type Transport = 'in-process' | 'spawned' | 'ipc';
/** The transports every protocol test body runs against (IPC gets its own smoke test). */
export const TRANSPORTS: readonly Transport[] = ['in-process', 'spawned'];

export const CLIENT_CAPABILITIES: ClientCapabilities = {
  workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true }, codeLens: { refreshSupport: true } },
  textDocument: {
    publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, tagSupport: { valueSet: [1, 2] } },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] } },
    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
  },
};

export async function startSession(transport: Transport, settings: unknown = {}, capabilities: ClientCapabilities = CLIENT_CAPABILITIES): Promise<LspSession> {
  if (transport !== 'in-process' && !existsSync(SERVER_JS)) throw new Error(`${SERVER_JS} is missing: run \`npm run build\` first`);
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  let server: ServerContext | undefined;
  let child: ChildProcess | undefined;
  const logs: string[] = [];
  if (transport === 'in-process') {
    // Reader/writer objects (not raw streams), so the library does not exit the process on close.
    const serverConnection = guardedConnection((options) => createConnection(new StreamMessageReader(toServer), new StreamMessageWriter(toClient), options));
    server = startServer(serverConnection, nodePlatform(), { diagnosticsDelayMs: 20 });
    serverConnection.listen();
  } else if (transport === 'spawned') {
    child = spawn(process.execPath, [SERVER_JS, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    child.stdout?.pipe(toClient);
    toServer.pipe(child.stdin as NodeJS.WritableStream);
  } else {
    child = spawn(process.execPath, [SERVER_JS, '--node-ipc'], { stdio: ['pipe', 'pipe', 'pipe', 'ipc'] });
  }
  child?.stderr?.on('data', (d: Buffer) => logs.push(d.toString()));
  const connection =
    transport === 'ipc' && child
      ? createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child))
      : createProtocolConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
  const published = new Map<string, PublishDiagnosticsParams[]>();
  // Raw messages go through a writer and reader of their own on the same streams.
  const rawWriter = transport === 'ipc' ? undefined : new StreamMessageWriter(toServer);
  const rawResponses = new Map<string, (response: ResponseMessage) => void>();
  if (transport !== 'ipc') {
    new StreamMessageReader(toClient).listen((m) => {
      if (Message.isResponse(m) && typeof m.id === 'string') rawResponses.get(m.id)?.(m);
    });
  }
  let refreshes = 0;
  let configurationRequests = 0;
  const session: LspSession = {
    connection,
    server,
    settings,
    codeLensRefreshes: () => refreshes,
    configurationRequests: () => configurationRequests,
    configurationHold: undefined,
    logs,
    async open(uri, text, version = 1) {
      await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'yaml', version, text } });
    },
    async change(uri, text, version) {
      await connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
    },
    async close(uri) {
      await connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
    },
    async changeSettings(next, push = false) {
      session.settings = next;
      await connection.sendNotification(DidChangeConfigurationNotification.type, { settings: push ? { kubeAuditPolicy: next } : null });
    },
    diagnostics(uri, accept = () => true) {
      return waitFor(`diagnostics for ${uri}`, () => [...(published.get(uri) ?? [])].reverse().find(accept));
    },
    published: (uri) => published.get(uri) ?? [],
    async raw(message) {
      if (!rawWriter) throw new Error('raw messages need a stream transport');
      const answered = message.id === undefined ? undefined : new Promise<ResponseMessage>((done) => rawResponses.set(message.id as string, done));
      await rawWriter.write({ jsonrpc: '2.0', ...message } as Message);
      return answered === undefined ? undefined : waitForPromise(`the response to ${message.method}`, answered);
    },
    async dispose() {
      await connection.sendRequest(ShutdownRequest.type).catch(() => undefined);
      if (child) {
        const exited = new Promise((done) => child?.once('exit', done));
        await connection.sendNotification(ExitNotification.type).catch(() => undefined);
        await exited;
      }
      connection.dispose();
      toServer.end();
      toClient.end();
    },
  };
  connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
    published.set(p.uri, [...(published.get(p.uri) ?? []), p]);
  });
  connection.onNotification(LogMessageNotification.type, (p) => {
    logs.push(p.message);
  });
  connection.onRequest(ConfigurationRequest.type, async (p) => {
    configurationRequests++;
    await session.configurationHold;
    return p.items.map((item) => (item.section === 'kubeAuditPolicy' ? session.settings : null));
  });
  connection.onRequest(RegistrationRequest.type, () => undefined);
  connection.onRequest(CodeLensRefreshRequest.type, () => {
    refreshes++;
  });
  connection.listen();
  // A server that dies while starting fails the test instead of leaving it waiting.
  let onEarlyExit: ((code: number | null) => void) | undefined;
  child?.once('exit', (code) => onEarlyExit?.(code));
  await new Promise((resolve, reject) => {
    onEarlyExit = (code) => reject(new Error(`out/server.js exited (${String(code)}) while starting: ${logs.join('')}`));
    connection.sendRequest(InitializeRequest.type, { processId: null, rootUri: null, capabilities, workspaceFolders: null }).then(resolve, reject);
  });
  onEarlyExit = undefined;
  await connection.sendNotification(InitializedNotification.type, {});
  return session;
}

const DEADLINE_MS = 10_000;

/** The promise's value, or an error once the deadline passes. */
async function waitForPromise<T>(what: string, promise: Promise<T>, deadlineMs = DEADLINE_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, fail) => {
    timer = setTimeout(() => fail(new Error(`Timed out waiting for ${what}`)), deadlineMs);
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Polls `probe` until it returns a value or the deadline passes. */
export async function waitFor<T>(what: string, probe: () => T | undefined, deadlineMs = DEADLINE_MS): Promise<T> {
  const end = Date.now() + deadlineMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
