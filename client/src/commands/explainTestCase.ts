// The code lens "Debug: explain" above a test case (protocol.ts `TestCaseCommandArgs`): the case's
// request explained against its policy, under the test file's release, as Explain Request shows it:
// the matching rule highlighted in the policy, every rule tried on the page beside it.
import { window, workspace } from 'vscode';
import { ExplainTestCaseRequest, type TestCaseCommandArgs } from '../../../server/src/protocol.ts';
import type { ClientContext } from '../clientContext.ts';
import { showExplanation } from './explainRequest.ts';

export const isTestCaseArgs = (v: unknown): v is TestCaseCommandArgs =>
  typeof v === 'object' && v !== null && typeof (v as Record<string, unknown>)['uri'] === 'string' && Number.isSafeInteger((v as Record<string, unknown>)['index']);

export function explainTestCase(ctx: ClientContext) {
  return async (arg?: unknown): Promise<void> => {
    if (!isTestCaseArgs(arg)) return;
    let result;
    try {
      result = await ctx.client.sendRequest(ExplainTestCaseRequest, arg);
    } catch (e) {
      ctx.output.error(`Explaining a test case failed: ${e instanceof Error ? e.message : String(e)}`);
      void window.showErrorMessage('Debug: explain: the language server did not answer; see "Kubernetes Audit Policy: Show Output".');
      return;
    }
    if (!result.ok) {
      void window.showErrorMessage(`Debug: explain: ${result.message}`);
      return;
    }
    const policy = await workspace.openTextDocument(ctx.client.protocol2CodeConverter.asUri(result.policyUri));
    const editor = await window.showTextDocument(policy, { preview: false });
    await showExplanation(ctx, editor, result, { testCase: result.caseName });
  };
}
