// Wires the pure core to an LSP connection: document sync, settings, the document cache, debounced
// diagnostics and one module per feature. Knows nothing about transports (server.ts picks one) and
// nothing about audit semantics (the core does).
import {
  CodeLensRefreshRequest,
  DidChangeConfigurationNotification,
  TextDocumentSyncKind,
  TextDocuments,
  type Connection,
  type Diagnostic,
  type InitializeResult,
  type ServerCapabilities,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { SETTINGS_SECTION } from '../protocol.ts';
import { clickHouseSqlFeature } from './clickHouseSql.ts';
import { codeActionsFeature } from './codeActions.ts';
import { codeLensFeature } from './codeLens.ts';
import { completionFeature } from './completion.ts';
import { definitionFeature } from './definition.ts';
import { DiagnosticsScheduler } from './diagnosticsScheduler.ts';
import { DocumentCache } from './documentCache.ts';
import { documentSymbolsFeature } from './documentSymbols.ts';
import { explainRequestFeature } from './explainRequest.ts';
import { foldingRangesFeature } from './foldingRanges.ts';
import { hoverFeature } from './hover.ts';
import { replayFeature } from './replay.ts';
import { RuleHitsStore } from './ruleHitsStore.ts';
import { errorText, runSafeVoid } from './runSafe.ts';
import type { Feature, ServerContext } from './serverContext.ts';
import { SettingsStore } from './settingsStore.ts';
import { internalErrorDiagnostic, toDiagnostics } from './toLsp.ts';

/** Every request feature. Add a module here and its capabilities are announced automatically. */
const FEATURES: readonly Feature[] = [
  hoverFeature,
  completionFeature,
  documentSymbolsFeature,
  foldingRangesFeature,
  definitionFeature,
  codeLensFeature,
  explainRequestFeature,
  replayFeature,
  codeActionsFeature,
  clickHouseSqlFeature,
];

export interface StartServerOptions {
  /** Debounce of diagnostics after a change, in milliseconds. */
  readonly diagnosticsDelayMs?: number;
}

export function startServer(connection: Connection, options: StartServerOptions = {}): ServerContext {
  const documents = new TextDocuments(TextDocument);
  const cache = new DocumentCache();
  const ruleHits = new RuleHitsStore();
  const log = (message: string): void => connection.console.error(message);
  let canAskSettings = false;
  let canRefreshCodeLenses = false;
  let canRegisterSettingsChanges = false;
  const settings = new SettingsStore(connection, () => canAskSettings, log);

  const ctx: ServerContext = {
    connection,
    documents,
    ruleHits,
    log,
    async policyDocument(uri) {
      const document = documents.get(uri);
      if (!document) return null;
      return cache.get(document, await settings.get(uri));
    },
  };

  const scheduler = new DiagnosticsScheduler(
    (uri) =>
      runSafeVoid(log, `Diagnostics of ${uri}`, async () => {
        const document = documents.get(uri);
        if (!document) return;
        let diagnostics: Diagnostic[];
        try {
          const doc = await ctx.policyDocument(uri);
          diagnostics = doc ? toDiagnostics(doc) : [];
        } catch (e) {
          log(`Checking ${uri} failed: ${errorText(e)}`);
          diagnostics = [internalErrorDiagnostic(e instanceof Error ? e.message : String(e))];
        }
        // A newer version is already scheduled; its diagnostics will follow.
        if (documents.get(uri)?.version !== document.version) return;
        await connection.sendDiagnostics({ uri, version: document.version, diagnostics });
      }),
    options.diagnosticsDelayMs,
  );

  const refreshCodeLenses = (): void => {
    if (canRefreshCodeLenses) connection.sendRequest(CodeLensRefreshRequest.type).catch((e: unknown) => log(`Code lens refresh failed: ${errorText(e)}`));
  };

  connection.onInitialize((params): InitializeResult => {
    const caps = params.capabilities;
    canAskSettings = caps.workspace?.configuration === true;
    canRefreshCodeLenses = caps.workspace?.codeLens?.refreshSupport === true;
    canRegisterSettingsChanges = caps.workspace?.didChangeConfiguration?.dynamicRegistration === true;
    const capabilities: ServerCapabilities = { textDocumentSync: TextDocumentSyncKind.Incremental };
    for (const feature of FEATURES) Object.assign(capabilities, feature.capabilities);
    return { capabilities, serverInfo: { name: 'kube-audit-policy' } };
  });

  connection.onInitialized(() => {
    runSafeVoid(log, 'Registering for settings changes', async () => {
      if (canRegisterSettingsChanges) await connection.client.register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION });
    });
  });

  connection.onDidChangeConfiguration((params) => {
    settings.changed(params);
    for (const document of documents.all()) scheduler.schedule(document.uri);
    refreshCodeLenses();
  });

  documents.onDidChangeContent((e) => scheduler.schedule(e.document.uri));
  documents.onDidClose((e) => {
    const uri = e.document.uri;
    scheduler.cancel(uri);
    cache.delete(uri);
    settings.forget(uri);
    ruleHits.delete(uri);
    void connection.sendDiagnostics({ uri, diagnostics: [] }).catch((err: unknown) => log(`Clearing diagnostics failed: ${errorText(err)}`));
  });
  ruleHits.onDidChange(refreshCodeLenses);
  connection.onShutdown(() => scheduler.dispose());

  for (const feature of FEATURES) feature.register(ctx);
  documents.listen(connection);
  return ctx;
}
