// Replay in the language server: loads audit logs into one index per workspace folder (streaming,
// cancellable, with progress), re-aggregates every open policy of that folder shortly after each
// edit (the text as typed, unsaved), feeds the per-rule hits to code lenses and hovers, and answers
// the panel's views and Explain requests.
import { stat } from 'node:fs/promises';
import { witnessEvent } from '../core/analysis/witnessEvent.ts';
import { ReplayIndex, type ReplayError } from '../core/replay/replayIndex.ts';
import { resolveIn, STDIN_NAME } from '../io/logChunks.ts';
import { readAuditLogs } from '../io/readAuditLogs.ts';
import {
  ReplayDidChangeNotification,
  ReplayBaselineRequest,
  ReplayExplainRequest,
  ReplayLoadRequest,
  ReplayProgressNotification,
  ReplayUnloadRequest,
  ReplayViewRequest,
  type ExplainRequestResult,
  type ReplayBaselineResult,
  type ReplayLoadParams,
  type ReplayLoadResult,
  type ReplayView,
} from '../protocol.ts';
import { explainRequest } from './explainRequest.ts';
import { replayBaseline } from './replayBaseline.ts';
import { replayView } from './replayView.ts';
import { ReplayStore } from './replayStore.ts';
import { errorText, runSafe, runSafeVoid } from './runSafe.ts';
import type { Feature, ServerContext } from './serverContext.ts';
import type { CancellationToken } from 'vscode-languageserver';

/** Typing pauses this long before the policy is replayed again (a keystroke burst replays once). */
export const REPLAY_DELAY_MS = 40;
const PROGRESS_INTERVAL_MS = 100;

export const replayFeature: Feature = {
  capabilities: {},
  register(ctx) {
    // Every fresh aggregate (an edit, a load, new settings seen by a view) feeds code lenses and hovers.
    const store = new ReplayStore((doc, aggregate) =>
      ctx.ruleHits.set(doc.uri, { version: doc.version, events: aggregate.totals.events, hits: aggregate.rules.map((r) => r.events) }),
    );
    const timers = new Map<string, NodeJS.Timeout>();

    /** Replays the document's current version and tells the client its views are stale. */
    const refresh = (uri: string): void =>
      runSafeVoid(ctx.log, `Replaying ${uri}`, async () => {
        const logs = store.forDocument(uri);
        const doc = logs && (await ctx.policyDocument(uri));
        if (!logs || !doc) return;
        if (ctx.documents.get(uri)?.version !== doc.version) return; // a newer version follows
        store.aggregate(doc, logs);
        await ctx.connection.sendNotification(ReplayDidChangeNotification, { uri, version: doc.version });
      });

    ctx.documents.onDidChangeContent(({ document }) => {
      if (!store.forDocument(document.uri)) return;
      clearTimeout(timers.get(document.uri));
      timers.set(
        document.uri,
        setTimeout(() => {
          timers.delete(document.uri);
          refresh(document.uri);
        }, REPLAY_DELAY_MS),
      );
    });
    ctx.documents.onDidClose(({ document }) => {
      clearTimeout(timers.get(document.uri));
      timers.delete(document.uri);
      store.forget(document.uri);
    });

    ctx.connection.onRequest(ReplayLoadRequest, (params, token) =>
      runSafe<ReplayLoadResult>(ctx.log, 'Loading audit logs', token, { ok: false, message: 'Reading the logs failed; see the language server output.' }, async () => {
        const result = await load(ctx, params, token);
        if (!result.ok) return result;
        store.set(params.workspace, result.index);
        for (const document of ctx.documents.all()) if (store.forDocument(document.uri)?.index === result.index) refresh(document.uri);
        const { index, ...answer } = result;
        return answer;
      }),
    );

    ctx.connection.onRequest(ReplayUnloadRequest, (params, token) =>
      runSafe<null>(ctx.log, 'Unloading audit logs', token, null, async () => {
        const affected = ctx.documents.all().filter((d) => store.forDocument(d.uri)?.workspace === params.workspace);
        if (!store.delete(params.workspace)) return null;
        for (const document of affected) {
          store.forget(document.uri);
          // Logs loaded outside any folder may still cover the document.
          if (store.forDocument(document.uri)) {
            refresh(document.uri);
            continue;
          }
          ctx.ruleHits.delete(document.uri);
          await ctx.connection.sendNotification(ReplayDidChangeNotification, { uri: document.uri, version: document.version });
        }
        return null;
      }),
    );

    ctx.connection.onRequest(ReplayViewRequest, (params, token) =>
      runSafe<ReplayView>(ctx.log, 'Replay view', token, { ok: false, reason: 'not-a-policy', message: 'The replay failed; see the language server output.' }, async () => {
        const uri = params.textDocument.uri;
        const doc = await ctx.policyDocument(uri);
        if (!doc) return { ok: false, reason: 'not-a-policy', message: 'Open an audit policy (apiVersion audit.k8s.io/…, kind Policy) to replay logs against it.' };
        const logs = store.forDocument(uri);
        if (!logs) return { ok: false, reason: 'no-logs', message: 'No audit logs are loaded for this workspace: run "Kubernetes Audit Policy: Replay Audit Logs…".' };
        return replayView(doc, store.aggregate(doc, logs), params.query, params.errorLimit);
      }),
    );

    ctx.connection.onRequest(ReplayExplainRequest, (params, token) =>
      runSafe<ExplainRequestResult>(ctx.log, 'Replay explain', token, { ok: false, message: 'Explaining failed; see the language server output.' }, async () => {
        const uri = params.textDocument.uri;
        const doc = await ctx.policyDocument(uri);
        const attributes = store.forDocument(uri)?.index.keys[params.key];
        if (!doc || !attributes) return { ok: false, message: 'This request is no longer loaded; replay the logs again.' };
        // The recorded request as the audit Event kube-apiserver would write, through Explain Request's own path.
        return explainRequest(doc, { textDocument: params.textDocument, request: JSON.stringify(witnessEvent(attributes, 'Metadata', params.key)) });
      }),
    );

    ctx.connection.onRequest(ReplayBaselineRequest, (params, token) =>
      runSafe<ReplayBaselineResult>(ctx.log, 'Replay baseline', token, { ok: false, message: 'The comparison with the baseline failed; see the language server output.' }, async () => {
        const doc = await ctx.policyDocument(params.textDocument.uri);
        const logs = store.forDocument(params.textDocument.uri);
        if (!doc || !logs) return { ok: false, message: 'No audit logs are replayed against this policy.' };
        return replayBaseline(doc, logs.index, params);
      }),
    );
  },
};

type Loaded = { ok: true; index: ReplayIndex; files: string[]; events: number; errors: number; inputErrors: readonly ReplayError[] } | { ok: false; message: string };

async function load(ctx: ServerContext, params: ReplayLoadParams, token: CancellationToken): Promise<Loaded> {
  const files = [...params.files];
  if (files.length === 0) return { ok: false, message: 'No log files were given.' };
  // The server's standard input may be its LSP transport: never read it as a log.
  if (files.includes(STDIN_NAME)) return { ok: false, message: '"-" (standard input) cannot be replayed in the editor; give a file.' };
  const sizes = await Promise.all(files.map((f) => stat(resolveIn(params.cwd, f)).then((s) => s.size, () => 0)));
  const totalBytes = sizes.reduce((a, b) => a + b, 0);
  const abort = new AbortController();
  const cancel = token.onCancellationRequested(() => abort.abort());
  const index = new ReplayIndex();
  let last = 0;
  try {
    const result = await readAuditLogs(files, index, {
      cwd: params.cwd,
      signal: abort.signal,
      onProgress: (p) => {
        const now = Date.now();
        if (now - last < PROGRESS_INTERVAL_MS && p.bytes < totalBytes) return;
        last = now;
        void ctx.connection.sendNotification(ReplayProgressNotification, { loadId: params.loadId, totalBytes, ...p }).catch((e: unknown) => ctx.log(errorText(e)));
      },
      // Lets cancellation, edits and hovers through between chunks.
      afterChunk: () => new Promise<void>((resolve) => setImmediate(resolve)),
    });
    return { ok: true, index, files, events: index.events, errors: index.errorCount, inputErrors: result.inputErrors };
  } catch (e) {
    if (abort.signal.aborted) return { ok: false, message: 'Cancelled.' };
    throw e;
  } finally {
    cancel.dispose();
  }
}
