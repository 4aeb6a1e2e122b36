// What every feature module gets: the connection, the open documents, the analysed policy of a
// document, and the log. A feature is its capabilities plus a function that registers its handlers.
import type { CancellationToken, Connection, ResponseError, ServerCapabilities, TextDocumentIdentifier, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { PolicyDocument } from './documentCache.ts';
import type { ServerFiles } from './platform/serverPlatform.ts';
import type { RuleHitsStore } from './ruleHitsStore.ts';
import type { ServerSettings } from './settings.ts';
import { runSafe, type Log } from './runSafe.ts';

export interface ServerContext {
  readonly connection: Connection;
  readonly documents: TextDocuments<TextDocument>;
  readonly ruleHits: RuleHitsStore;
  readonly log: Log;
  /** Files that are not open, as the platform reads them. */
  readonly files: ServerFiles;
  /** The analysed policy of an open document; null when it is not open or not an audit policy. */
  policyDocument(uri: string): Promise<PolicyDocument | null>;
  /** Reachability analyses running in the background (tests watch them end). */
  runningAnalyses(): number;
  /** The settings that apply to a document (open or not): the editor's, over the repository config file. */
  settings(uri: string): Promise<ServerSettings>;
}

export interface Feature {
  readonly capabilities: ServerCapabilities;
  register(ctx: ServerContext): void;
}

/**
 * A request handler about one document, run safely: closed documents and non-policies get the
 * fallback, exceptions are logged and answered with the fallback, cancellation is honoured.
 */
export function policyHandler<P extends { readonly textDocument: TextDocumentIdentifier }, R>(
  ctx: ServerContext,
  what: string,
  fallback: R,
  handle: (doc: PolicyDocument, params: P, token: CancellationToken) => R,
): (params: P, token: CancellationToken) => Promise<R | ResponseError<void>> {
  return (params, token) =>
    runSafe(ctx.log, what, token, fallback, async () => {
      const doc = await ctx.policyDocument(params.textDocument.uri);
      return doc === null || token.isCancellationRequested ? fallback : handle(doc, params, token);
    });
}
