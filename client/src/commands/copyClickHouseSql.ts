// Kubernetes Audit Policy: Copy as ClickHouse SQL — the open policy compiled by the server (as
// `kube-audit-policy sql` compiles it) onto the clipboard, with a word on what to replace.
import { env, window } from 'vscode';
import { ClickHouseSqlRequest, type ClickHouseSqlResult } from '../../../server/src/protocol.ts';
import type { ClientContext } from '../clientContext.ts';
import { policyEditor } from './explainRequest.ts';

const TITLE = 'Copy as ClickHouse SQL';

export function copyClickHouseSql(ctx: ClientContext) {
  return async (): Promise<void> => {
    const editor = await policyEditor(undefined);
    if (!editor) {
      void window.showErrorMessage(`${TITLE}: open an audit policy (a YAML file) first.`);
      return;
    }
    let result: ClickHouseSqlResult;
    try {
      result = await ctx.client.sendRequest(ClickHouseSqlRequest, { textDocument: { uri: ctx.client.code2ProtocolConverter.asUri(editor.document.uri) } });
    } catch (e) {
      ctx.output.error(`${TITLE} failed: ${e instanceof Error ? e.message : String(e)}`);
      void window.showErrorMessage(`${TITLE}: the language server did not answer; see "Kubernetes Audit Policy: Show Output".`);
      return;
    }
    if (!result.ok) {
      void window.showErrorMessage(`${TITLE}: ${result.message}`);
      return;
    }
    await env.clipboard.writeText(result.sql);
    const refused = result.errors > 0 ? ` The policy has ${result.errors} error${result.errors === 1 ? '' : 's'} kube-apiserver would refuse it for; the rules that could be read were compiled.` : '';
    void window.showInformationMessage(
      `Copied the replay summary as ClickHouse SQL. It reads ${result.from} (column ${result.column}): replace that with your table, s3(...) or s3Cluster(...).${refused}`,
    );
  };
}
