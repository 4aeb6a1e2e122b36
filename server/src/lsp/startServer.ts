// Wires the pure core to an LSP connection: document sync, settings, the document cache, debounced
// diagnostics and one module per feature. Knows nothing about transports (server.ts and
// browserServer.ts pick one), what it runs on (the platform: Node or a browser Web Worker) or audit
// semantics (the core).
import {
  CodeLensRefreshRequest,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  TextDocumentSyncKind,
  TextDocuments,
  type Connection,
  type Diagnostic,
  type InitializeResult,
  type ServerCapabilities,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { REPOSITORY_CONFIG_FILE } from '../core/workspace/repositoryConfig.ts';
import { SETTINGS_SECTION } from '../protocol.ts';
import { clickHouseSqlFeature } from './clickHouseSql.ts';
import { codeActionsFeature } from './codeActions.ts';
import { codeLensFeature } from './codeLens.ts';
import { completionFeature } from './completion.ts';
import { definitionFeature } from './definition.ts';
import { DiagnosticsScheduler } from './diagnosticsScheduler.ts';
import { DocumentCache, type PolicyDocument } from './documentCache.ts';
import { documentSymbolsFeature } from './documentSymbols.ts';
import { explainRequestFeature } from './explainRequest.ts';
import { foldingRangesFeature } from './foldingRanges.ts';
import { hoverFeature } from './hover.ts';
import { comparePoliciesFeature } from './comparePolicies.ts';
import { policyTestDiagnosticsFeature } from './policyTest/testDiagnostics.ts';
import { policyTestRequestsFeature } from './policyTest/policyTestRequests.ts';
import type { ServerPlatform } from './platform/serverPlatform.ts';
import { RuleHitsStore } from './ruleHitsStore.ts';
import { errorText, runSafeVoid } from './runSafe.ts';
import type { Feature, ServerContext } from './serverContext.ts';
import { SettingsStore } from './settingsStore.ts';
import { SlicedRunner } from './slicedRunner.ts';
import { internalErrorDiagnostic, toDiagnostics } from './toLsp.ts';

/** Every request feature of every platform (the platform adds its own). Add a module here and its capabilities are announced automatically. */
const FEATURES: readonly Feature[] = [
  hoverFeature,
  completionFeature,
  documentSymbolsFeature,
  foldingRangesFeature,
  definitionFeature,
  codeLensFeature,
  explainRequestFeature,
  codeActionsFeature,
  policyTestDiagnosticsFeature,
  policyTestRequestsFeature,
  comparePoliciesFeature,
  clickHouseSqlFeature,
];

export interface StartServerOptions {
  /** Debounce of diagnostics after a change, in milliseconds. */
  readonly diagnosticsDelayMs?: number;
}

export function startServer(connection: Connection, platform: ServerPlatform, options: StartServerOptions = {}): ServerContext {
  const features = [...FEATURES, ...platform.features];
  const documents = new TextDocuments(TextDocument);
  const analyses = new SlicedRunner();
  const ruleHits = new RuleHitsStore();
  const log = (message: string): void => connection.console.error(message);
  let canAskSettings = false;
  let canRefreshCodeLenses = false;
  let canRegisterSettingsChanges = false;
  let canWatchFiles = false;
  const settings = new SettingsStore(connection, () => canAskSettings, log, platform.repositoryConfigs);

  const refreshCodeLenses = (): void => {
    if (canRefreshCodeLenses) connection.sendRequest(CodeLensRefreshRequest.type).catch((e: unknown) => log(`Code lens refresh failed: ${errorText(e)}`));
  };

  /** What was last published per document (a state of the cache), so that each state is published once. */
  const published = new Map<string, PolicyDocument | null>();
  const send = (uri: string, version: number, diagnostics: Diagnostic[]): void => {
    connection.sendDiagnostics({ uri, version, diagnostics }).catch((e: unknown) => log(`Publishing diagnostics of ${uri} failed: ${errorText(e)}`));
  };
  /** Publishes the cached state of the current version: the reachability findings once analysed. */
  const publishCached = (uri: string): void => {
    const version = documents.get(uri)?.version;
    const doc = cache.peek(uri);
    if (version === undefined || doc === undefined || (doc !== null && doc.version !== version)) return;
    if (published.has(uri) && published.get(uri) === doc) return;
    published.set(uri, doc);
    send(uri, version, doc ? toDiagnostics(doc) : []);
  };

  const cache = new DocumentCache(
    analyses,
    (doc) => {
      publishCached(doc.uri);
      refreshCodeLenses();
    },
    log,
  );

  const ctx: ServerContext = {
    connection,
    documents,
    ruleHits,
    log,
    files: platform.files,
    async policyDocument(uri) {
      const document = documents.get(uri);
      if (!document) return null;
      return cache.get(document, await settings.get(uri));
    },
    runningAnalyses: () => analyses.running,
    settings: (uri) => settings.get(uri),
  };

  const scheduler = new DiagnosticsScheduler(
    (uri) =>
      runSafeVoid(log, `Diagnostics of ${uri}`, async () => {
        const document = documents.get(uri);
        if (!document) return;
        try {
          // A quick analysis is published with the rest (no flicker of its findings on each edit); a slow one follows.
          if (await ctx.policyDocument(uri)) await cache.settled(uri);
        } catch (e) {
          log(`Checking ${uri} failed: ${errorText(e)}`);
          if (documents.get(uri)?.version !== document.version) return;
          published.delete(uri);
          send(uri, document.version, [internalErrorDiagnostic(e instanceof Error ? e.message : String(e))]);
          return;
        }
        // Nothing when a newer version came meanwhile: its diagnostics follow.
        publishCached(uri);
      }),
    options.diagnosticsDelayMs,
  );

  connection.onInitialize((params): InitializeResult => {
    const caps = params.capabilities;
    canAskSettings = caps.workspace?.configuration === true;
    canRefreshCodeLenses = caps.workspace?.codeLens?.refreshSupport === true;
    canRegisterSettingsChanges = caps.workspace?.didChangeConfiguration?.dynamicRegistration === true;
    canWatchFiles = caps.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    const capabilities: ServerCapabilities = { textDocumentSync: TextDocumentSyncKind.Incremental };
    for (const feature of features) Object.assign(capabilities, feature.capabilities);
    return { capabilities, serverInfo: { name: 'kube-audit-policy' } };
  });

  connection.onInitialized(() => {
    runSafeVoid(log, 'Registering for settings changes', async () => {
      if (canRegisterSettingsChanges) await connection.client.register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION });
    });
    runSafeVoid(log, 'Watching repository config files', async () => {
      if (canWatchFiles) await connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: `**/${REPOSITORY_CONFIG_FILE}` }] });
    });
  });

  const recheckAll = (): void => {
    for (const document of documents.all()) scheduler.schedule(document.uri);
    refreshCodeLenses();
  };
  connection.onDidChangeConfiguration((params) => {
    settings.changed(params);
    recheckAll();
  });
  // Only the config files are watched.
  connection.onDidChangeWatchedFiles(() => {
    settings.configFilesChanged();
    recheckAll();
  });

  documents.onDidChangeContent((e) => {
    // The analysis of the previous version is stopped now, not when the new one is linted.
    cache.delete(e.document.uri);
    scheduler.schedule(e.document.uri);
  });
  documents.onDidClose((e) => {
    const uri = e.document.uri;
    scheduler.cancel(uri);
    cache.delete(uri);
    published.delete(uri);
    settings.forget(uri);
    ruleHits.delete(uri);
    void connection.sendDiagnostics({ uri, diagnostics: [] }).catch((err: unknown) => log(`Clearing diagnostics failed: ${errorText(err)}`));
  });
  ruleHits.onDidChange(refreshCodeLenses);
  connection.onShutdown(() => {
    scheduler.dispose();
    analyses.dispose();
  });

  for (const feature of features) feature.register(ctx);
  documents.listen(connection);
  return ctx;
}
