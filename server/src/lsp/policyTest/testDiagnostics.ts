// Diagnostics of policy test files, pulled by the client (textDocument/diagnostic): the push
// diagnostics stay the policies' own, and a test file's depend on another file (its policy), which
// pull expresses (interFileDependencies) and refreshes: when an open policy changes, the client is
// asked to pull again for the open test files that test it.
import { ResponseError, type DocumentDiagnosticReport } from 'vscode-languageserver';
import { errorText, runSafe } from '../runSafe.ts';
import type { Feature } from '../serverContext.ts';
import { policyTestsOf } from './testFiles.ts';
import { testDiagnostics } from './testResults.ts';

/** Typing in a policy pauses this long before its test files are checked again. */
const REFRESH_DELAY_MS = 150;

const EMPTY: DocumentDiagnosticReport = { kind: 'full', items: [] };

export const policyTestDiagnosticsFeature: Feature = {
  capabilities: { diagnosticProvider: { identifier: 'kube-audit-policy-tests', interFileDependencies: true, workspaceDiagnostics: false } },
  register(ctx) {
    const tests = policyTestsOf(ctx);
    ctx.connection.languages.diagnostics.on((params, token) =>
      runSafe<DocumentDiagnosticReport>(ctx.log, 'Policy test diagnostics', token, EMPTY, async () => {
        const uri = params.textDocument.uri;
        if (!tests.isTestDocument(uri)) return EMPTY;
        const run = await tests.run(uri);
        return 'error' in run ? EMPTY : { kind: 'full', items: testDiagnostics(run) };
      }).then((r) => (r instanceof ResponseError ? new ResponseError(r.code, r.message, { retriggerRequest: true }) : r)),
    );
    let timer: NodeJS.Timeout | undefined;
    ctx.documents.onDidChangeContent(({ document }) => {
      if (tests.isTestDocument(document.uri) || tests.testsOf(document.uri).length === 0) return;
      clearTimeout(timer);
      timer = setTimeout(() => {
        // A client without refresh support answers with an error: its test files update on their next edit.
        ctx.connection.languages.diagnostics.refresh().catch((e: unknown) => ctx.log(`Refreshing policy test diagnostics failed: ${errorText(e)}`));
      }, REFRESH_DELAY_MS);
      timer.unref();
    });
    ctx.documents.onDidClose(({ document }) => tests.forget(document.uri));
  },
};
